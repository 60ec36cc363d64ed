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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;

/** The owner thread: ordered commands, fenced failures, and polls driven by native activity. */
class MeshThreadTest {

    @Test
    void commandsRunInOrderOnTheOwnerThreadAndCallReturnsTheirResult() throws Exception {
        try (WebRtcRuntime rt = WebRtcRuntime.create(); MeshThread t = new MeshThread("mesh-test", rt)) {
            List<Integer> seen = new CopyOnWriteArrayList<>();
            for (int i = 0; i < 100; i++) {
                int n = i;
                t.execute(() -> seen.add(n));
            }
            assertThat(t.call(() -> Thread.currentThread().getName()).get(10, TimeUnit.SECONDS)).isEqualTo("mesh-test");
            assertThat(seen).hasSize(100).isSorted();
        }
    }

    @Test
    void aFailingCommandIsReportedAndTheLoopGoesOn() throws Exception {
        try (WebRtcRuntime rt = WebRtcRuntime.create(); MeshThread t = new MeshThread("mesh-fail", rt)) {
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
        try (WebRtcRuntime rt = WebRtcRuntime.create(); MeshThread t = new MeshThread("mesh-owner", rt)) {
            List<WebRtcMultiplayerPeer> mesh = t.call(() -> Loopback.mesh(rt, 2, 3)).get(10, TimeUnit.SECONDS);
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
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5)).until(() -> t.call(() -> Loopback.fullyConnected(mesh)).get());
            int rounds = 200;
            for (int i = 0; i < rounds; i++) {
                t.execute(() -> {
                    a.setTargetPeer(3);
                    a.setTransferMode(TransferMode.RELIABLE);
                    a.putPacket(tracker.nextPacket(3, 0, ProbePacket.Kind.PING, new byte[32]));
                });
                assertThat(pongs.tryAcquire(10, TimeUnit.SECONDS)).as("pong %d", i).isTrue();
            }
            ProbeStats s = t.call(() -> tracker.stats().get(0)).get(10, TimeUnit.SECONDS);
            assertThat(s.sent()).isEqualTo(rounds);
            assertThat(s.received()).isEqualTo(rounds);
            assertThat(s.lost()).isZero();
            assertThat(s.duplicates()).isZero();
            assertThat(s.samples()).isEqualTo(rounds);
            assertThat(s.rttMedianMs()).isPositive();
            assertThat(s.rttP99Ms()).isGreaterThanOrEqualTo(s.rttMedianMs());
            System.err.printf("MeshThread round trip over %d pings: median %.3f ms, p99 %.3f ms%n", rounds,
                    s.rttMedianMs(), s.rttP99Ms());
            t.call(() -> {
                mesh.forEach(WebRtcMultiplayerPeer::close);
                return null;
            }).get(10, TimeUnit.SECONDS);
        }
    }
}
