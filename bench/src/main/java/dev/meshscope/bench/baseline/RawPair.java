// SPDX-License-Identifier: MIT
package dev.meshscope.bench.baseline;

import dev.meshscope.bench.BenchException;
import dev.meshscope.bench.BenchPair;
import dev.meshscope.bench.Deadline;
import dev.meshscope.bench.PacketRate;
import dev.meshscope.bench.PingLoop;
import dev.meshscope.bench.ReceiveCounter;
import dev.meshscope.bench.RoundTrips;
import dev.meshscope.bench.Workload;
import dev.meshscope.core.probe.ProbePacket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A connected raw pair. The sender loops on the benchmark thread (webrtc-java has no buffered-amount
 * callback, so it polls the buffered amount and backs off); the receiver counts, and the echo answers,
 * inside the message callback; the pinger sends from an application thread (or, for the floor, from the
 * callback).
 */
final class RawPair implements BenchPair {
    private static final RawEnd.Sink IGNORE = (channel, data) -> {};

    private final RawEnd a;
    private final RawEnd b;
    private final Runnable closer;
    /** A's application thread: sends the pings of {@link #roundTrips} (one at a time, like an owner thread). */
    private final ExecutorService appThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "bench-raw-app");
        t.setDaemon(true);
        return t;
    });

    private volatile String failure;

    RawPair(RawEnd a, RawEnd b, Runnable closer) {
        this.a = a;
        this.b = b;
        this.closer = closer;
    }

    @Override
    public double throughput(int packetSize, long totalBytes, long timeoutMillis) throws BenchException {
        long packets = Math.max(1, totalBytes / packetSize);
        ReceiveCounter counter = new ReceiveCounter(packets * packetSize);
        b.setSink((channel, data) -> counter.received(data.length));
        byte[] packet = new byte[packetSize];
        Deadline deadline = Deadline.in(timeoutMillis);
        try {
            counter.start();
            for (long sent = 0; sent < packets; ) {
                if (a.bufferedAmount(Workload.RELIABLE) + packetSize > Workload.THROUGHPUT_HIGH_WATER_BYTES) {
                    LockSupport.parkNanos(Workload.BACKOFF_NANOS);
                    deadline.check("raw throughput sending");
                    continue;
                }
                a.send(Workload.RELIABLE, packet);
                sent++;
            }
            try {
                counter.reached().get(deadline.remainingMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new BenchException("raw throughput: only " + counter.bytes() + " of " + packets * packetSize
                        + " bytes arrived within " + timeoutMillis + " ms.");
            }
            return counter.bytesPerSecond();
        } catch (BenchException e) {
            throw e;
        } catch (Exception e) {
            throw new BenchException("raw throughput failed: " + e, e);
        } finally {
            b.setSink(IGNORE);
        }
    }

    /**
     * Pings from an application thread, as mesh-core's pinger does from its owner thread (and as any application
     * pinging on its own schedule does): the pong is taken inside the callback, the next ping is built and sent
     * on the application thread, so each ping pays webrtc-java's hop from a foreign thread onto its signalling
     * thread, as mesh-core's does. B echoes inside {@code onMessage}.
     */
    @Override
    public RoundTrips roundTrips(int channel, int count, long timeoutMillis) throws BenchException {
        return ping(
                channel,
                count,
                timeoutMillis,
                task -> appThread.execute(() -> {
                    try {
                        task.run();
                    } catch (Throwable t) {
                        failure = "the raw application thread failed: " + t;
                    }
                }));
    }

    /**
     * Pings from inside the callback that received the pong: no thread hop anywhere, the floor of what
     * webrtc-java can do (mesh-core's owner-thread rule rules this out for its pinger).
     */
    @Override
    public RoundTrips roundTripsPingingFromCallback(int channel, int count, long timeoutMillis) throws BenchException {
        return ping(channel, count, timeoutMillis, Runnable::run);
    }

    /** One ping run; {@code sender} runs the sending of each next ping (inline in the callback, or handed off). */
    private RoundTrips ping(int channel, int count, long timeoutMillis, java.util.concurrent.Executor sender)
            throws BenchException {
        PingLoop loop = new PingLoop(channel, count);
        CountDownLatch done = new CountDownLatch(1);
        Runnable next = () -> {
            try {
                a.send(channel, loop.nextPing());
            } catch (Exception e) {
                failure = "sending a ping failed: " + e;
            }
        };
        failure = null;
        b.setSink((ch, data) -> {
            byte[] pong = ProbePacket.pongFor(data);
            if (pong != null) {
                b.send(ch, pong);
            }
        });
        a.setSink((ch, data) -> {
            if (ch == channel && loop.onPong(data, System.nanoTime())) {
                if (loop.finished()) {
                    done.countDown();
                } else {
                    sender.execute(next);
                }
            }
        });
        Deadline deadline = Deadline.in(timeoutMillis);
        try {
            sender.execute(next);
            while (!done.await(Workload.PING_CHECK_MILLIS, TimeUnit.MILLISECONDS)) {
                if (failure != null) {
                    throw new BenchException("raw round trips: " + failure);
                }
                deadline.check("raw round trips (" + loop.progress() + ")");
                if (loop.expire(System.nanoTime())) {
                    if (loop.finished()) {
                        break;
                    }
                    sender.execute(next);
                }
            }
            return loop.result();
        } catch (BenchException e) {
            throw e;
        } catch (Exception e) {
            throw new BenchException("raw round trips failed: " + e, e);
        } finally {
            a.setSink(IGNORE);
            b.setSink(IGNORE);
        }
    }

    @Override
    public PacketRate packetRate(long sendMillis, long timeoutMillis) throws BenchException {
        ReceiveCounter counter = new ReceiveCounter(Long.MAX_VALUE);
        b.setSink((channel, data) -> counter.received(data.length));
        byte[] packet = new byte[Workload.PACKET_RATE_BYTES];
        Deadline deadline = Deadline.in(timeoutMillis);
        try {
            counter.start();
            long start = System.nanoTime();
            long end = start + TimeUnit.MILLISECONDS.toNanos(sendMillis);
            long sent = 0;
            long now;
            while ((now = System.nanoTime()) < end) {
                if (a.bufferedAmount(Workload.UNRELIABLE) + packet.length > Workload.PACKET_RATE_HIGH_WATER_BYTES) {
                    LockSupport.parkNanos(Workload.BACKOFF_NANOS);
                    continue;
                }
                a.send(Workload.UNRELIABLE, packet);
                sent++;
            }
            long sendNanos = now - start;
            counter.awaitQuiet(deadline.atNanos());
            return new PacketRate(sent, counter.packets(), sendNanos, counter.spanNanos());
        } catch (Exception e) {
            throw new BenchException("raw packet rate failed: " + e, e);
        } finally {
            b.setSink(IGNORE);
        }
    }

    @Override
    public void close() {
        appThread.shutdownNow();
        closer.run();
    }
}
