// SPDX-License-Identifier: MIT
package dev.meshscope.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.core.testing.RuntimeExtension;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** add_peer's checks in Godot's order with Godot's codes, and the negotiated channel layout (spec 3.3, 3.4). */
@Tag("native")
class AddPeerChecksTest {
    @RegisterExtension
    static final RuntimeExtension RT = new RuntimeExtension();

    private final java.util.List<WebRtcPeerConnection> made = new java.util.ArrayList<>();

    private WebRtcPeerConnection fresh() {
        WebRtcPeerConnection pc = new WebRtcPeerConnection(RT.get());
        made.add(pc);
        return pc;
    }

    @org.junit.jupiter.api.AfterEach
    void closeMade() {
        made.forEach(WebRtcPeerConnection::close);
    }

    @Test
    void unconfiguredPeerRefusesEverythingFirst() {
        WebRtcMultiplayerPeer p = new WebRtcMultiplayerPeer();
        p.setRefuseNewConnections(true);
        assertThat(p.addPeer(null, -1, -1)).isEqualTo(GodotError.ERR_UNCONFIGURED);
    }

    @Test
    void clientAcceptsOnlyPeerOneBeforeAnyOtherCheck() {
        WebRtcMultiplayerPeer p = new WebRtcMultiplayerPeer();
        p.createClient(4);
        p.setRefuseNewConnections(true);
        assertThat(p.addPeer(null, 2, -1)).isEqualTo(GodotError.ERR_INVALID_PARAMETER);
        assertThat(p.getLastFailure().reason()).contains("only add the server");
    }

    @Test
    void serverRefusesPeerOne() {
        WebRtcMultiplayerPeer p = new WebRtcMultiplayerPeer();
        p.createServer();
        assertThat(p.addPeer(fresh(), 1)).isEqualTo(GodotError.ERR_INVALID_PARAMETER);
        assertThat(p.getLastFailure().reason()).contains("own id");
    }

    @Test
    void idRangeThenLifetimeThenRefusalThenNullThenState() {
        WebRtcMultiplayerPeer p = new WebRtcMultiplayerPeer();
        p.createMesh(2);
        p.setRefuseNewConnections(true);
        assertThat(p.addPeer(null, 0, -1)).isEqualTo(GodotError.ERR_INVALID_PARAMETER);
        assertThat(p.getLastFailure().reason()).contains("between 1 and");
        assertThat(p.addPeer(null, 3, -1)).isEqualTo(GodotError.ERR_INVALID_PARAMETER);
        assertThat(p.getLastFailure().reason()).contains("lifetime");
        assertThat(p.addPeer(null, 3, 1)).isEqualTo(GodotError.ERR_UNAUTHORIZED);
        p.setRefuseNewConnections(false);
        assertThat(p.addPeer(null, 3, 1)).isEqualTo(GodotError.ERR_INVALID_PARAMETER);
        assertThat(p.getLastFailure().reason()).contains("null");
        WebRtcPeerConnection closed = fresh();
        closed.close();
        assertThat(p.addPeer(closed, 3, 1)).isEqualTo(GodotError.ERR_INVALID_PARAMETER);
        assertThat(p.getLastFailure().reason()).contains("must be NEW");
        assertThat(p.hasPeer(3)).isFalse();
    }

    @Test
    void meshAcceptsPeerOneAndRefusalDoesNotTouchExistingPeers() {
        WebRtcMultiplayerPeer p = new WebRtcMultiplayerPeer();
        p.createMesh(2);
        assertThat(p.addPeer(fresh(), 1)).isEqualTo(GodotError.OK);
        p.setRefuseNewConnections(true);
        assertThat(p.addPeer(fresh(), 3)).isEqualTo(GodotError.ERR_UNAUTHORIZED);
        assertThat(p.getPeers().keySet()).containsExactly(1);
        p.close();
    }

