// SPDX-License-Identifier: MIT
package dev.meshscope.app;

import dev.meshscope.agent.AgentCommand;
import dev.meshscope.agent.ReasonLastHandler;
import dev.meshscope.app.gui.GuiBenchCommand;
import dev.meshscope.app.gui.GuiLauncher;
import dev.meshscope.bench.BenchCommand;
import dev.meshscope.signalserver.SignalServerCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one entry point of the MeshScope jar: no arguments (or {@code gui}) opens the window, {@code agent}
 * runs a headless peer (module {@code agent}), {@code signal-server} a Godot demo lobby server (module
 * {@code signal-server}), {@code bench} runs the benchmarks (module {@code bench}) and
 * {@code bench gui} the window benchmark, which lives here with the window so that {@code bench} never imports it.
 * A plain class (not an {@code Application}) so that {@code java -jar} works with JavaFX on the classpath.
 */
@Command(
        name = "meshscope",
        mixinStandardHelpOptions = true,
        version = "MeshScope 0.1.0",
        description = "A live debugger for WebRTC data-channel meshes (Godot 4 WebRTCMultiplayerPeer).",
        subcommands = {AgentCommand.class, SignalServerCommand.class})
public final class Main implements Runnable {

    /**
     * Dispatches to the GUI or to a picocli subcommand, and exits with its code. Called on the JVM's main thread,
     * which runs the chosen command.
     */
    public static void main(String[] args) {
        if (args.length == 0 || "gui".equals(args[0])) {
            String[] rest = args.length == 0 ? args : java.util.Arrays.copyOfRange(args, 1, args.length);
            System.exit(GuiLauncher.launch(rest));
        }
        System.exit(commandLine().execute(args));
    }

    /**
     * The command tree: {@code agent}, {@code signal-server}, and {@code bench} with the window benchmark
     * {@code bench gui} added here; bad options anywhere in it end with their one-line reason ({@link
     * ReasonLastHandler}, set after every subcommand is added, as picocli applies it only to the commands present). Called on the JVM's main thread (and by tests, on
     * theirs); each call builds a new tree.
     */
    static CommandLine commandLine() {
        CommandLine bench = new CommandLine(new BenchCommand()).addSubcommand(new GuiBenchCommand());
        return new CommandLine(new Main()).addSubcommand(bench).setParameterExceptionHandler(new ReasonLastHandler());
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
