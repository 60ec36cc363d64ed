// SPDX-License-Identifier: MIT
package dev.meshscope.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshscope.core.probe.ProbePacket;
import dev.meshscope.core.probe.ProbeStats;
import dev.meshscope.core.probe.ProbeTracker;
import dev.meshscope.core.testing.Loopback;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The owner thread: ordered commands, fenced failures, and polls driven by native activity. */
@Tag("native")
class MeshThreadTest {

    @Test
    void commandsRunInOrderOnTheOwnerThreadAndCallReturnsTheirResult() throws Exception {
        try (WebRtcRuntime rt = WebRtcRuntime.create();
                MeshThread t = new MeshThread("mesh-test", rt)) {
            List<Integer> seen = new CopyOnWriteArrayList<>();
            for (int i = 0; i < 100; i++) {
                int n = i;
                t.execute(() -> seen.add(n));
            }
            assertThat(t.call(() -> Thread.currentThread().getName()).get(10, TimeUnit.SECONDS))
                    .isEqualTo("mesh-test");
            assertThat(seen).hasSize(100).isSorted();
        }
    }

    @Test
    void aFailingCommandIsReportedAndTheLoopGoesOn() throws Exception {
        try (WebRtcRuntime rt = WebRtcRuntime.create();
                MeshThread t = new MeshThread("mesh-fail", rt)) {
            CountDownLatch reported = new CountDownLatch(1);
            t.setFailureHandler(e -> reported.countDown());
            t.execute(() -> {
                throw new StackOverflowError("simulated");
            });
            assertThat(reported.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(t.call(() -> 42).get(10, TimeUnit.SECONDS)).isEqualTo(42);
        }
    }

    @Test
    void peersOwnedByTheThreadConnectAndEchoProbesWithNoExternalPolling() throws Exception {
        try (WebRtcRuntime rt = WebRtcRuntime.create();
                MeshThread t = new MeshThread("mesh-owner", rt)) {
            List<WebRtcMultiplayerPeer> mesh =
                    t.call(() -> Loopback.mesh(rt, 2, 3)).get(10, TimeUnit.SECONDS);
            WebRtcMultiplayerPeer a = mesh.get(0);
            WebRtcMultiplayerPeer b = mesh.get(1);
            ProbeTracker tracker = new ProbeTracker();
            Semaphore pongs = new Semaphore(0);
            t.addPoller(() -> {
                a.poll();
                b.poll();
                while (b.getAvailablePacketCount() > 0) {
                    int from = b.getPacketPeer();
                    int ch = b.getPacketChannel();
                    TransferMode mode = b.getPacketMode();
                    byte[] pong = ProbePacket.pongFor(b.getPacket());
                    if (pong != null) {
                        b.setTargetPeer(from);
                        b.setTransferChannel(ch);
                        b.setTransferMode(mode);
                        b.putPacket(pong);
                    }
                }
                while (a.getAvailablePacketCount() > 0) {
                    int from = a.getPacketPeer();
                    int ch = a.getPacketChannelIndex();
                    if (tracker.onReceived(from, ch, a.getPacket(), a.getLastPacketArrivalNanos())) {
                        pongs.release();
                    }
                }
            });
            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> t.call(() -> Loopback.fullyConnected(mesh)).get());
            int rounds = 200;
            for (int i = 0; i < rounds; i++) {
                t.execute(() -> {
                    a.setTargetPeer(3);
                    a.setTransferMode(TransferMode.RELIABLE);
                    a.putPacket(tracker.nextPacket(3, 0, ProbePacket.Kind.PING, new byte[32]));
                });
                assertThat(pongs.tryAcquire(10, TimeUnit.SECONDS))
                        .as("pong %d", i)
                        .isTrue();
            }
            ProbeStats s = t.call(() -> tracker.stats().get(0)).get(10, TimeUnit.SECONDS);
            assertThat(s.sent()).isEqualTo(rounds);
            assertThat(s.received()).isEqualTo(rounds);
            assertThat(s.lost()).isZero();
            assertThat(s.duplicates()).isZero();
            assertThat(s.samples()).isEqualTo(rounds);
            assertThat(s.rttMedianMs()).isPositive();
            assertThat(s.rttP99Ms()).isGreaterThanOrEqualTo(s.rttMedianMs());
            System.err.printf(
                    "MeshThread round trip over %d pings: median %.3f ms, p99 %.3f ms%n",
                    rounds, s.rttMedianMs(), s.rttP99Ms());
            t.call(() -> {
                        mesh.forEach(WebRtcMultiplayerPeer::close);
                        return null;
                    })
                    .get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Two owner threads, each with its own connected pair: 300 packets through one pair wake only its owner. The
     * other thread wakes for its own traffic (negative twin).
     */
    @Test
    void nativeActivityWakesOnlyTheOwnerOfTheConnection() throws Exception {
        try (WebRtcRuntime rt = WebRtcRuntime.create();
                MeshThread busy = new MeshThread("mesh-busy", rt);
                MeshThread idle = new MeshThread("mesh-idle", rt)) {
            List<WebRtcMultiplayerPeer> pairA =
                    busy.call(() -> Loopback.mesh(rt, 1, 2)).get(10, TimeUnit.SECONDS);
            List<WebRtcMultiplayerPeer> pairB =
                    idle.call(() -> Loopback.mesh(rt, 3, 4)).get(10, TimeUnit.SECONDS);
            java.util.concurrent.atomic.AtomicLong readA = new java.util.concurrent.atomic.AtomicLong();
            java.util.concurrent.atomic.AtomicLong readB = new java.util.concurrent.atomic.AtomicLong();
            busy.addPoller(() -> drainAll(pairA, readA));
            idle.addPoller(() -> drainAll(pairB, readB));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> busy.call(() -> Loopback.fullyConnected(pairA)).get()
                            && idle.call(() -> Loopback.fullyConnected(pairB)).get());
            // Let connection set-up activity settle, then measure the idle thread's wake-ups across a burst.
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(100))
                    .until(new java.util.concurrent.Callable<>() {
                        long last = -1;

                        @Override
                        public Boolean call() {
                            long now = idle.wakeCount();
                            boolean settled = now == last;
                            last = now;
                            return settled;
                        }
                    });
            long idleBefore = idle.wakeCount();
            long busyBefore = busy.wakeCount();
            int packets = 300;
            busy.execute(() -> {
                for (int i = 0; i < packets; i++) {
                    pairA.get(0).putPacket(new byte[] {(byte) i});
                }
            });
            await().atMost(Duration.ofSeconds(20)).until(() -> readA.get() == packets);
            long idleWakes = idle.wakeCount() - idleBefore;
            long busyWakes = busy.wakeCount() - busyBefore;
            System.err.printf(
                    "owner wake-ups for %d packets: owner %d, other thread %d%n", packets, busyWakes, idleWakes);
            assertThat(busyWakes).as("the owner was woken by its traffic").isPositive();
            assertThat(idleWakes).as("the other owner slept through it").isZero();
            idle.execute(() -> pairB.get(0).putPacket(new byte[] {1}));
            await().atMost(Duration.ofSeconds(20)).until(() -> readB.get() == 1);
            assertThat(idle.wakeCount() - idleBefore)
                    .as("negative twin: its own traffic wakes it")
                    .isPositive();
            busy.call(() -> {
                        pairA.forEach(WebRtcMultiplayerPeer::close);
                        return null;
                    })
                    .get(10, TimeUnit.SECONDS);
            idle.call(() -> {
                        pairB.forEach(WebRtcMultiplayerPeer::close);
                        return null;
                    })
                    .get(10, TimeUnit.SECONDS);
        }
    }

    private static void drainAll(List<WebRtcMultiplayerPeer> peers, java.util.concurrent.atomic.AtomicLong read) {
        for (WebRtcMultiplayerPeer p : peers) {
            p.poll();
            while (p.getAvailablePacketCount() > 0) {
                p.getPacket();
                read.incrementAndGet();
            }
        }
    }
}
