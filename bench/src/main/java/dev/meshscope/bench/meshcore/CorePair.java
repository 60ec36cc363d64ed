// SPDX-License-Identifier: MIT
package dev.meshscope.bench.meshcore;

import dev.meshscope.bench.BenchException;
import dev.meshscope.bench.BenchPair;
import dev.meshscope.bench.Deadline;
import dev.meshscope.bench.PacketRate;
import dev.meshscope.bench.PingLoop;
import dev.meshscope.bench.ReceiveCounter;
import dev.meshscope.bench.RoundTrips;
import dev.meshscope.bench.Workload;
import dev.meshscope.core.GodotError;
import dev.meshscope.core.TransferMode;
import dev.meshscope.core.WebRtcDataChannel;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.core.WriteMode;
import dev.meshscope.core.probe.ProbePacket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A connected mesh-core pair, each peer on its own owner thread as two MeshScope processes would be (the GUI's
 * and an agent's): peer 2 (A) sends, peer 1 (B) reads and echoes, both through
 * the multiplayer peer's Godot API ({@code set_target_peer}, {@code set_transfer_mode}, {@code put_packet},
 * {@code get_packet}). A sender runs in batches after each poll, so the thread keeps reading in between,
 * and backs off while the channel's buffered amount is high, as the raw sender does.
 */
final class CorePair implements BenchPair {
    private static final int A = 2;
    private static final int B = 1;
    private static final TransferMode[] MODES = {
        TransferMode.RELIABLE, TransferMode.UNRELIABLE_ORDERED, TransferMode.UNRELIABLE
    };

    private final CoreMesh mesh;
    private final ScheduledExecutorService timer;

    CorePair(CoreMesh mesh, ScheduledExecutorService timer) {
        this.mesh = mesh;
        this.timer = timer;
    }

    @Override
    public double throughput(int packetSize, long totalBytes, long timeoutMillis) throws BenchException {
        long packets = Math.max(1, totalBytes / packetSize);
        ReceiveCounter counter = new ReceiveCounter(packets * packetSize);
        Deadline deadline = Deadline.in(timeoutMillis);
        Sender sender = new Sender(
                Workload.RELIABLE, new byte[packetSize], Workload.THROUGHPUT_HIGH_WATER_BYTES, packets, Long.MAX_VALUE);
        try {
            runSender(sender, counter, deadline);
            mesh.await(
                    counter.reached(),
                    deadline,
                    "mesh-core throughput to arrive (" + counter.bytes() + " of " + packets * packetSize
                            + " bytes so far)");
            return counter.bytesPerSecond();
        } finally {
            reset();
        }
    }

    /**
     * Pings from A on the owner thread, as the agent and the window do; B answers each ping where it arrives, in
     * webrtc-java's receive callback ({@code setAnswerProbesOnArrival}), as the raw echo does inside
     * {@code onMessage}. A's probe round trip ends when the pong arrived (the callback's timestamp); its app round
     * trip when A's owner thread read it after {@code poll()}. Should B's channel refuse the callback's send, the
     * ping reaches B's handler, which echoes it on the channel and in the form it came in.
     */
    @Override
    public RoundTrips roundTrips(int channel, int count, long timeoutMillis) throws BenchException {
        PingLoop loop = new PingLoop(channel, count);
        CompletableFuture<RoundTrips> done = new CompletableFuture<>();
        Deadline deadline = Deadline.in(timeoutMillis);
        Runnable ping = () -> put(mesh.peer(A), B, channel, loop.nextPing());
        try {
            mesh.await(
                    mesh.threadOf(B).call(() -> {
                        mesh.peer(B).setAnswerProbesOnArrival(true);
                        mesh.setHandler(B, (peer, from, ch, m, data) -> {
                            byte[] pong = ProbePacket.pongFor(data);
                            if (pong != null) {
                                GodotError e = peer.putPacketOn(
                                        from, ch, peer.wasStringPacket() ? WriteMode.TEXT : WriteMode.BINARY, pong);
                                if (e != GodotError.OK) {
                                    mesh.fail("put_packet_on returned " + e + ": " + peer.getLastFailure());
                                }
                            }
                        });
                        return Boolean.TRUE;
                    }),
                    deadline,
                    "setting up the echo");
            mesh.await(
                    mesh.threadOf(A).call(() -> {
                        mesh.setHandler(A, (peer, from, ch, m, data) -> {
                            if (ch == channel
                                    && loop.onPong(data, peer.getLastPacketArrivalNanos(), System.nanoTime())) {
                                if (loop.finished()) {
                                    done.complete(loop.result());
                                } else {
                                    ping.run();
                                }
                            }
                        });
                        ping.run();
                        return Boolean.TRUE;
                    }),
                    deadline,
                    "the first ping");
            while (true) {
                RoundTrips r = mesh.awaitUpTo(done, Workload.PING_CHECK_MILLIS, "mesh-core round trips");
                if (r != null) {
                    return r;
                }
                deadline.check("mesh-core round trips (" + loop.progress() + ")");
                if (loop.expire(System.nanoTime())) {
                    mesh.threadOf(A).execute(() -> {
                        if (loop.finished()) {
                            done.complete(loop.result());
                        } else {
                            ping.run();
                        }
                    });
                }
            }
        } finally {
            mesh.threadOf(B).execute(() -> mesh.peer(B).setAnswerProbesOnArrival(false));
            reset();
        }
    }

