// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.meshscope.signaling.message.MessageType;
import dev.meshscope.signaling.message.SignalJson;
import dev.meshscope.signaling.message.SignalMessage;
import dev.meshscope.signaling.timeline.SignalTrace;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.enums.Opcode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The WebSocket transport against scripted servers on real sockets (Java-WebSocket on 127.0.0.1): what it sends,
 * what it delivers, and every bad thing a server can do, each with the exact sentence the operator gets.
 */
class WebSocketTransportTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private ScriptedServer server(ScriptedServer.Script script) throws InterruptedException {
        ScriptedServer s = ScriptedServer.run(script);
        open.add(s);
        return s;
    }

    private RecordingSink join(WebSocketOptions options) {
        WebSocketTransport t = new WebSocketTransport(options);
        open.add(t);
        RecordingSink sink = new RecordingSink();
        t.start(sink);
        return sink;
    }

    private static String json(MessageType type, int id, String data) {
        return SignalJson.write(SignalMessage.of(type, id, data));
    }

    /** A server that answers JOIN as the Node server does for a first joiner: ID 1 (mesh), then its JOIN. */
    private static ScriptedServer.Script host() {
        return (c, text) -> {
            if (SignalJson.read(text).type() == MessageType.JOIN.code()) {
                c.send(json(MessageType.ID, 1, "true"));
                c.send(json(MessageType.JOIN, 0, "ABCDEFGHIJKLMNOP"));
            }
        };
    }

    @Test
    void joinIsTheFirstMessageAndSaysMeshOrClientServerAndTheLobby() throws Exception {
        ScriptedServer s = server((c, t) -> {});
        join(WebSocketOptions.of(s.url(), "", true));
        JsonNode mesh = SignalJson.MAPPER.readTree(s.next());
        assertThat(mesh).isEqualTo(SignalJson.MAPPER.readTree("{\"type\":0,\"id\":0,\"data\":\"\"}"));

        RecordingSink sink = join(WebSocketOptions.of(s.url(), "MyLobby", false));
        assertThat(SignalJson.MAPPER.readTree(s.next()))
                .isEqualTo(SignalJson.MAPPER.readTree("{\"type\":0,\"id\":1,\"data\":\"MyLobby\"}"));
        await().atMost(WAIT).until(() -> !sink.traces.isEmpty());
        SignalTrace joinTrace = sink.traces.peek();
        assertThat(joinTrace.direction()).isEqualTo(SignalTrace.Direction.SENT);
        assertThat(joinTrace.type()).isEqualTo(0);
        assertThat(joinTrace.data()).isEqualTo("MyLobby");
        assertThat(joinTrace.path()).isEqualTo("websocket");
    }

    @Test
    void idPeerConnectAndJoinAreDeliveredInTheServersOrderOnTheTransportThread() throws Exception {
        ScriptedServer s = server((c, text) -> {
            c.send(json(MessageType.ID, 5, "true"));
            c.send(json(MessageType.PEER_CONNECT, 1, ""));
            c.send(json(MessageType.PEER_CONNECT, 3, ""));
            c.send(json(MessageType.JOIN, 0, "ABCDEFGHIJKLMNOP"));
            c.send(json(MessageType.PEER_DISCONNECT, 3, ""));
            c.send(json(MessageType.SEAL, 0, ""));
        });
        RecordingSink sink = join(WebSocketOptions.of(s.url(), "", true));
        await().atMost(WAIT).until(() -> sink.received.size() == 6);
        assertThat(sink.messages())
                .containsExactly(
                        SignalMessage.of(MessageType.ID, 5, "true"),
                        SignalMessage.of(MessageType.PEER_CONNECT, 1, ""),
                        SignalMessage.of(MessageType.PEER_CONNECT, 3, ""),
                        SignalMessage.of(MessageType.JOIN, 0, "ABCDEFGHIJKLMNOP"),
                        SignalMessage.of(MessageType.PEER_DISCONNECT, 3, ""),
                        SignalMessage.of(MessageType.SEAL, 0, ""));
        assertThat(sink.threads).allMatch(n -> n.startsWith("ws-signal-"));
        assertThat(sink.notices).isEmpty();
        assertThat(sink.closed).isNotDone();
    }

    @Test
    void fragmentedTextFramesAreReassembledIntoOneMessage() throws Exception {
        String id = json(MessageType.ID, 7, "");
        ScriptedServer s = server((c, text) -> {
            byte[] b = id.getBytes(StandardCharsets.UTF_8);
            c.sendFragmentedFrame(Opcode.TEXT, ByteBuffer.wrap(b, 0, 5), false);
            c.sendFragmentedFrame(Opcode.TEXT, ByteBuffer.wrap(b, 5, 10), false);
            c.sendFragmentedFrame(Opcode.TEXT, ByteBuffer.wrap(b, 15, b.length - 15), true);
        });
        RecordingSink sink = join(WebSocketOptions.of(s.url(), "", false));
        await().atMost(WAIT).until(() -> sink.received.size() == 1);
        assertThat(sink.messages()).containsExactly(SignalMessage.of(MessageType.ID, 7, ""));
        assertThat(sink.notices).isEmpty();
    }

    @Test
    void sendsFromManyThreadsAreRelayedInCallOrderAfterJoin() throws Exception {
        ScriptedServer s = server(host());
        WebSocketTransport t = new WebSocketTransport(WebSocketOptions.of(s.url(), "", true));
        open.add(t);
        RecordingSink sink = new RecordingSink();
        int threads = 4;
        int each = 250;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> senders = new ArrayList<>();
        for (int k = 1; k <= threads; k++) {
            int to = k + 1;
            Thread th = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    t.send(SignalMessage.of(MessageType.CANDIDATE, to, "\n0\n0\ncandidate:" + i));
                }
            });
            th.start();
            senders.add(th);
        }
        go.countDown(); // Half of them race the connection: queued before open, sent after JOIN.
        t.start(sink);
        for (Thread th : senders) {
            th.join(WAIT.toMillis());
        }
        assertThat(SignalJson.read(s.next()).type()).as("JOIN first").isEqualTo(0);
        Map<Integer, Integer> nextSeq = new HashMap<>();
        for (int i = 0; i < threads * each; i++) {
            SignalMessage m = SignalJson.read(s.next());
            int seq = Integer.parseInt(m.data().substring(m.data().indexOf(':') + 1));
            assertThat(seq).as("order of sender " + m.id()).isEqualTo(nextSeq.getOrDefault(m.id(), 0));
            nextSeq.put(m.id(), seq + 1);
        }
        assertThat(nextSeq)
                .containsOnlyKeys(2, 3, 4, 5)
                .allSatisfy((k, v) -> assertThat(v).isEqualTo(each));
        assertThat(s.received.poll(200, TimeUnit.MILLISECONDS))
                .as("nothing more")
                .isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed JSON          | {"type":1,"id":          | not a demo signaling message: not JSON:
            not an object           | [1,2,3]                  | not a demo signaling message: a signaling message must be a JSON object
            missing type            | {"id":1,"data":""}       | not a demo signaling message: a signaling message needs an integer "type"
            missing id              | {"type":1,"data":""}     | not a demo signaling message: a signaling message needs an integer "id"
            missing data            | {"type":4,"id":2}        | not a demo signaling message: a signaling message needs a string "data" (this OFFER message has none)
            data not a string       | {"type":4,"id":2,"data":5} | not a demo signaling message: a signaling message's "data" must be a string
            type not an integer     | {"type":"4","id":2,"data":""} | not a demo signaling message: a signaling message needs an integer "type"
            """)
    void aMalformedServerMessageIsRefusedWithItsReasonAndTheConnectionGoesOn(String what, String frame, String why)
            throws Exception {
        ScriptedServer s = server((c, text) -> {
            c.send(frame);
            c.send(json(MessageType.ID, 2, "true"));
        });
        RecordingSink sink = join(WebSocketOptions.of(s.url(), "", true));
        await().atMost(WAIT).until(() -> sink.received.size() == 1);
        assertThat(sink.messages())
                .as("only the good message after it")
                .containsExactly(SignalMessage.of(MessageType.ID, 2, "true"));
        assertThat(sink.noticeTexts()).hasSize(1);
        assertThat(sink.noticeTexts().get(0))
                .startsWith("Ignored a frame from the server at " + s.url() + ": " + why)
                .endsWith(". Nothing changed.");
        assertThat(sink.refused()).singleElement().satisfies(tr -> {
            assertThat(tr.type()).isEqualTo(-1);
            assertThat(tr.data()).isEqualTo(frame);
            assertThat(tr.size()).isEqualTo(frame.getBytes(StandardCharsets.UTF_8).length);
            assertThat(tr.note()).startsWith(why);
            assertThat(tr.direction()).isEqualTo(SignalTrace.Direction.RECEIVED);
        });
        assertThat(sink.closed).isNotDone();
    }

    @Test
    void aBinaryFrameIsRefusedAndChangesNothing() throws Exception {
        ScriptedServer s = server((c, text) -> {
            c.send(new byte[] {1, 2, 3});
            c.send(json(MessageType.ID, 2, ""));
        });
        RecordingSink sink = join(WebSocketOptions.of(s.url(), "", false));
        await().atMost(WAIT).until(() -> sink.received.size() == 1);
        assertThat(sink.noticeTexts())
                .containsExactly("Ignored a frame from the server at " + s.url()
                        + ": a binary frame of 3 bytes: the demo protocol sends JSON in text frames only."
                        + " Nothing changed.");
        assertThat(sink.refused())
                .singleElement()
                .satisfies(tr -> assertThat(tr.size()).isEqualTo(3));
    }

    @Test
    void aMessageAboveTheBoundIsRefusedWholeEvenWhenFragmentedAndTheNextOneArrives() throws Exception {
        String big = json(MessageType.OFFER, 3, "v=0\r\n" + "a".repeat(3000));
        ScriptedServer s = server((c, text) -> {
            byte[] b = big.getBytes(StandardCharsets.UTF_8);
            c.sendFragmentedFrame(Opcode.TEXT, ByteBuffer.wrap(b, 0, 1000), false);
            c.sendFragmentedFrame(Opcode.TEXT, ByteBuffer.wrap(b, 1000, b.length - 1000), true);
            c.send(big);
            c.send(json(MessageType.ID, 2, ""));
        });
        RecordingSink sink = join(WebSocketOptions.of(s.url(), "", false).withMaxMessageBytes(2048));
        await().atMost(WAIT).until(() -> sink.received.size() == 1);
        int size = big.getBytes(StandardCharsets.UTF_8).length;
        String expected = "Ignored a frame from the server at " + s.url() + ": a message of " + size
                + " bytes, above the limit of 2048 bytes (no signaling message is this big). Nothing changed.";
        assertThat(sink.noticeTexts()).containsExactly(expected, expected);
        assertThat(sink.messages()).containsExactly(SignalMessage.of(MessageType.ID, 2, ""));
        assertThat(sink.refused())
                .hasSize(2)
                .allSatisfy(tr -> assertThat(tr.size()).isEqualTo(size));
    }

    @ParameterizedTest(name = "{0} \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            4000 | Lobby is sealed            | ask the host for a new lobby
            4000 | Invalid destination        | to a peer that is not in the lobby
            4000 | Have not joined lobby yet  | within 1 s
            4000 | Room host has disconnected | the lobby's host (peer 1) left
            4000 | Lobby does not exists      | no lobby has that name
            1000 | Seal complete              | normal: the host sealed the lobby
            4000 | Invalid transfer mode, must be text | npm install ws@7
            4321 | Custom words               | the server gave no advice
            1001 | ''                         | the server is going away
            """)
    void aCloseByTheServerReachesTheOperatorAsItCameWithWhatToDo(int code, String reason, String advice)
            throws Exception {
        ScriptedServer s = server((c, text) -> c.close(code, reason));
        RecordingSink sink = join(WebSocketOptions.of(s.url(), "XYZ", true));
        String closed = sink.closedReason();
        assertThat(closed).isEqualTo(CloseReasons.describe(code, reason));
        assertThat(closed)
                .startsWith("the server closed the connection (code " + code
                        + (reason.isEmpty() ? "" : ", \"" + reason + "\"") + "): ")
                .contains(advice);
        assertThat(sink.received).isEmpty();
    }

    @Test
    void aServerThatNeverAnswersJoinIsLeftAfterTheJoinTimeout() throws Exception {
        ScriptedServer s = server((c, text) -> {});
        RecordingSink sink = join(WebSocketOptions.of(s.url(), "", true)
                .withTimeouts(WebSocketOptions.CONNECT_TIMEOUT, Duration.ofMillis(300)));
        assertThat(sink.closedReason())
                .isEqualTo("the server at " + s.url() + " did not answer JOIN within 300 ms (no ID and no JOIN came"
                        + " back): is it a Godot demo signaling server (networking/webrtc_signaling, or ./meshscope"
                        + " signal-server)? Check the URL and the port.");
        assertThat(s.closes.poll(5, TimeUnit.SECONDS)).as("the transport left").isNotNull();
    }

    @Test
    void aServerThatAnswersJoinIsNotLeftAfterTheJoinTimeout() throws Exception {
        ScriptedServer s = server(host());
        RecordingSink sink = join(WebSocketOptions.of(s.url(), "", true)
                .withTimeouts(WebSocketOptions.CONNECT_TIMEOUT, Duration.ofMillis(300)));
        await().atMost(WAIT).until(() -> sink.received.size() == 2);
        await().during(Duration.ofMillis(600)).atMost(WAIT).until(() -> !sink.closed.isDone());
    }

    @Test
    void aRefusedConnectionSaysSoAndWhatToDo() throws Exception {
        int port;
        try (ServerSocket ss = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = ss.getLocalPort();
        }
        URI url = URI.create("ws://127.0.0.1:" + port + "/");
        RecordingSink sink = join(WebSocketOptions.of(url, "", true));
        assertThat(sink.closedReason())
                .isEqualTo("could not connect to " + url + " (connection refused): is the signaling server running on"
                        + " port " + port + "? Start one with ./meshscope signal-server or the demo's node server.js.");
        assertThat(sink.closedCalls).isEqualTo(1);
    }

    @Test
    void anHttpServerThatIsNotAWebSocketServerFailsTheHandshakeWithItsStatus() throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        http.start();
        open.add(() -> http.stop(0));
        URI url = URI.create("ws://127.0.0.1:" + http.getAddress().getPort() + "/");
        RecordingSink sink = join(WebSocketOptions.of(url, "", true));
        assertThat(sink.closedReason())
                .isEqualTo("the server at " + url + " answered the WebSocket handshake with HTTP 404: there is no"
                        + " WebSocket server at that address. Check the port and the path (the demo servers listen on"
                        + " ws://HOST:9080).");
    }

    @Test
    void leavingClosesNormallyAndLaterSendsAreDroppedWithOneNotice() throws Exception {
        ScriptedServer s = server(host());
        WebSocketTransport t = new WebSocketTransport(WebSocketOptions.of(s.url(), "", true));
        open.add(t);
        RecordingSink sink = new RecordingSink();
        t.start(sink);
        await().atMost(WAIT).until(() -> sink.received.size() == 2);
        t.close();
        assertThat(sink.closedReason()).isEqualTo("this peer left the lobby at " + s.url());
        assertThat(s.closes.poll(5, TimeUnit.SECONDS)).isEqualTo(1000);
        t.send(SignalMessage.of(MessageType.OFFER, 2, "v=0"));
        t.send(SignalMessage.of(MessageType.OFFER, 3, "v=0"));
        await().atMost(WAIT).until(() -> sink.notices.size() == 1);
        assertThat(sink.noticeTexts())
                .containsExactly("Signaling through " + s.url()
                        + " is closed: OFFER id=2 (3 chars) and any later message are not sent.");
        assertThat(sink.closedCalls).isEqualTo(1);
    }

    @Test
    void aServerAddressMustBeAWebSocketUrlWithAHost() {
        assertThat(WebSocketOptions.parseUrl(" localhost:9080 ")).isEqualTo(URI.create("ws://localhost:9080"));
        assertThat(WebSocketOptions.parseUrl("wss://lobby.example:443/sig"))
                .isEqualTo(URI.create("wss://lobby.example:443/sig"));
        assertThatThrownBy(() -> WebSocketOptions.parseUrl("http://localhost:9080"))
                .hasMessage("the signaling server's URL must start with ws:// or wss:// (a WebSocket), not"
                        + " \"http://localhost:9080\": e.g. ws://localhost:9080");
        assertThatThrownBy(() -> WebSocketOptions.parseUrl("ws:///lobby"))
                .hasMessage("the signaling server's URL \"ws:///lobby\" names no host: write ws://HOST:PORT, e.g."
                        + " ws://localhost:9080");
        assertThatThrownBy(() -> WebSocketOptions.parseUrl("  "))
                .hasMessage("enter the signaling server's address, e.g. ws://localhost:9080");
        assertThatThrownBy(() -> WebSocketOptions.parseUrl("ws://local host:9080"))
                .hasMessageStartingWith("\"ws://local host:9080\" is not a URL (Illegal character in authority)");
        assertThatThrownBy(() -> WebSocketOptions.of(URI.create("ws://h:1/#x"), "", true))
                .hasMessageContaining("has a #fragment");
        assertThatThrownBy(() -> WebSocketOptions.of(URI.create("ws://h:1"), "a\nb", true))
                .hasMessage("a lobby name is one line: remove the line break from it");
    }
}
