// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.transport;

import dev.meshscope.app.gui.Format;
import dev.meshscope.app.gui.Selection;
import dev.meshscope.app.gui.links.Departures;
import dev.meshscope.app.gui.links.LinkSilence;
import dev.meshscope.app.gui.links.Liveness;
import dev.meshscope.core.ChannelState;
import dev.meshscope.core.snapshot.ChannelSnapshot;
import dev.meshscope.core.snapshot.PeerSnapshot;
import dev.meshscope.core.snapshot.WireStats;
import dev.meshscope.session.SessionState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.MapChangeListener;
import javafx.collections.ObservableList;

/**
 * The transport details of the selected peer: the selected candidate pair, every local and remote candidate, the
 * transport's round-trip time, ICE and DTLS states, the SCTP state as derived from the data channels, wire bytes and
 * packets each way, the negotiated max message size and when the last packet arrived. Wire figures come from the
 * {@code WireStatsUpdated} events the session asks for every 2 s per connected peer; the rest from each state. A
 * departed peer keeps its last figures until the operator clears departed peers. FX thread; plain Java.
 */
public final class TransportViewModel {
    /** What the fields say before a report arrived. */
    static final String WAITING = "waiting for the first stats report (every 2 s once connected)";

    private final Selection selection;
    private final Departures departures;
    private final Map<Integer, WireStats> wire = new HashMap<>();
    private final Map<Integer, PeerSnapshot> peers = new HashMap<>();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyStringWrapper pair = new ReadOnlyStringWrapper(this, "pair", "");
    private final ReadOnlyStringWrapper relay = new ReadOnlyStringWrapper(this, "relay", "");
    private final ReadOnlyBooleanWrapper relayed = new ReadOnlyBooleanWrapper(this, "relayed", false);
    private final ReadOnlyStringWrapper rtt = new ReadOnlyStringWrapper(this, "rtt", "");
    private final ReadOnlyStringWrapper ice = new ReadOnlyStringWrapper(this, "ice", "");
    private final ReadOnlyStringWrapper dtls = new ReadOnlyStringWrapper(this, "dtls", "");
    private final ReadOnlyStringWrapper sctp = new ReadOnlyStringWrapper(this, "sctp", "");
    private final ReadOnlyStringWrapper bytes = new ReadOnlyStringWrapper(this, "bytes", "");
    private final ReadOnlyStringWrapper packets = new ReadOnlyStringWrapper(this, "packets", "");
    private final ReadOnlyStringWrapper maxMessage = new ReadOnlyStringWrapper(this, "maxMessage", "");
    private final ReadOnlyStringWrapper lastReceived = new ReadOnlyStringWrapper(this, "lastReceived", "");
    private final ReadOnlyStringWrapper reportAge = new ReadOnlyStringWrapper(this, "reportAge", "");
    private final ObservableList<CandidateRow> candidates = FXCollections.observableArrayList();
    private long thresholdMillis = Long.MAX_VALUE;
    private final LinkSilence silence = new LinkSilence();

    /** Details of the peer {@code selection} names; departed peers' last figures kept while {@code departures} has them. */
    public TransportViewModel(Selection selection, Departures departures) {
        this.selection = selection;
        this.departures = departures;
        selection.peerProperty().addListener((o, a, b) -> refresh(System.currentTimeMillis()));
        departures.departed().addListener((MapChangeListener<Integer, Departures.Departure>) ch -> {
            if (ch.wasRemoved() && !ch.wasAdded()) {
                wire.remove(ch.getKey());
                peers.remove(ch.getKey());
                refresh(System.currentTimeMillis());
            }
        });
        refresh(System.currentTimeMillis());
    }

    /** The newest wire statistics of one connection (a {@code WireStatsUpdated} event). */
    public void onWireStats(int peerId, WireStats stats) {
        wire.put(peerId, stats);
        if (peerId == selection.peer()) {
            refresh(System.currentTimeMillis());
        }
    }

