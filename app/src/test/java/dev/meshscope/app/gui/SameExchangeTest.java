// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshscope.agent.AgentProcess;
import dev.meshscope.app.gui.log.LogEntry;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.session.OperatorAction;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The done-when test: the same copy/paste exchange driven through the window (TestFX) and through the
 * agent (a child process), with the same in-test counterparts, gives the same outcome for a good paste, a stale
 * answer, a repeated offer and a gathering timeout, because both run signaling-file's ManualExchange.
 */
@Tag("window")
@Tag("native")
@Tag("multiprocess")
class SameExchangeTest extends WindowTestBase {
    /** A gathering timeout no real gathering meets (it takes ~100 ms), to force the timeout. */
    private static final Duration FORCED_TIMEOUT = Duration.ofMillis(1);

    @TempDir
    Path work;

    /** How a paste ended, comparable between front ends (no blob, no fingerprint). */
    record Outcome(String kind, String text) {
        static Outcome answer() {
            return new Outcome("ANSWER", "");
        }

        static Outcome accepted() {
            return new Outcome("ACCEPTED", "");
        }
    }

    /** The operator front end being driven: mesh peer 5 in a window or in an agent. */
    interface Front extends AutoCloseable {
        /** The offer to peer 4 (Add peer in the window; the agent's start-up offer). */
        String offerTo4() throws Exception;

        /** Pastes {@code text} and applies it when it checks out. */
        Outcome paste(String text) throws Exception;

        /** The last answer blob made. */
        String lastAnswer();

        /** Whether peer {@code id} is connected. */
        boolean connectedTo(int id);

        @Override
        void close();
    }

    @Test
    void theWindowAndTheAgentGiveTheSameOutcomeForEachPaste() throws Exception {
        List<Outcome> window = scenario(() -> new WindowFront(false), () -> new WindowFront(true));
        List<Outcome> agent = scenario(
                () -> AgentFront.start(work, "agent", false), () -> AgentFront.start(work, "agent-timeout", true));

        assertThat(window)
                .extracting(Outcome::kind)
                .containsExactly("ACCEPTED", "REFUSED", "ANSWER", "REFUSED", "FAILED");
        assertThat(window.get(1).text())
                .startsWith("the offer to peer 4 no longer exists: it was answered and " + "peer 4 connected.");
        assertThat(window.get(3).text()).startsWith("this offer from peer 6 was already applied (peer 6 is connected)");
        assertThat(window.get(4).text()).startsWith("ICE gathering: ICE gathering for peer 7 did not complete in 1 ms");
        assertThat(agent).as("the agent, driven the same way").isEqualTo(window);
    }

    /** Good answer, the same answer again (stale), a good offer, the same offer again, a timed-out offer. */
    private static List<Outcome> scenario(Supplier<Front> make, Supplier<Front> timingOut) throws Exception {
        List<Outcome> out = new ArrayList<>();
        try (Front front = make.get();
                HeadlessPeer four = new HeadlessPeer("4", t.runtime());
                HeadlessPeer six = new HeadlessPeer("6", t.runtime())) {
            four.create(NetworkMode.MESH, 4, List.of());
            six.create(NetworkMode.MESH, 6, List.of());
            String answer = four.answer(front.offerTo4(), 5);
            out.add(front.paste(answer));
            await("5 and 4 connected").atMost(GuiTestSupport.TIMEOUT).until(() -> front.connectedTo(4));
            out.add(front.paste(answer));

            String offer = six.offer(5);
            out.add(front.paste(offer));
            six.session.applyPaste(front.lastAnswer(), 0);
            await("5 and 6 connected")
                    .atMost(GuiTestSupport.TIMEOUT)
                    .until(() -> front.connectedTo(6) && six.connectedTo(5));
            out.add(front.paste(offer));
        }
        try (Front front = timingOut.get();
                HeadlessPeer seven = new HeadlessPeer("7", t.runtime())) {
            seven.create(NetworkMode.MESH, 7, List.of());
            out.add(front.paste(seven.offer(5)));
        }
        return out;
    }

    /** Mesh peer 5 in a real window, driven by the robot as an operator does. */
    private static final class WindowFront implements Front {
        private final OpenWindow w;
        private String lastAnswer = "";

        WindowFront(boolean timingOut) {
            w = t.open(timingOut ? "timeout" : "five");
            if (timingOut) {
                w.session().setGatherTimeout(FORCED_TIMEOUT);
            }
            WindowFlows.create(t, w, NetworkMode.MESH, "5");
        }

        @Override
        public String offerTo4() {
            t.click(w, "#remotePeerIdField");
            t.robot.eraseText(t.text(w, "#remotePeerIdField").length());
            t.robot.write("4");
            t.click(w, "#addPeerButton");
            t.awaitText(w, "#localBlobCaption", s -> s.startsWith("Offer for peer 4:"), "offer blob for 4");
            return t.text(w, "#localBlobArea");
        }

