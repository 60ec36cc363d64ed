// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.session;

import dev.meshscope.core.Failure;
import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.signaling.blob.Blob;
import dev.meshscope.signaling.blob.BlobCodec;
import dev.meshscope.signaling.blob.DescriptionKind;
import dev.meshscope.signaling.blob.Paste;
import dev.meshscope.signaling.blob.PasteExpectation;
import dev.meshscope.signaling.blob.PasteResult;
import dev.meshscope.signaling.message.MessageType;
import dev.meshscope.signaling.timeline.SignalTrace;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The copy/paste (manual, non-trickle) exchange, once for every front end (the window's session and the agent).
 * Each remote peer's exchange is in one {@link State}; {@link #on} is the one transition method. The rules:
 * <ul>
 *   <li><b>Gathering timeout</b>: a description is handed out only once ICE gathering is COMPLETE (every
 *   candidate inside). Gathering still running after {@link #gatherTimeout()} fails the exchange at step
 *   {@link ExchangeStep#GATHERING_TIMEOUT}; nothing partial is sent (cancel and start again).</li>
 *   <li><b>Repeated offers</b>: the same offer pasted again is refused (nothing changes); a different offer from
 *   a peer that is pending or in {@code get_peers()} replaces the old connection, as Godot's {@code add_peer}
 *   replaces a peer with the same id (the remote side started over).</li>
 *   <li><b>Crossed offers</b> (both sides offered): the larger id offers, as in the Godot demo. The larger side
 *   refuses the smaller's offer; the smaller side withdraws its own offer and answers.</li>
 *   <li><b>Stale answers</b>: an answer to an offer that was cancelled, replaced, withdrawn, answered or that
 *   failed is refused with "the offer to peer N no longer exists" and why; nothing changes.</li>
 *   <li><b>Cancel</b> removes the peer and closes its connection; a later answer to it is stale.</li>
 * </ul>
 * Failures name their step ({@link ExchangeStep}, from mesh-core's {@code Step}); an offer/answer step failing
 * ends the exchange at once.
 *
 * <p>The signaling timeline ({@link SignalTrace}, path {@link SignalTrace#MANUAL}): every pasted text is traced as
 * RECEIVED, {@code OK} when it was applied, {@code REFUSED} with the paste problem (or the step that refused it)
 * otherwise; every blob handed out is traced as SENT. The trace's data is the raw paste or the blob.
 *
 * <p>Threads: owner thread of the multiplayer peer only. Inputs raised while a transition runs (mesh-core emits
 * events synchronously from the calls the transition makes) are queued and handled after it, in order.
 */
public final class ManualExchange {
    /**
     * Default longest ICE gathering: host candidates take ~100 ms on this machine's LAN (webrtc-java facts), a STUN
     * or TURN server a few round trips and retransmissions; 15 s leaves room for a slow TURN allocation while an
     * operator still learns within human patience that gathering is stuck (a rejected data section never completes).
     */
    public static final Duration GATHER_TIMEOUT = Duration.ofSeconds(15);
    /** Offers remembered after they ended, to explain a stale answer; old ones are forgotten beyond this. */
    static final int RETIRED_MEMORY = 256;

    /** Where one exchange stands. */
    public enum State {
        /** Our description is made; ICE candidates are being gathered. */
        GATHERING,
        /** Our offer is ready: hand it over and paste the answer that comes back. */
        AWAITING_ANSWER,
        /** Our answer is ready: hand it over; the offerer applies it. */
        ANSWER_READY,
        /** Both descriptions are applied; ICE and DTLS are connecting. */
        CONNECTING,
        /** A step failed or gathering timed out; cancel and start again. */
        FAILED
    }

    /**
     * One pending exchange, for a list. Immutable.
     *
     * @param peerId      the remote peer
     * @param weOffered   true when this side offered
     * @param state       where it stands
     * @param sinceMillis wall clock when it started
     * @param blob        our offer or answer blob once ready, else ""
     */
    public record Pending(int peerId, boolean weOffered, State state, long sinceMillis, String blob) {}

    private static final class Entry {
        final boolean weOffered;
        final long startNanos;
        final long sinceMillis = System.currentTimeMillis();
        final String remoteOffer;
        State state = State.GATHERING;
        String blob = "";

        Entry(boolean weOffered, long startNanos, String remoteOffer) {
            this.weOffered = weOffered;
            this.startNanos = startNanos;
            this.remoteOffer = remoteOffer;
        }
    }

    private final ExchangeLink link;
    private final Consumer<ExchangeReport> out;
    private final Consumer<SignalTrace> traces;
    private final LongSupplier nanoClock;
    private final Map<Integer, Entry> entries = new LinkedHashMap<>();
    private final Map<Integer, String> retired = new LinkedHashMap<>();
    private final Map<Integer, String> answeredOffers = new LinkedHashMap<>();
    private final ArrayDeque<ExchangeInput> queue = new ArrayDeque<>();
    /** Peers this exchange removed itself: their removal event is not news (a new exchange may already run). */
    private final Set<Integer> droppedHere = new HashSet<>();

    private Duration gatherTimeout = GATHER_TIMEOUT;
    private boolean busy;

    /** An exchange acting through {@code link}, reporting to {@code out}, timed by {@code nanoClock}; no timeline. */
    public ManualExchange(ExchangeLink link, Consumer<ExchangeReport> out, LongSupplier nanoClock) {
        this(link, out, t -> {}, nanoClock);
    }

    /**
     * An exchange acting through {@code link}, reporting to {@code out}, tracing every paste and every blob it hands
     * out to {@code traces} (the signaling timeline), timed by {@code nanoClock}. Both consumers are called on the
     * owner thread, in order with each other.
     */
    public ManualExchange(
            ExchangeLink link, Consumer<ExchangeReport> out, Consumer<SignalTrace> traces, LongSupplier nanoClock) {
        this.link = Objects.requireNonNull(link, "link");
        this.out = Objects.requireNonNull(out, "out");
        this.traces = Objects.requireNonNull(traces, "traces");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /** Another gathering timeout than {@link #GATHER_TIMEOUT} (tests, slow TURN servers). Owner thread. */
    public void setGatherTimeout(Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("the gathering timeout must be positive, not " + d);
        }
        gatherTimeout = d;
    }

    /** The gathering timeout in force. */
    public Duration gatherTimeout() {
        return gatherTimeout;
    }

    /** Feeds a mesh-core event of the multiplayer peer (its event listener, owner thread). */
    public void onEvent(MeshEvent e) {
        ExchangeInput.of(e).ifPresent(this::on);
    }

    /** The one transition method. Owner thread. */
    public void on(ExchangeInput input) {
        queue.add(Objects.requireNonNull(input, "input"));
        if (busy) {
            return;
        }
        busy = true;
        try {
            @Nullable ExchangeInput next;
            while ((next = queue.poll()) != null) {
                step(next);
            }
        } finally {
            busy = false;
        }
    }

    private void step(ExchangeInput in) {
        if (in instanceof ExchangeInput.Offer o) {
            offer(o.peerId());
        } else if (in instanceof ExchangeInput.Pasted p) {
            paste(p.text(), p.assumedSender());
        } else if (in instanceof ExchangeInput.Cancel c) {
            cancel(c.peerId());
        } else if (in instanceof ExchangeInput.GatheringComplete g) {
            gathered(g.peerId());
        } else if (in instanceof ExchangeInput.Connected c) {
            connected(c.peerId());
        } else if (in instanceof ExchangeInput.Removed r) {
            removed(r.peerId(), r.reason());
        } else if (in instanceof ExchangeInput.ConnectionFailed f) {
            fail(
                    f.peerId(),
                    ExchangeStep.CONNECTION,
                    "the connection to peer " + f.peerId() + " failed (ICE or DTLS): "
                            + "check that both machines reach each other on the candidates exchanged.");
        } else if (in instanceof ExchangeInput.StepFailed f) {
            stepFailed(f);
        } else if (in instanceof ExchangeInput.Tick t) {
            tick(t.nowNanos());
        } else if (in instanceof ExchangeInput.Reset) {
            for (Map.Entry<Integer, Entry> e : entries.entrySet()) {
                if (e.getValue().weOffered) {
                    retire(e.getKey(), "the multiplayer peer was closed");
                }
            }
            entries.clear();
        }
    }

    // ---------------------------------------------------------------- operator commands

    private void offer(int to) {
        Optional<PasteExpectation> me = link.expectation();
        if (me.isEmpty()) {
            out.accept(new ExchangeReport.Refused(to, "NOT_CREATED", "create a server, client or mesh first."));
            return;
        }
        if (to == me.get().ownId()) {
            out.accept(new ExchangeReport.Refused(
                    to, "OWN_ID", to + " is this peer's own id: enter the other peer's id."));
            return;
        }
        Entry old = entries.get(to);
        if (old != null) {
            out.accept(new ExchangeReport.Refused(
                    to,
                    "BUSY",
                    "peer " + to + " is already added (its exchange is " + describe(old.state)
                            + ": cancel it to start again)."));
            return;
        }
        if (link.has(to)) {
            out.accept(new ExchangeReport.Refused(
                    to, "IN_PEERS", "peer " + to + " is already added (in get_peers()): remove it first."));
            return;
        }
        if (failed(to, link.open(to))) {
            return;
        }
        Optional<Failure> f = link.createOffer(to);
        if (f.isPresent()) {
            drop(to);
            failed(to, f);
            return;
        }
        entries.put(to, new Entry(true, nanoClock.getAsLong(), ""));
        retired.remove(to);
        out.accept(new ExchangeReport.Progress(
                to, "added peer " + to + " and made an offer; gathering ICE candidates " + "for it..."));
    }

    private void cancel(int id) {
        Entry e = entries.remove(id);
        if (e == null) {
            out.accept(new ExchangeReport.Refused(id, "NOTHING_PENDING", "nothing is pending with peer " + id + "."));
            return;
        }
        if (e.weOffered) {
            retire(id, "it was cancelled");
        }
        drop(id);
        out.accept(new ExchangeReport.Progress(
                id, "cancelled the exchange with peer " + id + " and closed its connection."));
    }

    // ---------------------------------------------------------------- pastes

    private void paste(String text, int assumedSender) {
        Optional<PasteExpectation> me = link.expectation();
        if (me.isEmpty()) {
            String why = "create a server, client or mesh first: a paste is checked against this peer's id and mode.";
            tracePaste(text, -1, 0, 0, SignalTrace.Verdict.REFUSED, "NOT_CREATED: " + why);
            out.accept(new ExchangeReport.Refused(0, "NOT_CREATED", why));
            return;
        }
        int ownId = me.get().ownId();
        PasteJudge.Verdict v = PasteJudge.judge(text, me.get().assumingSender(Math.max(0, assumedSender)), snapshot());
        if (v instanceof PasteJudge.Verdict.Refused no) {
            tracePaste(text, -1, no.peerId(), ownId, SignalTrace.Verdict.REFUSED, no.reason() + ": " + no.text());
            out.accept(new ExchangeReport.Refused(no.peerId(), no.reason(), no.text()));
            return;
        }
        PasteResult r = ((PasteJudge.Verdict.Accepted) v).result();
        Paste p = Objects.requireNonNull(r.paste(), "an accepted paste");
        for (String w : r.warnings()) {
            out.accept(new ExchangeReport.Progress(p.from(), "note: " + w));
        }
        Optional<Failure> f = p.kind() == DescriptionKind.ANSWER ? answer(p) : remoteOffer(p);
        int type = (p.kind() == DescriptionKind.ANSWER ? MessageType.ANSWER : MessageType.OFFER).code();
        if (f.isPresent()) {
            Failure x = f.get();
            tracePaste(
                    text,
                    type,
                    p.from(),
                    ownId,
                    SignalTrace.Verdict.REFUSED,
                    x.operation() + " refused " + p.summary() + " with " + x.code() + ": " + x.reason());
        } else {
            tracePaste(text, type, p.from(), ownId, SignalTrace.Verdict.OK, "applied " + p.summary());
        }
    }

    private void tracePaste(String text, int type, int from, int ownId, SignalTrace.Verdict verdict, String note) {
        traces.accept(SignalTrace.received(
                SignalTrace.MANUAL, type, from, ownId, text, SignalTrace.utf8Size(text), verdict, note));
    }

    /** Applies an answer {@link PasteJudge} accepted: its offer is waiting for it. The failure, if any. */
    private Optional<Failure> answer(Paste p) {
        int from = p.from();
        Entry e = Objects.requireNonNull(entries.get(from), "the offer PasteJudge found waiting");
        Optional<Failure> f = link.setRemoteDescription(from, DescriptionKind.ANSWER, p.sdp());
        if (f.isPresent()) {
            e.state = State.FAILED;
            failed(from, f);
            return f;
        }
        e.state = State.CONNECTING;
        out.accept(new ExchangeReport.Accepted(from, p, "accepted " + p.summary() + "; connecting..."));
        return Optional.empty();
    }

    /** Applies an offer {@link PasteJudge} accepted: new, or replacing the peer's connection. The failure, if any. */
    private Optional<Failure> remoteOffer(Paste p) {
        int from = p.from();
        Entry e = entries.get(from);
        if (e != null || link.has(from)) {
            String was = e == null
                    ? "in get_peers()"
                    : e.weOffered && e.state != State.FAILED
                            ? "our offer to it is withdrawn: offers crossed, and the larger id, peer " + from
                                    + ", offers " + "(Godot demo rule)"
                            : "its exchange was " + describe(e.state);
            entries.remove(from);
            if (e != null && e.weOffered) {
                retire(
                        from,
                        e.state == State.FAILED
                                ? "it failed and peer " + from + " offered anew"
                                : "it was withdrawn when offers crossed (peer " + from
                                        + "'s offer was answered instead)");
            }
            drop(from);
            out.accept(new ExchangeReport.Progress(
                    from,
                    "peer " + from + " sent a new offer; " + was
                            + ": replacing its connection, as Godot's add_peer replaces a peer with the same id."));
        }
        Optional<Failure> opened = link.open(from);
        if (failed(from, opened)) {
            return opened;
        }
        Optional<Failure> f = link.setRemoteDescription(from, DescriptionKind.OFFER, p.sdp());
        if (f.isPresent()) {
            drop(from);
            failed(from, f);
            return f;
        }
        answeredOffers.remove(from);
        entries.put(from, new Entry(false, nanoClock.getAsLong(), p.sdp()));
        out.accept(new ExchangeReport.Accepted(
                from, p, "accepted " + p.summary() + "; making the answer (gathering ICE " + "candidates)..."));
        return Optional.empty();
    }

    // ---------------------------------------------------------------- what the peer reports

    private void gathered(int id) {
        Entry e = entries.get(id);
        Optional<PasteExpectation> me = link.expectation();
        if (e == null || e.state != State.GATHERING || me.isEmpty()) {
            return;
        }
        if (nanoClock.getAsLong() - e.startNanos > gatherTimeout.toNanos()) {
            timedOut(id, e); // Late is late, whether a tick or the completion noticed it first.
            return;
        }
        DescriptionKind kind = e.weOffered ? DescriptionKind.OFFER : DescriptionKind.ANSWER;
        String sdp = link.localDescription(id);
        try {
            PasteExpectation m = me.get();
            e.blob = BlobCodec.encode(new Blob(kind, m.ownId(), id, m.ownMode(), m.channels(), sdp));
        } catch (IllegalArgumentException ex) {
            fail(
                    id,
                    ExchangeStep.GET_LOCAL_DESCRIPTION,
                    "could not make the " + kind.type() + " blob for peer " + id + ": " + ex.getMessage());
            return;
        }
        e.state = e.weOffered ? State.AWAITING_ANSWER : State.ANSWER_READY;
        traces.accept(new SignalTrace(
                java.time.Instant.now(),
                SignalTrace.Direction.SENT,
                SignalTrace.MANUAL,
                (kind == DescriptionKind.OFFER ? MessageType.OFFER : MessageType.ANSWER).code(),
                me.get().ownId(),
                id,
                SignalTrace.utf8Size(e.blob),
                e.blob,
                SignalTrace.Verdict.OK,
                kind.type() + " blob for peer " + id + " (" + sdp.length() + " chars of SDP)"));
        out.accept(new ExchangeReport.Ready(
                id,
                kind,
                sdp,
                e.blob,
                kind.type() + " for peer " + id + " is ready ("
                        + e.blob.length() + " chars): copy it to peer " + id
                        + (e.weOffered ? " and paste its answer here." : ".")));
    }

    private void connected(int id) {
        Entry e = entries.remove(id);
        if (e == null) {
            return;
        }
        if (e.weOffered) {
            retire(id, "it was answered and peer " + id + " connected");
        } else {
            remember(answeredOffers, id, e.remoteOffer);
        }
        out.accept(new ExchangeReport.Connected(id, "peer " + id + " connected: exchange complete."));
    }

    private void removed(int id, String reason) {
        if (droppedHere.remove(id)) {
            return;
        }
        Entry e = entries.remove(id);
        if (e == null) {
            answeredOffers.remove(id);
            return;
        }
        if (e.weOffered) {
            retire(id, "peer " + id + " was removed (" + reason + ")");
        }
        out.accept(new ExchangeReport.Refused(
                id,
                "REMOVED",
                "peer " + id + " was removed before it connected (" + reason + "); add it again to retry."));
    }

    private void stepFailed(ExchangeInput.StepFailed f) {
        Entry e = entries.get(f.peerId());
        if (e == null || e.state == State.FAILED) {
            return; // Not an exchange's connection, or already reported by the call that failed.
        }
        ExchangeStep step = ExchangeStep.of(f.step());
        String text = step.label() + " failed for peer " + f.peerId() + ": " + f.reason();
        if (f.step().endsNegotiation()) {
            fail(f.peerId(), step, text);
        } else {
            out.accept(new ExchangeReport.Failed(f.peerId(), step, text + " (the exchange goes on).", false));
        }
    }

    private void tick(long now) {
        for (Map.Entry<Integer, Entry> me : entries.entrySet()) {
            if (me.getValue().state == State.GATHERING && now - me.getValue().startNanos > gatherTimeout.toNanos()) {
                timedOut(me.getKey(), me.getValue());
            }
        }
    }

    private void timedOut(int id, Entry e) {
        e.state = State.FAILED;
        out.accept(new ExchangeReport.Failed(
                id,
                ExchangeStep.GATHERING_TIMEOUT,
                "ICE gathering for peer " + id
                        + " did not complete in " + seconds(gatherTimeout)
                        + ": check that this machine has a non-loopback "
                        + "network interface and that the ICE servers answer; cancel and try again.",
                true));
    }

    // ---------------------------------------------------------------- helpers

    /** The pending exchanges, oldest first. Owner thread. */
    public List<Pending> list() {
        List<Pending> l = new ArrayList<>(entries.size());
        for (Map.Entry<Integer, Entry> me : entries.entrySet()) {
            Entry e = me.getValue();
            l.add(new Pending(me.getKey(), e.weOffered, e.state, e.sinceMillis, e.blob));
        }
        return l;
    }

    /** What this exchange knows now, for judging a paste elsewhere ({@link PasteJudge}). Owner thread. */
    public ExchangeSnapshot snapshot() {
        Map<Integer, String> answering = new HashMap<>();
        for (Map.Entry<Integer, Entry> me : entries.entrySet()) {
            if (!me.getValue().weOffered) {
                answering.put(me.getKey(), me.getValue().remoteOffer);
            }
        }
        return new ExchangeSnapshot(list(), answering, retired, answeredOffers);
    }

    private void fail(int id, ExchangeStep step, String text) {
        Entry e = entries.get(id);
        if (e == null || e.state == State.FAILED) {
            return;
        }
        e.state = State.FAILED;
        out.accept(new ExchangeReport.Failed(id, step, text, true));
    }

    /** Reports {@code f} as the failure of a step of the exchange with {@code id}; true when there was one. */
    private boolean failed(int id, Optional<Failure> f) {
        f.ifPresent(x -> out.accept(new ExchangeReport.Failed(
                id,
                ExchangeStep.of(x.step()),
                x.operation() + " failed for peer " + id + " with " + x.code() + ": " + x.reason(),
                true)));
        return f.isPresent();
    }

    /** Removes {@code id} from the peer; its removal event, which follows, is then ignored. */
    private void drop(int id) {
        if (link.drop(id)) {
            droppedHere.add(id);
        }
    }

    private void retire(int id, String why) {
        remember(retired, id, why);
    }

    private static void remember(Map<Integer, String> m, int id, String value) {
        m.remove(id);
        m.put(id, value);
        if (m.size() > RETIRED_MEMORY) {
            m.remove(m.keySet().iterator().next());
        }
    }

    /** How a state reads in a sentence ("waiting for an answer"). */
    static String describe(State state) {
        return switch (state) {
            case GATHERING -> "gathering candidates";
            case AWAITING_ANSWER -> "waiting for an answer";
            case ANSWER_READY -> "answered (the answer is ready)";
            case CONNECTING -> "connecting";
            case FAILED -> "failed";
        };
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
