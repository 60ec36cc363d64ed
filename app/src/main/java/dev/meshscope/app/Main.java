// SPDX-License-Identifier: MIT
package dev.meshscope.app;

import dev.meshscope.app.agent.AgentCommand;
import dev.meshscope.app.bench.BenchCommand;
import dev.meshscope.app.gui.GuiLauncher;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one entry point of the MeshScope jar: no arguments (or {@code gui}) opens the window, {@code agent}
 * runs a headless peer, {@code bench} runs the benchmarks. A plain class (not an {@code Application}) so
 * that {@code java -jar} works with JavaFX on the classpath.
 */
@Command(name = "meshscope", mixinStandardHelpOptions = true, version = "MeshScope 0.1.0",
        description = "A live debugger for WebRTC data-channel meshes (Godot 4 WebRTCMultiplayerPeer).",
        subcommands = {AgentCommand.class, BenchCommand.class})
public final class Main implements Runnable {

    /** Dispatches to the GUI or to a picocli subcommand, and exits with its code. */
    public static void main(String[] args) {
        if (args.length == 0 || "gui".equals(args[0])) {
            String[] rest = args.length == 0 ? args : java.util.Arrays.copyOfRange(args, 1, args.length);
            System.exit(GuiLauncher.launch(rest));
        }
        System.exit(commandLine().execute(args));
    }

    /** The command line of the jar (without the GUI): subcommands, and bad options answered with the reason last. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setParameterExceptionHandler(new ReasonLastHandler());
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
