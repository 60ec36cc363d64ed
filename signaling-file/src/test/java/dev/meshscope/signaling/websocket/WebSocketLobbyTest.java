// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshscope.core.ConnectionStatus;
import dev.meshscope.core.GodotError;
import dev.meshscope.core.PeerInfo;
import dev.meshscope.core.TransferMode;
import dev.meshscope.core.WebRtcPeerConnection;
import dev.meshscope.core.testing.RuntimeExtension;
import dev.meshscope.signaling.message.MessageType;
import dev.meshscope.signaling.message.SignalJson;
import dev.meshscope.signaling.message.SignalMessage;
import dev.meshscope.signaling.timeline.SignalTrace;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Real lobby sessions (MeshThread, real webrtc-java peers) over the WebSocket transport on real sockets: two peers
 * meet through a relay and carry packets on all three channels; a tampered offer is refused without replacing a
 * connection; every bad server message leaves the session as it was; the server closing mid-negotiation stops it.
 */
@Tag("native")
class WebSocketLobbyTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final RuntimeExtension RT = new RuntimeExtension();

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private LobbyPeer peer(WebSocketOptions options) {
        LobbyPeer p = new LobbyPeer(RT.get(), options);
        open.add(p);
        return p;
    }

    private RelayServer relay(UnaryOperator<SignalMessage> tamper) throws InterruptedException {
        RelayServer r = RelayServer.run(tamper);
        open.add(r);
        return r;
    }

    private static boolean connectedTo(LobbyPeer p, int id) {
        return p.query(() -> {
            PeerInfo info = p.peer.getPeer(id);
            return info != null && info.connected();
        });
    }

    @Test
    void twoSessionsMeetThroughARelayAndCarryAPacketOnEachChannelBothWays() throws Exception {
        RelayServer relay = relay(m -> m);
        LobbyPeer host = peer(WebSocketOptions.of(relay.url(), "", true));
        await("host joined").atMost(WAIT).until(() -> RelayServer.LOBBY.equals(host.lobbyName));
        LobbyPeer two = peer(WebSocketOptions.of(relay.url(), host.lobbyName, true));
        await("connected").atMost(WAIT).until(() -> connectedTo(host, 2) && connectedTo(two, 1));

        for (LobbyPeer[] pair : new LobbyPeer[][] {{host, two}, {two, host}}) {
            LobbyPeer from = pair[0];
            LobbyPeer to = pair[1];
            int target = to == host ? 1 : 2;
            from.query(() -> {
                from.peer.setTargetPeer(target);
                for (TransferMode mode :
                        List.of(TransferMode.RELIABLE, TransferMode.UNRELIABLE_ORDERED, TransferMode.UNRELIABLE)) {
                    from.peer.setTransferMode(mode);
                    assertThat(from.peer.putPacket(mode.name().getBytes(StandardCharsets.UTF_8)))
                            .isEqualTo(GodotError.OK);
                }
                return null;
            });
            Map<TransferMode, String> got = new TreeMap<>();
            await("three packets")
                    .atMost(WAIT)
                    .until(() -> to.query(() -> {
                        while (to.peer.getAvailablePacketCount() > 0) {
                            TransferMode mode = to.peer.getPacketMode();
                            got.put(mode, new String(to.peer.getPacket(), StandardCharsets.UTF_8));
                        }
                        return got.size() == 3;
                    }));
            assertThat(got)
                    .containsEntry(TransferMode.RELIABLE, "RELIABLE")
                    .containsEntry(TransferMode.UNRELIABLE_ORDERED, "UNRELIABLE_ORDERED")
                    .containsEntry(TransferMode.UNRELIABLE, "UNRELIABLE");
        }

        assertThat(host.ownId).isEqualTo(1);
        assertThat(host.roster).containsExactly(2);
        assertThat(two.roster).containsExactly(1);
        // The larger id offers: 2 sent the offer, the host answered; every trace is OK.
        assertThat(two.traces()).anySatisfy(t -> {
            assertThat(t.direction()).isEqualTo(SignalTrace.Direction.SENT);
            assertThat(t.type()).isEqualTo(MessageType.OFFER.code());
            assertThat(t.from()).isEqualTo(2);
            assertThat(t.to()).isEqualTo(1);
            assertThat(t.data()).startsWith("v=0");
        });
        assertThat(host.traces()).anySatisfy(t -> {
            assertThat(t.direction()).isEqualTo(SignalTrace.Direction.RECEIVED);
            assertThat(t.type()).isEqualTo(MessageType.OFFER.code());
            assertThat(t.from()).isEqualTo(2);
            assertThat(t.verdict()).isEqualTo(SignalTrace.Verdict.OK);
        });
        assertThat(host.traces()).noneMatch(t -> t.verdict() != SignalTrace.Verdict.OK);
        assertThat(host.traces().get(0).type()).as("JOIN first").isEqualTo(MessageType.JOIN.code());
        assertThat(host.traces()).allMatch(t -> t.path().equals(SignalTrace.WEBSOCKET));
    }

    @Test
    void aTamperedOfferIsRefusedTracedAndReplacesNoConnection() throws Exception {
        java.util.concurrent.CountDownLatch captured = new java.util.concurrent.CountDownLatch(1);
        RelayServer relay = relay(m -> {
            if (m.type() != MessageType.OFFER.code()) {
                return m;
            }
            try {
                captured.await(); // Held until the test noted the host's connection to 2.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new SignalMessage(m.type(), m.id(), m.data().replaceAll("a=fingerprint:[^\\r\\n]*\\r?\\n", ""));
        });
        LobbyPeer host = peer(WebSocketOptions.of(relay.url(), "", true));
        await("host joined").atMost(WAIT).until(() -> host.lobbyName != null);
        LobbyPeer two = peer(WebSocketOptions.of(relay.url(), host.lobbyName, true));
        await("host knows 2").atMost(WAIT).until(() -> host.query(() -> host.peer.hasPeer(2)));
        WebRtcPeerConnection before = host.query(() -> host.peer.getPeer(2).connection());
        captured.countDown();
        await("the host refused the offer")
                .atMost(WAIT)
                .until(() -> host.noticed("The offer from peer 2 was refused before it touched any connection"));
        assertThat(host.traces()).anySatisfy(t -> {
            assertThat(t.type()).isEqualTo(MessageType.OFFER.code());
            assertThat(t.from()).isEqualTo(2);
            assertThat(t.direction()).isEqualTo(SignalTrace.Direction.RECEIVED);
            assertThat(t.verdict()).isEqualTo(SignalTrace.Verdict.REFUSED);
            assertThat(t.note()).startsWith("The offer from peer 2 was refused before it touched any connection: ");
        });
        assertThat(host.query(() -> host.peer.getPeer(2).connection())).isSameAs(before);
        assertThat(host.query(() -> before.getSignalingState().name()))
                .as("nothing was applied")
                .isEqualTo("STABLE");
        assertThat(connectedTo(host, 2)).isFalse();
        assertThat(connectedTo(two, 1)).isFalse();
    }

    /** A host (id 1) whose lobby announced peer 3 and which waits for its offer, on a scripted server. */
    private LobbyPeer hostWithPeer3(ScriptedServer s) {
        LobbyPeer host = peer(WebSocketOptions.of(s.url(), "", true).withMaxMessageBytes(4096));
        await("joined with 3").atMost(WAIT).until(() -> host.roster.equals(Set.of(3)) && host.lobbyName != null);
        await().atMost(WAIT).until(() -> host.query(() -> host.peer.hasPeer(3)));
        return host;
    }

    private static ScriptedServer.Script lobbyWith3() {
        return (c, text) -> {
            if (SignalJson.read(text).type() == MessageType.JOIN.code()) {
                c.send(SignalJson.write(SignalMessage.of(MessageType.ID, 1, "true")));
                c.send(SignalJson.write(SignalMessage.of(MessageType.PEER_CONNECT, 3, "")));
                c.send(SignalJson.write(SignalMessage.of(MessageType.JOIN, 0, "L")));
            }
        };
    }

    private record State(int ownId, Set<Integer> roster, Set<Integer> peers, Object connection, boolean sealed) {}

    private static State state(LobbyPeer p) {
        return p.query(() -> new State(
                p.ownId,
                Set.copyOf(p.roster),
                Set.copyOf(p.peer.getPeers().keySet()),
                p.peer.getPeer(3).connection(),
                p.session.isSealed()));
    }

    @Test
    void everyBadServerMessageIsNoticedTracedAndLeavesTheSessionAsItWas() throws Exception {
        ScriptedServer s = ScriptedServer.run(lobbyWith3());
        open.add(s);
        LobbyPeer host = hostWithPeer3(s);
        String offer9 = realLookingOffer();
        String big = "{\"type\":4,\"id\":3,\"data\":\"" + "x".repeat(5000) + "\"}";
        State before = state(host);
        int traced = host.traces().size();
        String prefix = "Ignored a frame from the server at " + s.url() + ": ";
        record Bad(String frame, String notice, SignalTrace.Verdict verdict) {}
        List<Bad> bad = List.of(
                new Bad("{\"type\":4,", prefix + "not a demo signaling message: not JSON", SignalTrace.Verdict.REFUSED),
                new Bad(
                        "{\"type\":4,\"id\":3}",
                        prefix + "not a demo signaling message: a signaling message needs a string \"data\"",
                        SignalTrace.Verdict.REFUSED),
                new Bad(
                        "{\"type\":4,\"id\":3,\"data\":7}",
                        prefix + "not a demo signaling message: a signaling message's \"data\" must be a string",
                        SignalTrace.Verdict.REFUSED),
                new Bad(
                        "{\"type\":42,\"id\":3,\"data\":\"\"}",
                        "Ignored a signaling message of unknown type 42 (the demo protocol has types 0 to 7; a newer"
                                + " server may add some).",
                        SignalTrace.Verdict.UNEXPECTED),
                new Bad(
                        "{\"type\":6,\"id\":3,\"data\":\"\\n0\\ncandidate:1 1 udp 1 10.0.0.1 9 typ host\"}",
                        "Ignored a malformed candidate from peer 3: A candidate message must carry",
                        SignalTrace.Verdict.REFUSED),
                new Bad(
                        "{\"type\":6,\"id\":3,\"data\":\"\\n0\\nx\\ncandidate:1 1 udp 1 10.0.0.1 9 typ host\"}",
                        "Ignored a malformed candidate from peer 3: The candidate message's m-line index \"x\" is not"
                                + " an integer.",
                        SignalTrace.Verdict.REFUSED),
                new Bad(
                        "{\"type\":4,\"id\":9,\"data\":\"v=0\"}",
                        "The offer from peer 9 was refused before it touched any connection",
                        SignalTrace.Verdict.REFUSED),
                new Bad(
                        SignalJson.write(SignalMessage.of(MessageType.OFFER, 9, offer9)),
                        "Ignored an offer from peer 9, which is not a peer of this session (the demo client does the"
                                + " same).",
                        SignalTrace.Verdict.UNEXPECTED),
                new Bad(
                        "{\"type\":1,\"id\":5,\"data\":\"true\"}",
                        "Ignored a second ID (5) from the lobby: this peer is already 1 (a server sends ID once, on"
                                + " JOIN).",
                        SignalTrace.Verdict.UNEXPECTED),
                new Bad(
                        "{\"type\":2,\"id\":1,\"data\":\"\"}",
                        "Ignored PEER_CONNECT 1: that is this peer's own id.",
                        SignalTrace.Verdict.UNEXPECTED),
                new Bad(
                        big,
                        prefix + "a message of " + big.length() + " bytes, above the limit of 4096 bytes",
                        SignalTrace.Verdict.REFUSED));
        for (Bad b : bad) {
            int notices = host.notices.size();
            s.client().send(b.frame());
            await(b.frame().substring(0, Math.min(40, b.frame().length())))
                    .atMost(WAIT)
                    .until(() -> host.notices.size() > notices);
            assertThat(host.noticeTexts().get(notices)).startsWith(b.notice());
            int seen = traced;
            await().atMost(WAIT).until(() -> host.traces().size() > seen);
            SignalTrace last = host.traces().get(host.traces().size() - 1);
            assertThat(last.verdict()).as(b.frame()).isEqualTo(b.verdict());
            assertThat(state(host)).as("after " + b.frame()).isEqualTo(before);
            traced = host.traces().size();
        }
        s.client().send(new byte[] {1, 2, 3});
        await().atMost(WAIT).until(() -> host.noticed(prefix + "a binary frame of 3 bytes"));
        assertThat(state(host)).isEqualTo(before);
        assertThat(host.stopped).isNull();
        assertThat(host.query(() -> host.peer.getConnectionStatus())).isEqualTo(ConnectionStatus.CONNECTED);
    }

    @Test
    void theServerClosingMidNegotiationStopsTheSessionWithItsReason() throws Exception {
        ScriptedServer s = ScriptedServer.run(lobbyWith3());
        open.add(s);
        LobbyPeer host = hostWithPeer3(s);
        s.client().close(4000, "Room host has disconnected");
        await().atMost(WAIT).until(() -> host.stopped != null);
        assertThat(host.stopped).isEqualTo(CloseReasons.describe(4000, "Room host has disconnected"));
        assertThat(host.noticed("Signaling stopped: the server closed the connection (code 4000, \"Room host has"
                        + " disconnected\")"))
                .isTrue();
        assertThat(host.query(() -> host.peer.getConnectionStatus())).isEqualTo(ConnectionStatus.DISCONNECTED);
    }

    @Test
    void theCloseAfterTheSealLeavesTheMeshAlone() throws Exception {
        ScriptedServer s = ScriptedServer.run(lobbyWith3());
        open.add(s);
        LobbyPeer host = hostWithPeer3(s);
        s.script((c, text) -> {
            if (SignalJson.read(text).type() == MessageType.SEAL.code()) {
                c.send(SignalJson.write(SignalMessage.of(MessageType.SEAL, 0, "")));
                c.close(1000, "Seal complete");
            }
        });
        host.session.seal();
        await().atMost(WAIT).until(() -> host.stopped != null);
        assertThat(host.noticed("after the seal; the mesh goes on.")).isTrue();
        assertThat(host.query(() -> host.peer.getConnectionStatus())).isEqualTo(ConnectionStatus.CONNECTED);
        assertThat(host.query(() -> host.peer.hasPeer(3))).isTrue();
        assertThat(host.traces()).anySatisfy(t -> {
            assertThat(t.type()).isEqualTo(MessageType.SEAL.code());
            assertThat(t.direction()).isEqualTo(SignalTrace.Direction.SENT);
        });
    }

    @Test
    void aServerThatNeverAnswersJoinStopsTheSession() throws Exception {
        ScriptedServer s = ScriptedServer.run((c, t) -> {});
        open.add(s);
        LobbyPeer p = peer(WebSocketOptions.of(s.url(), "", true)
                .withTimeouts(WebSocketOptions.CONNECT_TIMEOUT, Duration.ofMillis(300)));
        await().atMost(WAIT).until(() -> p.stopped != null);
        assertThat(p.stopped).startsWith("the server at " + s.url() + " did not answer JOIN within 300 ms");
        assertThat(p.query(() -> p.peer.getConnectionStatus())).isEqualTo(ConnectionStatus.DISCONNECTED);
    }

    /** A real offer from a throwaway peer 9 (passes the description checks), its peer closed again. */
    private static String realLookingOffer() {
        dev.meshscope.core.WebRtcMultiplayerPeer nine = new dev.meshscope.core.WebRtcMultiplayerPeer();
        try {
            assertThat(nine.createMesh(9)).isEqualTo(GodotError.OK);
            WebRtcPeerConnection pc = new WebRtcPeerConnection(RT.get());
            assertThat(nine.addPeer(pc, 1)).isEqualTo(GodotError.OK);
            assertThat(pc.createOffer()).isEqualTo(GodotError.OK);
            dev.meshscope.core.testing.Pump.until(
                    "offer made", () -> !pc.getLocalDescription().isEmpty(), nine::poll);
            return pc.getLocalDescription();
        } finally {
            nine.close();
        }
    }
}
