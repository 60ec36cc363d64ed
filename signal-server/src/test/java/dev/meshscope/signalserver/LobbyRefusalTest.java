// SPDX-License-Identifier: MIT
package dev.meshscope.signalserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshscope.signaling.message.MessageType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad client message closes its sender alone, with 4000 and the Node server's reason, and is logged; the
 * sender's lobby mates and another lobby's peers go on as before.
 */
class LobbyRefusalTest {
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<TestPeer> peers = new ArrayList<>();
    private LobbyServer server;
    private int port;

    /** Two lobbies of two; {@code fresh} is connected but in no lobby. */
    private TestPeer hostA;

    private TestPeer peerA;
    private TestPeer hostB;
    private TestPeer peerB;
    private TestPeer fresh;

    /** Who sends the bad message. */
    enum Sender {
        IN_LOBBY,
        HOST,
        NOT_JOINED
    }

    /** What the bad sender does, given the test's peers. */
    interface Act {
        void run(LobbyRefusalTest t, TestPeer sender) throws Exception;
    }

    @BeforeEach
    void start() throws Exception {
        server = new LobbyServer(LobbyServerConfig.defaults().withLog(log::add));
        port = server.start("127.0.0.1", 0);
        hostA = add(TestPeer.join(port, "", true));
        peerA = add(TestPeer.join(port, hostA.lobby, true));
        hostA.nextOf(MessageType.PEER_CONNECT);
        hostB = add(TestPeer.join(port, "", true));
        peerB = add(TestPeer.join(port, hostB.lobby, true));
        hostB.nextOf(MessageType.PEER_CONNECT);
        fresh = add(TestPeer.connect(port));
    }

    @AfterEach
    void stop() {
        peers.forEach(TestPeer::close);
        server.close();
    }

    private TestPeer add(TestPeer p) {
        peers.add(p);
        return p;
    }

