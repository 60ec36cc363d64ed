// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** Bad command lines are refused with exit code 2 and a message saying what to change, before anything starts. */
class AgentCommandTest {

    /** Runs the command line {@code args}, expects {@code expectedExit} and returns what it wrote on stderr. */
    static String run(int expectedExit, String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new AgentCommand()).setParameterExceptionHandler(new ReasonLastHandler());
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute(args)).as(err.toString()).isEqualTo(expectedExit);
        return err.toString();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
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
                "--mode mesh --id 2 --manual --stale-ms 3000 | are for --signal-dir",
                "--mode mesh --id 2 --manual --size 300 | are for --send N",
                "--mode mesh --id 2 --manual --exit-when-done | are for --send N",
                "--mode mesh --id 2 --manual --send -1 | --send must be 1..",
                "--mode mesh --id 2 --manual --send 5 --size 10 | --size must be 64..262144",
                "--mode mesh --id 2 --manual --send 5 --send-channels 3 | '3' is not a channel of this peer",
                "--mode mesh --id 2 --manual --send 5 --send-channels fast | 'fast' is not a channel of this peer",
                "--mode mesh --id 2 --manual --send 5 --target 0 | --target must be a peer id",
                "--mode mesh --id 2 --manual --send 5 --rate -1 | --rate must be 0",
                "--mode mesh --id 2 --signal-dir x --heartbeat-ms 1000 --stale-ms 1500 | at least two heartbeats",
                "--id 2 --manual | --mode is required",
                "--signal-url ws://127.0.0.1:9 --signal-dir x | mutually exclusive",
                "--signal-url ws://127.0.0.1:9 --manual | mutually exclusive",
                "--signal-url ws://127.0.0.1:9 --mode server | the creator is the server: use --mode client",
                "--signal-url ws://127.0.0.1:9 --id 3 | the lobby assigns ids",
                "--signal-url ws://127.0.0.1:9 --mode ring | --mode must be server, client or mesh",
                "--signal-url ws://127.0.0.1:9 --create | are for --signal-dir",
                "--signal-url ws://127.0.0.1:9 --remote-id 2 | are for --manual",
                "--signal-url ws://127.0.0.1:9 --output demo | are for --manual",
                "--mode mesh --id 2 --manual --lobby abc | --lobby is for --signal-url",
                "--signal-url http://127.0.0.1:9 | must start with ws:// or wss://",
                "--signal-url ws://127.0.0.1:9 --lobby a --ping-interval -1 | --ping-interval and --exit-after",
                "--mode mesh --id 2 --signal-dir x --lobby abc | --lobby is for --signal-url",
            })
    void badOptionsAreRefusedWithAReason(String args, String message) {
        assertThat(run(2, args.strip().split(" +"))).contains(message.strip());
    }

    @TempDir
    Path tmp;

    @Test
    void aSignalDirThatIsAFileMissingOrNotWritableIsRefusedWithTheReason() throws Exception {
        Path file = Files.writeString(tmp.resolve("lobby.txt"), "x");
        assertThat(run(2, "--mode", "mesh", "--id", "2", "--signal-dir", file.toString()))
                .contains("is a file, not a folder");
        Path missing = tmp.resolve("lobyb");
        assertThat(run(2, "--mode", "mesh", "--id", "2", "--signal-dir", missing.toString()))
                .contains("does not exist", "--create");
        assertThat(Files.exists(missing)).isFalse();
        assertThat(run(2, "--mode", "mesh", "--id", "2", "--manual", "--create"))
                .contains("are for --signal-dir");
        if (Files.isDirectory(Path.of("/proc/1"))) {
            assertThat(run(2, "--mode", "mesh", "--id", "2", "--signal-dir", "/proc/1"))
                    .contains("is not writable");
        }
        // The twin, a missing folder with --create that runs, is AgentMeshProcessTest (its lobby does not exist).
    }

    @Test
    void aBlankLobbyNameIsRefusedRatherThanCreatingALobby() {
        assertThat(run(2, "--signal-url", "ws://127.0.0.1:9", "--lobby", "  "))
                .contains("--lobby needs a name; leave it out to create a lobby.");
    }

    @Test
    void helpShowsTheTwoTerminalExample() {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new AgentCommand());
        cl.setOut(new PrintWriter(out, true));
        assertThat(cl.execute("--help")).isZero();
        assertThat(out.toString())
                .contains(
                        "--signal-dir",
                        "--manual",
                        "--signal-url",
                        "--lobby",
                        "terminal 1:",
                        "Exit codes",
                        "--send",
                        "--exit-when-done",
                        "--exit-on-disconnect",
                        "5 --send: not every packet came back right");
    }

    @Test
    void transferModesAreReadAsIntsOrNames() {
        ChannelListConverter c = new ChannelListConverter();
        assertThat(c.convert("2")).isEqualTo(dev.meshscope.core.TransferMode.RELIABLE);
        assertThat(c.convert("Ordered")).isEqualTo(dev.meshscope.core.TransferMode.UNRELIABLE_ORDERED);
        assertThat(c.convert("unreliable")).isEqualTo(dev.meshscope.core.TransferMode.UNRELIABLE);
    }
}
