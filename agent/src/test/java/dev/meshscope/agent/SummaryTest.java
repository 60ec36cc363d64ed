// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The summary line: one JSON object, totals that add up, and the exit code a script reads. */
class SummaryTest {
    private static final SendPlan PLAN =
            new SendPlan(2, 100, false, List.of(0, 3), 0, 0, Duration.ofSeconds(3), true, false);

    private static FlowSummary flow(int channel, int back) {
        SendFlow f = new SendFlow(1, channel, true, 2);
        f.onSent(0);
        f.onSent(1_000_000);
        for (int i = 0; i < back; i++) {
            f.onReply(i, true, channel, false, false, 100, i * 1_000_000L + 2_000_000);
        }
        return f.summary("ch" + channel);
    }

    @Test
    void everythingBackIsOkAndExitZeroOnOneLine() throws Exception {
        Summary s = new Summary(2, PLAN, List.of(flow(0, 2), flow(3, 2)));
        assertThat(s.exitCode()).isZero();
        String line = s.toJson();
        assertThat(line).doesNotContain("\n");
        JsonNode n = new ObjectMapper().readTree(line);
        assertThat(n.path("event").asText()).isEqualTo("SendSummary");
        assertThat(n.path("ok").asBoolean()).isTrue();
        assertThat(n.path("flows")).hasSize(2);
        assertThat(n.path("flows").get(1).path("channel").asInt()).isEqualTo(3);
        assertThat(n.path("flows").get(0).path("rttMedianMs").asDouble()).isEqualTo(2.0);
        assertThat(n.path("total").path("sent").asLong()).isEqualTo(4);
        assertThat(n.path("total").path("back").asLong()).isEqualTo(4);
    }

    @Test
    void oneLostPacketMakesItNotOkWithExitFive() throws Exception {
        Summary s = new Summary(2, PLAN, List.of(flow(0, 2), flow(3, 1)));
        assertThat(s.exitCode()).isEqualTo(Summary.EXIT_INCOMPLETE);
        JsonNode n = new ObjectMapper().readTree(s.toJson());
        assertThat(n.path("ok").asBoolean()).isFalse();
        assertThat(n.path("total").path("lost").asLong()).isEqualTo(1);
        assertThat(n.path("flows").get(1).path("allBack").asBoolean()).isFalse();
    }

    @Test
    void nothingBackPrintsNullRoundTripsAndNoFlowAtAllIsExitSix() throws Exception {
        JsonNode n = new ObjectMapper().readTree(new Summary(2, PLAN, List.of(flow(0, 0))).toJson());
        assertThat(n.path("flows").get(0).path("rttMedianMs").isNull()).isTrue();
        Summary none = new Summary(2, PLAN, List.of());
        assertThat(none.exitCode()).isEqualTo(Summary.EXIT_NOTHING_SENT);
        assertThat(none.ok()).isFalse();
    }
}
