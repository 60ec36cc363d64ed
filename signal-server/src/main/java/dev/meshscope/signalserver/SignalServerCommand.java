// SPDX-License-Identifier: MIT
package dev.meshscope.signalserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code meshscope signal-server [--host 0.0.0.0] [--port 9080]}: runs a {@link LobbyServer} until Ctrl-C (SIGINT or
 * SIGTERM) or the end of standard input. The first line on standard output is "signal-server listening on
 * ws://HOST:PORT ..."; every line after it is one JSON log line ({@link LobbyLog}). Bad options end with a one-line
 * reason (exit 2), an address that cannot be bound with one (exit 1). Called on the JVM's main thread, which waits.
 */
@Command(
        name = "signal-server",
        mixinStandardHelpOptions = true,
        version = "MeshScope signal-server 0.1.0",
        description = {
            "Runs a WebSocket lobby server for Godot's demo signaling protocol, as the demo's Node server does"
                    + " (godot-demo-projects networking/webrtc_signaling/server_node).",
            "Prints the listening address, then one JSON line per event. Stops on Ctrl-C or at the end of input."
        })
public final class SignalServerCommand implements Callable<Integer> {
    /** The Node server's {@code PORT}, and the demo client's default URL ws://localhost:9080. */
    static final int DEFAULT_PORT = 9080;

    @Spec
    @SuppressWarnings("NullAway.Init") // injected by picocli before call()
    private CommandSpec spec;

    @Option(
            names = "--host",
            defaultValue = "0.0.0.0",
            description = "Address to listen on (default ${DEFAULT-VALUE}: every IPv4 interface; 127.0.0.1: this"
                    + " machine only).")
    private String host = "0.0.0.0";

    @Option(
            names = "--port",
            defaultValue = "9080",
            description = "TCP port, 0..65535 (default ${DEFAULT-VALUE}, the demo's; 0 picks a free one).")
    private int port = DEFAULT_PORT;

    @Option(
            names = "--keep-running-at-eof",
            description = "Do not stop at the end of standard input (for a detached run with no terminal); stop it"
                    + " with SIGTERM.")
    private boolean keepRunningAtEof;

    private final InputStream stdin;
    private final LobbyServerConfig baseConfig;

    /** The command as {@code meshscope signal-server} runs it: standard input, the Node server's limits. */
    public SignalServerCommand() {
        this(System.in, LobbyServerConfig.defaults());
    }

    /** For tests: another input and configuration (its log sink is replaced by the command's output). */
    SignalServerCommand(InputStream stdin, LobbyServerConfig baseConfig) {
        this.stdin = stdin;
        this.baseConfig = baseConfig;
    }

    @Override
    public Integer call() {
        if (port < 0 || port > 65535) {
            throw new ParameterException(
                    spec.commandLine(), "--port must be 0..65535 (0 picks a free port), was " + port);
        }
        if (host.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--host must not be empty; e.g. 0.0.0.0 or 127.0.0.1");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HeldLines lines = new HeldLines(out);
        LobbyServer server = new LobbyServer(baseConfig.withLog(lines));
        try {
            server.start(host, port);
        } catch (IllegalArgumentException e) {
            server.close();
            throw new ParameterException(spec.commandLine(), "--host: " + e.getMessage());
        } catch (IOException e) {
            server.close();
            err.println("signal-server: " + e.getMessage() + " (is another server on that port? try --port 0)");
            err.flush();
            return 1;
        }
        lines.release("signal-server listening on " + server.url() + " ("
                + (keepRunningAtEof ? "SIGTERM" : "Ctrl-C or end of input") + " stops it)");
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    server.close();
                    stop.countDown();
                },
                "signal-server-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        if (!keepRunningAtEof) {
            Thread reader = new Thread(() -> readToEnd(stop), "signal-server-stdin");
            reader.setDaemon(true);
            reader.start();
        }
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs (or ran) anyway
        }
        return 0;
    }

    /** Reads standard input until its end (what is read is ignored), then releases {@code stop}. */
    private void readToEnd(CountDownLatch stop) {
        byte[] buffer = new byte[512];
        try {
            while (stdin.read(buffer) >= 0) {
                // nothing is read from the operator yet; only the end counts
            }
        } catch (IOException e) {
            // an unreadable input ends like an ended one
        }
        stop.countDown();
    }

    /**
     * The log sink of the command: holds the JSON lines that arrive before the first line (the listening address) is
     * printed, so that it is always first. Called on the lobby thread and the main thread.
     */
    static final class HeldLines implements Consumer<String> {
        private final PrintWriter out;
        private @Nullable List<String> held = new ArrayList<>();

        HeldLines(PrintWriter out) {
            this.out = out;
        }

        @Override
        public synchronized void accept(String line) {
            List<String> h = held;
            if (h != null) {
                h.add(line);
            } else {
                out.println(line);
                out.flush();
            }
        }

        /** Prints {@code first}, then every held line; later lines are printed as they come. */
        synchronized void release(String first) {
            out.println(first);
            List<String> h = held;
            if (h != null) {
                h.forEach(out::println);
            }
            held = null;
            out.flush();
        }
    }

    /** Runs the command alone (the jar's Main has it as a subcommand): exits with its code. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new SignalServerCommand()).execute(args));
    }
}
