// SPDX-License-Identifier: MIT
package dev.meshscope.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.core.testing.Pump;
import dev.meshscope.core.testing.RuntimeExtension;
import dev.meshscope.core.testing.SignalEnd;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each protocol step of WebRtcPeerConnection with its negative twin: a good description, candidate or
 * packet goes through; a tampered, misaddressed or late one gets a GodotError and a reason and changes
 * nothing, so the good one still works afterwards.
 */
@Tag("native")
class SignalingStepsTest {
    @RegisterExtension
    static final RuntimeExtension RT = new RuntimeExtension();

    private final List<WebRtcPeerConnection> open = new ArrayList<>();

    @AfterEach
    void closeAll() {
        open.forEach(WebRtcPeerConnection::close);
    }

    /** A fresh end, closed after the test. */
    private SignalEnd end() {
        return end(1);
    }

    private SignalEnd end(int lifetimeMs) {
        SignalEnd e = new SignalEnd(RT.get(), lifetimeMs);
        open.add(e.pc);
        return e;
    }

    private static void connectNonTrickle(SignalEnd a, SignalEnd b) {
        SignalEnd.connect(a, b);
    }

    @Test
    void nonTrickleDescriptionsCarryEveryCandidateAndConnect() {
        SignalEnd a = end();
        SignalEnd b = end();
        connectNonTrickle(a, b);
        assertThat(a.pc.getLocalDescription()).contains("a=candidate:").endsWith("\r\n");
        assertThat(a.pc.getSignalingState()).isEqualTo(SignalingState.STABLE);
    }

    @Test
    void garbageTruncatedAndEmptyDescriptionsAreRefusedAndTheGoodOneStillWorks() {
        SignalEnd a = end();
        SignalEnd b = end();
        a.offer();
        String offer = a.complete();
        assertThat(b.pc.setRemoteDescription("offer", "hello there")).isEqualTo(GodotError.FAILED);
        assertThat(b.pc.getLastFailure().reason()).contains("must start with \"v=0\"");
        assertThat(b.pc.setRemoteDescription("offer", "")).isEqualTo(GodotError.FAILED);
        assertThat(b.pc.setRemoteDescription("offer", offer.substring(0, offer.length() / 3)))
                .isEqualTo(GodotError.FAILED);
        assertThat(b.pc.setRemoteDescription("rollback", offer)).isEqualTo(GodotError.ERR_INVALID_PARAMETER);
        assertThat(b.pc.getSignalingState()).isEqualTo(SignalingState.STABLE);
        assertThat(b.pc.setRemoteDescription("offer", offer)).isEqualTo(GodotError.OK);
        String answer = b.complete();
        assertThat(a.pc.setRemoteDescription("answer", answer)).isEqualTo(GodotError.OK);
        Pump.until("connected", () -> a.open() && b.open(), a.pc::poll, b.pc::poll);
    }

    @Test
    void lfOnlyLineEndingsWithoutTheFinalNewlineAreNormalisedAndAccepted() {
        SignalEnd a = end();
        SignalEnd b = end();
        a.offer();
        String pasted = a.complete().replace("\r\n", "\n").strip();
        assertThat(b.pc.setRemoteDescription("offer", "  " + pasted + "  ")).isEqualTo(GodotError.OK);
        assertThat(a.pc.setRemoteDescription("answer", b.complete().replace("\r\n", "\r")))
                .isEqualTo(GodotError.OK);
        Pump.until("connected", () -> a.open() && b.open(), a.pc::poll, b.pc::poll);
    }

