// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import dev.meshscope.core.MeshThread;
import dev.meshscope.core.MultiplayerPeer;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * Hooks the options for scripts into a running agent: the {@code --send} run, the periodic receive/echo counts
 * ({@code TrafficReport} events) and send progress ({@code SendReport}), {@code --exit-when-done},
 * {@code --exit-on-disconnect}, and, at the end, the summary line on stdout and the exit code it implies.
 *
 * <p>Threads: built on the main thread before the agent's mesh thread runs anything of it; everything it registers
 * runs on that owner thread; {@link #finish} is called on the owner thread at the end.
 */
final class ScriptHooks {
    private final AgentTraffic traffic;
    private final Status status;
    private final EventWriter events;
    private final SendRun send;

    /**
     * Registers the hooks on {@code thread} (after the peer's poll and the traffic drain were added).
     *
     * @param stop completes the agent's run with exit code 0 (thread-safe)
     */
    ScriptHooks(
            SendPlan plan,
            AgentSetup setup,
            WebRtcMultiplayerPeer peer,
            AgentTraffic traffic,
            MeshThread thread,
            Status status,
            EventWriter events,
            Runnable stop) {
        this.traffic = traffic;
        this.status = status;
        this.events = events;
        this.send = plan.sends()
                ? new SendRun(
                        peer,
                        plan,
                        setup.id(),
                        thread::wake,
                        () -> {
                            if (plan.exitWhenDone()) {
                                stop.run();
                            }
                        },
                        status::say)
                : null;
        thread.execute(() -> {
            traffic.setWake(thread::wake);
            if (send != null) {
                traffic.setReplyHandler(send);
            }
            if (plan.exitOnDisconnect()) {
                peer.addListener(new MultiplayerPeer.Listener() {
                    @Override
                    public void peerDisconnected(int id) {
                        status.say("peer " + id + " left: stopping (--exit-on-disconnect).");
                        stop.run();
                    }
                });
            }
        });
        if (send != null) {
            thread.addPoller(send::poll);
        }
        thread.addTicker(setup.reportEvery().toMillis(), TimeUnit.MILLISECONDS, () -> report(false));
    }

    private void report(boolean all) {
        traffic.reportCounts(all, c -> events.agentRecord("TrafficReport", c), status::say);
        if (send != null) {
            send.report(s -> events.agentRecord("SendReport", s));
        }
    }

    /**
     * The last reports; with {@code --send}, prints the summary line on {@code out} (and as a {@code SendSummary}
     * event) and returns its exit code, else returns 0. Owner thread.
     */
    int finish(PrintStream out) {
        traffic.reportCounts(true, c -> events.agentRecord("TrafficReport", c), status::say);
        if (send == null) {
            return 0;
        }
        // A run shorter than one report interval still leaves its progress figures once, before the summary.
        send.report(r -> events.agentRecord("SendReport", r));
        Summary s = send.summary();
        String line = s.toJson();
        out.println(line);
        out.flush();
        events.agentJson(line);
        status.say("summary: " + (s.ok() ? "everything came back" : "NOT everything came back") + " (exit code "
                + s.exitCode() + ").");
        return s.exitCode();
    }
}
