// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.websocket;

import dev.meshscope.signaling.message.MessageType;
import dev.meshscope.signaling.message.SignalJson;
import dev.meshscope.signaling.message.SignalMessage;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * The smallest lobby relay for tests: one mesh lobby named "TESTLOBBY"; the first joiner is the host (id 1), the
 * next get 2, 3...; each joiner gets ID, a PEER_CONNECT pair with every earlier peer, then JOIN; OFFER, ANSWER and
 * CANDIDATE are relayed with the id replaced by the sender's, each through {@code tamper} first. Not the product
 * server: just enough protocol to put two real sessions in touch on a real socket.
 */
final class RelayServer extends WebSocketServer implements AutoCloseable {
    static final String LOBBY = "TESTLOBBY";

    private final Map<WebSocket, Integer> ids = new ConcurrentHashMap<>();
    private final Map<Integer, WebSocket> conns = new ConcurrentHashMap<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private final UnaryOperator<SignalMessage> tamper;
    private int nextId = 1;

    private RelayServer(UnaryOperator<SignalMessage> tamper) {
        super(new InetSocketAddress("127.0.0.1", 0));
        this.tamper = tamper;
        setReuseAddr(true);
        setConnectionLostTimeout(0);
    }

    static RelayServer run(UnaryOperator<SignalMessage> tamper) throws InterruptedException {
        RelayServer s = new RelayServer(tamper);
        s.start();
        if (!s.started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the relay did not start");
        }
        return s;
    }

    URI url() {
        return URI.create("ws://127.0.0.1:" + getPort() + "/");
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {}

    @Override
    public synchronized void onMessage(WebSocket conn, String text) {
        SignalMessage m = SignalJson.read(text);
        MessageType t = m.knownType();
        if (t == MessageType.JOIN) {
            int id = nextId++;
            conn.send(SignalJson.write(SignalMessage.of(MessageType.ID, id, "true")));
            for (Map.Entry<Integer, WebSocket> e : conns.entrySet()) {
                e.getValue().send(SignalJson.write(SignalMessage.of(MessageType.PEER_CONNECT, id, "")));
                conn.send(SignalJson.write(SignalMessage.of(MessageType.PEER_CONNECT, e.getKey(), "")));
            }
            ids.put(conn, id);
            conns.put(id, conn);
            conn.send(SignalJson.write(SignalMessage.of(MessageType.JOIN, 0, LOBBY)));
        } else if (t == MessageType.OFFER || t == MessageType.ANSWER || t == MessageType.CANDIDATE) {
            WebSocket dest = conns.get(m.id());
            if (dest == null) {
                conn.close(4000, "Invalid destination");
                return;
            }
            dest.send(SignalJson.write(tamper.apply(new SignalMessage(m.type(), ids.get(conn), m.data()))));
        }
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
        conn.close(4000, "Invalid transfer mode, must be text");
    }

    @Override
    public synchronized void onClose(WebSocket conn, int code, String reason, boolean remote) {
        Integer id = ids.remove(conn);
        if (id != null) {
            conns.remove(id);
            for (WebSocket other : conns.values()) {
                other.send(SignalJson.write(SignalMessage.of(MessageType.PEER_DISCONNECT, id, "")));
            }
        }
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {}

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void close() throws InterruptedException {
        stop(1000);
    }
}