    /** Applies the newest state: the peers' channels and states; peers gone and not departed are forgotten. */
    public void onState(SessionState s) {
        thresholdMillis = s.controls().lateThreshold().toMillis();
        Map<Integer, PeerSnapshot> live = new HashMap<>();
        for (PeerSnapshot p : s.mesh().peers()) {
            live.put(p.id(), p);
            silence.update(p);
        }
        silence.retain(live.keySet());
        peers.keySet().removeIf(id -> !live.containsKey(id) && departures.get(id) == null);
        wire.keySet().removeIf(id -> !live.containsKey(id) && departures.get(id) == null);
        peers.putAll(live);
        refresh(System.currentTimeMillis());
    }

    private void refresh(long now) {
        int id = selection.peer();
        PeerSnapshot p = peers.get(id);
        WireStats w = wire.get(id);
        Departures.Departure gone = departures.get(id);
        if (id == 0 || p == null && w == null) {
            title.set(
                    id == 0
                            ? "Transport · select a peer in the graph or the channel table"
                            : "Transport · peer " + id + ": nothing known yet");
            clearFields();
            return;
        }
        title.set("Transport · peer " + id + (gone == null ? "" : " · " + gone.describe() + " (last figures)"));
        fillWire(w);
        fillChannels(p, now, gone != null);
    }

    private void clearFields() {
        for (ReadOnlyStringWrapper f :
                List.of(pair, relay, rtt, ice, dtls, sctp, bytes, packets, maxMessage, lastReceived, reportAge)) {
            f.set("");
        }
        relayed.set(false);
        if (!candidates.isEmpty()) {
            candidates.clear();
        }
    }

    private void fillWire(WireStats w) {
        if (w == null) {
            for (ReadOnlyStringWrapper f : List.of(pair, relay, rtt, ice, dtls, bytes, packets, reportAge)) {
                f.set(WAITING);
            }
            relayed.set(false);
            if (!candidates.isEmpty()) {
                candidates.clear();
            }
            return;
        }
        CandidateRow local =
                w.localCandidate().isEmpty() ? null : CandidateRow.parse("local", w.localCandidate(), true);
        CandidateRow remote =
                w.remoteCandidate().isEmpty() ? null : CandidateRow.parse("remote", w.remoteCandidate(), true);
        pair.set(
                local == null || remote == null
                        ? "none selected yet (ICE " + orUnknown(w.iceState()) + ")"
                        : local.describe() + "  ⇄  " + remote.describe());
        relayed.set(w.relayed());
        relay.set(
                local == null || remote == null
                        ? "-"
                        : w.relayed()
                                ? "yes: through a TURN server (a relay candidate is selected)"
                                : "no: direct, no TURN");
        rtt.set(
                Double.isNaN(w.currentRttMs())
                        ? "not measured yet"
                        : Format.millis(w.currentRttMs()) + " (ICE consent checks on the selected pair)");
        ice.set(orUnknown(w.iceState()));
        dtls.set(orUnknown(w.dtlsState()));
        bytes.set(count(w.bytesSent(), true) + " out · " + count(w.bytesReceived(), true) + " in");
        packets.set(count(w.packetsSent(), false) + " out · " + count(w.packetsReceived(), false) + " in");
        reportAge.set("report of " + Format.time(w.atMillis()) + " (asked every 2 s while connected)");
        List<CandidateRow> rows = new ArrayList<>();
        for (String c : w.localCandidates()) {
            rows.add(CandidateRow.parse("local", c, c.equals(w.localCandidate())));
        }
        for (String c : w.remoteCandidates()) {
            rows.add(CandidateRow.parse("remote", c, c.equals(w.remoteCandidate())));
        }
        if (!rows.equals(candidates)) {
            candidates.setAll(rows);
        }
    }

