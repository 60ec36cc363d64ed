// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.session;

import dev.meshscope.signaling.blob.BlobCodec;
import dev.meshscope.signaling.blob.DescriptionKind;
import dev.meshscope.signaling.blob.Paste;
import dev.meshscope.signaling.blob.PasteExpectation;
import dev.meshscope.signaling.blob.PasteResult;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The manual exchange's verdict on a paste, before anything is applied: the paste checker's
 * ({@link BlobCodec#decode}) and the exchange's rules (stale answers, repeated and crossed offers). Pure: the
 * {@link ManualExchange} applies what it accepts, and a window checks its paste box with the same call, so both
 * say the same thing. Any thread.
 */
public final class PasteJudge {
    private PasteJudge() {}

    /** What the judge says. */
    public sealed interface Verdict {
        /** Refused; {@code reason} as in {@link ExchangeReport.Refused}. Nothing is changed. */
        record Refused(int peerId, String reason, String text) implements Verdict {}

        /** Good to apply: {@code result} is the accepted paste with its warnings. */
        record Accepted(PasteResult result) implements Verdict {}
    }

    /**
     * Judges {@code text} for a peer that is {@code me} (id, mode, extra channels, assumed sender) with the
     * exchanges of {@code s}.
     */
    public static Verdict judge(String text, PasteExpectation me, ExchangeSnapshot s) {
        Set<Integer> live = s.liveOffers();
        PasteResult r = BlobCodec.decode(text, me.withPendingOffers(live));
        if (!r.ok()) {
            // Judged again as if every ended offer were still pending and the offers we yield on a crossing were
            // withdrawn: only a stale answer or a crossed offer we yield to passes this second look.
            Set<Integer> second = new HashSet<>(live);
            second.addAll(s.endedOffers().keySet());
            second.removeIf(id -> id > me.ownId() && live.contains(id));
            PasteResult again = BlobCodec.decode(text, me.withPendingOffers(second));
            Paste a = again.paste();
            boolean stale = a != null
                    && a.kind() == DescriptionKind.ANSWER
                    && s.endedOffers().containsKey(a.from())
                    && !live.contains(a.from());
            boolean yield = a != null && a.kind() == DescriptionKind.OFFER && live.contains(a.from());
            if (!stale && !yield) {
                return new Verdict.Refused(
                        0,
                        String.valueOf(r.problem()),
                        "paste refused (" + r.problem() + "): " + r.message() + " Nothing was changed.");
            }
            r = again;
        }
        Paste p = java.util.Objects.requireNonNull(r.paste(), "an accepted paste");
        Verdict.@Nullable Refused no =
                p.kind() == DescriptionKind.ANSWER ? answerProblem(p.from(), s) : offerProblem(p, s);
        return no != null ? no : new Verdict.Accepted(r);
    }

    private static Verdict.@Nullable Refused answerProblem(int from, ExchangeSnapshot s) {
        ManualExchange.Pending e = s.find(from);
        if (e == null || !e.weOffered()) {
            String why = s.endedOffers().get(from);
            return why != null
                    ? new Verdict.Refused(
                            from,
                            "STALE_ANSWER",
                            "the offer to peer " + from
                                    + " no longer exists: " + why + ". Nothing was changed; make a new offer to peer "
                                    + from
                                    + " if it should connect.")
                    : new Verdict.Refused(
                            from,
                            "NO_OFFER",
                            "no offer to peer " + from + " is waiting for an answer. Nothing was changed.");
        }
        if (e.state() != ManualExchange.State.AWAITING_ANSWER) {
            return new Verdict.Refused(
                    from,
                    "NOT_AWAITING_ANSWER",
                    "the offer to peer " + from + " is " + ManualExchange.describe(e.state())
                            + ", not waiting for an answer. Nothing was changed.");
        }
        return null;
    }

    private static Verdict.@Nullable Refused offerProblem(Paste p, ExchangeSnapshot s) {
        int from = p.from();
        ManualExchange.Pending e = s.find(from);
        boolean again = e != null
                && !e.weOffered()
                && e.state() != ManualExchange.State.FAILED
                && p.sdp().equals(s.answering().get(from));
        if (again || e == null && p.sdp().equals(s.answeredOffers().get(from))) {
            return new Verdict.Refused(
                    from,
                    "REPEATED_OFFER",
                    "this offer from peer " + from + " was already applied ("
                            + (e == null
                                    ? "peer " + from + " is connected"
                                    : "the exchange is " + ManualExchange.describe(e.state()))
                            + "). Nothing was changed.");
        }
        return null;
    }
}
