// SPDX-License-Identifier: MIT
package dev.meshscope.session.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshscope.core.ChannelState;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.RtcConfiguration;
import dev.meshscope.core.WebRtcRuntime;
import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.core.probe.ProbeStats;
import dev.meshscope.core.snapshot.PeerSnapshot;
import dev.meshscope.session.CreateRequest;
import dev.meshscope.session.MeshSession;
import dev.meshscope.session.OperatorAction;
import dev.meshscope.session.SendRequest;
import dev.meshscope.session.SessionSink;
import dev.meshscope.session.SessionState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real window sessions joined through a shared folder, each recording (peer 3 on a clock 1.5 s ahead), probes
 * between them: each record holds the configuration without credentials, every kind of item a session produces,
 * replays to the live state, merges with the other within the stated uncertainty and exports without a trace of
 * an address or credential. Negative twins: an unwritable record folder, a session where nothing happened.
 */
@Tag("native")
class SessionRecordingTest {
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final long SKEW_MICROS = 1_500_321;
    private static final RtcConfiguration.IceServer STUN =
            new RtcConfiguration.IceServer(List.of("stun:10.77.0.1:3478"), "alice", "s3cr3t-credential");

    private final WebRtcRuntime runtime = WebRtcRuntime.create();
    private final List<MeshSession> sessions = new CopyOnWriteArrayList<>();
    private final List<OperatorAction> actions = new CopyOnWriteArrayList<>();

    @TempDir
    Path dir;

    private MeshSession session(String name, RecordSettings rec, AtomicReference<SessionState> last) {
        MeshSession s = new MeshSession(
                name,
                runtime,
                new SessionSink() {
                    @Override
                    public void event(MeshEvent event) {}

                    @Override
                    public void action(OperatorAction action) {
                        actions.add(action);
                    }

                    @Override
                    public void state(SessionState state) {
                        last.set(state);
                    }
                },
                rec);
        sessions.add(s);
        return s;
    }

    @AfterEach
    void close() {
        sessions.forEach(MeshSession::shutdown);
        runtime.close();
    }

