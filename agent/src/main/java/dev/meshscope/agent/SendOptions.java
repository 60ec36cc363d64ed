// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The agent's options for scripts ({@code --send} and the ways to stop by itself), a picocli mixin of
 * {@link AgentCommand}. {@code --send-channels} is not {@code --channels}: that one is Godot's channels_config.
 * Filled by picocli on the main thread, read once by {@link #plan}.
 */
final class SendOptions {
    /** Default packet size: a typical game-state packet, well under every channel's message size. */
    static final int DEFAULT_SIZE = 1024;
    /** Largest {@code --send}: the run keeps a send time per packet (8 bytes), so a million per flow is 8 MB. */
    static final int MAX_COUNT = 1_000_000;
    /** Default loss timeout: reliable channels deliver within seconds or fail (as ProbeTracker's 2 s, with margin). */
    static final long DEFAULT_LOSS_TIMEOUT_MS = 3000;

    @Option(
            names = "--send",
            paramLabel = "N",
            defaultValue = "0",
            description = "Send N test packets per channel to every connected peer (or --target), check every echo.")
    int count;

    @Option(
            names = "--size",
            paramLabel = "BYTES",
            description = "Bytes per test packet, " + SendPattern.MIN_SIZE + ".." + SendPattern.MAX_SIZE + " (default "
                    + DEFAULT_SIZE + ").")
    Integer size;

    @Option(names = "--text", description = "Send test packets as text messages (default binary).")
    boolean text;

    @Option(
            names = "--send-channels",
            split = ",",
            paramLabel = "CH",
            description = "Channels to send on: all, or internal indexes/names: 0/reliable, 1/ordered, 2/unreliable, "
                    + "3.. extras (default reliable).")
    List<String> channels = new ArrayList<>();

    @Option(
            names = "--target",
            paramLabel = "ID",
            description = "Send test packets and RPCs only to this peer (default every peer).")
    Integer target;

    @Option(
            names = "--rate",
            paramLabel = "PER_SECOND",
            defaultValue = "0",
            description =
                    "Packets per second per channel (0: full speed, paced by the send queue as ./meshscope bench).")
    double rate;

    @Option(
            names = "--loss-timeout",
            paramLabel = "MS",
            defaultValue = "" + DEFAULT_LOSS_TIMEOUT_MS,
            description =
                    "Count missing replies as lost after this long without a send or reply (default ${DEFAULT-VALUE}).")
    long lossTimeoutMs;

    @Option(names = "--exit-when-done", description = "Stop once every packet came back or was counted lost.")
    boolean exitWhenDone;

    @Option(names = "--exit-on-disconnect", description = "Stop when a connected peer leaves.")
    boolean exitOnDisconnect;

    /**
     * Validates against the peer's channel count ({@code 3 + extras}); throws picocli's usage error. {@code rpcs}:
     * whether {@code --send-rpc} was given ({@code --target} applies to it too).
     */
    SendPlan plan(CommandLine cl, int channelCount, boolean rpcs) {
        boolean sends = count != 0;
        if (!sends && (size != null || text || !channels.isEmpty() || rate != 0 || exitWhenDone)) {
            throw new ParameterException(
                    cl, "--size, --text, --send-channels, --rate and --exit-when-done " + "are for --send N.");
        }
        if (!sends && !rpcs && target != null) {
            throw new ParameterException(cl, "--target is for --send N and --send-rpc.");
        }
        if (count < 0 || count > MAX_COUNT) {
            throw new ParameterException(cl, "--send must be 1.." + MAX_COUNT + ", not " + count + ".");
        }
        int b = size == null ? DEFAULT_SIZE : size;
        if (b < SendPattern.MIN_SIZE || b > SendPattern.MAX_SIZE) {
            throw new ParameterException(
                    cl,
                    "--size must be " + SendPattern.MIN_SIZE + ".." + SendPattern.MAX_SIZE
                            + " bytes (room for the test header, at most the 256 KiB a channel carries), not " + b
                            + ".");
        }
        if (target != null && target < 1) {
            throw new ParameterException(cl, "--target must be a peer id (1..2147483647), not " + target + ".");
        }
        if (rate < 0 || Double.isNaN(rate) || Double.isInfinite(rate)) {
            throw new ParameterException(cl, "--rate must be 0 (full speed) or more packets per second.");
        }
        if (lossTimeoutMs <= 0) {
            throw new ParameterException(cl, "--loss-timeout must be more than 0 ms.");
        }
        return new SendPlan(
                count,
                b,
                text,
                channelList(cl, channelCount),
                target == null ? 0 : target,
                rate,
                Duration.ofMillis(lossTimeoutMs),
                exitWhenDone,
                exitOnDisconnect);
    }

    private List<Integer> channelList(CommandLine cl, int channelCount) {
        List<Integer> out = new ArrayList<>();
        if (count == 0) {
            return out;
        }
        if (channels.isEmpty()) {
            return List.of(0);
        }
        for (String c : channels) {
            String s = c.strip().toLowerCase(Locale.ROOT);
            if (s.equals("all")) {
                for (int i = 0; i < channelCount; i++) {
                    out.add(i);
                }
                continue;
            }
            int i = switch (s) {
                case "reliable" -> 0;
                case "ordered" -> 1;
                case "unreliable" -> 2;
                default -> {
                    try {
                        yield Integer.parseInt(s);
                    } catch (NumberFormatException e) {
                        yield -1;
                    }
                }
            };
            if (i < 0 || i >= channelCount) {
                throw new ParameterException(
                        cl,
                        "--send-channels: '" + c + "' is not a channel of this peer: use all, "
                                + "reliable, ordered, unreliable or an index 0.." + (channelCount - 1)
                                + " (extras come from --channels).");
            }
            if (!out.contains(i)) {
                out.add(i);
            }
        }
        return out;
    }
}
