// SPDX-License-Identifier: MIT
package dev.meshscope.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.core.internal.CallbackGuard;
import dev.meshscope.core.testing.Loopback;
import dev.meshscope.core.testing.Pump;
import java.io.File;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The five ways webrtc-java 0.14.0 kills the JVM (docs/architecture.md, "webrtc-java 0.14.0 hazards"), each made
 * impossible through mesh-core's API. Each guarded test would crash this test JVM without its guard; each
 * control runs the unguarded call on raw webrtc-java in a child JVM and shows it dies there.
 */
@Tag("native")
@Tag("multiprocess")
class CrashHazardTest {
    /** A child JVM that crashes does so within a second or two; this bounds a hang. */
    private static final long CHILD_TIMEOUT_SECONDS = 60;

    /** SIGABRT's exit status, and the first line HotSpot prints when native code crashes it. */
    private static final int SIGABRT_EXIT = 134;

    private static final String HOTSPOT_CRASH = "A fatal error has been detected by the Java Runtime Environment";

    /** Runs {@link RawHazard} in a child JVM and asserts that it died of a native crash, not of an exception. */
    private static void assertRawJvmCrashes(String mode) throws Exception {
        String javaBin = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(
                        javaBin,
                        "-XX:-CreateCoredumpOnCrash",
                        "-XX:ErrorFile=/dev/null",
                        "-cp",
                        System.getProperty("java.class.path"),
                        RawHazard.class.getName(),
                        mode)
                .redirectErrorStream(true)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .as("child JVM finished")
                .isTrue();
        String text = new String(out, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.exitValue() == SIGABRT_EXIT || text.contains(HOTSPOT_CRASH))
                .as("raw webrtc-java crashed the JVM (exit %d):%n%s", p.exitValue(), text)
                .isTrue();
    }

    // 1. The default audio device module aborts the JVM on a machine without a sound card.

    @Test
    void runtimeUsesTheHeadlessAudioModuleSoItLoadsWithoutASoundCard() {
        try (WebRtcRuntime rt = WebRtcRuntime.create()) {
            assertThat(rt.loadProblem()).isNull();
            assertThat(rt.isUsable()).isTrue();
        }
    }

    @Test
    void controlTheDefaultAudioModuleAbortsARawJvm() throws Exception {
        assertRawJvmCrashes("default-audio");
    }

    // 2. createDataChannel with an init libwebrtc rejects hits a format-string bug and crashes.

    @Test
    void rejectedChannelInitsReturnAReasonAndTheConnectionStaysUsable() {
        try (WebRtcRuntime rt = WebRtcRuntime.create()) {
            WebRtcPeerConnection pc = new WebRtcPeerConnection(rt);
            assertThat(pc.createDataChannel("a", DataChannelOptions.negotiated(1)))
                    .isNotNull();
            assertThat(pc.createDataChannel("dup", DataChannelOptions.negotiated(1)))
                    .isNull();
            assertThat(pc.getLastFailure().reason()).contains("already used");
            assertThat(pc.createDataChannel("max", DataChannelOptions.negotiated(65535)))
                    .isNull();
            assertThat(pc.getLastFailure().reason()).contains("65535 is reserved");
            assertThat(pc.createDataChannel(
                            "both",
                            DataChannelOptions.negotiated(5)
                                    .withMaxPacketLifeTime(10)
                                    .withMaxRetransmits(2)))
                    .isNull();
            assertThat(pc.getLastFailure().reason()).contains("not both");
            assertThat(pc.createDataChannel("noid", new DataChannelOptions(true, -1, true, -1, -1, "")))
                    .isNull();
            assertThat(pc.createDataChannel("ok", DataChannelOptions.negotiated(7)))
                    .isNotNull();
            assertThat(pc.getChannels()).hasSize(2);
            assertThat(pc.createOffer()).isEqualTo(GodotError.OK);
            pc.close();
        }
    }

    @Test
    void controlADuplicateChannelIdCrashesARawJvm() throws Exception {
        assertRawJvmCrashes("duplicate-channel-id");
    }

    // 3. Disposing the factory while connections are alive makes the next call segfault.

