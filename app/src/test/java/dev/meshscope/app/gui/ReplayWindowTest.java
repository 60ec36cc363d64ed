// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshscope.app.gui.channels.ChannelRow;
import dev.meshscope.app.gui.log.LogEntry;
import dev.meshscope.app.gui.replay.MergeWindow;
import dev.meshscope.app.gui.replay.RecordActions;
import dev.meshscope.app.gui.replay.RecordMenu;
import dev.meshscope.app.gui.replay.ReplayViewModel;
import dev.meshscope.app.gui.replay.ReplayWindow;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.snapshot.ChannelSnapshot;
import dev.meshscope.core.snapshot.PeerSnapshot;
import dev.meshscope.session.CreateRequest;
import dev.meshscope.session.OperatorAction;
import dev.meshscope.session.SendRequest;
import dev.meshscope.session.record.AnonymizeScan;
import dev.meshscope.session.record.RecordContents;
import dev.meshscope.session.record.RecordItem;
import dev.meshscope.session.record.RecordReader;
import dev.meshscope.session.record.RecordReplay;
import dev.meshscope.session.record.ReplayState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The replay of records made by two real window sessions (peers 2 and 3 joined through a shared folder, probes on
 * every channel): the slider shows exactly what the record's own stats lines say at that moment, in the graph, the
 * channel table and the log together; a cut record opens partially with its banner; an export for sharing keeps no
 * address or credential (a verbatim one does); two records merge with an offset each. Negative twins: a file that
 * is not a record, an export onto its own input, a merge of one record.
 */
@Tag("window")
@Tag("native")
class ReplayWindowTest extends WindowTestBase {
    private static Path record2;
    private static Path record3;

    @BeforeAll
    static void recordTwoRealSessions() throws Exception {
        Path lobby = Files.createTempDirectory("replay-lobby");
        OpenWindow w2 = t.open("replay-2");
        OpenWindow w3 = t.open("replay-3");
        w2.session().joinFolder(lobby, new CreateRequest(NetworkMode.MESH, 2, List.of(), List.of()));
        w3.session().joinFolder(lobby, new CreateRequest(NetworkMode.MESH, 3, List.of(), List.of()));
        t.awaitFx(
                "both connected on three channels",
                () -> WindowFlows.openChannels(t, w2) == 3 && WindowFlows.openChannels(t, w3) == 3);
        w2.session().send(new SendRequest(3, SendRequest.ALL_CHANNELS, new byte[48], 40, 20, true));
        w3.session().send(new SendRequest(2, 0, new byte[16], 40, 20, true));
        // Two seconds of probes at 20/s: several stats samples with moving counters.
        t.awaitFx("probes answered", () -> WindowFlows.messagesIn(t, w2) >= 60);
        long sampled2 = w2.session().recorder().samples();
        long sampled3 = w3.session().recorder().samples();
        await("three more samples")
                .atMost(GuiTestSupport.TIMEOUT)
                .until(() -> w2.session().recorder().samples() >= sampled2 + 3
                        && w3.session().recorder().samples() >= sampled3 + 3);
        record2 = w2.session().recorder().file();
        record3 = w3.session().recorder().file();
        t.closeWindows();
        assertThat(record2).exists();
        assertThat(record3).exists();
    }

    private static <T extends Node> T find(ReplayWindow w, String query) {
        return t.robot.from(w.stage().getScene().getRoot()).lookup(query).query();
    }

    private static boolean has(ReplayWindow w, String query) {
        return GuiTestSupport.fx(() -> w.stage().getScene().getRoot().lookup(query) != null);
    }

    private static ReplayWindow open(Path file, List<OperatorAction> log) {
        ReplayWindow w = GuiTestSupport.fx(() -> RecordMenu.openFile(file, log::add, null));
        assertThat(w).as("opened %s", file).isNotNull();
        return w;
    }

    /** Moves the slider itself to {@code at} (record µs) and returns what the window's model shows. */
    private static ReplayState slide(ReplayWindow w, long at) {
        Slider s = find(w, "#replaySlider");
        long start = w.model().replay().startsAt();
        return GuiTestSupport.fx(() -> {
            s.setValue((at - start) / 1e6);
            return w.model().stateProperty().get();
        });
    }

    /** The channel table's rows as "peer/channel msgsOut msgsIn bytesOut bytesIn". */
    private static List<String> tableCounters(ReplayWindow w) {
        TableView<ChannelRow> table = find(w, "#channelTable");
        return GuiTestSupport.fx(() -> table.getItems().stream()
                .filter(r -> r.departedProperty().get() == null)
                .map(r -> r.peerId() + "/" + r.index() + " "
                        + r.msgsOutProperty().get() + " "
                        + r.msgsInProperty().get() + " " + r.bytesOutProperty().get() + " "
                        + r.bytesInProperty().get())
                .sorted()
                .toList());
    }

    private static List<String> sampleCounters(RecordItem.Stats s) {
        List<String> out = new ArrayList<>();
        for (PeerSnapshot p : s.mesh().peers()) {
            for (ChannelSnapshot c : p.channels()) {
                out.add(p.id() + "/" + c.index() + " " + c.messagesSent() + " " + c.messagesReceived() + " "
                        + c.bytesSent() + " " + c.bytesReceived());
            }
        }
        return out.stream().sorted().toList();
    }