    @Override
    public long peakQueuedPackets() {
        return mesh.peakQueuedPackets();
    }

    /** Wake-ups of both owner threads so far (A's and B's). Any thread. */
    @Override
    public long ownerWakeups() {
        return mesh.wakeCount();
    }

    @Override
    public PacketRate packetRate(long sendMillis, long timeoutMillis) throws BenchException {
        ReceiveCounter counter = new ReceiveCounter(Long.MAX_VALUE);
        Deadline deadline = Deadline.in(timeoutMillis);
        Sender sender = new Sender(
                Workload.UNRELIABLE,
                new byte[Workload.PACKET_RATE_BYTES],
                Workload.PACKET_RATE_HIGH_WATER_BYTES,
                Long.MAX_VALUE,
                TimeUnit.MILLISECONDS.toNanos(sendMillis));
        try {
            long[] sent = runSender(sender, counter, deadline);
            awaitQuiet(counter, deadline);
            return new PacketRate(sent[0], counter.packets(), sent[1], counter.spanNanos());
        } finally {
            reset();
        }
    }

    @Override
    public void close() {
        mesh.close();
    }

    /** Makes B count what it reads into {@code counter}, starts {@code sender} on A, waits until it is done. */
    private long[] runSender(Sender sender, ReceiveCounter counter, Deadline deadline) throws BenchException {
        mesh.await(
                mesh.threadOf(B).call(() -> {
                    mesh.setHandler(B, (peer, from, channel, mode, data) -> counter.received(data.length));
                    return Boolean.TRUE;
                }),
                deadline,
                "setting up the receiver");
        mesh.await(
                mesh.threadOf(A).call(() -> {
                    counter.start();
                    sender.begin();
                    return Boolean.TRUE;
                }),
                deadline,
                "starting the mesh-core sender");
        return mesh.await(sender.done, deadline, "the mesh-core sender");
    }

    /** Back to reading and dropping, on both owner threads (queued behind anything still running). */
    private void reset() {
        mesh.threadOf(A).execute(() -> {
            mesh.setHandler(A, null);
            mesh.setAfterPoll(A, null);
        });
        mesh.threadOf(B).execute(() -> mesh.setHandler(B, null));
    }

    /** Sends {@code data} in binary on internal channel {@code channel} to {@code target}. Owner thread. */
    private void put(WebRtcMultiplayerPeer peer, int target, int channel, byte[] data) {
        GodotError e = peer.putPacketOn(target, channel, WriteMode.BINARY, data);
        if (e != GodotError.OK) {
            mesh.fail("put_packet_on returned " + e + ": " + peer.getLastFailure());
        }
    }

    private static void awaitQuiet(ReceiveCounter counter, Deadline deadline) throws BenchException {
        try {
            counter.awaitQuiet(deadline.atNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted", e);
        }
    }

    /**
     * Sends {@code packet} from A to B on one channel, in batches run after each poll, until {@code packets}
     * went or {@code forNanos} passed; while the buffered amount is above {@code highWater} it sleeps
     * {@link Workload#BACKOFF_NANOS} on the timer. Owner thread. {@link #done} gives {sent, sending nanos}.
     */
    private final class Sender implements Runnable {
        final CompletableFuture<long[]> done = new CompletableFuture<>();
        private final int channel;
        private final byte[] packet;
        private final long highWater;
        private final long packets;
        private final long forNanos;
        private WebRtcMultiplayerPeer peer;
        private WebRtcDataChannel dc;
        private long start;
        private long sent;
        private boolean waiting;

        Sender(int channel, byte[] packet, long highWater, long packets, long forNanos) {
            this.channel = channel;
            this.packet = packet;
            this.highWater = highWater;
            this.packets = packets;
            this.forNanos = forNanos;
        }

        void begin() {
            peer = mesh.peer(A);
            dc = peer.getPeer(B).channels().get(channel);
            peer.setTargetPeer(B);
            peer.setTransferMode(MODES[channel]);
            start = System.nanoTime();
            mesh.setAfterPoll(A, this);
            run();
        }

        @Override
        public void run() {
            if (waiting || done.isDone()) {
                return;
            }
            for (int n = 0; n < Workload.SEND_BATCH; n++) {
                long now = System.nanoTime();
                if (sent >= packets || now - start >= forNanos) {
                    mesh.setAfterPoll(A, null);
                    done.complete(new long[] {sent, now - start});
                    return;
                }
                if (dc.getBufferedAmount() + packet.length > highWater) {
                    waiting = true;
                    // A failure would surface as the round's timeout; resume() itself reports through mesh.fail.
                    var unused = timer.schedule(
                            () -> mesh.threadOf(A).execute(this::resume), Workload.BACKOFF_NANOS, TimeUnit.NANOSECONDS);
                    return;
                }
                GodotError e = peer.putPacket(packet);
                if (e != GodotError.OK) {
                    mesh.fail("put_packet returned " + e + ": " + peer.getLastFailure());
                    return;
                }
                sent++;
            }
            mesh.threadOf(A).wake(); // More to send: poll once more, then the next batch.
        }

        private void resume() {
            waiting = false;
            run();
        }
    }
}