    @Test
    void defaultChannelsAreNegotiatedOneTwoThreeWithGodotsLabelsAndLifetime() {
        WebRtcMultiplayerPeer p = new WebRtcMultiplayerPeer();
        p.createMesh(2);
        assertThat(p.addPeer(fresh(), 3, 7)).isEqualTo(GodotError.OK);
        List<WebRtcDataChannel> ch = p.getPeer(3).channels();
        assertThat(ch).extracting(WebRtcDataChannel::getId).containsExactly(1, 2, 3);
        assertThat(ch).extracting(WebRtcDataChannel::getLabel).containsExactly("reliable", "ordered", "unreliable");
        assertThat(ch).extracting(WebRtcDataChannel::isNegotiated).containsOnly(true);
        assertThat(ch).extracting(WebRtcDataChannel::isOrdered).containsExactly(true, true, false);
        assertThat(ch).extracting(WebRtcDataChannel::getMaxPacketLifeTime).containsExactly(-1, 7, 7);
        assertThat(ch).extracting(WebRtcDataChannel::getMaxRetransmits).containsOnly(-1);
        assertThat(ch).extracting(WebRtcDataChannel::getReadyState).containsOnly(ChannelState.CONNECTING);
        p.close();
    }

    @Test
    void extraChannelsTwoZeroOneGetIdsFourFiveSixLabelledByTheirId() {
        WebRtcMultiplayerPeer p = new WebRtcMultiplayerPeer();
        p.createServer(List.of(2, 0, 1));
        assertThat(p.addPeer(fresh(), 9)).isEqualTo(GodotError.OK);
        List<WebRtcDataChannel> ch = p.getPeer(9).channels();
        assertThat(ch).hasSize(6);
        assertThat(ch.subList(3, 6)).extracting(WebRtcDataChannel::getId).containsExactly(4, 5, 6);
        assertThat(ch.subList(3, 6)).extracting(WebRtcDataChannel::getLabel).containsExactly("4", "5", "6");
        assertThat(ch.subList(3, 6)).extracting(WebRtcDataChannel::isOrdered).containsExactly(true, false, true);
        assertThat(ch.subList(3, 6))
                .extracting(WebRtcDataChannel::getMaxPacketLifeTime)
                .containsExactly(-1, 1, 1);
        p.close();
    }

    @Test
    void replacingAnIdKeepsOrderAndClosesTheOldConnectionSilently() {
        WebRtcMultiplayerPeer p = new WebRtcMultiplayerPeer();
        p.createMesh(2);
        WebRtcPeerConnection first = fresh();
        p.addPeer(first, 5);
        p.addPeer(fresh(), 6);
        WebRtcPeerConnection second = fresh();
        assertThat(p.addPeer(second, 5)).isEqualTo(GodotError.OK);
        assertThat(p.getPeers().keySet()).containsExactly(5, 6);
        assertThat(p.getPeer(5).connection()).isSameAs(second);
        assertThat(first.getConnectionState()).isEqualTo(ConnectionState.CLOSED);
        p.close();
    }

    @Test
    void unknownPeersGiveReasonsNotExceptions() {
        WebRtcMultiplayerPeer p = new WebRtcMultiplayerPeer();
        p.createMesh(2);
        assertThat(p.getPeer(77)).isNull();
        assertThat(p.getLastFailure().reason()).contains("no peer 77");
        p.removePeer(77);
        p.disconnectPeer(77, false);
        assertThat(p.getLastFailure().operation()).isEqualTo("disconnectPeer");
        p.setTargetPeer(77);
        assertThat(p.putPacket(new byte[] {1})).isEqualTo(GodotError.ERR_INVALID_PARAMETER);
        assertThat(p.getLastFailure().reason()).isEqualTo("Invalid target peer: 77.");
    }

    @Test
    void unicastToAPeerNotYetConnectedFailsButBroadcastIgnoresIt() {
        WebRtcMultiplayerPeer p = new WebRtcMultiplayerPeer();
        p.createMesh(2);
        p.addPeer(fresh(), 3);
        p.setTargetPeer(3);
        assertThat(p.putPacket(new byte[] {1})).isEqualTo(GodotError.FAILED);
        assertThat(p.getLastFailure().reason()).contains("not open yet");
        p.setTargetPeer(0);
        assertThat(p.putPacket(new byte[] {1})).isEqualTo(GodotError.OK);
        assertThat(p.getPeer(3).channels().get(0).sendDrops()).isEqualTo(2);
        p.setTransferChannel(1);
        p.setTargetPeer(3);
        assertThat(p.putPacket(new byte[] {1})).isEqualTo(GodotError.ERR_INVALID_PARAMETER);
        assertThat(p.getLastFailure().reason()).contains("Unable to send packet on channel 3, max channels: 3");
        p.close();
    }
}
