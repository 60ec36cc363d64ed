// SPDX-License-Identifier: MIT
package dev.meshscope.session.load;

import dev.meshscope.core.ChannelState;
import dev.meshscope.core.GodotError;
import dev.meshscope.core.MeshThread;
import dev.meshscope.core.PeerInfo;
import dev.meshscope.core.WebRtcDataChannel;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.core.WebRtcPeerConnection;
import dev.meshscope.core.WebRtcRuntime;
import dev.meshscope.core.probe.ProbePacket;
import dev.meshscope.session.MeshSession;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A session's partners for a load measurement: one mesh peer per id, all on one owner thread of their own, each
 * connected to the session's peer (id 1) by in-process signaling (descriptions and candidates handed across the two
 * owner threads), each echoing the session's probe pings and, while {@link #flood(boolean) flooding}, filling every
 * channel towards the session's peer as fast as its send buffer takes packets. Used by {@code bench gui} and the
 * record flood measurement, so both measure the same load.
 *
 * <p>Threads: {@link #wire}, {@link #awaitConnected} and {@link #close} block the calling thread (never a mesh thread
 * or the FX thread); {@link #flood} may be called from any thread. The partner peers are touched only on their
 * owner thread.
 */
public final class FloodPartners implements AutoCloseable {
    /** Bytes queued per partner channel before it waits: keeps the flood saturating without unbounded queues. */
    public static final long BACKPRESSURE_BYTES = 256 * 1024;
    /** Packets a partner sends per channel per loop iteration at most, so one channel cannot starve the others. */
    public static final int BURST = 64;
    /** Received packets read per partner per loop iteration at most, so one partner cannot starve the others. */
    static final int READS_PER_POLL = 4096;
    /** How long a partner command waits for its owner thread or the session's: far longer than any real step. */
    static final long STEP_TIMEOUT_SECONDS = 30;
    /** How often {@link #awaitConnected} looks again: progress reporting, not a test wait. */
    static final long CONNECTED_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final WebRtcRuntime runtime;
    private final MeshThread thread;
    private final List<WebRtcMultiplayerPeer> peers = new ArrayList<>();
    /** Each partner's channels to the session's peer (fixed after addPeer; no per-packet map copies). */
    private final List<List<WebRtcDataChannel>> toSession = new ArrayList<>();

    private final byte[] data;
    private volatile boolean flooding;

    /**
     * Partners on a new owner thread named {@code threadName}, flooding with data packets of {@code payload} bytes.
     */
    public FloodPartners(WebRtcRuntime runtime, String threadName, int payload) {
        this.runtime = runtime;
        this.thread = new MeshThread(threadName, runtime);
        this.data = new ProbePacket(ProbePacket.Kind.DATA, 0, 0, 0, new byte[payload]).encode();
        thread.addPoller(this::poll);
    }

    /** Connects partner {@code id} to the session's peer (id 1); the partner, the larger id, offers. */
    public void wire(MeshSession session, int id) throws Exception {
        CompletableFuture<WebRtcPeerConnection> sessionSide = new CompletableFuture<>();
        session.onMeshThread(p -> {
            WebRtcPeerConnection pc = new WebRtcPeerConnection(runtime);
            GodotError e = p.addPeer(pc, id);
            if (e != GodotError.OK) {
                sessionSide.completeExceptionally(new IllegalStateException("addPeer(" + id + ") " + e));
                return;
            }
            sessionSide.complete(pc);
        });
        WebRtcPeerConnection a = sessionSide.get(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        thread.call(() -> {
                    WebRtcMultiplayerPeer partner = new WebRtcMultiplayerPeer();
                    partner.createMesh(id);
                    WebRtcPeerConnection b = new WebRtcPeerConnection(runtime);
                    partner.addPeer(b, 1);
                    a.addListener(new WebRtcPeerConnection.Listener() {
                        @Override
                        public void sessionDescriptionCreated(String type, String sdp) {
                            thread.execute(() -> b.setRemoteDescription(type, sdp));
                        }

                        @Override
                        public void iceCandidateCreated(String mid, int index, String cand) {
                            thread.execute(() -> b.addIceCandidate(mid, index, cand));
                        }
                    });
                    b.addListener(new WebRtcPeerConnection.Listener() {
                        @Override
                        public void sessionDescriptionCreated(String type, String sdp) {
                            session.onMeshThread(p -> a.setRemoteDescription(type, sdp));
                        }

                        @Override
                        public void iceCandidateCreated(String mid, int index, String cand) {
                            session.onMeshThread(p -> a.addIceCandidate(mid, index, cand));
                        }
                    });
                    b.createOffer();
                    peers.add(partner);
                    toSession.add(java.util.Objects.requireNonNull(partner.getPeer(1), "peer 1 was just added")
                            .channels());
                    return null;
                })
                .get(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Waits until {@code n} peers are connected to the session's peer, at most {@code timeoutNanos}; returns how many are. */
    public static int awaitConnected(MeshSession session, int n, long timeoutNanos) throws Exception {
        long end = System.nanoTime() + timeoutNanos;
        int connected = connected(session);
        while (connected < n && System.nanoTime() < end) {
            LockSupport.parkNanos(CONNECTED_POLL_NANOS);
            connected = connected(session);
        }
        return connected;
    }

    /** How many peers are connected to the session's peer (asked on its mesh thread). */
    public static int connected(MeshSession session) throws Exception {
        CompletableFuture<Integer> f = new CompletableFuture<>();
        session.onMeshThread(p -> {
            int c = 0;
            for (PeerInfo i : p.getPeers().values()) {
                c += i.connected() ? 1 : 0;
            }
            f.complete(c);
        });
        return f.get(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Messages received and sent by the session's peer, summed over every channel (read on its mesh thread). */
    public static long[] messageCounters(MeshSession session) throws Exception {
        CompletableFuture<long[]> f = new CompletableFuture<>();
        session.onMeshThread(p -> {
            long in = 0;
            long out = 0;
            for (var ps : p.snapshot().peers()) {
                for (var c : ps.channels()) {
                    in += c.messagesReceived();
                    out += c.messagesSent();
                }
            }
            f.complete(new long[] {in, out});
        });
        return f.get(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Starts or stops the partners' flood (the echo of pings goes on either way). Any thread. */
    public void flood(boolean on) {
        flooding = on;
        thread.wake();
    }

    private void poll() {
        boolean more = false;
        for (int i = 0; i < peers.size(); i++) {
            WebRtcMultiplayerPeer p = peers.get(i);
            List<WebRtcDataChannel> chs = toSession.get(i);
            p.poll();
            int reads = 0;
            while (reads++ < READS_PER_POLL && p.getAvailablePacketCount() > 0) {
                byte[] pong = ProbePacket.pongFor(p.getPacket());
                if (pong == null) {
                    continue; // Flood data or an unknown packet: nothing to echo.
                }
                int channel = MeshSession.probeChannel(pong);
                if (channel >= 0 && channel < chs.size()) {
                    chs.get(channel).putPacket(pong);
                }
            }
            if (flooding) {
                for (WebRtcDataChannel ch : chs) {
                    for (int k = 0;
                            k < BURST
                                    && ch.getReadyState() == ChannelState.OPEN
                                    && ch.getBufferedAmount() < BACKPRESSURE_BYTES;
                            k++) {
                        ch.putPacket(data);
                    }
                    more |= ch.getBufferedAmount() < BACKPRESSURE_BYTES;
                }
            }
        }
        if (more) {
            thread.wake();
        }
    }

    /** Closes every partner on its owner thread, then the thread. */
    @Override
    public void close() {
        thread.execute(() -> {
            for (WebRtcMultiplayerPeer p : peers) {
                p.close();
            }
        });
        thread.close();
    }
}