    @Test
    void tamperedDescriptionsGetASpecificReason() {
        SignalEnd a = end();
        a.offer();
        String offer = a.complete();
        SignalEnd b = end();
        assertThat(b.pc.setRemoteDescription("offer", offer.replaceAll("a=fingerprint:[^\r]*\r\n", "")))
                .isEqualTo(GodotError.FAILED);
        assertThat(b.pc.getLastFailure().reason()).contains("no DTLS fingerprint");
        assertThat(b.pc.setRemoteDescription("offer", offer.replaceFirst("m=application \\d+", "m=application 0")))
                .isEqualTo(GodotError.FAILED);
        assertThat(b.pc.getLastFailure().reason()).contains("rejected the data channel section");
        assertThat(b.pc.setRemoteDescription("offer", offer.replaceAll("m=application[^\r]*\r\n", "")))
                .isEqualTo(GodotError.FAILED);
        assertThat(b.pc.getLastFailure().reason()).contains("no data channel section");
        assertThat(b.pc.setRemoteDescription(
                        "offer",
                        offer.replace(
                                "a=fingerprint:sha-256 ",
                                "a=fingerprint:sha-256 " + "00:".repeat(31) + "00\r\na=fingerprint:sha-256 ")))
                .isEqualTo(GodotError.FAILED);
        assertThat(b.pc.getLastFailure().reason()).contains("two different sha-256 DTLS fingerprints");
        assertThat(b.pc.setRemoteDescription("offer", offer.replace("a=setup:actpass", "a=setup:active")))
                .isEqualTo(GodotError.FAILED);
        assertThat(b.pc.getLastFailure().reason()).contains("This is an answer, not an offer");
        assertThat(b.pc.getSignalingState()).isEqualTo(SignalingState.STABLE);
        assertThat(b.pc.setRemoteDescription("offer", offer)).isEqualTo(GodotError.OK);
    }

    @Test
    void anOfferGivenAsAnAnswerOrAnAnswerWithoutOurOfferIsRefused() {
        SignalEnd a = end();
        SignalEnd b = end();
        a.offer();
        String offer = a.complete();
        assertThat(b.pc.setRemoteDescription("answer", offer)).isEqualTo(GodotError.FAILED);
        assertThat(b.pc.getLastFailure().reason()).contains("This is an offer, not an answer");
        assertThat(b.pc.setRemoteDescription("offer", offer)).isEqualTo(GodotError.OK);
        String answer = b.complete();
        SignalEnd c = end();
        assertThat(c.pc.setRemoteDescription("answer", answer)).isEqualTo(GodotError.FAILED);
        assertThat(c.pc.getLastFailure().reason()).contains("Paste the answer into the peer that made the offer");
        assertThat(b.pc.setRemoteDescription("offer", offer)).isEqualTo(GodotError.FAILED);
        assertThat(a.pc.setRemoteDescription("answer", answer)).isEqualTo(GodotError.OK);
        Pump.until("connected", () -> a.open() && b.open(), a.pc::poll, b.pc::poll);
    }

    @Test
    void candidatesBeforeTheRemoteDescriptionAreHeldNotLost() {
        SignalEnd a = end();
        SignalEnd b = end();
        String trickleOffer = a.offer();
        assertThat(trickleOffer).doesNotContain("a=candidate:");
        Pump.until("candidates gathered", () -> a.pc.getGatheringState() == GatheringState.COMPLETE, a.pc::poll);
        assertThat(a.candidates).isNotEmpty();
        for (String[] c : a.candidates) {
            assertThat(b.pc.addIceCandidate(c[0], 0, c[1])).isEqualTo(GodotError.OK);
        }
        assertThat(b.pc.heldCandidateCount()).isEqualTo(a.candidates.size());
        assertThat(b.pc.setRemoteDescription("offer", trickleOffer)).isEqualTo(GodotError.OK);
        Pump.until("answer", () -> !b.descriptions.isEmpty(), b.pc::poll);
        assertThat(b.pc.heldCandidateCount()).isZero();
        assertThat(a.pc.setRemoteDescription("answer", b.descriptions.get(0)[1]))
                .isEqualTo(GodotError.OK);
        Pump.until("b's candidates", () -> b.pc.getGatheringState() == GatheringState.COMPLETE, b.pc::poll);
        for (String[] c : b.candidates) {
            assertThat(a.pc.addIceCandidate(c[0], 0, c[1])).isEqualTo(GodotError.OK);
        }
        Pump.until("connected with trickled candidates only", () -> a.open() && b.open(), a.pc::poll, b.pc::poll);
    }