    @Test
    void closingTheRuntimeUnderLiveConnectionsClosesThemFirstAndLaterCallsGetErrors() {
        WebRtcRuntime rt = WebRtcRuntime.create();
        List<WebRtcMultiplayerPeer> mesh = Loopback.mesh(rt, 2, 3);
        Pump.until("connected", () -> Loopback.fullyConnected(mesh), Loopback.pollAll(mesh));
        WebRtcPeerConnection pc = mesh.get(0).getPeer(3).connection();
        WebRtcDataChannel ch = mesh.get(0).getPeer(3).channels().get(0);
        rt.close();
        assertThat(rt.liveConnections()).isZero();
        assertThat(ch.putPacket(new byte[] {1})).isNotEqualTo(GodotError.OK);
        assertThat(ch.getBufferedAmount()).isGreaterThanOrEqualTo(0);
        assertThat(pc.createOffer()).isNotEqualTo(GodotError.OK);
        assertThat(pc.addIceCandidate("0", 0, "candidate:1 1 udp 1 10.77.0.1 9 typ host"))
                .isNotEqualTo(GodotError.OK);
        assertThat(pc.requestWireStats(s -> {})).isNotEqualTo(GodotError.OK);
        assertThat(new WebRtcPeerConnection(rt).getConnectionState()).isEqualTo(ConnectionState.CLOSED);
        for (WebRtcMultiplayerPeer p : mesh) {
            p.poll();
            p.close();
        }
    }

    @Test
    void controlDisposingTheFactoryFirstCrashesARawJvm() throws Exception {
        assertRawJvmCrashes("dispose-factory-first");
    }

    // 4. Any Throwable that escapes a callback aborts the JVM.

    @Test
    void aThrowInsideANativeCallbackIsContained() {
        try (WebRtcRuntime rt = WebRtcRuntime.create()) {
            long before = CallbackGuard.caughtCount();
            // Activity listeners run inside every native callback: make one throw an Error there.
            rt.addActivityListener(() -> {
                throw new AssertionError("thrown inside a native callback on purpose");
            });
            List<WebRtcMultiplayerPeer> mesh = Loopback.mesh(rt, 4, 5);
            Pump.until(
                    "connected despite throwing callbacks",
                    () -> Loopback.fullyConnected(mesh),
                    Loopback.pollAll(mesh));
            assertThat(CallbackGuard.caughtCount()).isGreaterThan(before);
            mesh.forEach(WebRtcMultiplayerPeer::close);
        }
    }

    @Test
    void controlAThrowingCallbackAbortsARawJvm() throws Exception {
        assertRawJvmCrashes("throwing-callback");
    }

    // 5. The onMessage buffer points at native memory freed after the callback returns.

    @Test
    void receivedPacketsAreCopiesThatStayIntactAfterMoreTraffic() {
        try (WebRtcRuntime rt = WebRtcRuntime.create()) {
            List<WebRtcMultiplayerPeer> mesh = Loopback.connectedMesh(rt, 6, 7);
            Runnable poll = Loopback.pollAll(mesh);
            WebRtcDataChannel out = mesh.get(0).getPeer(7).channels().get(0);
            WebRtcDataChannel in = mesh.get(1).getPeer(6).channels().get(0);
            int n = 500;
            for (int i = 0; i < n; i++) {
                assertThat(out.putPacket(pattern(i))).isEqualTo(GodotError.OK);
            }
            Pump.until("all arrived", () -> in.getAvailablePacketCount() == n, poll);
            List<byte[]> kept = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                kept.add(in.getPacket());
            }
            // More traffic reuses whatever native memory the first messages were delivered in.
            for (int i = 0; i < n; i++) {
                out.putPacket(new byte[1000 + i]);
            }
            Pump.until("second batch arrived", () -> in.getAvailablePacketCount() == n, poll);
            for (int i = 0; i < n; i++) {
                assertThat(kept.get(i)).as("packet %d", i).isEqualTo(pattern(i));
            }
            mesh.forEach(WebRtcMultiplayerPeer::close);
        }
    }

    private static byte[] pattern(int i) {
        ByteBuffer b = ByteBuffer.allocate(16 + (i % 200) * 7);
        while (b.remaining() >= 4) {
            b.putInt(i * 31 + b.position());
        }
        return b.array();
    }
}
