// SPDX-License-Identifier: MIT
package dev.meshscope.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.core.ChannelState;
import dev.meshscope.core.ConnectionState;
import dev.meshscope.core.DataChannelOptions;
import dev.meshscope.core.GatheringState;
import dev.meshscope.core.GodotError;
import dev.meshscope.core.WebRtcDataChannel;
import dev.meshscope.core.WebRtcPeerConnection;
import dev.meshscope.core.WebRtcRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One end of a connected pair, the one fixture for tests of single connections (like pion's {@code signalPair}):
 * a {@link WebRtcPeerConnection} with Godot's three negotiated channels and everything it signalled. Two ends
 * are connected with {@link #connect}, optionally through a hook that tampers with each description in transit.
 * Test thread only; close with {@link #close()}.
 */
public final class SignalEnd implements AutoCloseable {
    /** The connection. */
    public final WebRtcPeerConnection pc;
    /** Descriptions signalled, as {type, sdp}, in order. */
    public final List<String[]> descriptions = new ArrayList<>();
    /** Candidates signalled, as {mid, candidate}, in order. */
    public final List<String[]> candidates = new ArrayList<>();
    /** Channels 1 "reliable", 2 "ordered", 3 "unreliable". */
    public final List<WebRtcDataChannel> channels = new ArrayList<>();

    /** Godot's channels with Godot's 1 ms lifetime on "ordered" and "unreliable". */
    public SignalEnd(WebRtcRuntime rt) {
        this(rt, 1);
    }

    /** Godot's channels, "ordered" and "unreliable" with a packet lifetime of {@code lifetimeMs}. */
    public SignalEnd(WebRtcRuntime rt, int lifetimeMs) {
        pc = new WebRtcPeerConnection(rt);
        channels.add(pc.createDataChannel("reliable", DataChannelOptions.negotiated(1)));
        channels.add(
                pc.createDataChannel("ordered", DataChannelOptions.negotiated(2).withMaxPacketLifeTime(lifetimeMs)));
        channels.add(pc.createDataChannel(
                "unreliable",
                DataChannelOptions.negotiated(3)
                        .withMaxPacketLifeTime(lifetimeMs)
                        .withOrdered(false)));
        pc.addListener(new WebRtcPeerConnection.Listener() {
            @Override
            public void sessionDescriptionCreated(String type, String sdp) {
                descriptions.add(new String[] {type, sdp});
            }

            @Override
            public void iceCandidateCreated(String media, int index, String name) {
                candidates.add(new String[] {media, name});
            }
        });
    }

    /** Creates the offer and returns it as first signalled (trickle: without candidates). */
    public String offer() {
        assertThat(pc.createOffer()).isEqualTo(GodotError.OK);
        Pump.until("offer created", () -> !descriptions.isEmpty(), pc::poll);
        return descriptions.get(0)[1];
    }

    /** Waits for gathering to complete and returns the description with every candidate (non-trickle). */
    public String complete() {
        Pump.until("gathering complete", () -> pc.getGatheringState() == GatheringState.COMPLETE, pc::poll);
        return pc.getLocalDescription();
    }

    /** True when the connection and all three channels are open. */
    public boolean open() {
        return pc.getConnectionState() == ConnectionState.CONNECTED
                && channels.stream().allMatch(c -> c.getReadyState() == ChannelState.OPEN);
    }

    /** Connects {@code offerer} and {@code answerer} non-trickle, as MeshScope's manual mode does. */
    public static void connect(SignalEnd offerer, SignalEnd answerer) {
        connect(offerer, answerer, UnaryOperator.identity());
    }

    /**
     * Connects the pair non-trickle, passing each complete description through {@code tamper} on its way; both
     * descriptions must still be accepted, and the pair must connect.
     */
    public static void connect(SignalEnd offerer, SignalEnd answerer, UnaryOperator<String> tamper) {
        offerer.offer();
        String offer = tamper.apply(offerer.complete());
        assertThat(answerer.pc.setRemoteDescription("offer", offer)).isEqualTo(GodotError.OK);
        String answer = tamper.apply(answerer.complete());
        assertThat(offerer.pc.setRemoteDescription("answer", answer)).isEqualTo(GodotError.OK);
        Pump.until("connected", () -> offerer.open() && answerer.open(), offerer.pc::poll, answerer.pc::poll);
    }

    @Override
    public void close() {
        pc.close();
    }
}
