// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.core.NetworkMode;
import dev.meshscope.signaling.timeline.SignalTrace;
import java.util.List;
import java.util.Optional;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The signaling timeline on the manual (copy and paste) path: the blob the window hands out and the answer pasted back
 * are rows with their directions and whole text; a paste the exchange refuses is a REFUSED row, drawn in red with a
 * mark and an icon.
 */
@Tag("window")
@Tag("native")
class ManualTimelineTest extends WindowTestBase {
    private static final PseudoClass REFUSED = PseudoClass.getPseudoClass("refused");

    private static List<SignalTrace> timeline(OpenWindow w) {
        TableView<SignalTrace> table = t.find(w, "#signalTimeline");
        return GuiTestSupport.fx(() -> List.copyOf(table.getItems()));
    }

    @Test
    void anExchangeByCopyAndPasteIsInTheTimeline() {
        OpenWindow w = t.open("timeline-manual");
        try (HeadlessPeer five = new HeadlessPeer("5", t.runtime())) {
            five.create(NetworkMode.MESH, 5, List.of());
            WindowFlows.create(t, w, NetworkMode.MESH, "2");
            WindowFlows.connect(t, w, five, 5, 2);
            t.awaitFx(
                    "the answer's row",
                    () -> timeline(w).stream()
                            .anyMatch(r -> r.direction() == SignalTrace.Direction.RECEIVED
                                    && r.typeName().equals("ANSWER")));
            List<SignalTrace> rows = timeline(w);
            assertThat(rows)
                    .anyMatch(r -> r.path().equals(SignalTrace.MANUAL)
                            && r.direction() == SignalTrace.Direction.SENT
                            && r.typeName().equals("OFFER")
                            && r.to() == 5
                            && r.verdict() == SignalTrace.Verdict.OK);
            assertThat(rows)
                    .anyMatch(r -> r.path().equals(SignalTrace.MANUAL)
                            && r.typeName().equals("ANSWER")
                            && r.from() == 5
                            && r.to() == 2
                            && r.verdict() == SignalTrace.Verdict.OK);
            assertThat(rows).allMatch(r -> r.verdict() == SignalTrace.Verdict.OK);
            assertThat(t.text(w, "#timelineSummary")).startsWith(rows.size() + " message(s)");
        }
    }

    @Test
    void aRefusedPasteIsARedRowWithItsRawText() {
        OpenWindow w = t.open("timeline-refused");
        try (HeadlessPeer five = new HeadlessPeer("5", t.runtime())) {
            WindowFlows.create(t, w, NetworkMode.MESH, "2");
            String blob = five.create(NetworkMode.MESH, 5, List.of()).offer(2);
            String cut = blob.substring(0, blob.length() * 2 / 3);
            // The paste box refuses it as it is typed and keeps Apply disabled, so the operator never sends it; another
            // front end (or a stale check) could: send it to the session as Apply would, and the exchange refuses it.
            GuiTestSupport.setClipboard(cut);
            t.paste(w, "#pasteArea");
            t.awaitText(w, "#pasteError", s -> s.contains("cut"), "the box refuses it");
            w.session().applyPaste(cut, 0);
            GuiTestSupport.fxRun(() -> w.window().showTimeline());
            t.awaitFx(
                    "a refused row",
                    () -> timeline(w).stream().anyMatch(r -> r.verdict() == SignalTrace.Verdict.REFUSED));
            SignalTrace refused = timeline(w).stream()
                    .filter(r -> r.verdict() == SignalTrace.Verdict.REFUSED)
                    .findFirst()
                    .orElseThrow();
            assertThat(refused.path()).isEqualTo(SignalTrace.MANUAL);
            assertThat(refused.direction()).isEqualTo(SignalTrace.Direction.RECEIVED);
            assertThat(refused.data()).isEqualTo(cut);
            assertThat(refused.note()).isNotEmpty();
            assertThat(t.text(w, "#timelineSummary")).contains("1 refused or unexpected");

            // Drawn in red (the row's pseudo-class), with the mark and an icon in the Verdict column.
            TableView<SignalTrace> table = t.find(w, "#signalTimeline");
            t.awaitFx("the refused row is drawn", () -> refusedRow(table).isPresent());
            TableRow<?> row = GuiTestSupport.fx(() -> refusedRow(table).orElseThrow());
            assertThat(GuiTestSupport.fx(() -> row.getPseudoClassStates())).contains(REFUSED);
            TableCell<?, ?> verdict = GuiTestSupport.fx(() -> row.lookupAll(".table-cell").stream()
                    .map(n -> (TableCell<?, ?>) n)
                    .filter(c -> "✗ REFUSED".equals(c.getText()))
                    .findFirst()
                    .orElseThrow());
            assertThat(GuiTestSupport.fx(verdict::getGraphic)).isInstanceOf(FontIcon.class);
            javafx.scene.paint.Paint fill =
                    GuiTestSupport.fx(() -> ((javafx.scene.text.Text) verdict.lookup(".text")).getFill());
            assertThat(fill).as("red text").isInstanceOf(javafx.scene.paint.Color.class);
            javafx.scene.paint.Color c = (javafx.scene.paint.Color) fill;
            assertThat(c.getRed()).as("red text: " + c).isGreaterThan(0.8);
            assertThat(c.getGreen()).as("red text: " + c).isLessThan(0.5);

            // Selecting it shows the raw paste and why it was refused.
            GuiTestSupport.fxRun(() -> table.getSelectionModel().select(refused));
            assertThat(t.text(w, "#timelineDetail"))
                    .contains("✗ REFUSED")
                    .contains(refused.note())
                    .contains(cut);
        }
    }

    private static Optional<TableRow<?>> refusedRow(TableView<SignalTrace> table) {
        for (Node n : table.lookupAll(".table-row-cell")) {
            if (n instanceof TableRow<?> r
                    && r.getItem() instanceof SignalTrace s
                    && s.verdict() == SignalTrace.Verdict.REFUSED) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
