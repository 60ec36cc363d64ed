// SPDX-License-Identifier: MIT
package dev.meshscope.signalserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code meshscope signal-server}: first line, JSON lines, the end of input stops it, bad options say why. */
class SignalServerCommandTest {
    private static final Pattern URL = Pattern.compile("ws://127\\.0\\.0\\.1:(\\d+)");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CommandLine command(java.io.InputStream stdin) {
        return new CommandLine(new SignalServerCommand(stdin, LobbyServerConfig.defaults()))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
    }

    private synchronized String output() {
        return out.toString();
    }

    @Test
    void printsTheAddressFirstThenJsonLinesAndStopsAtTheEndOfInput() throws Exception {
        PipedOutputStream stdin = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(stdin);
        CompletableFuture<Integer> exit =
                CompletableFuture.supplyAsync(() -> command(in).execute("--host", "127.0.0.1", "--port", "0"));
        await().atMost(TestPeer.WAIT).until(() -> URL.matcher(output()).find());
        String first = output().lines().findFirst().orElseThrow();
        assertThat(first).startsWith("signal-server listening on ws://127.0.0.1:");
        Matcher m = URL.matcher(first);
        assertThat(m.find()).isTrue();
        int port = Integer.parseInt(m.group(1));

        try (TestPeer host = TestPeer.join(port, "", true)) {
            assertThat(host.id).isEqualTo(1);
            await().atMost(TestPeer.WAIT).until(() -> output().contains("\"event\":\"peer_joined\""));
            assertThat(output().lines().skip(1)).allMatch(l -> l.startsWith("{") && l.endsWith("}"));
            stdin.close();
            assertThat(exit.get(TestPeer.WAIT.toMillis(), TimeUnit.MILLISECONDS))
                    .isZero();
            assertThat(host.awaitClosed().code()).isEqualTo(1001);
        }
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aBadPortOrHostEndsWithItsOneLineReasonAndExitCode2() {
        assertThat(command(java.io.InputStream.nullInputStream()).execute("--port", "70000"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--port must be 0..65535 (0 picks a free port), was 70000");
        assertThat(command(java.io.InputStream.nullInputStream()).execute("--port", "abc"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("'abc' is not an int");
        assertThat(command(java.io.InputStream.nullInputStream()).execute("--host", "no-such-host.invalid"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("cannot resolve host \"no-such-host.invalid\"");
        assertThat(output()).isEmpty();
    }

    @Test
    void aPortInUseEndsWithItsReasonAndExitCode1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int code = command(java.io.InputStream.nullInputStream())
                    .execute("--host", "127.0.0.1", "--port", Integer.toString(taken.getLocalPort()));
            assertThat(code).isEqualTo(1);
            assertThat(err.toString())
                    .contains("cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .contains("try --port 0");
            assertThat(err.toString().lines()).hasSize(1);
        }
    }

    @Test
    void theNodeServersPortIsTheDefault() {
        CommandLine cl = command(java.io.InputStream.nullInputStream());
        assertThat(cl.getCommandSpec().findOption("--port").defaultValue()).isEqualTo("9080");
        assertThat(cl.getCommandSpec().findOption("--host").defaultValue()).isEqualTo("0.0.0.0");
    }
}
