// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.replay;

import dev.meshscope.app.gui.Format;
import dev.meshscope.app.gui.Selection;
import dev.meshscope.app.gui.plots.PlotsViewModel;
import dev.meshscope.session.history.RecordHistory;
import dev.meshscope.session.record.RecordContents;
import dev.meshscope.session.record.RecordDamage;
import dev.meshscope.session.record.RecordHeader;
import dev.meshscope.session.record.RecordReplay;
import dev.meshscope.session.record.ReplayState;
import java.nio.file.Path;
import java.util.Locale;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.util.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A record opened read-only: one moment of it ({@link #seek}) shown by the live window's own view models (peer
 * graph, channel table, probe table, {@code get_peers()}, event log), all fed from {@link RecordReplay#at(long)} so
 * they always show the same moment, and the plots ({@link #plots()}: the history of the whole record, on its clock,
 * drawn up to the same moment); play advances the moment at record speed. FX thread; plain Java apart from
 * the play ticker (a JavaFX {@link Timeline}, which runs on the FX thread).
 */
public final class ReplayViewModel {
    /**
     * How often playing moves the moment: five times a second is smooth enough for a slider and a log, and costs one
     * {@code at(t)} (one sample period of events) per tick.
     */
    static final long TICK_MILLIS = 200;

    private static final long MICROS_PER_MILLI = 1000;
    private static final double MICROS_PER_SECOND = 1e6;

    private final Path file;
    private final RecordReplay replay;
    private final @Nullable RecordDamage damage;
    private final Selection selection = new Selection();
    private final ReplayCommands commands = new ReplayCommands();
    private final ReadOnlyObjectWrapper<ReplayFeed> feed;
    /** The plots: one history of the whole record, built once; a move of the slider only moves its cut-off. */
    private final PlotsViewModel plots;

    private final ReadOnlyLongWrapper at = new ReadOnlyLongWrapper(this, "at");
    private final ReadOnlyObjectWrapper<ReplayState> state = new ReadOnlyObjectWrapper<>(this, "state");
    private final ReadOnlyStringWrapper timeText = new ReadOnlyStringWrapper(this, "timeText", "");
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(this, "statusText", "");
    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper(this, "playing");
    private final Timeline ticker;

    /**
     * Opens {@code contents} (read from {@code file}; a damaged record replays what was read) at its start.
     *
     * @param file     where it was read from, for the title
     * @param contents what was read
     */
    public ReplayViewModel(Path file, RecordContents contents) {
        this.file = file;
        this.replay = RecordReplay.of(contents);
        this.damage = contents.damage();
        this.feed = new ReadOnlyObjectWrapper<>(this, "feed", new ReplayFeed(selection, commands));
        this.plots = new PlotsViewModel(selection, RecordHistory.of(replay));
        ticker = new Timeline(new KeyFrame(Duration.millis(TICK_MILLIS), e -> tick()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        seek(replay.startsAt());
    }

    /**
     * Shows the moment {@code t} (record microseconds, clamped to the record) in every view. Moving back starts a
     * fresh set of view models ({@link #feedProperty()} changes: the views are rebuilt on it).
     */
    public void seek(long t) {
        long to = Math.max(replay.startsAt(), Math.min(replay.endsAt(), t));
        ReplayFeed f = feed.get();
        boolean restart = !f.canReach(to);
        if (restart) {
            f = new ReplayFeed(selection, commands);
        }
        primeRates(f, to);
        ReplayState s = replay.at(to);
        f.feed(s);
        state.set(s);
        plots.showUntil(to / MICROS_PER_MILLI);
        at.set(to);
        timeText.set(timeText(to));
        statusText.set(statusText(s));
        if (restart) {
            feed.set(f);
        }
    }

    /**
     * Feeds the sample before the one {@code to} shows when the set has not shown it (a fresh set, or a jump forward
     * over it), so the channel rates compare the two samples around the moment (the live window has them from its
     * previous state); a jump from the start to the middle of a flood otherwise showed 0 msg/s.
     */
    private void primeRates(ReplayFeed f, long to) {
        long sampled = replay.at(to).sampledAt();
        if (sampled > 0) {
            ReplayState before = replay.at(sampled - 1);
            if (before.sampledAt() > 0 && before.sampledAt() > f.shownAt()) {
                f.feed(replay.at(before.sampledAt()));
            }
        }
    }

    /** Moves to {@code seconds} after the record's start (the slider's value). */
    public void seekSeconds(double seconds) {
        seek(replay.startsAt() + Math.round(seconds * MICROS_PER_SECOND));
    }

    /** Starts or stops playing (from the start again when at the end). */
    public void togglePlay() {
        if (playing.get()) {
            pause();
        } else {
            if (at.get() >= replay.endsAt()) {
                seek(replay.startsAt());
            }
            playing.set(true);
            ticker.play();
        }
    }

    /** Stops playing (the moment stays). */
    public void pause() {
        ticker.stop();
        playing.set(false);
    }

    private void tick() {
        long next = at.get() + TICK_MILLIS * MICROS_PER_MILLI;
        seek(next);
        if (next >= replay.endsAt()) {
            pause();
        }
    }

    /** Stops the ticker (the window closed). */
    public void close() {
        pause();
    }

    /** "12:01:02.345  (+12.3 s of 45.0 s)". */
    private String timeText(long t) {
        return Format.time(t / MICROS_PER_MILLI)
                + String.format(
                        Locale.ROOT,
                        "  (+%.1f s of %.1f s)",
                        (t - replay.startsAt()) / MICROS_PER_SECOND,
                        lengthSeconds());
    }

    private static String statusText(ReplayState s) {
        StringBuilder b = new StringBuilder();
        b.append(s.mesh().peers().size()).append(" peer(s)");
        if (s.config() != null) {
            b.append(", as ")
                    .append(s.config().mode())
                    .append(" id ")
                    .append(s.config().uniqueId());
        }
        b.append(
                s.sampledAt() == 0
                        ? ", no counters sampled yet"
                        : String.format(
                                Locale.ROOT,
                                ", counters sampled %.1f s before",
                                (s.at() - s.sampledAt()) / MICROS_PER_SECOND));
        if (s.dropped() > 0) {
            b.append(", ").append(s.dropped()).append(" item(s) missing before this moment (recorder queue full)");
        }
        return b.toString();
    }

    /** The record's length in seconds (the slider's maximum). */
    public double lengthSeconds() {
        return (replay.endsAt() - replay.startsAt()) / MICROS_PER_SECOND;
    }

    /** "REPLAY of name.msrec.jsonl.gz — read-only; recorded by the window on host, started 12:00:01.234". */
    public String title() {
        RecordHeader h = replay.header();
        return "REPLAY of " + fileName() + " — read-only; recorded by the " + h.recorder() + " on "
                + h.host().hostName() + ", started " + Format.time(h.startedAt() / MICROS_PER_MILLI);
    }

    private String fileName() {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }

    /** Where the record is damaged, in words, or "" when it was read to its clean end. */
    public String damageText() {
        return damage == null ? "" : "Damaged record, shown up to where it stops: " + damage.message();
    }

    /** The record's damage, or {@code null}. */
    public @Nullable RecordDamage damage() {
        return damage;
    }

    /** The replay (for tests and plots). */
    public RecordReplay replay() {
        return replay;
    }

    /** The file it was read from. */
    public Path file() {
        return file;
    }

    /** The view models the views show; a new set after moving back. */
    public ReadOnlyObjectProperty<ReplayFeed> feedProperty() {
        return feed.getReadOnlyProperty();
    }

    /** The current set of view models. */
    public ReplayFeed feed() {
        return feed.get();
    }

    /** The moment shown, record microseconds. */
    public ReadOnlyLongProperty atProperty() {
        return at.getReadOnlyProperty();
    }

    /** The state shown (exactly {@code replay().at(at)}). */
    public ReadOnlyObjectProperty<ReplayState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The moment as a clock time and an offset into the record. */
    public ReadOnlyStringProperty timeTextProperty() {
        return timeText.getReadOnlyProperty();
    }

    /** Peers, configuration, sample age and missing items at the moment shown. */
    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    /** Whether it is playing. */
    public ReadOnlyBooleanProperty playingProperty() {
        return playing.getReadOnlyProperty();
    }

    /** The plots' model (its history is the whole record's; it shows it up to the moment shown). */
    public PlotsViewModel plots() {
        return plots;
    }

    /** The selection the replay's views share (not the live window's). */
    public Selection selection() {
        return selection;
    }
}
