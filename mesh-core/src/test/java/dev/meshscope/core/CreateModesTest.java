// SPDX-License-Identifier: MIT
package dev.meshscope.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.core.testing.RecordingListener;
import java.util.List;
import org.junit.jupiter.api.Test;

/** create_server / create_client / create_mesh, ids, statuses and channel configuration (spec 3.2). */
class CreateModesTest {

    @Test
    void serverIsIdOneAndConnectedAtOnceWithRelay() {
        WebRtcMultiplayerPeer p = new WebRtcMultiplayerPeer();
        assertThat(p.createServer()).isEqualTo(GodotError.OK);
        assertThat(p.getUniqueId()).isEqualTo(1);
        assertThat(p.getConnectionStatus()).isEqualTo(ConnectionStatus.CONNECTED);
        assertThat(p.isServerRelaySupported()).isTrue();
        assertThat(p.getNetworkMode()).isEqualTo(NetworkMode.SERVER);
    }

    @Test
    void clientIsConnectingUntilPeerOneConnectsAndSupportsRelay() {
        WebRtcMultiplayerPeer p = new WebRtcMultiplayerPeer();
        assertThat(p.createClient(5)).isEqualTo(GodotError.OK);
        assertThat(p.getUniqueId()).isEqualTo(5);
        assertThat(p.getConnectionStatus()).isEqualTo(ConnectionStatus.CONNECTING);
        assertThat(p.isServerRelaySupported()).isTrue();
    }

    @Test
    void clientCannotHaveIdOneAndNothingChanges() {
        WebRtcMultiplayerPeer p = new WebRtcMultiplayerPeer();
        assertThat(p.createClient(1)).isEqualTo(GodotError.ERR_INVALID_PARAMETER);
        assertThat(p.getLastFailure().reason()).isEqualTo("Clients cannot have ID 1.");
        assertThat(p.getConnectionStatus()).isEqualTo(ConnectionStatus.DISCONNECTED);
        assertThat(p.getNetworkMode()).isEqualTo(NetworkMode.NONE);
    }

    @Test
    void meshIsConnectedAtOnceWithoutRelayAndMayUseIdOne() {
        WebRtcMultiplayerPeer p = new WebRtcMultiplayerPeer();
        assertThat(p.createMesh(1)).isEqualTo(GodotError.OK);
        assertThat(p.getConnectionStatus()).isEqualTo(ConnectionStatus.CONNECTED);
        assertThat(p.isServerRelaySupported()).isFalse();
    }

