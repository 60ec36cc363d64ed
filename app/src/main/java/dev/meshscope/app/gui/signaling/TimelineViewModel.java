// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.signaling;

import dev.meshscope.app.gui.Format;
import dev.meshscope.session.SignalingState;
import dev.meshscope.signaling.timeline.SignalTrace;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The signaling timeline of every path (manual paste, shared folder, WebSocket lobby): each message sent and received
 * with its verdict, and the whole text of the selected one. Holds at most the session's ring
 * ({@link SignalingState#TIMELINE_CAPACITY}); each state appends only what is new (the state's {@code traced} count
 * says how many), so a long session costs the same per update as a short one. FX thread; plain Java.
 */
public final class TimelineViewModel {
    private final ObservableList<SignalTrace> rows = FXCollections.observableArrayList();
    private final ObjectProperty<SignalTrace> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper(this, "detail", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", summaryText(0, 0, 0));
    /** Traces seen so far ({@link SignalingState#traced()} of the last state applied). */
    private long traced;

    /** An empty timeline. */
    public TimelineViewModel() {
        selected.addListener((o, a, b) -> detail.set(b == null ? "" : detailText(b)));
    }

    /** Appends what the state holds beyond the last one applied, dropping rows that fell off the session's ring. */
    public void onState(SignalingState s) {
        long fresh = s.traced() - traced;
        if (fresh == 0) {
            return;
        }
        List<SignalTrace> ring = s.timeline();
        if (fresh < 0 || fresh >= ring.size()) {
            rows.setAll(ring); // A new session, or more arrived than the ring keeps: take the ring as it is.
        } else {
            rows.addAll(ring.subList(ring.size() - (int) fresh, ring.size()));
            int over = rows.size() - ring.size();
            if (over > 0) {
                rows.remove(0, over);
            }
        }
        traced = s.traced();
        int bad = 0;
        for (SignalTrace t : rows) {
            if (t.verdict() != SignalTrace.Verdict.OK) {
                bad++;
            }
        }
        summary.set(summaryText(rows.size(), traced, bad));
    }

    static String summaryText(int shown, long total, int bad) {
        String s = shown + " message(s)";
        if (total > shown) {
            s += " (the newest " + shown + " of " + total + ")";
        }
        return bad == 0 ? s : s + " · " + bad + " refused or unexpected";
    }

    /** "→ sent" or "← received". */
    public static String directionText(SignalTrace t) {
        return t.direction() == SignalTrace.Direction.SENT ? "→ sent" : "← received";
    }

    /** A peer id column: "" for 0 (the server, or not known yet). */
    public static String peerText(int id) {
        return id == 0 ? "" : Integer.toString(id);
    }

    /** The verdict in words, with a mark that does not rely on colour: "ok", "✗ REFUSED", "⚠ UNEXPECTED". */
    public static String verdictText(SignalTrace t) {
        switch (t.verdict()) {
            case REFUSED:
                return "✗ REFUSED";
            case UNEXPECTED:
                return "⚠ UNEXPECTED";
            default:
                return "ok";
        }
    }

    /** The whole of one trace for the detail box: a header line, the note, then the data as it was. */
    static String detailText(SignalTrace t) {
        StringBuilder b = new StringBuilder();
        b.append(Format.time(t.at().toEpochMilli()))
                .append("  ")
                .append(t.path())
                .append("  ")
                .append(directionText(t))
                .append("  ")
                .append(t.typeName());
        if (t.from() != 0 || t.to() != 0) {
            b.append("  from ")
                    .append(t.from() == 0 ? "server" : Integer.toString(t.from()))
                    .append(" to ")
                    .append(t.to() == 0 ? "server" : Integer.toString(t.to()));
        }
        b.append("  ").append(t.size()).append(" B  ").append(verdictText(t)).append('\n');
        if (!t.note().isEmpty()) {
            b.append(t.note()).append('\n');
        }
        b.append('\n').append(t.data().isEmpty() ? "(no data)" : t.data());
        return b.toString();
    }

    /** The rows, oldest first. */
    public ObservableList<SignalTrace> rows() {
        return rows;
    }

    /** The row whose text is shown. */
    public ObjectProperty<SignalTrace> selectedProperty() {
        return selected;
    }

    /** The selected row's whole text (SDP, candidate, raw frame), or "". */
    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    /** "12 message(s) · 1 refused or unexpected". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }
}
