// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import dev.meshscope.core.Failure;
import dev.meshscope.core.GatheringState;
import dev.meshscope.core.GodotError;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.TransferMode;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.core.WebRtcPeerConnection;
import dev.meshscope.core.WebRtcRuntime;
import dev.meshscope.core.sdp.SdpInfo;
import dev.meshscope.signaling.blob.Blob;
import dev.meshscope.signaling.blob.BlobCodec;
import dev.meshscope.signaling.blob.DescriptionKind;
import dev.meshscope.signaling.blob.Paste;
import dev.meshscope.signaling.blob.PasteExpectation;
import dev.meshscope.signaling.blob.PasteResult;
import dev.meshscope.signaling.message.MessageType;
import dev.meshscope.signaling.message.SignalJson;
import dev.meshscope.signaling.message.SignalMessage;
import java.io.PrintStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Manual (copy and paste) signaling for the agent, non-trickle: a description is printed only once ICE gathering
 * is complete, so it holds every candidate, one per line on stdout; pasted descriptions are judged with
 * {@link BlobCodec#decode} against what this peer expects, and a refused paste changes nothing.
 *
 * <p>Who offers follows the Godot demo: a client offers to the server (peer 1), the server never offers, in a mesh
 * the larger id offers to {@code --remote-id}. Everyone else waits for offers, from any acceptable peer.
 *
 * <p>Threads: every method runs on the agent's owner thread ({@link #start} and {@link #paste} are submitted to
 * it; {@link #poll} is one of its pollers).
 */
final class ManualSignaling {
    /**
     * Longest wait for ICE gathering: it takes ~100 ms on a LAN, but a rejected section never completes
     * (webrtc-java facts), so the description is sent with what was gathered by then.
     */
    static final long GATHER_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** How a description is printed. */
    enum Output {
        /** A MeshScope blob ("MSB1:..."). */
        BLOB,
        /** A browser {@code {"type","sdp"}} JSON, one line. */
        BROWSER,
        /** A Godot demo message {@code {"type":4|5,"id":<own id>,"data":sdp}}, one line. */
        DEMO
    }

    private record Gathering(WebRtcPeerConnection pc, DescriptionKind kind, long sinceNanos) {
    }

    private final WebRtcRuntime runtime;
    private final WebRtcMultiplayerPeer peer;
    private final int ownId;
    private final NetworkMode mode;
    private final List<TransferMode> channels;
    private final int remoteId;
    private final Output output;
    private final PrintStream stdout;
    private final Status status;
    private final EventWriter events;
    private final Set<Integer> pendingOffers = new LinkedHashSet<>();
    private final Map<Integer, Gathering> gathering = new LinkedHashMap<>();

    ManualSignaling(WebRtcRuntime runtime, WebRtcMultiplayerPeer peer, AgentSetup setup, PrintStream stdout,
                    Status status, EventWriter events) {
        this.runtime = runtime;
        this.peer = peer;
        this.ownId = setup.id();
        this.mode = setup.mode();
        this.channels = setup.channels();
        this.remoteId = setup.remoteId();
        this.output = setup.output();
        this.stdout = stdout;
        this.status = status;
        this.events = events;
    }

    /** The peer this agent offers to, or 0 when it waits for offers. */
    int offerTarget() {
        if (mode == NetworkMode.CLIENT) {
            return 1;
        }
        if (mode == NetworkMode.MESH && remoteId > 0 && ownId > remoteId) {
            return remoteId;
        }
        return 0;
    }

    /** Makes the offer when this peer is the one to offer; otherwise says what it waits for. */
    void start() {
        int target = offerTarget();
        if (target == 0) {
            status.say("waiting for an offer" + (remoteId > 0 ? " from peer " + remoteId : "")
                    + ": paste it here (a blob, a browser JSON or a demo message on one line, or a raw SDP ended by an "
                    + "empty line).");
            return;
        }
        WebRtcPeerConnection pc = new WebRtcPeerConnection(runtime);
        if (!added(pc, target)) {
            return;
        }
        GodotError e = pc.createOffer();
        if (e != GodotError.OK) {
            status.say("could not create the offer: " + why(pc.getLastFailure(), e));
            return;
        }
        pendingOffers.add(target);
        gathering.put(target, new Gathering(pc, DescriptionKind.OFFER, System.nanoTime()));
        status.say("making an offer for peer " + target + " (gathering candidates)...");
    }

    /** Judges and applies one paste. */
    void paste(String text) {
        PasteExpectation expect = PasteExpectation.of(ownId, mode, channels).withPendingOffers(pendingOffers)
                .assumingSender(remoteId).expecting(pendingOffers.isEmpty() && offerTarget() == 0
                        ? PasteExpectation.Expect.OFFER : PasteExpectation.Expect.ANY);
        PasteResult r = BlobCodec.decode(text, expect);
        if (!r.ok()) {
            status.say("paste refused (" + r.problem() + "): " + r.message() + " Nothing was changed.");
            events.agentEvent("PasteRefused", "problem", r.problem().name(), "message", r.message());
            return;
        }
        Paste p = r.paste();
        for (String w : r.warnings()) {
            status.say("note: " + w);
        }
        status.say("accepted " + r.message());
        events.agentEvent("PasteAccepted", "kind", p.kind().type(), "from", p.from(), "format", p.format().name(),
                "fingerprint", p.fingerprint());
        if (p.kind() == DescriptionKind.ANSWER) {
            if (!peer.hasPeer(p.from())) {
                pendingOffers.remove(p.from());
                status.say("peer " + p.from() + " was dropped while waiting for this answer (see above); restart the "
                        + "agent to make a new offer.");
                return;
            }
            WebRtcPeerConnection pc = peer.getPeer(p.from()).connection();
            GodotError e = pc.setRemoteDescription("answer", p.sdp());
            if (e != GodotError.OK) {
                status.say("the answer from peer " + p.from() + " could not be applied: " + why(pc.getLastFailure(), e));
                return;
            }
            pendingOffers.remove(p.from());
            status.say("answer from peer " + p.from() + " applied; connecting.");
            return;
        }
        if (peer.hasPeer(p.from())) {
            status.say("peer " + p.from() + " sent a new offer: replacing its old connection (Godot's add_peer does the same).");
        }
        WebRtcPeerConnection pc = new WebRtcPeerConnection(runtime);
        if (!added(pc, p.from())) {
            return;
        }
        GodotError e = pc.setRemoteDescription("offer", p.sdp());
        if (e != GodotError.OK) {
            status.say("the offer from peer " + p.from() + " could not be applied: " + why(pc.getLastFailure(), e));
            peer.removePeer(p.from());
            return;
        }
        gathering.put(p.from(), new Gathering(pc, DescriptionKind.ANSWER, System.nanoTime()));
        status.say("answering peer " + p.from() + " (gathering candidates)...");
    }

    /** Prints each description whose gathering completed (or timed out). Poller, after {@code peer.poll()}. */
    void poll() {
        for (Iterator<Map.Entry<Integer, Gathering>> it = gathering.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Integer, Gathering> en = it.next();
            Gathering g = en.getValue();
            String sdp = g.pc().getLocalDescription();
            boolean complete = g.pc().getGatheringState() == GatheringState.COMPLETE && !sdp.isEmpty();
            boolean late = System.nanoTime() - g.sinceNanos() > GATHER_TIMEOUT_NANOS;
            if (!complete && !late) {
                continue;
            }
            it.remove();
            if (sdp.isEmpty()) {
                status.say("no " + g.kind().type() + " for peer " + en.getKey() + " after "
                        + TimeUnit.NANOSECONDS.toSeconds(GATHER_TIMEOUT_NANOS) + " s: " + why(g.pc().getLastFailure(), GodotError.FAILED));
                continue;
            }
            if (late) {
                status.say("gathering for peer " + en.getKey() + " did not complete within "
                        + TimeUnit.NANOSECONDS.toSeconds(GATHER_TIMEOUT_NANOS) + " s; sending what was gathered.");
            }
            print(en.getKey(), g.kind(), sdp);
        }
    }

    private void print(int to, DescriptionKind kind, String sdp) {
        String line;
        try {
            line = switch (output) {
                case BLOB -> BlobCodec.encode(new Blob(kind, ownId, to, mode, channels, sdp));
                case BROWSER -> "{\"type\":\"" + kind.type() + "\",\"sdp\":" + SignalJson.MAPPER.writeValueAsString(sdp) + "}";
                case DEMO -> SignalJson.write(SignalMessage.of(kind == DescriptionKind.OFFER ? MessageType.OFFER
                        : MessageType.ANSWER, ownId, sdp));
            };
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
            status.say("cannot make the " + kind.type() + " for peer " + to + ": " + e.getMessage());
            return;
        }
        stdout.println(line);
        stdout.flush();
        String fp = fingerprintOf(sdp);
        status.say(kind.type() + " for peer " + to + " printed on stdout (fingerprint " + fp + "): paste it into peer "
                + to + (kind == DescriptionKind.OFFER ? ", then paste its answer here." : "."));
    }

    private boolean added(WebRtcPeerConnection pc, int id) {
        GodotError e = peer.addPeer(pc, id);
        if (e != GodotError.OK) {
            status.say("cannot add peer " + id + ": " + why(peer.getLastFailure(), e));
            pc.close();
            return false;
        }
        return true;
    }

    private static String fingerprintOf(String sdp) {
        try {
            return SdpInfo.parse(sdp).fingerprint();
        } catch (dev.meshscope.core.sdp.SdpException e) {
            return "unreadable";
        }
    }

    private static String why(Failure f, GodotError e) {
        return e + (f == null ? "" : ": " + f.reason());
    }
}