    static Stream<Arguments> badMessages() {
        return Stream.of(
                bad(
                        "malformed JSON",
                        Sender.IN_LOBBY,
                        (t, s) -> s.sendRaw("{\"type\": 4, \"id\": 1,"),
                        CloseReasons.INVALID_FORMAT),
                bad(
                        "text after the JSON object",
                        Sender.IN_LOBBY,
                        (t, s) -> s.sendRaw("{\"type\":4,\"id\":1,\"data\":\"\"} {}"),
                        CloseReasons.INVALID_FORMAT),
                bad("a JSON array", Sender.IN_LOBBY, (t, s) -> s.sendRaw("[4, 1, \"x\"]"), CloseReasons.INVALID_FORMAT),
                bad(
                        "a binary frame",
                        Sender.IN_LOBBY,
                        (t, s) -> s.sendBinary(new byte[] {'{', '}'}),
                        CloseReasons.INVALID_TRANSFER_MODE),
                bad(
                        "a binary frame before JOIN",
                        Sender.NOT_JOINED,
                        (t, s) -> s.sendBinary(new byte[] {1}),
                        CloseReasons.INVALID_TRANSFER_MODE),
                bad(
                        "an unknown type",
                        Sender.IN_LOBBY,
                        (t, s) -> s.sendRaw("{\"type\":9,\"id\":1,\"data\":\"\"}"),
                        CloseReasons.INVALID_CMD),
                bad(
                        "a server-only type (PEER_CONNECT)",
                        Sender.IN_LOBBY,
                        (t, s) -> s.send(MessageType.PEER_CONNECT, 1, ""),
                        CloseReasons.INVALID_CMD),
                bad(
                        "an unknown type before JOIN",
                        Sender.NOT_JOINED,
                        (t, s) -> s.sendRaw("{\"type\":9,\"id\":1,\"data\":\"\"}"),
                        CloseReasons.NEED_LOBBY),
                bad(
                        "an OFFER before JOIN",
                        Sender.NOT_JOINED,
                        (t, s) -> s.send(MessageType.OFFER, 1, "sdp"),
                        CloseReasons.NEED_LOBBY),
                bad(
                        "a missing type",
                        Sender.IN_LOBBY,
                        (t, s) -> s.sendRaw("{\"id\":1,\"data\":\"\"}"),
                        CloseReasons.INVALID_FORMAT),
                bad(
                        "a missing id",
                        Sender.IN_LOBBY,
                        (t, s) -> s.sendRaw("{\"type\":4,\"data\":\"\"}"),
                        CloseReasons.INVALID_FORMAT),
                bad(
                        "a type that is a string",
                        Sender.IN_LOBBY,
                        (t, s) -> s.sendRaw("{\"type\":\"4\",\"id\":1}"),
                        CloseReasons.INVALID_FORMAT),
                bad(
                        "a negative id",
                        Sender.IN_LOBBY,
                        (t, s) -> s.sendRaw("{\"type\":4,\"id\":-1,\"data\":\"\"}"),
                        CloseReasons.INVALID_FORMAT),
                bad(
                        "data that is not a string",
                        Sender.IN_LOBBY,
                        (t, s) -> s.sendRaw("{\"type\":4,\"id\":1,\"data\":{\"sdp\":\"v=0\"}}"),
                        CloseReasons.INVALID_FORMAT),
                bad(
                        "a second JOIN of the same lobby",
                        Sender.IN_LOBBY,
                        (t, s) -> s.send(MessageType.JOIN, 0, t.hostA.lobby),
                        CloseReasons.ALREADY_IN_LOBBY),
                bad(
                        "a second JOIN of another lobby",
                        Sender.IN_LOBBY,
                        (t, s) -> s.send(MessageType.JOIN, 0, t.hostB.lobby),
                        CloseReasons.ALREADY_IN_LOBBY),
                bad(
                        "a second JOIN creating a lobby",
                        Sender.IN_LOBBY,
                        (t, s) -> s.send(MessageType.JOIN, 0, ""),
                        CloseReasons.ALREADY_IN_LOBBY),
                bad(
                        "JOIN of an unknown lobby",
                        Sender.NOT_JOINED,
                        (t, s) -> s.send(MessageType.JOIN, 0, "NoSuchLobby00000"),
                        CloseReasons.LOBBY_DOES_NOT_EXIST),
                bad(
                        "JOIN of a sealed lobby",
                        Sender.NOT_JOINED,
                        LobbyRefusalTest::joinASealedLobby,
                        CloseReasons.LOBBY_IS_SEALED),
                bad(
                        "SEAL from a non-host",
                        Sender.IN_LOBBY,
                        (t, s) -> s.send(MessageType.SEAL, 0, ""),
                        CloseReasons.ONLY_HOST_CAN_SEAL),
                bad(
                        "SEAL before JOIN",
                        Sender.NOT_JOINED,
                        (t, s) -> s.send(MessageType.SEAL, 0, ""),
                        CloseReasons.NEED_LOBBY),
                bad(
                        "a relay to an unknown id",
                        Sender.IN_LOBBY,
                        (t, s) -> s.send(MessageType.OFFER, 12345, "sdp"),
                        CloseReasons.INVALID_DEST),
                bad(
                        "a relay to id 0",
                        Sender.IN_LOBBY,
                        (t, s) -> s.send(MessageType.ANSWER, 0, "sdp"),
                        CloseReasons.INVALID_DEST),
                bad(
                        "a relay to id 2^31",
                        Sender.IN_LOBBY,
                        (t, s) -> s.send(MessageType.CANDIDATE, 2147483648L, "\n0\n0\ncandidate:x"),
                        CloseReasons.INVALID_DEST),
                bad(
                        "a relay to another lobby's peer",
                        Sender.IN_LOBBY,
                        (t, s) -> s.send(MessageType.OFFER, t.peerB.id, "sdp"),
                        CloseReasons.INVALID_DEST),
                bad(
                        "a host's relay to another lobby's peer",
                        Sender.HOST,
                        (t, s) -> s.send(MessageType.CANDIDATE, t.peerB.id, "\n0\n0\ncandidate:x"),
                        CloseReasons.INVALID_DEST),
                bad(
                        "an oversize message",
                        Sender.IN_LOBBY,
                        (t, s) -> s.send(MessageType.OFFER, 1, "v".repeat(LobbyServerConfig.DEFAULT_MAX_MESSAGE_BYTES)),
                        CloseReasons.messageTooLarge(LobbyServerConfig.DEFAULT_MAX_MESSAGE_BYTES)));
    }

    private static Arguments bad(String name, Sender sender, Act act, String reason) {
        return Arguments.of(name, sender, act, reason);
    }

