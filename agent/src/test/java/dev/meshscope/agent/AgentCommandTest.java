// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** Bad command lines are refused with exit code 2 and a message saying what to change, before anything starts. */
class AgentCommandTest {

    /** Runs the command line {@code args}, expects {@code expectedExit} and returns what it wrote on stderr. */
    static String run(int expectedExit, String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new AgentCommand());
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute(args)).as(err.toString()).isEqualTo(expectedExit);
        return err.toString();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--mode ring --id 2 --manual | --mode must be server, client or mesh",
        "--mode server --id 3 --manual | a server is always peer 1",
        "--mode client --manual | --id is required for a client peer",
        "--mode client --id 1 --manual | a client cannot be peer 1",
        "--mode mesh --id 0 --manual | --id must be 1..2147483647",
        "--mode mesh --id 2 | Missing required argument",
        "--mode mesh --id 2 --manual --signal-dir x | mutually exclusive",
        "--mode mesh --id 2 --signal-dir x --remote-id 3 | --remote-id is for --manual",
        "--mode mesh --id 2 --manual --remote-id 2 | --remote-id must be another peer's id",
        "--mode client --id 2 --manual --remote-id 3 | --remote-id can only be 1",
        "--mode mesh --id 2 --manual --channels 2,7 | '7' is not a transfer mode",
        "--mode mesh --id 2 --manual --output xml | --output must be blob, browser or demo",
        "--mode mesh --id 2 --manual --no-stdin | are for --signal-dir",
        "--mode mesh --id 2 --signal-dir x --heartbeat-ms 1000 --stale-ms 1500 | at least two heartbeats",
    })
    void badOptionsAreRefusedWithAReason(String args, String message) {
        assertThat(run(2, args.strip().split(" +"))).contains(message.strip());
    }

    @Test
    void helpShowsTheTwoTerminalExample() {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new AgentCommand());
        cl.setOut(new PrintWriter(out, true));
        assertThat(cl.execute("--help")).isZero();
        assertThat(out.toString()).contains("--signal-dir", "--manual", "terminal 1:", "Exit codes");
    }

    @Test
    void transferModesAreReadAsIntsOrNames() {
        ChannelListConverter c = new ChannelListConverter();
        assertThat(c.convert("2")).isEqualTo(dev.meshscope.core.TransferMode.RELIABLE);
        assertThat(c.convert("Ordered")).isEqualTo(dev.meshscope.core.TransferMode.UNRELIABLE_ORDERED);
        assertThat(c.convert("unreliable")).isEqualTo(dev.meshscope.core.TransferMode.UNRELIABLE);
    }
}
