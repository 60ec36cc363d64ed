// SPDX-License-Identifier: MIT
package dev.meshscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
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

    @Test
    void badOptionsEndWithTheirReasonNotWithTheUsage() {
        for (String[] args :
                new String[][] {{"agent", "--mode", "ring", "--id", "2", "--manual"}, {"bench", "--no-such-option"}}) {
            StringWriter err = new StringWriter();
            CommandLine cl = Main.commandLine();
            cl.setErr(new PrintWriter(err, true));
            for (CommandLine sub : cl.getSubcommands().values()) {
                sub.setErr(new PrintWriter(err, true));
            }
            assertThat(cl.execute(args)).as(err.toString()).isEqualTo(2);
            String[] lines = err.toString().strip().split("\\R");
            assertThat(lines).as(err.toString()).hasSizeLessThanOrEqualTo(3);
            assertThat(err.toString()).contains("meshscope " + args[0] + " --help");
        }
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.getSubcommands().get("agent").setErr(new PrintWriter(err, true));
        cl.execute("agent", "--mode", "ring", "--id", "2", "--manual");
        String[] lines = err.toString().strip().split("\\R");
        assertThat(lines[lines.length - 1]).contains("--mode must be server, client or mesh");
    }
}
