// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.log;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshscope.core.ConnectionState;
import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.session.OperatorAction;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The event log: every mesh event and every operator action with its time, failures flagged, filterable by
 * peer and kind, bounded in memory, exportable as JSON lines. FX thread; plain Java (no nodes).
 */
public final class LogViewModel {
    /** Lines kept at most; older ones are dropped first (about 10 MB in the worst case of long SDP lines). */
    public static final int MAX_ENTRIES = 10_000;
    /** The kind filter value that shows everything. */
    public static final String ALL_KINDS = "All kinds";
    /** The kind filter value that shows only failures. */
    public static final String FAILURES = "Failures only";
    /** The kind name of operator actions. */
    public static final String ACTION = "Action";

    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private final ObservableList<LogEntry> entries = FXCollections.observableArrayList();
    private final FilteredList<LogEntry> visible = new FilteredList<>(entries);
    private final List<LogEntry> batch = new ArrayList<>();
    private final StringProperty peerFilter = new SimpleStringProperty(this, "peerFilter", "");
    private final StringProperty kindFilter = new SimpleStringProperty(this, "kindFilter", ALL_KINDS);
    private final ReadOnlyObjectWrapper<LogEntry> lastFailure = new ReadOnlyObjectWrapper<>(this, "lastFailure");
    private final ObservableList<String> kinds = FXCollections.observableArrayList();
    private long total;

    /** Creates an empty log. */
    public LogViewModel() {
        kinds.add(ALL_KINDS);
        kinds.add(FAILURES);
        kinds.add(ACTION);
        for (Class<?> c : MeshEvent.class.getPermittedSubclasses()) {
            kinds.add(c.getSimpleName());
        }
        peerFilter.addListener((o, a, b) -> refilter());
        kindFilter.addListener((o, a, b) -> refilter());
    }

    /**
     * What the log last showed of each peer's wire statistics (selected pair, ICE and DTLS states): the session asks
     * for them every 2 s, and a row per report would bury every other event; a row is added when they change.
     */
    private final java.util.Map<Integer, String> lastWire = new java.util.HashMap<>();

    /** Records a mesh event (shown at the next {@link #flush()}). */
    public void onEvent(MeshEvent e) {
        if (e instanceof MeshEvent.ProbeTimed) {
            return; // Clock samples for merging records (64 per channel, then one in 256): not for a human reader.
        }
        if (e instanceof MeshEvent.WireStatsUpdated w) {
            String shown = w.stats().selectedPair() + "|" + w.stats().iceState() + "|"
                    + w.stats().dtlsState();
            if (shown.equals(lastWire.put(w.peerId(), shown))) {
                return;
            }
        }
        add(new LogEntry(e.atMillis(), e.peerId(), e.getClass().getSimpleName(), e.describe(), isFailure(e), e));
    }

    /** Records an operator action (shown at the next {@link #flush()}). */
    public void onAction(OperatorAction a) {
        add(new LogEntry(a.atMillis(), a.peerId(), ACTION, a.kind() + ": " + a.text(), a.failed(), a));
    }

    /** Records a problem the window itself found (input validation is not logged; this is for real failures). */
    public void onProblem(String kind, String text) {
        onAction(OperatorAction.failed(0, kind, text));
    }

    private void add(LogEntry e) {
        batch.add(e);
        total++;
        if (e.failed()) {
            lastFailure.set(e);
        } else if (clears(lastFailure.get(), e)) {
            lastFailure.set(null);
        }
    }

    /**
     * Whether {@code e} shows that the condition behind {@code failure} is over, so the header stops showing it:
     * a new multiplayer peer was made or the old one closed (the failures of the old one are history), the same
     * command now succeeded (for the same peer), or the peer the failure is about connected.
     */
    static boolean clears(LogEntry failure, LogEntry e) {
        if (failure == null) {
            return false;
        }
        if (e.detail() instanceof OperatorAction a) {
            if (a.kind().startsWith("create ") || "close".equals(a.kind()) || "join folder".equals(a.kind())) {
                return true;
            }
            return failure.detail() instanceof OperatorAction f
                    && f.kind().equals(a.kind())
                    && (f.peerId() == 0 || f.peerId() == a.peerId());
        }
        return e.detail() instanceof MeshEvent.PeerConnected c
                && failure.peerId() != 0
                && c.peerId() == failure.peerId();
    }

