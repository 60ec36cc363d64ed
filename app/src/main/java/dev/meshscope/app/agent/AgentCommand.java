// SPDX-License-Identifier: MIT
package dev.meshscope.app.agent;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The headless agent; being written under issue 3 (this entry exists so the jar builds meanwhile). */
@Command(name = "agent", description = "Run a headless MeshScope peer.")
public final class AgentCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("meshscope agent: not built yet in this revision.");
        return 2;
    }
}