    @Test
    void idsOutsideOneToIntMaxAreRefused() {
        WebRtcMultiplayerPeer p = new WebRtcMultiplayerPeer();
        assertThat(p.createMesh(0)).isEqualTo(GodotError.ERR_INVALID_PARAMETER);
        assertThat(p.createMesh(-5)).isEqualTo(GodotError.ERR_INVALID_PARAMETER);
        assertThat(p.createClient(Integer.MIN_VALUE)).isEqualTo(GodotError.ERR_INVALID_PARAMETER);
        assertThat(p.createMesh(Integer.MAX_VALUE)).isEqualTo(GodotError.OK);
        assertThat(p.getUniqueId()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void disconnectedPeerReportsUniqueIdOneWithAReason() {
        WebRtcMultiplayerPeer p = new WebRtcMultiplayerPeer();
        assertThat(p.getUniqueId()).isEqualTo(1);
        assertThat(p.getLastFailure().code()).isEqualTo(GodotError.ERR_UNCONFIGURED);
        assertThat(p.isServerRelaySupported()).isFalse();
    }

    @Test
    void channelConfigTakesTransferModesAsEnumsOrGodotInts() {
        WebRtcMultiplayerPeer p = new WebRtcMultiplayerPeer();
        assertThat(p.createMesh(3, List.of(2, TransferMode.UNRELIABLE, 1))).isEqualTo(GodotError.OK);
        assertThat(p.getChannelModes())
                .containsExactly(
                        TransferMode.RELIABLE,
                        TransferMode.UNRELIABLE_ORDERED,
                        TransferMode.UNRELIABLE,
                        TransferMode.RELIABLE,
                        TransferMode.UNRELIABLE,
                        TransferMode.UNRELIABLE_ORDERED);
    }

    @Test
    void aFloatOrUnknownModeInTheConfigIsRefusedAndChangesNothing() {
        WebRtcMultiplayerPeer p = new WebRtcMultiplayerPeer();
        p.createMesh(3, List.of(0));
        assertThat(p.createMesh(4, List.of(2, 2.0))).isEqualTo(GodotError.ERR_INVALID_PARAMETER);
        assertThat(p.getLastFailure().reason()).contains("Double");
        assertThat(p.createServer(List.of(1, 7))).isEqualTo(GodotError.ERR_INVALID_PARAMETER);
        assertThat(p.getLastFailure().reason()).contains("Got: 7");
        assertThat(p.getUniqueId()).isEqualTo(3);
        assertThat(p.getNetworkMode()).isEqualTo(NetworkMode.MESH);
        assertThat(p.getChannelModes()).hasSize(4).endsWith(TransferMode.UNRELIABLE);
    }

    @Test
    void generatedIdsAreInGodotsRange() {
        WebRtcMultiplayerPeer p = new WebRtcMultiplayerPeer();
        for (int i = 0; i < 10_000; i++) {
            assertThat(p.generateUniqueId()).isBetween(2, Integer.MAX_VALUE);
        }
    }

    @Test
    void closeResetsEverythingAndEmitsEvents() {
        WebRtcMultiplayerPeer p = new WebRtcMultiplayerPeer();
        RecordingListener r = new RecordingListener();
        p.addEventListener(r);
        p.createMesh(9, List.of(2));
        p.setTargetPeer(4);
        p.close();
        assertThat(p.getConnectionStatus()).isEqualTo(ConnectionStatus.DISCONNECTED);
        assertThat(p.getNetworkMode()).isEqualTo(NetworkMode.NONE);
        assertThat(p.getChannelModes()).isEmpty();
        assertThat(p.targetPeer()).isZero();
        assertThat(r.events)
                .extracting(e -> e.getClass().getSimpleName())
                .containsExactly("Snapshot", "Created", "StatusChanged", "Closed", "StatusChanged");
        assertThat(r.of(MeshEvent.StatusChanged.class))
                .extracting(MeshEvent.StatusChanged::to)
                .containsExactly(ConnectionStatus.CONNECTED, ConnectionStatus.DISCONNECTED);
    }

    @Test
    void putPacketBeforeCreateIsUnconfiguredAndGetPacketIsUnavailable() {
        WebRtcMultiplayerPeer p = new WebRtcMultiplayerPeer();
        assertThat(p.putPacket(new byte[] {1})).isEqualTo(GodotError.ERR_UNCONFIGURED);
        assertThat(p.getAvailablePacketCount()).isZero();
        assertThat(p.getPacket()).isEmpty();
        assertThat(p.getPacketError()).isEqualTo(GodotError.ERR_UNAVAILABLE);
    }

    @Test
    void internalChannelFollowsTransferModeOnChannelZeroAndIgnoresItAbove() {
        WebRtcMultiplayerPeer p = new WebRtcMultiplayerPeer();
        p.setTransferMode(TransferMode.RELIABLE);
        assertThat(p.internalChannel()).isEqualTo(0);
        p.setTransferMode(TransferMode.UNRELIABLE_ORDERED);
        assertThat(p.internalChannel()).isEqualTo(1);
        p.setTransferMode(TransferMode.UNRELIABLE);
        assertThat(p.internalChannel()).isEqualTo(2);
        p.setTransferChannel(1);
        assertThat(p.internalChannel()).isEqualTo(3);
        p.setTransferMode(TransferMode.RELIABLE);
        p.setTransferChannel(4);
        assertThat(p.internalChannel()).isEqualTo(6);
    }

    @Test
    void anotherThreadIsToldWhichThreadOwnsThePeer() throws Exception {
        WebRtcMultiplayerPeer p = new WebRtcMultiplayerPeer();
        p.createMesh(2);
        Throwable[] caught = new Throwable[1];
        Thread t = new Thread(
                () -> {
                    try {
                        p.poll();
                    } catch (Throwable e) {
                        caught[0] = e;
                    }
                },
                "intruder");
        t.start();
        t.join(10_000);
        assertThat(caught[0])
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("intruder")
                .hasMessageContaining(Thread.currentThread().getName());
    }
}