    private static List<LogEntry> logLines(ReplayWindow w) {
        TableView<LogEntry> log = find(w, "#eventLog");
        return GuiTestSupport.fx(() -> List.copyOf(log.getItems()));
    }

    @Test
    void theSliderShowsTheRecordedMomentInEveryViewTogether() throws Exception {
        List<OperatorAction> log = new CopyOnWriteArrayList<>();
        ReplayWindow w = open(record2, log);
        assertThat(GuiTestSupport.fx(() -> w.stage().getTitle())).startsWith("REPLAY of " + record2.getFileName());
        assertThat(t.robot
                        .from(w.stage().getScene().getRoot())
                        .lookup("#replayBanner")
                        .queryAs(Label.class)
                        .getText())
                .startsWith("REPLAY of " + record2.getFileName())
                .contains("read-only");
        assertThat(GuiTestSupport.fx(() -> find(w, "#replayDamageBanner").isVisible()))
                .isFalse();

        // The independent check: the record's own stats lines, read here straight from the file.
        RecordContents c = RecordReader.readStrict(record2);
        List<RecordItem.Stats> samples = c.items().stream()
                .filter(i -> i instanceof RecordItem.Stats s
                        && !s.mesh().peers().isEmpty()
                        && s.mesh().peers().get(0).channels().stream().anyMatch(ch -> ch.messagesReceived() > 0))
                .map(i -> (RecordItem.Stats) i)
                .toList();
        assertThat(samples).as("samples with traffic").hasSizeGreaterThanOrEqualTo(3);
        RecordReplay replay = RecordReplay.of(c);
        RecordItem.Stats first = samples.get(0);
        RecordItem.Stats last = samples.get(samples.size() - 1);
        assertThat(sampleCounters(first)).isNotEqualTo(sampleCounters(last));

        // At a sample (plus 100 µs: the slider works in seconds), every view shows that sample.
        for (RecordItem.Stats s : List.of(last, first)) { // Forward, then back.
            long at = s.at() + 100;
            ReplayState shown = slide(w, at);
            assertThat(shown.sampledAt()).isEqualTo(s.at());
            ReplayState expected = replay.at(shown.at());
            assertThat(shown.mesh()).isEqualTo(expected.mesh());
            assertThat(shown.dictionary()).isEqualTo(s.dictionary());
            assertThat(tableCounters(w)).isEqualTo(sampleCounters(s));
            assertThat(has(w, "#peer-node-3")).isTrue();
            assertThat(GuiTestSupport.fx(
                            () -> ((javafx.scene.control.TextInputControl) find(w, "#dictionaryView")).getText()))
                    .isNotBlank();
            List<LogEntry> lines = logLines(w);
            assertThat(lines).isNotEmpty();
            assertThat(lines.get(lines.size() - 1).atMillis()).isLessThanOrEqualTo(shown.at() / 1000);
            long expectedConnected = expected.log().stream()
                    .filter(l -> l.kind().equals("PeerConnected"))
                    .count();
            assertThat(lines.stream()
                            .filter(l -> l.kind().equals("PeerConnected"))
                            .count())
                    .isEqualTo(expectedConnected)
                    .isEqualTo(1);
        }
        // Before peer 3 was added: no peer in the graph, no rows, a shorter log, all at once.
        long added = c.items().stream()
                .filter(i -> i instanceof RecordItem.Event e
                        && e.event() instanceof dev.meshscope.core.event.MeshEvent.PeerAdded)
                .mapToLong(RecordItem::at)
                .min()
                .orElseThrow();
        int logAtLast = logLines(w).size();
        ReplayState early = slide(w, added - 1000);
        assertThat(early.mesh().peers()).isEmpty();
        assertThat(has(w, "#peer-node-3")).isFalse();
        assertThat(tableCounters(w)).isEmpty();
        assertThat(logLines(w)).hasSizeLessThan(logAtLast);
        assertThat(logLines(w)).noneMatch(l -> l.kind().equals("PeerAdded"));

        // Play: the moment, slider and views advance on their own to the end.
        GuiTestSupport.fxRun(() -> w.model().togglePlay());
        Slider slider = find(w, "#replaySlider");
        double before = GuiTestSupport.fx(slider::getValue);
        t.awaitFx("playing moves the slider", () -> slider.getValue() > before + 0.5);
        GuiTestSupport.fxRun(() -> w.model().pause());
        long at = GuiTestSupport.fx(() -> w.model().atProperty().get());
        assertThat(GuiTestSupport.fx(() -> slider.getValue()))
                .isCloseTo((at - replay.startsAt()) / 1e6, org.assertj.core.data.Offset.offset(1e-6));

        // Screenshot for README: the replay at the last sample.
        slide(w, last.at() + 100);
        GuiTestSupport.savePng(
                w.stage().getScene(), GuiTestSupport.screenshotsDir().resolve("replay-window.png"));
        assertThat(log).anyMatch(a -> a.kind().equals("record") && !a.failed());
        GuiTestSupport.fxRun(() -> w.stage().close());
    }