    private void fillChannels(PeerSnapshot p, long now, boolean departed) {
        if (p == null) {
            sctp.set("-");
            maxMessage.set("-");
            lastReceived.set("-");
            return;
        }
        sctp.set(sctpState(p) + " (derived from the data channels: libwebrtc's stats carry no SCTP state)");
        long max = -1;
        for (ChannelSnapshot c : p.channels()) {
            if (c.maxMessageSize() > 0) {
                max = max < 0 ? c.maxMessageSize() : Math.min(max, c.maxMessageSize());
            }
        }
        maxMessage.set(max < 0 ? "not negotiated yet" : Format.bytes(max) + " (" + max + " B, a=max-message-size)");
        long last = Liveness.newestReceipt(p);
        String ago = Liveness.ago(last, now);
        lastReceived.set(
                departed
                        ? (last == 0 ? "never" : "at " + Format.time(last))
                        : silence.silent(p, now, thresholdMillis)
                                ? ago + " · " + Liveness.silentText(last, now) + " (threshold " + thresholdMillis
                                        + " ms)"
                                : ago);
    }

    /** The SCTP association's state as the channels show it: open channels mean it is established. */
    static String sctpState(PeerSnapshot p) {
        int open = 0;
        int connecting = 0;
        for (ChannelSnapshot c : p.channels()) {
            if (c.state() == ChannelState.OPEN) {
                open++;
            } else if (c.state() == ChannelState.CONNECTING) {
                connecting++;
            }
        }
        int n = p.channels().size();
        if (open > 0) {
            return "established: " + open + " of " + n + " channels open";
        }
        if (connecting > 0) {
            return "connecting: " + connecting + " of " + n + " channels opening";
        }
        return "closed: no channel open";
    }

    private static String orUnknown(String s) {
        return s == null || s.isEmpty() ? "unknown" : s.toLowerCase(Locale.ROOT);
    }

    private static String count(long v, boolean bytes) {
        if (v < 0) {
            return "n/a";
        }
        return bytes ? Format.bytes(v) : Format.count(v);
    }

    /** "Transport · peer 3", or what to do to see one. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** The selected candidate pair, local ⇄ remote. */
    public ReadOnlyStringProperty pairProperty() {
        return pair.getReadOnlyProperty();
    }

    /** Whether the pair goes through TURN, in words. */
    public ReadOnlyStringProperty relayProperty() {
        return relay.getReadOnlyProperty();
    }

    /** Whether the selected pair goes through TURN. */
    public ReadOnlyBooleanProperty relayedProperty() {
        return relayed.getReadOnlyProperty();
    }

    /** The transport's current round-trip time. */
    public ReadOnlyStringProperty rttProperty() {
        return rtt.getReadOnlyProperty();
    }

    /** The ICE transport state. */
    public ReadOnlyStringProperty iceProperty() {
        return ice.getReadOnlyProperty();
    }

    /** The DTLS state. */
    public ReadOnlyStringProperty dtlsProperty() {
        return dtls.getReadOnlyProperty();
    }

    /** The SCTP state as derived from the channels. */
    public ReadOnlyStringProperty sctpProperty() {
        return sctp.getReadOnlyProperty();
    }

    /** Wire bytes each way. */
    public ReadOnlyStringProperty bytesProperty() {
        return bytes.getReadOnlyProperty();
    }

    /** Wire packets each way. */
    public ReadOnlyStringProperty packetsProperty() {
        return packets.getReadOnlyProperty();
    }

    /** The negotiated max message size. */
    public ReadOnlyStringProperty maxMessageProperty() {
        return maxMessage.getReadOnlyProperty();
    }

    /** When the last packet arrived from the peer, and whether the link is silent. */
    public ReadOnlyStringProperty lastReceivedProperty() {
        return lastReceived.getReadOnlyProperty();
    }

    /** When the shown report was taken. */
    public ReadOnlyStringProperty reportAgeProperty() {
        return reportAge.getReadOnlyProperty();
    }

    /** Every local then every remote candidate of the report; the selected pair's two are marked. */
    public ObservableList<CandidateRow> candidates() {
        return candidates;
    }
}
