// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import dev.meshscope.core.IceTransportPolicy;
import dev.meshscope.core.RtcConfiguration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The agent's options for the links themselves, a picocli mixin of {@link AgentCommand}: {@code --impair} (make a
 * link worse on purpose, inside MeshScope's send and receive path), {@code --late-threshold} (when an unanswered
 * probe counts as late) and {@code --relay-only} (ICE through TURN only). Filled by picocli on the main thread, read
 * once by {@link #plan}.
 */
final class LinkOptions {
    @Option(
            names = "--impair",
            paramLabel = "PEER[:CH]:in|out:SETTINGS",
            description = "Impair the link to PEER (an id or all), on one channel or all, inbound or outbound; "
                    + "SETTINGS: delay=MS,jitter=MS,loss=PCT,rate=BYTES_PER_S,paused (repeatable; applied when the "
                    + "peer joins, again after every reconnect). E.g. " + ImpairSpec.EXAMPLE)
    List<String> impair = new ArrayList<>();

    @Option(
            names = "--late-threshold",
            paramLabel = "MS",
            description = "A probe unanswered this long counts as late, not as received (default 2000, the loss "
                    + "timeout).")
    Long lateThresholdMs;

    @Option(
            names = "--relay-only",
            description = "ICE transport policy relay: gather and use TURN relay candidates only (needs a turn: entry "
                    + "in --ice-server).")
    boolean relayOnly;

    /** Validates against the peer's internal channel count and the ICE servers; throws picocli's usage error. */
    LinkPlan plan(CommandLine cl, int channelCount, List<RtcConfiguration.IceServer> servers) {
        List<ImpairSpec> specs = new ArrayList<>();
        for (String s : impair) {
            ImpairSpec spec;
            try {
                spec = ImpairSpec.parse(s, channelCount);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(cl, e.getMessage());
            }
            for (ImpairSpec other : specs) {
                if (other.peerId() == spec.peerId()
                        && other.channel() == spec.channel()
                        && other.direction() == spec.direction()) {
                    throw new ParameterException(
                            cl,
                            "--impair '" + s + "' sets the same peer, channel and direction as '" + other.text()
                                    + "': put every setting in one --impair.");
                }
            }
            specs.add(spec);
        }
        if (lateThresholdMs != null && lateThresholdMs <= 0) {
            throw new ParameterException(cl, "--late-threshold must be more than 0 ms, not " + lateThresholdMs + ".");
        }
        RtcConfiguration ice =
                RtcConfiguration.withServers(servers, relayOnly ? IceTransportPolicy.RELAY : IceTransportPolicy.ALL);
        if (relayOnly && !ice.hasTurnServer()) {
            throw new ParameterException(
                    cl,
                    "--relay-only needs a TURN server: add --ice-server turn:HOST:PORT,USER,CREDENTIAL (a stun: "
                            + "server gives no relay candidates), or drop --relay-only.");
        }
        String problem = ice.problem();
        if (problem != null) {
            throw new ParameterException(cl, "--ice-server: " + problem);
        }
        return new LinkPlan(specs, lateThresholdMs == null ? null : Duration.ofMillis(lateThresholdMs), ice);
    }
}
