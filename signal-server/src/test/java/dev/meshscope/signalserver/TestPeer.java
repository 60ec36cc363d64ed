// SPDX-License-Identifier: MIT
package dev.meshscope.signalserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.signaling.message.MessageType;
import dev.meshscope.signaling.message.SignalJson;
import dev.meshscope.signaling.message.SignalMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A demo client over the JDK's {@link WebSocket}: what it receives is queued, how it was closed is kept. Used by one
 * test thread; the JDK's listener thread fills the queue.
 */
final class TestPeer implements AutoCloseable {
    /** Every wait in these tests: long enough for a loaded 2-core machine, short enough to fail fast. */
    static final Duration WAIT = Duration.ofSeconds(10);

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final LinkedBlockingQueue<SignalMessage> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final WebSocket socket;
    /** The id the server gave this peer (after {@link #join}). */
    int id;
    /** The lobby name the server sent (after {@link #join}). */
    String lobby = "";
    /** The peers announced to this one while it joined (after {@link #join}), in order. */
    final List<Integer> announced = new ArrayList<>();

    /** How the server closed the socket; code -1 when the connection broke without a close frame. */
    record Closed(int code, String reason) {}

    private TestPeer(int port) throws Exception {
        socket = HTTP.newWebSocketBuilder()
                .connectTimeout(WAIT)
                .buildAsync(URI.create("ws://127.0.0.1:" + port), new Listener())
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    static TestPeer connect(int port) throws Exception {
        return new TestPeer(port);
    }

    /** Connects and joins {@code lobby} ("" creates one) as a mesh peer or not; returns after ID and JOIN. */
    static TestPeer join(int port, String lobby, boolean mesh) throws Exception {
        TestPeer p = connect(port);
        p.send(MessageType.JOIN, mesh ? 0 : 1, lobby);
        SignalMessage idMessage = p.next();
        assertThat(idMessage.knownType()).isEqualTo(MessageType.ID);
        assertThat(idMessage.data()).isEqualTo(mesh ? "true" : "");
        p.id = idMessage.id();
        SignalMessage m = p.next();
        while (m.knownType() == MessageType.PEER_CONNECT) {
            p.announced.add(m.id());
            m = p.next();
        }
        assertThat(m.knownType()).isEqualTo(MessageType.JOIN);
        p.lobby = m.data();
        return p;
    }

    void send(MessageType type, long id, String data) {
        sendRaw("{\"type\":" + type.code() + ",\"id\":" + id + ",\"data\":" + quote(data) + "}");
    }

    void sendRaw(String text) {
        socket.sendText(text, true).join();
    }

    void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /** The next message, waiting at most {@link #WAIT}. */
    SignalMessage next() throws InterruptedException {
        SignalMessage m = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(m).as("a message within " + WAIT).isNotNull();
        return m;
    }

    /** The next message, which must be of {@code type}; PEER_CONNECTs before it are kept in order. */
    SignalMessage nextOf(MessageType type) throws InterruptedException {
        SignalMessage m = next();
        assertThat(m.knownType()).as("next message " + m.brief()).isEqualTo(type);
        return m;
    }

    /** A message already received, or null. */
    SignalMessage poll() {
        return received.poll();
    }

    /** How the server closed this socket, waiting at most {@link #WAIT}. */
    Closed awaitClosed() throws Exception {
        return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        socket.abort();
    }

    /** Closes politely and waits until the server answered (or the connection ended). */
    void leave() throws Exception {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        awaitClosed();
    }

    private static String quote(String s) {
        return SignalJson.write(new SignalMessage(0, 0, s))
                .replaceFirst("^\\{\"type\":0,\"id\":0,\"data\":", "")
                .replaceFirst("}$", "");
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                received.add(SignalJson.read(text.toString()));
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete(new Closed(-1, String.valueOf(error)));
        }
    }
}
