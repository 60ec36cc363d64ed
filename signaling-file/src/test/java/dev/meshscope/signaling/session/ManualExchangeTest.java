// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.core.Step;
import dev.meshscope.signaling.blob.DescriptionKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The transitions of {@link ManualExchange} on a recording fake: no native runtime. */
class ManualExchangeTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<ExchangeReport> reports = new ArrayList<>();

    private ManualExchange exchange(RecordingLink link) {
        ManualExchange x = new ManualExchange(link, reports::add, now::get);
        link.raise = x::on;
        return x;
    }

    private ExchangeReport last() {
        return reports.get(reports.size() - 1);
    }

    private ManualExchange.State state(ManualExchange x, int peer) {
        return x.list().stream()
                .filter(p -> p.peerId() == peer)
                .findFirst()
                .orElseThrow()
                .state();
    }

    private ManualExchange offering(RecordingLink link, int to) {
        ManualExchange x = exchange(link);
        x.on(new ExchangeInput.Offer(to));
        x.on(new ExchangeInput.GatheringComplete(to));
        return x;
    }

    @Test
    void everyPasteAndEveryBlobIsTracedOnTheManualPath() {
        RecordingLink link = new RecordingLink(3);
        List<dev.meshscope.signaling.timeline.SignalTrace> traces = new ArrayList<>();
        ManualExchange x = new ManualExchange(link, reports::add, traces::add, now::get);
        link.raise = x::on;
        x.on(new ExchangeInput.Offer(2));
        x.on(new ExchangeInput.GatheringComplete(2));
        ExchangeReport.Ready ready = (ExchangeReport.Ready) last();
        assertThat(traces).singleElement().satisfies(t -> {
            assertThat(t.direction()).isEqualTo(dev.meshscope.signaling.timeline.SignalTrace.Direction.SENT);
            assertThat(t.path()).isEqualTo("manual");
            assertThat(t.type()).isEqualTo(4);
            assertThat(t.from()).isEqualTo(3);
            assertThat(t.to()).isEqualTo(2);
            assertThat(t.data()).isEqualTo(ready.blob());
            assertThat(t.verdict()).isEqualTo(dev.meshscope.signaling.timeline.SignalTrace.Verdict.OK);
        });

        x.on(new ExchangeInput.Pasted("not a description at all", 0));
        ExchangeReport.Refused refused = (ExchangeReport.Refused) last();
        assertThat(traces).hasSize(2);
        assertThat(traces.get(1)).satisfies(t -> {
            assertThat(t.direction()).isEqualTo(dev.meshscope.signaling.timeline.SignalTrace.Direction.RECEIVED);
            assertThat(t.verdict()).isEqualTo(dev.meshscope.signaling.timeline.SignalTrace.Verdict.REFUSED);
            assertThat(t.type()).isEqualTo(-1);
            assertThat(t.data()).isEqualTo("not a description at all");
            assertThat(t.note()).isEqualTo(refused.reason() + ": " + refused.text());
        });
        assertThat(state(x, 2)).as("the refused paste changed nothing").isEqualTo(ManualExchange.State.AWAITING_ANSWER);

        String answer = RecordingLink.blob(DescriptionKind.ANSWER, 2, 3, 7);
        x.on(new ExchangeInput.Pasted(answer, 0));
        assertThat(traces).hasSize(3);
        assertThat(traces.get(2)).satisfies(t -> {
            assertThat(t.verdict()).isEqualTo(dev.meshscope.signaling.timeline.SignalTrace.Verdict.OK);
            assertThat(t.type()).isEqualTo(5);
            assertThat(t.from()).isEqualTo(2);
            assertThat(t.to()).isEqualTo(3);
            assertThat(t.data()).isEqualTo(answer);
            assertThat(t.size()).isEqualTo(answer.length());
        });
    }

    @Test
    void aPasteRefusedByTheConnectionIsTracedRefusedWithTheStep() {
        RecordingLink link = new RecordingLink(3);
        List<dev.meshscope.signaling.timeline.SignalTrace> traces = new ArrayList<>();
        ManualExchange x = new ManualExchange(link, reports::add, traces::add, now::get);
        link.raise = x::on;
        link.failing.add(Step.SET_REMOTE_DESCRIPTION);
        x.on(new ExchangeInput.Pasted(RecordingLink.blob(DescriptionKind.OFFER, 2, 3, 7), 0));
        assertThat(traces).singleElement().satisfies(t -> {
            assertThat(t.verdict()).isEqualTo(dev.meshscope.signaling.timeline.SignalTrace.Verdict.REFUSED);
            assertThat(t.type()).isEqualTo(4);
            assertThat(t.note()).contains("refused").contains("offer");
        });
    }

    @Test
    void anOfferIsHandedOutOnlyWhenGatheringCompletesAndItsAnswerConnects() {
        RecordingLink link = new RecordingLink(3);
        ManualExchange x = exchange(link);
        x.on(new ExchangeInput.Offer(2));
        assertThat(link.calls).containsExactly("open 2", "createOffer 2");
        assertThat(state(x, 2)).isEqualTo(ManualExchange.State.GATHERING);
        x.on(new ExchangeInput.GatheringComplete(2));
        assertThat(last()).isInstanceOfSatisfying(ExchangeReport.Ready.class, r -> {
            assertThat(r.kind()).isEqualTo(DescriptionKind.OFFER);
            assertThat(r.blob()).startsWith("MSB");
        });
        x.on(new ExchangeInput.Pasted(RecordingLink.blob(DescriptionKind.ANSWER, 2, 3, 7), 0));
        assertThat(link.calls).endsWith("setRemoteDescription 2 answer");
        assertThat(state(x, 2)).isEqualTo(ManualExchange.State.CONNECTING);
        x.on(new ExchangeInput.Connected(2));
        assertThat(last()).isInstanceOf(ExchangeReport.Connected.class);
        assertThat(x.list()).isEmpty();
    }

    @Test
    void anAnswerPastedBeforeTheOfferIsReadyIsRefusedAndChangesNothing() {
        RecordingLink link = new RecordingLink(3);
        ManualExchange x = exchange(link);
        x.on(new ExchangeInput.Offer(2));
        x.on(new ExchangeInput.Pasted(RecordingLink.blob(DescriptionKind.ANSWER, 2, 3, 7), 0));
        assertThat(last()).isInstanceOf(ExchangeReport.Refused.class);
        assertThat(link.calls).containsExactly("open 2", "createOffer 2");
        assertThat(state(x, 2)).isEqualTo(ManualExchange.State.GATHERING);
    }

    @Test
    void aPastedOfferIsAnsweredOnceGatheringCompletes() {
        RecordingLink link = new RecordingLink(2);
        ManualExchange x = exchange(link);
        x.on(new ExchangeInput.Pasted(RecordingLink.blob(DescriptionKind.OFFER, 3, 2, 5), 0));
        assertThat(link.calls).containsExactly("open 3", "setRemoteDescription 3 offer");
        x.on(new ExchangeInput.GatheringComplete(3));
        assertThat(last())
                .isInstanceOfSatisfying(
                        ExchangeReport.Ready.class, r -> assertThat(r.kind()).isEqualTo(DescriptionKind.ANSWER));
        assertThat(state(x, 3)).isEqualTo(ManualExchange.State.ANSWER_READY);
    }

    @Test
    void aPasteBeforeThePeerIsCreatedIsRefused() {
        RecordingLink link = new RecordingLink(2);
        link.created = false;
        ManualExchange x = exchange(link);
        x.on(new ExchangeInput.Pasted(RecordingLink.blob(DescriptionKind.OFFER, 3, 2, 5), 0));
        assertThat(last()).isInstanceOf(ExchangeReport.Refused.class);
        assertThat(last().text()).contains("create a server, client or mesh first");
        assertThat(link.calls).isEmpty();
    }

    @Test
    void theSameOfferPastedAgainIsRefusedAndChangesNothing() {
        RecordingLink link = new RecordingLink(2);
        ManualExchange x = exchange(link);
        String offer = RecordingLink.blob(DescriptionKind.OFFER, 3, 2, 5);
        x.on(new ExchangeInput.Pasted(offer, 0));
        x.on(new ExchangeInput.GatheringComplete(3));
        int calls = link.calls.size();
        x.on(new ExchangeInput.Pasted(offer, 0));
        assertThat(last()).isInstanceOf(ExchangeReport.Refused.class);
        assertThat(last().text()).contains("already applied");
        assertThat(link.calls).hasSize(calls);
        assertThat(state(x, 3)).isEqualTo(ManualExchange.State.ANSWER_READY);
    }

    @Test
    void theSameOfferPastedAgainAfterItConnectedIsRefusedToo() {
        RecordingLink link = new RecordingLink(2);
        ManualExchange x = exchange(link);
        String offer = RecordingLink.blob(DescriptionKind.OFFER, 3, 2, 5);
        x.on(new ExchangeInput.Pasted(offer, 0));
        x.on(new ExchangeInput.GatheringComplete(3));
        x.on(new ExchangeInput.Connected(3));
        x.on(new ExchangeInput.Pasted(offer, 0));
        assertThat(last()).isInstanceOf(ExchangeReport.Refused.class);
        assertThat(last().text()).contains("peer 3 is connected");
    }

    @Test
    void aNewOfferFromTheSamePeerReplacesItsConnection() {
        RecordingLink link = new RecordingLink(2);
        ManualExchange x = exchange(link);
        x.on(new ExchangeInput.Pasted(RecordingLink.blob(DescriptionKind.OFFER, 3, 2, 5), 0));
        x.on(new ExchangeInput.GatheringComplete(3));
        x.on(new ExchangeInput.Pasted(RecordingLink.blob(DescriptionKind.OFFER, 3, 2, 6), 0));
        assertThat(link.calls).endsWith("drop 3", "open 3", "setRemoteDescription 3 offer");
        assertThat(reports).anySatisfy(r -> assertThat(r.text()).contains("replacing its connection"));
        assertThat(state(x, 3)).isEqualTo(ManualExchange.State.GATHERING);
    }

    @Test
    void crossedOffersTheLargerIdKeepsItsOfferAndRefusesTheOther() {
        RecordingLink link = new RecordingLink(3);
        ManualExchange x = offering(link, 2);
        int calls = link.calls.size();
        x.on(new ExchangeInput.Pasted(RecordingLink.blob(DescriptionKind.OFFER, 2, 3, 9), 0));
        assertThat(last()).isInstanceOf(ExchangeReport.Refused.class);
        assertThat(last().text()).contains("peer 3");
        assertThat(link.calls).hasSize(calls);
        assertThat(state(x, 2)).isEqualTo(ManualExchange.State.AWAITING_ANSWER);
    }

    @Test
    void crossedOffersTheSmallerIdWithdrawsItsOfferAndAnswersThenItsAnswerIsStale() {
        RecordingLink link = new RecordingLink(2);
        ManualExchange x = offering(link, 3);
        x.on(new ExchangeInput.Pasted(RecordingLink.blob(DescriptionKind.OFFER, 3, 2, 9), 0));
        assertThat(link.calls).endsWith("drop 3", "open 3", "setRemoteDescription 3 offer");
        assertThat(x.list())
                .singleElement()
                .satisfies(p -> assertThat(p.weOffered()).isFalse());
        x.on(new ExchangeInput.Pasted(RecordingLink.blob(DescriptionKind.ANSWER, 3, 2, 4), 0));
        assertThat(last()).isInstanceOf(ExchangeReport.Refused.class);
        assertThat(last().text())
                .contains("the offer to peer 3 no longer exists")
                .contains("crossed");
    }

    @Test
    void anAnswerToACancelledOfferSaysTheOfferNoLongerExistsNamingThePeer() {
        RecordingLink link = new RecordingLink(3);
        ManualExchange x = offering(link, 2);
        x.on(new ExchangeInput.Offer(4));
        x.on(new ExchangeInput.Cancel(2));
        assertThat(link.calls).contains("drop 2");
        int calls = link.calls.size();
        x.on(new ExchangeInput.Pasted(RecordingLink.blob(DescriptionKind.ANSWER, 2, 3, 7), 0));
        assertThat(last()).isInstanceOf(ExchangeReport.Refused.class);
        assertThat(last().peerId()).isEqualTo(2);
        assertThat(last().text()).contains("the offer to peer 2 no longer exists: it was cancelled");
        assertThat(((ExchangeReport.Refused) last()).reason()).isEqualTo("STALE_ANSWER");
        assertThat(link.calls).hasSize(calls);
    }

    @Test
    void anAnswerFromAPeerNeverOfferedToIsLeftToThePasteCheckerNotCalledStale() {
        RecordingLink link = new RecordingLink(3);
        ManualExchange x = offering(link, 2);
        x.on(new ExchangeInput.Pasted(RecordingLink.blob(DescriptionKind.ANSWER, 4, 3, 7), 0));
        assertThat(last())
                .isInstanceOfSatisfying(
                        ExchangeReport.Refused.class,
                        r -> assertThat(r.reason()).isEqualTo("NO_PENDING_OFFER"));
        assertThat(last().text()).doesNotContain("no longer exists: it was");
    }

    @Test
    void aSecondAnswerToAnOfferThatConnectedIsStale() {
        RecordingLink link = new RecordingLink(3);
        ManualExchange x = offering(link, 2);
        x.on(new ExchangeInput.Pasted(RecordingLink.blob(DescriptionKind.ANSWER, 2, 3, 7), 0));
        x.on(new ExchangeInput.Connected(2));
        x.on(new ExchangeInput.Pasted(RecordingLink.blob(DescriptionKind.ANSWER, 2, 3, 8), 0));
        assertThat(last().text())
                .contains("the offer to peer 2 no longer exists: it was answered and peer 2 connected");
    }

    @Test
    void cancelRemovesThePeerAndCancellingNothingIsRefused() {
        RecordingLink link = new RecordingLink(3);
        ManualExchange x = offering(link, 2);
        x.on(new ExchangeInput.Cancel(2));
        assertThat(link.peers).isEmpty();
        assertThat(x.list()).isEmpty();
        x.on(new ExchangeInput.Cancel(2));
        assertThat(last()).isInstanceOf(ExchangeReport.Refused.class);
        assertThat(last().text()).contains("nothing is pending with peer 2");
    }

    @Test
    void gatheringThatOutlastsTheTimeoutFailsTheExchangeAtThatStep() {
        RecordingLink link = new RecordingLink(3);
        ManualExchange x = exchange(link);
        x.setGatherTimeout(Duration.ofMillis(500));
        x.on(new ExchangeInput.Offer(2));
        now.addAndGet(Duration.ofMillis(499).toNanos());
        x.on(new ExchangeInput.Tick(now.get()));
        assertThat(state(x, 2)).isEqualTo(ManualExchange.State.GATHERING);
        now.addAndGet(Duration.ofMillis(2).toNanos());
        x.on(new ExchangeInput.Tick(now.get()));
        assertThat(state(x, 2)).isEqualTo(ManualExchange.State.FAILED);
        assertThat(last())
                .isInstanceOfSatisfying(
                        ExchangeReport.Failed.class,
                        f -> assertThat(f.step()).isEqualTo(ExchangeStep.GATHERING_TIMEOUT));
        x.on(new ExchangeInput.GatheringComplete(2));
        assertThat(reports).noneMatch(r -> r instanceof ExchangeReport.Ready);
    }

    @Test
    void aDescriptionGatheredAfterTheTimeoutIsNotHandedOutEvenBeforeATick() {
        RecordingLink link = new RecordingLink(3);
        ManualExchange x = exchange(link);
        x.setGatherTimeout(Duration.ofMillis(500));
        x.on(new ExchangeInput.Offer(2));
        now.addAndGet(Duration.ofMillis(501).toNanos());
        x.on(new ExchangeInput.GatheringComplete(2));
        assertThat(last())
                .isInstanceOfSatisfying(
                        ExchangeReport.Failed.class,
                        f -> assertThat(f.step()).isEqualTo(ExchangeStep.GATHERING_TIMEOUT));
        assertThat(reports).noneMatch(r -> r instanceof ExchangeReport.Ready);
    }

    @Test
    void theJudgeSaysBeforeApplyingWhatTheExchangeSaysWhenApplying() {
        RecordingLink link = new RecordingLink(3);
        ManualExchange x = offering(link, 2);
        x.on(new ExchangeInput.Cancel(2));
        String stale = RecordingLink.blob(DescriptionKind.ANSWER, 2, 3, 7);
        PasteJudge.Verdict v = PasteJudge.judge(stale, link.expectation().orElseThrow(), x.snapshot());
        x.on(new ExchangeInput.Pasted(stale, 0));
        assertThat(v)
                .isInstanceOfSatisfying(
                        PasteJudge.Verdict.Refused.class,
                        r -> assertThat(r.text()).isEqualTo(last().text()));
        String good = RecordingLink.blob(DescriptionKind.OFFER, 4, 3, 1);
        assertThat(PasteJudge.judge(good, link.expectation().orElseThrow(), x.snapshot()))
                .isInstanceOf(PasteJudge.Verdict.Accepted.class);
    }

    /** The steps a failure can come from, each forced on the fake. */
    enum Failing {
        CREATE_OFFER,
        CREATE_ANSWER,
        SET_REMOTE_DESCRIPTION,
        ADD_ICE_CANDIDATE,
        GATHERING_TIMEOUT
    }

    @ParameterizedTest
    @EnumSource(Failing.class)
    void eachFailingStepReachesTheOperatorAsThatStepExactlyOnce(Failing failing) {
        boolean offerer = failing != Failing.CREATE_ANSWER;
        RecordingLink link = new RecordingLink(3);
        ManualExchange x = exchange(link);
        switch (failing) {
            case CREATE_OFFER -> {
                link.failing.add(Step.CREATE_OFFER);
                x.on(new ExchangeInput.Offer(2));
            }
            case CREATE_ANSWER -> {
                x.on(new ExchangeInput.Pasted(RecordingLink.blob(DescriptionKind.OFFER, 4, 3, 5), 0));
                x.on(new ExchangeInput.StepFailed(4, Step.CREATE_ANSWER, "libwebrtc refused"));
            }
            case SET_REMOTE_DESCRIPTION -> {
                x.on(new ExchangeInput.Offer(2));
                x.on(new ExchangeInput.GatheringComplete(2));
                link.failing.add(Step.SET_REMOTE_DESCRIPTION);
                x.on(new ExchangeInput.Pasted(RecordingLink.blob(DescriptionKind.ANSWER, 2, 3, 7), 0));
            }
            case ADD_ICE_CANDIDATE -> {
                x.on(new ExchangeInput.Offer(2));
                x.on(new ExchangeInput.GatheringComplete(2));
                x.on(new ExchangeInput.Pasted(RecordingLink.blob(DescriptionKind.ANSWER, 2, 3, 7), 0));
                x.on(new ExchangeInput.StepFailed(2, Step.ADD_ICE_CANDIDATE, "bad candidate"));
            }
            case GATHERING_TIMEOUT -> {
                x.on(new ExchangeInput.Offer(2));
                x.on(new ExchangeInput.Tick(now.get() + ManualExchange.GATHER_TIMEOUT.toNanos() + 1));
            }
        }
        List<ExchangeReport.Failed> failed = reports.stream()
                .filter(r -> r instanceof ExchangeReport.Failed)
                .map(r -> (ExchangeReport.Failed) r)
                .toList();
        assertThat(failed).singleElement().satisfies(f -> {
            assertThat(f.step()).isEqualTo(ExchangeStep.valueOf(failing.name()));
            assertThat(f.peerId()).isEqualTo(offerer ? 2 : 4);
            assertThat(f.ended()).isEqualTo(failing != Failing.ADD_ICE_CANDIDATE);
        });
    }

    @Test
    void aFailureOutsideAnyExchangeIsNotReported() {
        RecordingLink link = new RecordingLink(3);
        ManualExchange x = exchange(link);
        x.on(new ExchangeInput.StepFailed(2, Step.CREATE_ANSWER, "not ours"));
        assertThat(reports).isEmpty();
    }
}
