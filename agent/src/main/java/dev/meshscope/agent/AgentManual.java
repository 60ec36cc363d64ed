// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.core.sdp.SdpException;
import dev.meshscope.core.sdp.SdpInfo;
import dev.meshscope.signaling.blob.DescriptionKind;
import dev.meshscope.signaling.message.MessageType;
import dev.meshscope.signaling.message.SignalJson;
import dev.meshscope.signaling.message.SignalMessage;
import dev.meshscope.signaling.session.ExchangeInput;
import dev.meshscope.signaling.session.ExchangeReport;
import dev.meshscope.signaling.session.ManualExchange;
import dev.meshscope.signaling.session.NativeExchangeLink;
import dev.meshscope.signaling.session.PeerWiring;
import java.io.PrintStream;

/**
 * The agent's end of manual (copy and paste) signaling: signaling-file's {@link ManualExchange}, the same state
 * machine and rules as the window's, with its descriptions printed one per line on stdout (as a blob, a browser
 * JSON or a demo message) and its progress and problems on stderr and in the event file.
 *
 * <p>Who offers follows the Godot demo: a client offers to the server (peer 1), the server never offers, in a mesh
 * the larger id offers to {@code --remote-id}. Everyone else waits for offers.
 *
 * <p>Threads: every method runs on the agent's owner thread ({@link #start} and {@link #paste} are submitted to
 * it, {@link #tick} is one of its pollers, {@link #onEvent} the peer's event listener).
 */
final class AgentManual {
    /** How a description is printed. */
    enum Output {
        /** A MeshScope blob ("MSB1:..."). */
        BLOB,
        /** A browser {@code {"type","sdp"}} JSON, one line. */
        BROWSER,
        /** A Godot demo message {@code {"type":4|5,"id":<own id>,"data":sdp}}, one line. */
        DEMO
    }

    private final AgentSetup setup;
    private final PrintStream stdout;
    private final Status status;
    private final EventWriter events;
    private final ManualExchange exchange;

    AgentManual(
            WebRtcMultiplayerPeer peer,
            PeerWiring wiring,
            AgentSetup setup,
            PrintStream stdout,
            Status status,
            EventWriter events) {
        this.setup = setup;
        this.stdout = stdout;
        this.status = status;
        this.events = events;
        this.exchange = new ManualExchange(new NativeExchangeLink(peer, wiring), this::report, System::nanoTime);
        exchange.setGatherTimeout(setup.gatherTimeout());
    }

    /** The peer this agent offers to, or 0 when it waits for offers. */
    int offerTarget() {
        if (setup.mode() == NetworkMode.CLIENT) {
            return 1;
        }
        if (setup.mode() == NetworkMode.MESH && setup.remoteId() > 0 && setup.id() > setup.remoteId()) {
            return setup.remoteId();
        }
        return 0;
    }

    /** Makes the offer when this peer is the one to offer; otherwise says what it waits for. */
    void start() {
        int target = offerTarget();
        if (target == 0) {
            status.say("waiting for an offer" + (setup.remoteId() > 0 ? " from peer " + setup.remoteId() : "")
                    + ": paste it here (a blob, a browser JSON or a demo message on one line, or a raw SDP ended by an "
                    + "empty line).");
            return;
        }
        exchange.on(new ExchangeInput.Offer(target));
    }

    /** Judges and applies one paste. */
    void paste(String text) {
        exchange.on(new ExchangeInput.Pasted(text, setup.remoteId()));
    }

    /** Fails exchanges whose gathering outlasted the timeout. A poller of the owner thread. */
    void tick() {
        exchange.on(new ExchangeInput.Tick(System.nanoTime()));
    }

    /** The multiplayer peer's event listener. */
    void onEvent(MeshEvent e) {
        exchange.onEvent(e);
    }

    private void report(ExchangeReport r) {
        if (r instanceof ExchangeReport.Ready ready) {
            print(ready);
        } else if (r instanceof ExchangeReport.Failed f) {
            status.say(f.step().label() + " failed: " + f.text());
            events.agentEvent(
                    "ExchangeFailed",
                    "peerId",
                    f.peerId(),
                    "step",
                    f.step().name(),
                    "stepLabel",
                    f.step().label(),
                    "ended",
                    f.ended(),
                    "message",
                    f.text());
        } else if (r instanceof ExchangeReport.Refused refused) {
            status.say(refused.text());
            events.agentEvent(
                    "PasteRefused", "peerId", refused.peerId(), "problem", refused.reason(), "message", refused.text());
        } else if (r instanceof ExchangeReport.Accepted a) {
            status.say(a.text());
            events.agentEvent(
                    "PasteAccepted",
                    "kind",
                    a.paste().kind().type(),
                    "from",
                    a.paste().from(),
                    "format",
                    a.paste().format().name(),
                    "fingerprint",
                    a.paste().fingerprint());
        } else {
            status.say(r.text());
        }
    }

    private void print(ExchangeReport.Ready r) {
        String line;
        try {
            line = switch (setup.output()) {
                case BLOB -> r.blob();
                case BROWSER ->
                    "{\"type\":\"" + r.kind().type() + "\",\"sdp\":" + SignalJson.MAPPER.writeValueAsString(r.sdp())
                            + "}";
                case DEMO ->
                    SignalJson.write(SignalMessage.of(
                            r.kind() == DescriptionKind.OFFER ? MessageType.OFFER : MessageType.ANSWER,
                            setup.id(),
                            r.sdp()));
            };
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
            status.say("cannot write the " + r.kind().type() + " for peer " + r.peerId() + ": " + e.getMessage());
            return;
        }
        stdout.println(line);
        stdout.flush();
        events.agentEvent(
                "DescriptionReady", "peerId", r.peerId(), "kind", r.kind().type());
        status.say(r.kind().type() + " for peer " + r.peerId() + " printed on stdout (fingerprint "
                + fingerprintOf(r.sdp())
                + "): paste it into peer " + r.peerId()
                + (r.kind() == DescriptionKind.OFFER ? ", then paste its answer here." : "."));
    }

    private static String fingerprintOf(String sdp) {
        try {
            return SdpInfo.parse(sdp).fingerprint();
        } catch (SdpException e) {
            return "unreadable";
        }
    }
}