    @Test
    void garbageAndMisaddressedCandidatesAreRefused() {
        SignalEnd a = end();
        SignalEnd b = end();
        a.offer();
        assertThat(b.pc.setRemoteDescription("offer", a.complete())).isEqualTo(GodotError.OK);
        Pump.until("remote applied", () -> !b.descriptions.isEmpty(), b.pc::poll);
        String good = a.candidates.get(0)[1];
        assertThat(b.pc.addIceCandidate("0", 0, "garbage")).isEqualTo(GodotError.FAILED);
        assertThat(b.pc.addIceCandidate("0", 0, "candidate:1 1 udp")).isEqualTo(GodotError.FAILED);
        assertThat(b.pc.addIceCandidate("0", 0, good.replace(" udp ", " sctp ")))
                .isEqualTo(GodotError.FAILED);
        assertThat(b.pc.addIceCandidate("", 0, good)).isEqualTo(GodotError.ERR_INVALID_PARAMETER);
        assertThat(b.pc.addIceCandidate("audio", 0, good)).isEqualTo(GodotError.ERR_INVALID_PARAMETER);
        assertThat(b.pc.getLastFailure().reason()).contains("belongs to another connection");
        assertThat(b.pc.addIceCandidate("0", 0, good)).isEqualTo(GodotError.OK);
        assertThat(b.pc.addIceCandidate("0", 0, "a=" + good)).isEqualTo(GodotError.OK);
    }

    @Test
    void packetsAtTheSizeLimitArriveAndLargerOnesAreRefusedWithoutClosingTheChannel() {
        SignalEnd a = end();
        SignalEnd b = end();
        connectNonTrickle(a, b);
        WebRtcDataChannel reliable = a.channels.get(0);
        assertThat(reliable.getMaxMessageSize()).isEqualTo(262144);
        assertThat(reliable.putPacket(new byte[262144])).isEqualTo(GodotError.OK);
        assertThat(reliable.putPacket(new byte[262145]))
                .as("Godot native: send throws, FAILED")
                .isEqualTo(GodotError.FAILED);
        assertThat(a.pc.getLastFailure().reason()).contains("larger than the 262144 bytes");
        assertThat(reliable.sendDrops()).isEqualTo(1);
        assertThat(reliable.putPacket(new byte[] {42})).isEqualTo(GodotError.OK);
        Pump.until(
                "both reliable packets arrived",
                () -> b.channels.get(0).getAvailablePacketCount() == 2,
                a.pc::poll,
                b.pc::poll);
        assertThat(b.channels.get(0).getPacket()).hasSize(262144);
        assertThat(b.channels.get(0).getPacket()).containsExactly(42);
        assertThat(reliable.getReadyState()).isEqualTo(ChannelState.OPEN);
    }

    /**
     * Godot sends up to the negotiated 262144 bytes on every channel, so does mesh-core: with a generous lifetime
     * every size arrives on both partially reliable channels; with Godot's 1 ms lifetime a large message may be
     * abandoned by SCTP (that is what the lifetime means), but it is accepted, never refused, and the channel stays
     * open.
     */
    @Test
    void partiallyReliableChannelsCarryMessagesUpToTheNegotiatedSizeAsGodotDoes() {
        int[] sizes = {65536, 65537, 131072, 262144};
        SignalEnd a = end(60_000);
        SignalEnd b = end(60_000);
        connectNonTrickle(a, b);
        for (int ch = 1; ch <= 2; ch++) {
            WebRtcDataChannel out = a.channels.get(ch);
            assertThat(out.getMaxMessageSize())
                    .as("no 64 KiB cap on %s", out.getLabel())
                    .isEqualTo(262144);
            for (int size : sizes) {
                assertThat(out.putPacket(pattern(size)))
                        .as("%s, %d bytes", out.getLabel(), size)
                        .isEqualTo(GodotError.OK);
            }
            assertThat(out.putPacket(new byte[262145])).isEqualTo(GodotError.FAILED);
            WebRtcDataChannel in = b.channels.get(ch);
            List<byte[]> got = new ArrayList<>();
            Pump.until(
                    out.getLabel() + ": every size arrived",
                    () -> {
                        while (in.getAvailablePacketCount() > 0) {
                            got.add(in.getPacket());
                        }
                        return got.size() == sizes.length;
                    },
                    a.pc::poll,
                    b.pc::poll);
            for (byte[] g : got) {
                assertThat(g).as("intact").isEqualTo(pattern(g.length));
            }
            assertThat(got.stream().map(g -> g.length).sorted().toList()).containsExactly(65536, 65537, 131072, 262144);
            assertThat(out.getReadyState()).isEqualTo(ChannelState.OPEN);
        }
        SignalEnd c = end(1);
        SignalEnd d = end(1);
        connectNonTrickle(c, d);
        WebRtcDataChannel ordered = c.channels.get(1);
        assertThat(ordered.putPacket(pattern(262144)))
                .as("1 ms lifetime: accepted like Godot")
                .isEqualTo(GodotError.OK);
        assertThat(ordered.sendDrops()).isZero();
        assertThat(c.channels.get(0).putPacket(new byte[] {7})).isEqualTo(GodotError.OK);
        Pump.until(
                "marker after the large message",
                () -> d.channels.get(0).getAvailablePacketCount() == 1,
                c.pc::poll,
                d.pc::poll);
        assertThat(ordered.getReadyState()).isEqualTo(ChannelState.OPEN);
        assertThat(ordered.putPacket(new byte[] {1})).isEqualTo(GodotError.OK);
    }

