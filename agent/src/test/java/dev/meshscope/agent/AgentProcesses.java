// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The agent JVMs one test started, stopped after the test whatever happened
 * ({@code @RegisterExtension final AgentProcesses agents = new AgentProcesses();}). Test thread.
 */
public final class AgentProcesses implements AfterEachCallback {
    private final List<AgentProcess> started = new ArrayList<>();

    /** Starts an agent named {@code name} (its files live in {@code work}) and keeps it for the cleanup. */
    public AgentProcess start(Path work, String name, String... args) throws Exception {
        return add(AgentProcess.start(work, name, args));
    }

    /** Keeps an agent started elsewhere for the cleanup. */
    public AgentProcess add(AgentProcess a) {
        started.add(a);
        return a;
    }

    /** Every agent's stderr, for an assertion message. */
    public String diagnostics() {
        return AgentProcess.diagnostics(started);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        started.forEach(AgentProcess::close);
        started.clear();
    }
}