    private static void joinASealedLobby(LobbyRefusalTest t, TestPeer sender) throws Exception {
        TestPeer sealedHost = t.add(TestPeer.join(t.port, "", true));
        sealedHost.send(MessageType.SEAL, 0, "");
        sealedHost.nextOf(MessageType.SEAL);
        sender.send(MessageType.JOIN, 0, sealedHost.lobby);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badMessages")
    void aBadMessageClosesItsSenderAloneWith4000AndTheNodeServersReason(String name, Sender who, Act act, String reason)
            throws Exception {
        TestPeer sender = who == Sender.IN_LOBBY ? peerA : who == Sender.HOST ? hostA : fresh;
        act.run(this, sender);

        assertThat(sender.awaitClosed()).as(name).isEqualTo(new TestPeer.Closed(CloseReasons.REFUSED, reason));
        await().atMost(TestPeer.WAIT)
                .until(() ->
                        log.stream().anyMatch(l -> l.contains("\"event\":\"message_refused\"") && l.contains(reason)));

        // The sender's lobby: a refused non-host leaves like any peer; a refused host takes its lobby with it.
        if (who == Sender.IN_LOBBY) {
            assertThat(hostA.nextOf(MessageType.PEER_DISCONNECT).id()).isEqualTo(peerA.id);
            assertThat(hostA.isClosed()).isFalse();
        } else if (who == Sender.HOST) {
            assertThat(peerA.awaitClosed()).isEqualTo(new TestPeer.Closed(4000, CloseReasons.HOST_DISCONNECTED));
        } else {
            peerA.send(MessageType.OFFER, 1, "lobby A goes on");
            assertThat(hostA.nextOf(MessageType.OFFER).id()).isEqualTo(peerA.id);
        }
        // Another lobby goes on: relays both ways, nobody closed.
        peerB.send(MessageType.OFFER, 1, "lobby B goes on");
        assertThat(hostB.nextOf(MessageType.OFFER).id()).isEqualTo(peerB.id);
        hostB.send(MessageType.ANSWER, peerB.id, "answer");
        assertThat(peerB.nextOf(MessageType.ANSWER).id()).isEqualTo(1);
        assertThat(hostB.isClosed()).isFalse();
        assertThat(peerB.isClosed()).isFalse();
        assertThat(server.lobbies())
                .anyMatch(l -> l.name().equals(hostB.lobby) && l.peers().size() == 2);
    }

    @org.junit.jupiter.api.Test
    void theGoodTwinsOfTheBadMessagesAreTaken() throws Exception {
        // Floats are floored as Node does, a missing or null data is "", a relay by id and by 1 passes.
        peerA.sendRaw(" {\"type\": 6.0, \"id\": 1.0, \"data\": \"\\n0\\n0\\ncandidate:ok\"} ");
        assertThat(hostA.nextOf(MessageType.CANDIDATE).data()).isEqualTo("\n0\n0\ncandidate:ok");
        hostA.sendRaw("{\"type\":4,\"id\":" + peerA.id + "}");
        assertThat(peerA.nextOf(MessageType.OFFER).data()).isEmpty();
        peerA.sendRaw("{\"type\":5,\"id\":1,\"data\":null}");
        assertThat(hostA.nextOf(MessageType.ANSWER).id()).isEqualTo(peerA.id);
        // A message of exactly the bound passes.
        String head = "{\"type\":4,\"id\":1,\"data\":\"";
        String text = head + "v".repeat(LobbyServerConfig.DEFAULT_MAX_MESSAGE_BYTES - head.length() - 2) + "\"}";
        assertThat(text).hasSize(LobbyServerConfig.DEFAULT_MAX_MESSAGE_BYTES);
        peerA.sendRaw(text);
        assertThat(hostA.nextOf(MessageType.OFFER).data())
                .hasSize(LobbyServerConfig.DEFAULT_MAX_MESSAGE_BYTES - head.length() - 2);
        // The host may seal; a fresh connection may join an open lobby.
        fresh.send(MessageType.JOIN, 0, hostB.lobby);
        assertThat(fresh.nextOf(MessageType.ID).data()).isEqualTo("true");
        hostA.send(MessageType.SEAL, 0, "");
        assertThat(peerA.nextOf(MessageType.SEAL).id()).isZero();
        assertThat(List.of(hostA, peerA, hostB, peerB, fresh)).noneMatch(TestPeer::isClosed);
        assertThat(log).noneMatch(l -> l.contains("message_refused"));
    }
}