        @Override
        public Outcome paste(String text) {
            GuiTestSupport.setClipboard(text);
            t.click(w, "#pasteArea");
            t.robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
            t.robot.press(KeyCode.CONTROL, KeyCode.V).release(KeyCode.V, KeyCode.CONTROL);
            t.awaitFx(
                    "the paste judged",
                    () -> !t.text(w, "#pasteError").isEmpty()
                            || !t.text(w, "#pasteSummary").isEmpty());
            if (!t.text(w, "#pasteError").isEmpty()) {
                return new Outcome("REFUSED", t.text(w, "#pasteError"));
            }
            boolean answer = t.text(w, "#pasteSummary").contains("answer from peer");
            t.click(w, "#applyPasteButton");
            if (answer) {
                t.awaitText(
                        w,
                        "#localBlobCaption",
                        s -> s.contains("applied: connecting") || s.contains("is over"),
                        "answer applied");
                return Outcome.accepted();
            }
            t.awaitText(
                    w,
                    "#localBlobCaption",
                    s -> s.startsWith("Answer for peer") || s.contains("failed"),
                    "answer made or exchange failed");
            if (t.text(w, "#localBlobCaption").contains("failed")) {
                LogEntry f = GuiTestSupport.fx(() -> w.window().lastFailure());
                OperatorAction a = (OperatorAction) f.detail();
                return new Outcome("FAILED", a.kind() + ": " + a.text());
            }
            lastAnswer = t.text(w, "#localBlobArea");
            return Outcome.answer();
        }

        @Override
        public String lastAnswer() {
            return lastAnswer;
        }

        @Override
        public boolean connectedTo(int id) {
            return GuiTestSupport.fx(
                    () -> t.robot.from(w.stage().getScene().getRoot()).lookup("#peer-node-" + id).queryAll().stream()
                            .anyMatch(n -> n.getStyleClass().contains("connected")));
        }

        @Override
        public void close() {
            // Windows are closed after the test (WindowTestBase).
        }
    }

    /** Mesh peer 5 as {@code meshscope agent --manual}: offers to 4 at start, pastes on stdin, outcomes as events. */
    private static final class AgentFront implements Front {
        private final AgentProcess agent;
        private String lastAnswer = "";

        private AgentFront(AgentProcess agent) {
            this.agent = agent;
        }

        static AgentFront start(Path work, String name, boolean timingOut) {
            try {
                return new AgentFront(
                        timingOut
                                ? AgentProcess.start(
                                        work,
                                        name,
                                        "--mode",
                                        "mesh",
                                        "--id",
                                        "5",
                                        "--manual",
                                        "--gather-timeout-ms",
                                        Long.toString(FORCED_TIMEOUT.toMillis()))
                                : AgentProcess.start(
                                        work, name, "--mode", "mesh", "--id", "5", "--manual", "--remote-id", "4"));
            } catch (IOException e) {
                throw new AssertionError("cannot start the agent", e);
            }
        }

        @Override
        public String offerTo4() throws InterruptedException {
            String offer = agent.nextLine("MSB1:", GuiTestSupport.TIMEOUT.toSeconds());
            assertThat(offer).as(agent.stderrText()).isNotNull();
            return offer;
        }

        @Override
        public Outcome paste(String text) throws Exception {
            int seen = agent.events().size();
            agent.writeLine(text);
            JsonNode end = await("the paste's outcome (stderr: " + agent.stderrText() + ")")
                    .atMost(GuiTestSupport.TIMEOUT)
                    .until(() -> outcome(agent.events(), seen), Optional::isPresent)
                    .orElseThrow();
            return switch (end.path("event").asText()) {
                case "PasteRefused" ->
                    new Outcome("REFUSED", end.path("message").asText());
                case "ExchangeFailed" ->
                    new Outcome(
                            "FAILED",
                            end.path("stepLabel").asText() + ": "
                                    + end.path("message").asText());
                case "DescriptionReady" -> {
                    lastAnswer = agent.nextLine("MSB1:", GuiTestSupport.TIMEOUT.toSeconds());
                    yield Outcome.answer();
                }
                default -> Outcome.accepted();
            };
        }

        private static Optional<JsonNode> outcome(List<JsonNode> events, int from) {
            for (JsonNode e : events.subList(Math.min(from, events.size()), events.size())) {
                String name = e.path("event").asText();
                if (name.equals("PasteRefused")
                        || name.equals("ExchangeFailed")
                        || name.equals("DescriptionReady")
                        || name.equals("PasteAccepted")
                                && e.path("kind").asText().equals("answer")) {
                    return Optional.of(e);
                }
            }
            return Optional.empty();
        }

        @Override
        public String lastAnswer() {
            return lastAnswer;
        }

        @Override
        public boolean connectedTo(int id) {
            return agent.stderrText().contains("peer_connected(" + id + ")");
        }

        @Override
        public void close() {
            agent.close();
        }
    }
}
