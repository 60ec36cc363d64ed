// SPDX-License-Identifier: MIT
package dev.meshscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The one jar's command tree: {@code agent}, {@code bench}, and the window benchmark as {@code bench gui}. */
class MainTest {
    @Test
    void dispatchesAgentBenchAndBenchGui() {
        Map<String, CommandLine> top = Main.commandLine().getSubcommands();
        assertThat(top.keySet()).contains("agent", "bench");
        Map<String, CommandLine> bench = top.get("bench").getSubcommands();
        assertThat(bench.keySet()).contains("gui", "help");
        Object agent = top.get("agent").getCommand();
        Object gui = bench.get("gui").getCommand();
        assertThat(agent).isInstanceOf(dev.meshscope.agent.AgentCommand.class);
        assertThat(gui).isInstanceOf(dev.meshscope.app.gui.GuiBenchCommand.class);
    }
}