    private static Path onlyRecord(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            List<Path> l = s.filter(RecordFormat::isRecord).toList();
            assertThat(l).hasSize(1);
            return l.get(0);
        }
    }

    private static boolean connected(AtomicReference<SessionState> s) {
        SessionState st = s.get();
        return st != null
                && st.mesh().peers().size() == 1
                && st.mesh().peers().get(0).openChannels() == 3;
    }

    @Test
    void aRecordedSessionReplaysMergesAndExportsWithoutSecrets() throws Exception {
        AtomicReference<SessionState> sa = new AtomicReference<>();
        AtomicReference<SessionState> sb = new AtomicReference<>();
        Path da = dir.resolve("a");
        Path db = dir.resolve("b");
        MeshSession a = session("rec-2", RecordSettings.inDirectory(da), sa);
        MeshSession b = session(
                "rec-3",
                RecordSettings.inDirectory(db).withClock(RecordClock.system().shifted(SKEW_MICROS)),
                sb);
        Path lobby = dir.resolve("lobby");
        Files.createDirectories(lobby);
        a.joinFolder(lobby, new CreateRequest(NetworkMode.MESH, 2, List.of(), List.of(STUN)));
        b.joinFolder(lobby, new CreateRequest(NetworkMode.MESH, 3, List.of(), List.of(STUN)));
        await("connected").atMost(WAIT).until(() -> connected(sa) && connected(sb));
        a.send(new SendRequest(3, SendRequest.ALL_CHANNELS, new byte[32], 30, 100, true));
        b.send(new SendRequest(2, 0, new byte[32], 30, 100, true));
        await("pongs and a wire-stats round").atMost(WAIT).until(() -> {
            SessionState st = sa.get();
            long got = st.probes().stream()
                    .filter(p -> p.channel() == 0)
                    .mapToLong(ProbeStats::received)
                    .sum();
            return got >= 30 && a.recorder().written() > 0 && st.atNanos() > 0;
        });
        await("wire stats recorded")
                .atMost(WAIT)
                .pollDelay(Duration.ofMillis(2500))
                .until(() -> true);
        Path fa = a.recorder().file();
        Path fb = b.recorder().file();
        a.shutdown();
        b.shutdown();
        assertThat(onlyRecord(da)).isEqualTo(fa);
        assertThat(onlyRecord(db)).isEqualTo(fb);

        RecordContents ra = RecordReader.readStrict(fa);
        RecordContents rb = RecordReader.readStrict(fb);
        assertThat(ra.header().recorder()).isEqualTo("window");
        assertThat(ra.header().meshscopeVersion()).isNotBlank();
        RecordItem.Config cfg = ra.items().stream()
                .filter(i -> i instanceof RecordItem.Config)
                .map(i -> (RecordItem.Config) i)
                .findFirst()
                .orElseThrow();
        assertThat(cfg.mode()).isEqualTo("mesh");
        assertThat(cfg.uniqueId()).isEqualTo(2);
        assertThat(cfg.channels()).containsExactly("RELIABLE", "UNRELIABLE_ORDERED", "UNRELIABLE");
        assertThat(cfg.iceServers()).containsExactly("stun:10.77.0.1:3478");
        String rawA = AnonymizeScan.text(fa);
        assertThat(rawA).doesNotContain("s3cr3t-credential").doesNotContain("alice");

        List<String> kinds =
                ra.items().stream().map(RecordItem::kind).distinct().toList();
        assertThat(kinds).contains("config", "event", "stats", "action", "signal");
        List<String> events = ra.items().stream()
                .filter(i -> i instanceof RecordItem.Event)
                .map(i -> ((RecordItem.Event) i).event().getClass().getSimpleName())
                .distinct()
                .toList();
        assertThat(events)
                .contains(
                        "Created",
                        "PeerAdded",
                        "PeerConnected",
                        "DescriptionCreated",
                        "CandidateCreated",
                        "ChannelStateChanged",
                        "WireStatsUpdated",
                        "ProbeTimed",
                        "Closed");
        assertThat(ra.items().stream()
                        .filter(i ->
                                i instanceof RecordItem.Signal s && s.path().equals("folder")))
                .isNotEmpty();

        // Replay: nothing before the start, peer 3 connected with counters and probes by the end of the traffic.
        RecordReplay replay = RecordReplay.of(ra);
        assertThat(replay.at(replay.startsAt() - 1).mesh().peers()).isEmpty();
        long connectedAt = ra.items().stream()
                .filter(i -> i instanceof RecordItem.Event e && e.event() instanceof MeshEvent.PeerConnected)
                .findFirst()
                .orElseThrow()
                .at();
        ReplayState atConnect = replay.at(connectedAt);
        assertThat(atConnect.mesh().peer(3)).isNotNull();
        assertThat(atConnect.mesh().peer(3).connected()).isTrue();
        assertThat(atConnect.log())
                .last()
                .extracting(ReplayState.LogEntry::kind)
                .isEqualTo("PeerConnected");
        long lastSample = ra.items().stream()
                .filter(i -> i instanceof RecordItem.Stats s && s.mesh().peer(3) != null)
                .reduce((x, y) -> y)
                .orElseThrow()
                .at();
        ReplayState busy = replay.at(lastSample);
        PeerSnapshot p3 = busy.mesh().peer(3);
        assertThat(p3.channels().get(0).messagesReceived()).isGreaterThanOrEqualTo(30);
        assertThat(p3.channels().get(0).state()).isEqualTo(ChannelState.OPEN);
        assertThat(busy.dictionary()).startsWith("{ 3: { \"connection\": <WebRTCLibPeerConnection#");
        assertThat(busy.probes()).anySatisfy(ps -> assertThat(ps.received()).isGreaterThanOrEqualTo(30));
        assertThat(busy.wire()).containsKey(3);
        assertThat(replay.at(replay.endsAt()).mesh().peers()).isEmpty(); // closed at shutdown
        assertThat(replay.series(3, 0, RecordReplay.Measure.MESSAGES_SENT)).isNotEmpty();

        // Merge: peer 3's record is 1.5 s ahead.
        RecordMerge.ClockOffset o = RecordMerge.merge(List.of(ra, rb)).offsets().get(1);
        assertThat(o.aligned()).isTrue();
        assertThat(Math.abs(o.offsetMicros() - SKEW_MICROS)).isLessThanOrEqualTo(o.uncertaintyMicros());
        System.out.println("SessionRecordingTest: true skew +1500.321 ms, estimated " + o.describe());

        // Export for sharing: nothing of the real SDPs, candidates or stats survives; the export still replays.
        Path shared = dir.resolve("shared" + RecordFormat.EXTENSION);
        RecordExport.forSharing(fa, shared);
        AnonymizeScan.assertNoneSurvives(
                rawA, AnonymizeScan.text(shared), ra.header().host().hostName());
        RecordContents back = RecordReader.readStrict(shared);
        assertThat(back.items()).hasSize(ra.items().size());
        assertThat(RecordReplay.of(back).at(lastSample).mesh().peer(3)).isNotNull();
    }

    @Test
    void anUnwritableRecordFolderIsSaidAndTheSessionRunsUnrecorded() throws Exception {
        Path notADir = dir.resolve("file");
        Files.writeString(notADir, "x");
        AtomicReference<SessionState> st = new AtomicReference<>();
        MeshSession s = session("rec-bad", RecordSettings.inDirectory(notADir.resolve("records")), st);
        assertThat(s.recorder()).isNull();
        assertThat(actions).anySatisfy(x -> {
            assertThat(x.failed()).isTrue();
            assertThat(x.kind()).isEqualTo("record");
            assertThat(x.text()).contains("not recorded").contains(RecordSettings.PROPERTY);
        });
        s.create(new CreateRequest(NetworkMode.SERVER, 1, List.of(), List.of()));
        await().atMost(WAIT).until(() -> st.get() != null && st.get().mesh().uniqueId() == 1);
    }

    @Test
    void aSessionWhereNothingHappenedLeavesNoRecordAndOneThatCreatedDoes() throws Exception {
        Path d1 = dir.resolve("idle");
        MeshSession idle = session("rec-idle", RecordSettings.inDirectory(d1), new AtomicReference<>());
        Path f = idle.recorder().file();
        assertThat(f).exists();
        idle.shutdown();
        assertThat(f).doesNotExist();

        Path d2 = dir.resolve("used");
        AtomicReference<SessionState> st = new AtomicReference<>();
        MeshSession used = session("rec-used", RecordSettings.inDirectory(d2), st);
        used.create(new CreateRequest(NetworkMode.SERVER, 1, List.of(), List.of()));
        await().atMost(WAIT).until(() -> st.get() != null && st.get().mesh().uniqueId() == 1);
        used.shutdown();
        assertThat(RecordReader.readStrict(onlyRecord(d2)).items())
                .anySatisfy(i -> assertThat(i).isInstanceOf(RecordItem.Config.class));
    }

    @Test
    void theFolderCapDeletesTheOldestRecordsFirst() throws Exception {
        Path d = dir.resolve("cap");
        Files.createDirectories(d);
        for (int i = 0; i < 5; i++) {
            Path f = d.resolve("old-" + i + RecordFormat.EXTENSION);
            Files.write(f, new byte[1000]);
            Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(1_000_000L * (i + 1)));
        }
        Files.writeString(d.resolve("notes.txt"), "kept");
        RecordingSink.trim(d, 2500);
        try (Stream<Path> s = Files.list(d)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("notes.txt", "old-3" + RecordFormat.EXTENSION, "old-4" + RecordFormat.EXTENSION);
        }
    }
}