    private static byte[] pattern(int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i * 31 + size);
        }
        return data;
    }

    @Test
    void aFullSendQueueRefusesMoreInsteadOfLettingLibwebrtcCloseTheChannel() {
        SignalEnd a = end();
        SignalEnd b = end();
        connectNonTrickle(a, b);
        WebRtcDataChannel out = a.channels.get(0);
        byte[] chunk = new byte[65536];
        int busy = 0;
        for (int i = 0; i < 4000 && busy == 0; i++) {
            if (out.putPacket(chunk) == GodotError.ERR_BUSY) {
                busy++;
            }
        }
        assertThat(busy).as("the safety bound was reached").isEqualTo(1);
        assertThat(a.pc.getLastFailure().reason()).contains("send queue holds");
        long sent = out.messagesSent();
        WebRtcDataChannel in = b.channels.get(0);
        Pump.until(
                "every accepted packet arrived",
                () -> {
                    while (in.getAvailablePacketCount() > 0) {
                        in.getPacket();
                    }
                    return in.messagesReceived() == sent;
                },
                a.pc::poll,
                b.pc::poll);
        assertThat(out.getReadyState()).isEqualTo(ChannelState.OPEN);
        assertThat(out.putPacket(chunk)).isEqualTo(GodotError.OK);
    }

    @Test
    void aClosedChannelRefusesPacketsWithAReason() {
        SignalEnd a = end();
        SignalEnd b = end();
        connectNonTrickle(a, b);
        b.channels.get(1).close();
        Pump.until(
                "a sees the channel close",
                () -> a.channels.get(1).getReadyState() == ChannelState.CLOSED,
                a.pc::poll,
                b.pc::poll);
        assertThat(a.channels.get(1).putPacket(new byte[] {1})).isEqualTo(GodotError.FAILED);
        assertThat(a.pc.getLastFailure().reason()).contains("DataChannel is closed");
        assertThat(a.channels.get(0).putPacket(new byte[] {1})).isEqualTo(GodotError.OK);
    }

    @Test
    void createOfferTwiceOrAfterAnswerIsRefused() {
        SignalEnd a = end();
        a.offer();
        assertThat(a.pc.createOffer()).isEqualTo(GodotError.FAILED);
        assertThat(a.pc.createDataChannel("late", DataChannelOptions.negotiated(9)))
                .isNull();
        assertThat(a.pc.getLastFailure().reason()).contains("before the offer");
        a.pc.close();
        assertThat(a.pc.createOffer()).as("closed: native Godot's FAILED").isEqualTo(GodotError.FAILED);
        assertThat(a.pc.getLastFailure().reason()).contains("closed");
        assertThat(a.pc.setRemoteDescription("offer", "v=0")).isEqualTo(GodotError.FAILED);
        assertThat(a.pc.addIceCandidate("0", 0, "candidate:1 1 udp 1 10.0.0.1 9 typ host"))
                .isEqualTo(GodotError.FAILED);
    }

    @Test
    void badIceServersAreRefusedAndTheConnectionKeepsItsOldConfiguration() {
        SignalEnd a = end();
        assertThat(a.pc.initialize(RtcConfiguration.withServers(
                        List.of(new RtcConfiguration.IceServer(List.of("http://example.org"), "", "")))))
                .isEqualTo(GodotError.FAILED);
        assertThat(a.pc.getLastFailure().reason()).contains("must start with stun:");
        assertThat(a.pc.initialize(RtcConfiguration.withServers(
                        List.of(new RtcConfiguration.IceServer(List.of("turn:relay.example.org"), "", "")))))
                .isEqualTo(GodotError.FAILED);
        assertThat(a.pc.getLastFailure().reason()).contains("needs a username and a credential");
        assertThat(a.pc.getChannels()).hasSize(3);
        assertThat(a.pc.getConnectionState()).isEqualTo(ConnectionState.NEW);
    }
}
