// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.replay;

import dev.meshscope.app.gui.Selection;
import dev.meshscope.app.gui.channels.ChannelsViewModel;
import dev.meshscope.app.gui.dictionary.DictionaryViewModel;
import dev.meshscope.app.gui.links.Departures;
import dev.meshscope.app.gui.log.LogViewModel;
import dev.meshscope.app.gui.peers.PeersViewModel;
import dev.meshscope.app.gui.probe.TrafficViewModel;
import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.session.OperatorAction;
import dev.meshscope.session.SessionState;
import dev.meshscope.session.TrafficStatus;
import dev.meshscope.session.record.RecordItem;
import dev.meshscope.session.record.ReplayState;
import java.util.List;

/**
 * One set of the live window's view models, fed from a record instead of a session. The live models only move
 * forward (counters and rates compare a state with the previous one, the log appends), so a replay feeds one set
 * forward while the slider moves forward and starts a fresh set when it moves back. FX thread; plain Java.
 */
public final class ReplayFeed {
    final Departures departures = new Departures();
    final PeersViewModel peers;
    final ChannelsViewModel channels;
    final DictionaryViewModel dictionary = new DictionaryViewModel();
    final TrafficViewModel traffic;
    final LogViewModel log = new LogViewModel();

    /** The moment (record µs) fed last; {@link Long#MIN_VALUE} before the first. */
    private long shownAt = Long.MIN_VALUE;
    /** How many of the replay's log lines were fed. */
    private int logFed;
    /**
     * The moment being fed, ms since the epoch on the record's clock: the views' "now" ("last in N s ago", silent
     * links, when a peer was last seen), never this machine's clock.
     */
    private long nowMillis;

    ReplayFeed(Selection selection, ReplayCommands commands) {
        peers = new PeersViewModel(selection, this::now);
        channels = new ChannelsViewModel(selection, departures, this::now);
        traffic = new TrafficViewModel(commands, selection, departures);
    }

    /** Whether this set can show {@code at} by moving forward (else a fresh set is needed). */
    boolean canReach(long at) {
        return at >= shownAt;
    }

    /** The moment fed last (record µs), {@link Long#MIN_VALUE} before the first. */
    long shownAt() {
        return shownAt;
    }

    /** Whether nothing was fed yet. */
    boolean fresh() {
        return shownAt == Long.MIN_VALUE;
    }

    /**
     * Feeds the state at {@code s.at()}: the log lines and departures since the last moment fed, the wire statistics,
     * then the state itself, stamped with its moment (so the channel rates are per second of record time).
     */
    void feed(ReplayState s) {
        nowMillis = Math.floorDiv(s.at(), MICROS_PER_MILLI);
        List<ReplayState.LogEntry> lines = s.log();
        for (int i = logFed; i < lines.size(); i++) {
            RecordItem item = lines.get(i).item();
            if (item instanceof RecordItem.Event ev) {
                MeshEvent e = ev.event();
                log.onEvent(e);
                departures.onEvent(e);
            } else if (item instanceof RecordItem.Action a) {
                log.onAction(a.action());
            } else if (item instanceof RecordItem.Dropped) {
                ReplayState.LogEntry l = lines.get(i);
                // The live window never drops; here the record says where its recorder had to.
                log.onAction(new OperatorAction(l.at() / MICROS_PER_MILLI, 0, "record", l.text(), true));
            }
            // Signaling messages are in the record too; like the live event log, this one shows mesh events and
            // actions (a signaling message's effect is an event: DescriptionCreated, CandidateCreated, ...).
        }
        logFed = lines.size();
        s.wire().forEach(peers::onWireStats);
        SessionState state = sessionState(s);
        peers.onState(state);
        channels.onState(state);
        dictionary.onState(state);
        traffic.onState(state);
        log.flush();
        shownAt = s.at();
    }

    private static final long MICROS_PER_MILLI = 1000;
    private static final long NANOS_PER_MICRO = 1000;

    /**
     * A session state as the live window would have received it, stamped when its counters were sampled (the moment
     * itself before the first sample): the channel rates compare counters over the time between their samples, and a
     * moment that shows the same sample again adds nothing to them.
     */
    static SessionState sessionState(ReplayState s) {
        return new SessionState(
                (s.sampledAt() > 0 ? s.sampledAt() : s.at()) * NANOS_PER_MICRO,
                s.mesh(),
                s.dictionary(),
                s.probes(),
                List.of(),
                false,
                TrafficStatus.IDLE,
                "");
    }

    /** The moment being fed, ms since the epoch on the record's clock (the views' clock). */
    long now() {
        return nowMillis;
    }

    /** The peer graph's model. */
    public PeersViewModel peers() {
        return peers;
    }

    /** The channel table's model. */
    public ChannelsViewModel channels() {
        return channels;
    }

    /** {@code print(get_peers())}. */
    public DictionaryViewModel dictionary() {
        return dictionary;
    }

    /** The probe table's model. */
    public TrafficViewModel traffic() {
        return traffic;
    }

    /** The event log's model. */
    public LogViewModel log() {
        return log;
    }
}
