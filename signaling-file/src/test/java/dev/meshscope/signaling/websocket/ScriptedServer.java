// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.websocket;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A real WebSocket server on 127.0.0.1 (Java-WebSocket) whose replies a test scripts: each text a client sends is
 * recorded and handed to the script, which answers with whatever frames the test wants (good, broken, fragmented,
 * binary, a close). Not a lobby server: it only does what the script says.
 */
final class ScriptedServer extends WebSocketServer implements AutoCloseable {
    /** What the server does when a client sends {@code text}. Runs on the server's thread. */
    interface Script {
        void onText(WebSocket conn, String text) throws Exception;
    }

    /** Every text frame received, in order. */
    final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    /** Close codes of client connections as the server saw them. */
    final LinkedBlockingQueue<Integer> closes = new LinkedBlockingQueue<>();

    private final CountDownLatch started = new CountDownLatch(1);
    private volatile Script script;
    private volatile WebSocket client;

    ScriptedServer(Script script) {
        super(new InetSocketAddress("127.0.0.1", 0));
        this.script = script;
        setReuseAddr(true);
        setConnectionLostTimeout(0);
    }

    /** Starts the server and waits until it listens. */
    static ScriptedServer run(Script script) throws InterruptedException {
        ScriptedServer s = new ScriptedServer(script);
        s.start();
        if (!s.started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the scripted server did not start");
        }
        return s;
    }

    void script(Script s) {
        script = s;
    }

    URI url() {
        return URI.create("ws://127.0.0.1:" + getPort() + "/");
    }

    /** The next text a client sent, waiting at most 10 s. */
    String next() throws InterruptedException {
        String s = received.poll(10, TimeUnit.SECONDS);
        if (s == null) {
            throw new AssertionError("the client sent nothing within 10 s");
        }
        return s;
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        client = conn;
    }

    /** The last client that connected (the test sends it frames at moments it chooses). */
    WebSocket client() {
        return client;
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        closes.add(code);
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        received.add(message);
        try {
            script.onText(conn, message);
        } catch (Exception e) {
            throw new IllegalStateException("the script failed", e);
        }
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
        received.add("<binary " + message.remaining() + " bytes>");
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        // Surfaces in the test's assertions on what the client saw.
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void close() throws InterruptedException {
        stop(1000);
    }
}
