// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import dev.meshscope.core.impair.ImpairDirection;
import dev.meshscope.core.impair.Impairment;
import java.util.Locale;

/**
 * One {@code --impair PEER[:CHANNEL]:in|out:SETTINGS}, parsed. Immutable.
 *
 * <ul>
 *   <li>{@code PEER}: a peer id, or {@code all} for every peer that joins.
 *   <li>{@code CHANNEL} (optional): one internal channel, {@code reliable}/{@code 0}, {@code ordered}/{@code 1},
 *       {@code unreliable}/{@code 2}, or {@code 3..} for extras; left out, every channel of the peer with one shared
 *       bandwidth cap.
 *   <li>{@code in|out}: packets from the peer (held before this agent reads them) or to the peer (held before they
 *       reach libwebrtc).
 *   <li>{@code SETTINGS}: comma-separated {@code delay=MS}, {@code jitter=MS}, {@code loss=PCT},
 *       {@code rate=BYTES_PER_S} (a bandwidth cap), {@code paused}; at least one.
 * </ul>
 *
 * @param text the option as given
 * @param peerId the peer, or {@link #ALL_PEERS}
 * @param channel the internal channel, or -1 for every channel
 * @param direction in or out
 * @param impairment the settings
 */
record ImpairSpec(String text, int peerId, int channel, ImpairDirection direction, Impairment impairment) {
    /** {@link #peerId} for every peer. */
    static final int ALL_PEERS = 0;
    /** An example for the messages. */
    static final String EXAMPLE = "2:out:delay=40,jitter=5,loss=10";

    /** Whether this applies to {@code id}. */
    boolean appliesTo(int id) {
        return peerId == ALL_PEERS || peerId == id;
    }

    /** Parses one option value; {@code channelCount} is the peer's internal channel count (3 + extras). */
    static ImpairSpec parse(String text, int channelCount) {
        String[] parts = text.strip().split(":", -1);
        if (parts.length != 3 && parts.length != 4) {
            throw bad(text, "write PEER[:CHANNEL]:in|out:SETTINGS, e.g. " + EXAMPLE);
        }
        int peer;
        if (parts[0].strip().equalsIgnoreCase("all")) {
            peer = ALL_PEERS;
        } else {
            try {
                peer = Integer.parseInt(parts[0].strip());
            } catch (NumberFormatException e) {
                peer = -1;
            }
            if (peer < 1) {
                throw bad(text, "the peer '" + parts[0] + "' is neither a peer id (1..2147483647) nor 'all'");
            }
        }
        int channel = -1;
        if (parts.length == 4) {
            channel = channel(parts[1].strip().toLowerCase(Locale.ROOT));
            if (channel < 0 || channel >= channelCount) {
                throw bad(
                        text,
                        "the channel '" + parts[1] + "' is not a channel of this peer: reliable, ordered, "
                                + "unreliable or an index 0.." + (channelCount - 1)
                                + " (extras come from --channels); leave "
                                + "it out for every channel");
            }
        }
        String dir = parts[parts.length - 2].strip().toLowerCase(Locale.ROOT);
        ImpairDirection direction = switch (dir) {
            case "in" -> ImpairDirection.INBOUND;
            case "out" -> ImpairDirection.OUTBOUND;
            default ->
                throw bad(
                        text,
                        "the direction '" + dir + "' is neither 'in' (packets from the peer) "
                                + "nor 'out' (packets to the peer)");
        };
        Impairment imp = settings(text, parts[parts.length - 1]);
        String problem = imp.problem();
        if (problem != null) {
            throw bad(text, problem.endsWith(".") ? problem.substring(0, problem.length() - 1) : problem);
        }
        return new ImpairSpec(text, peer, channel, direction, imp);
    }

    private static int channel(String c) {
        return switch (c) {
            case "reliable" -> 0;
            case "ordered" -> 1;
            case "unreliable" -> 2;
            default -> {
                try {
                    yield Integer.parseInt(c);
                } catch (NumberFormatException e) {
                    yield -1;
                }
            }
        };
    }

    private static Impairment settings(String text, String settings) {
        int delay = 0;
        int jitter = 0;
        double loss = 0;
        long rate = 0;
        boolean paused = false;
        if (settings.isBlank()) {
            throw bad(
                    text,
                    "no settings after in|out: give delay=MS, jitter=MS, loss=PCT, rate=BYTES_PER_S or " + "paused");
        }
        for (String s : settings.split(",", -1)) {
            String t = s.strip().toLowerCase(Locale.ROOT);
            if (t.equals("paused")) {
                paused = true;
                continue;
            }
            int eq = t.indexOf('=');
            String key = eq < 0 ? t : t.substring(0, eq);
            String value = eq < 0 ? "" : t.substring(eq + 1);
            try {
                switch (key) {
                    case "delay" -> delay = Integer.parseInt(value);
                    case "jitter" -> jitter = Integer.parseInt(value);
                    case "loss" ->
                        loss = Double.parseDouble(value.endsWith("%") ? value.substring(0, value.length() - 1) : value);
                    case "rate" -> rate = Long.parseLong(value);
                    default ->
                        throw bad(
                                text,
                                "unknown setting '" + s.strip() + "': use delay=MS, jitter=MS, "
                                        + "loss=PCT, rate=BYTES_PER_S or paused");
                }
            } catch (NumberFormatException e) {
                throw bad(text, "the setting '" + s.strip() + "' needs a number after '='");
            }
        }
        return new Impairment(delay, jitter, loss, rate, paused);
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("--impair '" + text + "': " + why + ".");
    }

    /** For the log: {@code "outbound to peer 2: 40 ms, 10% loss"}. */
    String describe() {
        return direction.name().toLowerCase(Locale.ROOT) + (direction == ImpairDirection.OUTBOUND ? " to" : " from")
                + (peerId == ALL_PEERS ? " every peer" : " peer " + peerId)
                + (channel < 0 ? "" : " channel " + channel) + ": " + impairment.describe();
    }
}