    @Test
    void aCutRecordOpensWhatWasReadWithABannerSayingWhereItStops() throws Exception {
        byte[] whole = Files.readAllBytes(record2);
        Path cut = Files.createTempDirectory("replay-cut").resolve("cut.msrec.jsonl.gz");
        Files.write(cut, Arrays.copyOf(whole, whole.length * 2 / 3));
        List<OperatorAction> log = new CopyOnWriteArrayList<>();
        ReplayWindow w = open(cut, log);
        Label banner = find(w, "#replayDamageBanner");
        assertThat(GuiTestSupport.fx(banner::isVisible)).isTrue();
        assertThat(GuiTestSupport.fx(banner::getText))
                .contains("ends early at line")
                .contains("were read");
        ReplayViewModel vm = w.model();
        int full = RecordReader.read(record2).items().size();
        assertThat(vm.replay().items()).isNotEmpty().hasSizeLessThan(full);
        // The end of what was read is shown like any moment.
        ReplayState end = slide(w, vm.replay().endsAt());
        assertThat(end.mesh()).isEqualTo(vm.replay().at(vm.replay().endsAt()).mesh());
        assertThat(log).anyMatch(a -> a.failed() && a.text().contains("ends early"));
        GuiTestSupport.fxRun(() -> w.stage().close());

        // Negative twin: a file that is not a record opens nothing and says why.
        Path notRecord = cut.resolveSibling("notes.txt");
        Files.writeString(notRecord, "just some notes\n");
        List<OperatorAction> refused = new CopyOnWriteArrayList<>();
        ReplayWindow none = GuiTestSupport.fx(() -> RecordMenu.openFile(notRecord, refused::add, null));
        assertThat(none).isNull();
        assertThat(refused).singleElement().satisfies(a -> {
            assertThat(a.failed()).isTrue();
            assertThat(a.text()).contains("Cannot replay").contains(".msrec.jsonl.gz");
        });
    }

    @Test
    void anExportForSharingKeepsNoAddressOrCredential() throws Exception {
        Path dir = Files.createTempDirectory("replay-export");
        Path shared = dir.resolve("shared.msrec.jsonl.gz");
        RecordActions.Exported r = GuiTestSupport.fx(() -> RecordActions.export(record2, shared, false));
        assertThat(r.ok()).as(r.message()).isTrue();
        assertThat(r.message()).contains("anonymized").contains("address");
        String original = AnonymizeScan.text(record2);
        String exported = AnonymizeScan.text(shared);
        AnonymizeScan.assertNoneSurvives(
                original, exported, RecordReader.read(record2).header().host().hostName());
        // The export is a record like any other: it replays.
        assertThat(RecordActions.open(shared).replay()).isNotNull();

        // Twin: verbatim (the checkbox) keeps every secret the scan finds.
        Path copy = dir.resolve("copy.msrec.jsonl.gz");
        RecordActions.Exported v = RecordActions.export(record2, copy, true);
        assertThat(v.ok()).isTrue();
        assertThat(v.message()).contains("verbatim");
        String verbatim = AnonymizeScan.text(copy);
        assertThat(AnonymizeScan.secrets(original)).isNotEmpty().allMatch(verbatim::contains);

        // Twin: onto its own input, refused, the input unchanged.
        byte[] before = Files.readAllBytes(record2);
        RecordActions.Exported self = RecordActions.export(record2, record2, false);
        assertThat(self.ok()).isFalse();
        assertThat(self.message()).contains("the output is the record itself");
        assertThat(Files.readAllBytes(record2)).isEqualTo(before);
    }

    @Test
    void twoRecordsMergeWithAnOffsetEach() {
        RecordActions.Merged m = RecordActions.merge(List.of(record2, record3));
        assertThat(m.message()).isEmpty();
        assertThat(m.lines()).hasSize(2);
        assertThat(m.lines().get(0).offset()).isEqualTo("reference clock");
        assertThat(m.lines().get(0).peers()).isEqualTo("peer 2");
        assertThat(m.lines().get(1).peers()).isEqualTo("peer 3");
        assertThat(m.lines().get(1).offset()).matches("[+-]\\d+\\.\\d{3} ms ± \\d+\\.\\d{3} ms \\(\\d+ samples\\)");
        Stage s = GuiTestSupport.fx(() -> MergeWindow.show(m, null));
        ListView<String> list =
                t.robot.from(s.getScene().getRoot()).lookup("#mergeOffsets").query();
        assertThat(GuiTestSupport.fx(() -> List.copyOf(list.getItems())))
                .hasSize(2)
                .satisfies(l -> assertThat(l.get(1))
                        .contains(record3.getFileName().toString())
                        .contains("±"));
        GuiTestSupport.fxRun(s::close);

        // Twin: one record is not a merge.
        RecordActions.Merged one = RecordActions.merge(List.of(record2));
        assertThat(one.lines()).isEmpty();
        assertThat(one.message()).contains("at least two records");
    }
}