    /** The operator read the newest failure: the header stops showing it (the log keeps it). */
    public void dismissFailure() {
        lastFailure.set(null);
    }

    /** Shows what was recorded since the last flush, in one list change, and trims to {@link #MAX_ENTRIES}. */
    public void flush() {
        if (batch.isEmpty()) {
            return;
        }
        List<LogEntry> add =
                batch.size() > MAX_ENTRIES ? batch.subList(batch.size() - MAX_ENTRIES, batch.size()) : batch;
        int overflow = entries.size() + add.size() - MAX_ENTRIES;
        if (overflow > 0) {
            entries.remove(0, Math.min(overflow, entries.size()));
        }
        entries.addAll(add);
        batch.clear();
    }

    /** Whether an event is shown as a failure. */
    static boolean isFailure(MeshEvent e) {
        if (e instanceof MeshEvent.ErrorRaised || e instanceof MeshEvent.PacketDropped) {
            return true;
        }
        return e instanceof MeshEvent.ConnectionStateChanged c
                && (c.to() == ConnectionState.FAILED || c.to() == ConnectionState.DISCONNECTED);
    }

    private void refilter() {
        visible.setPredicate(predicate(peerFilter.get(), kindFilter.get()));
    }

    private static Predicate<LogEntry> predicate(String peer, String kind) {
        Integer id = parsePeer(peer);
        return e -> (id == null || e.peerId() == id)
                && (kind == null
                        || ALL_KINDS.equals(kind)
                        || (FAILURES.equals(kind) ? e.failed() : kind.equals(e.kind())));
    }

    private static Integer parsePeer(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1; // Matches nothing: the view shows that the filter is not a peer id.
        }
    }

    /**
     * Writes every kept line (not only the visible ones) as JSON lines: {@code time} (ISO-8601), {@code atMillis},
     * {@code peer}, {@code kind}, {@code failed}, {@code text} and {@code detail} (the event's fields). FX thread
     * (it reads the list); the file is small enough to write at once. Returns how many lines were written.
     */
    public int exportJsonLines(Path file) throws IOException {
        flush();
        List<LogEntry> copy = new ArrayList<>(entries);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (LogEntry e : copy) {
                ObjectNode n = JSON.createObjectNode();
                n.put("time", Instant.ofEpochMilli(e.atMillis()).toString());
                n.put("atMillis", e.atMillis());
                n.put("peer", e.peerId());
                n.put("kind", e.kind());
                n.put("failed", e.failed());
                n.put("text", e.text());
                n.set("detail", JSON.valueToTree(e.detail()));
                w.write(JSON.writeValueAsString(n));
                w.newLine();
            }
        }
        return copy.size();
    }

    /** Every kept line, oldest first. */
    public ObservableList<LogEntry> entries() {
        return entries;
    }

    /** The lines that pass the filters. */
    public ObservableList<LogEntry> visibleEntries() {
        return visible;
    }

    /** Peer filter: "" for every peer, or a peer id. */
    public StringProperty peerFilterProperty() {
        return peerFilter;
    }

    /** Kind filter: {@link #ALL_KINDS}, {@link #FAILURES}, {@link #ACTION} or an event record name. */
    public StringProperty kindFilterProperty() {
        return kindFilter;
    }

    /** The kinds the filter offers. */
    public ObservableList<String> kinds() {
        return kinds;
    }

    /** The newest failure whose condition still holds (see {@link #clears}), for the header; {@code null} if none. */
    public ReadOnlyObjectProperty<LogEntry> lastFailureProperty() {
        return lastFailure.getReadOnlyProperty();
    }

    /** Lines recorded since the start, including the ones dropped by the bound. */
    public long total() {
        return total;
    }
}
