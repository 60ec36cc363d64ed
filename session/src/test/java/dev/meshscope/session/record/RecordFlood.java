// SPDX-License-Identifier: MIT
package dev.meshscope.session.record;

import dev.meshscope.core.ChannelState;
import dev.meshscope.core.GodotError;
import dev.meshscope.core.MeshThread;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.PeerInfo;
import dev.meshscope.core.WebRtcDataChannel;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.core.WebRtcPeerConnection;
import dev.meshscope.core.WebRtcRuntime;
import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.core.probe.ProbePacket;
import dev.meshscope.session.CreateRequest;
import dev.meshscope.session.MeshSession;
import dev.meshscope.session.OperatorAction;
import dev.meshscope.session.SendRequest;
import dev.meshscope.session.SessionSink;
import dev.meshscope.session.SessionState;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Measures a session record at the 32-peer flood of {@code bench gui} (a recording window session as peer 1, 31
 * partners on one partner thread, every channel saturated both ways: the session pings every channel as fast as the
 * send buffers take them, each partner echoes and floods data back): compressed bytes per minute, items dropped,
 * and the time the mesh thread spent handing items to the recorder (against the mesh thread's CPU time).
 *
 * <p>Run inside the test network namespace (libwebrtc ignores {@code lo}):
 * {@code tools/netns/bin/java -cp CLASSPATH dev.meshscope.session.record.RecordFlood [seconds] [peers]}.
 */
public final class RecordFlood {
    private static final long PARTNER_BACKPRESSURE_BYTES = 256 * 1024;
    private static final int PARTNER_BURST = 64;
    private static final int PAYLOAD = 100;

    private RecordFlood() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int members = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        Path dir = Files.createTempDirectory("record-flood");
        WebRtcRuntime runtime = WebRtcRuntime.create();
        SessionSink quiet = new SessionSink() {
            @Override
            public void event(MeshEvent event) {}

            @Override
            public void action(OperatorAction action) {}

            @Override
            public void state(SessionState state) {}
        };
        MeshSession session = new MeshSession("mesh-flood", runtime, quiet, RecordSettings.inDirectory(dir));
        MeshThread partners = new MeshThread("flood-partners", runtime);
        List<WebRtcMultiplayerPeer> peers = new ArrayList<>();
        List<List<WebRtcDataChannel>> toWindow = new ArrayList<>();
        byte[] data = new ProbePacket(ProbePacket.Kind.DATA, 0, 0, 0, new byte[PAYLOAD]).encode();
        partners.addPoller(() -> {
            boolean more = false;
            for (int i = 0; i < peers.size(); i++) {
                WebRtcMultiplayerPeer p = peers.get(i);
                List<WebRtcDataChannel> chs = toWindow.get(i);
                p.poll();
                int reads = 0;
                while (reads++ < 4096 && p.getAvailablePacketCount() > 0) {
                    byte[] pong = ProbePacket.pongFor(p.getPacket());
                    int channel = pong == null ? -1 : MeshSession.probeChannel(pong);
                    if (channel >= 0 && channel < chs.size()) {
                        chs.get(channel).putPacket(pong);
                    }
                }
                for (WebRtcDataChannel ch : chs) {
                    for (int k = 0;
                            k < PARTNER_BURST
                                    && ch.getReadyState() == ChannelState.OPEN
                                    && ch.getBufferedAmount() < PARTNER_BACKPRESSURE_BYTES;
                            k++) {
                        ch.putPacket(data);
                    }
                    more |= ch.getBufferedAmount() < PARTNER_BACKPRESSURE_BYTES;
                }
            }
            if (more) {
                partners.wake();
            }
        });
        session.create(new CreateRequest(NetworkMode.MESH, 1, List.of(), List.of()));
        for (int id = 2; id <= members; id++) {
            wire(session, partners, runtime, id, peers, toWindow);
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (connected(session) < members - 1 && System.nanoTime() < end) {
            Thread.sleep(200); // A measurement's progress poll, not a test wait.
        }
        System.out.println("connected: " + connected(session) + " of " + (members - 1));
        session.send(new SendRequest(0, SendRequest.ALL_CHANNELS, new byte[PAYLOAD], 1_000_000_000L, 0, true));
        Thread.sleep(5000); // warm-up
        SessionRecorder r = session.recorder();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long meshThread = threadId(mx, "mesh-flood");
        long bytes0 = r.bytesWritten();
        long lines0 = r.written();
        long feed0 = r.feedNanos();
        long cpu0 = mx.getThreadCpuTime(meshThread);
        long[] c0 = counters(session);
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        double secs = (System.nanoTime() - t0) / 1e9;
        long bytes1 = r.bytesWritten();
        long lines1 = r.written();
        long feed1 = r.feedNanos();
        long cpu1 = mx.getThreadCpuTime(meshThread);
        long[] c1 = counters(session);
        session.stopSending();
        session.shutdown();
        partners.close();
        runtime.close();
        double perMin = (bytes1 - bytes0) / secs * 60;
        System.out.printf(
                Locale.ROOT,
                "RecordFlood: %d peers, %.1f s measured; session peer traffic %.0f msgs/s in, %.0f out%n"
                        + "record: %.1f KiB/min compressed (%.2f MiB/h), %.1f lines/s, %d dropped%n"
                        + "mesh thread: recording %.2f ms/s (%.3f%% of one core), mesh thread CPU %.0f ms/s -> "
                        + "recording is %.2f%% of the mesh thread's CPU%n"
                        + "record file: %s (%d bytes)%n",
                members,
                secs,
                (c1[0] - c0[0]) / secs,
                (c1[1] - c0[1]) / secs,
                perMin / 1024,
                perMin * 60 / (1024 * 1024),
                (lines1 - lines0) / secs,
                r.dropped(),
                (feed1 - feed0) / 1e6 / secs,
                (feed1 - feed0) / 1e7 / secs,
                (cpu1 - cpu0) / 1e6 / secs,
                100.0 * (feed1 - feed0) / Math.max(1, cpu1 - cpu0),
                r.file(),
                Files.size(r.file()));
        RecordContents c = RecordReader.readStrict(r.file());
        long stats =
                c.items().stream().filter(i -> i instanceof RecordItem.Stats).count();
        long events =
                c.items().stream().filter(i -> i instanceof RecordItem.Event).count();
        System.out.println("read back: " + c.items().size() + " items (" + stats + " samples, " + events + " events)");
    }

    private static long threadId(ThreadMXBean mx, String name) {
        for (ThreadInfo t : mx.dumpAllThreads(false, false)) {
            if (t.getThreadName().equals(name)) {
                return t.getThreadId();
            }
        }
        throw new IllegalStateException("no thread " + name);
    }

    private static int connected(MeshSession s) throws Exception {
        CompletableFuture<Integer> f = new CompletableFuture<>();
        s.onMeshThread(p -> {
            int c = 0;
            for (PeerInfo i : p.getPeers().values()) {
                c += i.connected() ? 1 : 0;
            }
            f.complete(c);
        });
        return f.get(30, TimeUnit.SECONDS);
    }

    private static long[] counters(MeshSession s) throws Exception {
        CompletableFuture<long[]> f = new CompletableFuture<>();
        s.onMeshThread(p -> {
            long in = 0;
            long out = 0;
            for (var ps : p.snapshot().peers()) {
                for (var ch : ps.channels()) {
                    in += ch.messagesReceived();
                    out += ch.messagesSent();
                }
            }
            f.complete(new long[] {in, out});
        });
        return f.get(30, TimeUnit.SECONDS);
    }

    private static void wire(
            MeshSession session,
            MeshThread thread,
            WebRtcRuntime runtime,
            int id,
            List<WebRtcMultiplayerPeer> peers,
            List<List<WebRtcDataChannel>> toWindow)
            throws Exception {
        CompletableFuture<WebRtcPeerConnection> windowSide = new CompletableFuture<>();
        session.onMeshThread(p -> {
            WebRtcPeerConnection pc = new WebRtcPeerConnection(runtime);
            GodotError e = p.addPeer(pc, id);
            if (e != GodotError.OK) {
                windowSide.completeExceptionally(new IllegalStateException("addPeer(" + id + ") " + e));
                return;
            }
            windowSide.complete(pc);
        });
        WebRtcPeerConnection a = windowSide.get(30, TimeUnit.SECONDS);
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
                    toWindow.add(partner.getPeer(1).channels());
                    return null;
                })
                .get(30, TimeUnit.SECONDS);
    }
}
