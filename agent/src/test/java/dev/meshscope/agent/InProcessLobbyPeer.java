// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import dev.meshscope.core.MeshThread;
import dev.meshscope.core.PeerInfo;
import dev.meshscope.core.TransferMode;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.core.WebRtcRuntime;
import dev.meshscope.core.WriteMode;
import dev.meshscope.signaling.session.LobbyNotice;
import dev.meshscope.signaling.session.LobbySession;
import dev.meshscope.signaling.timeline.SignalTrace;
import dev.meshscope.signaling.websocket.WebSocketOptions;
import dev.meshscope.signaling.websocket.WebSocketTransport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A MeshScope peer of a WebSocket lobby inside the test JVM (its own owner thread, multiplayer peer, WebSocket
 * transport and lobby session), so a test can read its channel counters directly. It records every trace and
 * notice, and reads every packet as it arrives, counting those in the Python demo client's form
 * ({@code "PYDEMO <from> <to> <channel id> <n>"}) per sender and channel, and those whose sender, addressee or
 * channel is not the one they arrived from, on or for. Every field is written on the owner thread and read from the
 * test thread.
 */
final class InProcessLobbyPeer implements AutoCloseable {
    /** The Python client's packets: sender, addressee, Godot channel id (1..3), sequence number. */
    /** Packets kept in {@link #reads}: far more than any test sends; later ones are not kept. */
    private static final int READS_KEPT = 10_000;

    private static final Pattern PYDEMO = Pattern.compile("^PYDEMO (\\d+) (\\d+) (\\d+) (\\d+)$");

    final String name;
    final MeshThread thread;
    final WebRtcMultiplayerPeer peer = new WebRtcMultiplayerPeer();
    final LobbySession session;
    final ConcurrentLinkedQueue<SignalTrace> traces = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<LobbyNotice> notices = new ConcurrentLinkedQueue<>();
    /** Python-form packets read, by "sender/internal channel". */
    final Map<String, Integer> pydemoRead = new ConcurrentHashMap<>();
    /** Python-form packets whose sender, addressee or channel did not match how they arrived. */
    final Map<String, Integer> misrouted = new ConcurrentHashMap<>();

    /** One packet as read: sender, internal channel, bytes. */
    record Read(int from, int channel, byte[] data) {}

    /**
     * Packets read, in arrival order, for tests that decode them (SceneMultiplayer traffic); bounded so a test that
     * never looks cannot grow the heap.
     */
    final LinkedBlockingQueue<Read> reads = new LinkedBlockingQueue<>(READS_KEPT);

    volatile String lobbyName;
    volatile int ownId;
    volatile boolean sealed;
    volatile String stopped;

    InProcessLobbyPeer(String name, WebRtcRuntime rt, WebSocketOptions options) {
        this.name = name;
        thread = new MeshThread("lobby-" + name, rt);
        session = new LobbySession(thread, rt, peer, List.of(), new WebSocketTransport(options));
        session.addListener(new LobbySession.Listener() {
            @Override
            public void joined(int id, boolean mesh) {
                ownId = id;
            }

            @Override
            public void notice(LobbyNotice n) {
                notices.add(n);
            }

            @Override
            public void sealed() {
                sealed = true;
            }

            @Override
            public void stopped(String reason) {
                stopped = reason;
            }

            @Override
            public void traced(SignalTrace t) {
                traces.add(t);
            }

            @Override
            public void lobbyNamed(String lobby) {
                lobbyName = lobby;
            }
        });
        thread.addPoller(peer::poll);
        thread.addPoller(this::drain);
        session.start();
    }

    /** Reads every waiting packet (owner thread, after the peer's poll). */
    private void drain() {
        while (peer.getAvailablePacketCount() > 0) {
            int from = peer.getPacketPeer();
            int channel = peer.getPacketChannelIndex();
            byte[] data = peer.getPacket();
            reads.offer(new Read(from, channel, data));
            String text = new String(data, StandardCharsets.UTF_8);
            Matcher m = PYDEMO.matcher(text);
            if (!m.matches()) {
                continue;
            }
            String key = from + "/" + channel;
            boolean right = Integer.parseInt(m.group(1)) == from
                    && Integer.parseInt(m.group(2)) == ownId
                    && Integer.parseInt(m.group(3)) == channel + 1;
            (right ? pydemoRead : misrouted).merge(key, 1, Integer::sum);
        }
    }

    /** Runs {@code c} on the owner thread and returns its result. */
    <T> T query(Callable<T> c) {
        try {
            return thread.call(c).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(name + ": owner thread query failed", e);
        }
    }

    /** Whether this peer's link to {@code id} is connected (all channels open). */
    boolean connectedTo(int id) {
        return query(() -> {
            PeerInfo info = peer.getPeer(id);
            return info != null && info.connected();
        });
    }

    /**
     * Sends {@code count} packets {@code "MESHSCOPE <own> <to> <channel id> <n>"} to {@code to} on each of Godot's
     * three channels, binary, as a game would put them; returns how many each channel accepted.
     */
    long[] sendTo(int to, int count) {
        return query(() -> {
            long[] accepted = new long[3];
            for (int ch = 0; ch < 3; ch++) {
                for (int n = 0; n < count; n++) {
                    byte[] data = ("MESHSCOPE " + ownId + " " + to + " " + (ch + 1) + " " + n)
                            .getBytes(StandardCharsets.UTF_8);
                    if (peer.putPacketOn(to, ch, WriteMode.BINARY, data) == dev.meshscope.core.GodotError.OK) {
                        accepted[ch]++;
                    }
                }
            }
            return accepted;
        });
    }

    /** Sends {@code data} (binary) to {@code to} on internal channel {@code channel}, as a game puts a packet. */
    dev.meshscope.core.GodotError send(int to, int channel, byte[] data) {
        return query(() -> peer.putPacketOn(to, channel, WriteMode.BINARY, data));
    }

    /** The channel counters for {@code id}: messages sent and received per internal channel 0..2. */
    long[][] counters(int id) {
        return query(() -> {
            PeerInfo info = peer.getPeer(id);
            long[][] out = new long[2][3];
            if (info == null) {
                return out;
            }
            for (int ch = 0; ch < 3; ch++) {
                out[0][ch] = info.channels().get(ch).messagesSent();
                out[1][ch] = info.channels().get(ch).messagesReceived();
            }
            return out;
        });
    }

    /** The transfer mode of internal channel {@code ch}, for messages. */
    static TransferMode mode(int ch) {
        return List.of(TransferMode.RELIABLE, TransferMode.UNRELIABLE_ORDERED, TransferMode.UNRELIABLE)
                .get(ch);
    }

    List<SignalTrace> traces() {
        return new ArrayList<>(traces);
    }

    @Override
    public void close() {
        session.close();
        query(() -> {
            peer.close();
            return null;
        });
        thread.close();
    }
}
