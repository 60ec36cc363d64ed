// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import dev.meshscope.core.NetworkMode;
import dev.meshscope.godot.DecodeOptions;
import dev.meshscope.godot.GodotVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The agent's options for Godot traffic, a picocli mixin of {@link AgentCommand}: {@code --decode} (print every
 * packet read and sent decoded as SceneMultiplayer), {@code --godot-version}, {@code --send-rpc} (send
 * SceneMultiplayer RPCs as a Godot game does) with {@code --rpc-channel} and {@code --rpc-interval}, and
 * {@code --relay/--no-relay} (SceneMultiplayer's server relay as a Godot host). Filled by picocli on the main thread,
 * read once by {@link #plan}.
 */
final class GodotOptions {
    @Option(
            names = "--decode",
            description = "Print every packet read and sent, decoded as SceneMultiplayer traffic, as one JSON line on "
                    + "stdout ({\"event\":\"Packet\",...}).")
    boolean decode;

    @Option(
            names = "--godot-version",
            paramLabel = "4.x|auto",
            description =
                    "With --decode: the Godot release whose wire format to expect (4.0 .. 4.5, or auto: " + "default).")
    String godotVersion;

    @Option(
            names = "--send-rpc",
            paramLabel = "PATH:METHOD[:ARGS]",
            description = "Send this SceneMultiplayer RPC to every connected peer (or --target) once it connects, "
                    + "after a SIMPLIFY_PATH as Godot does (repeatable). PATH: /root/Main/Player3 or Main/Player3; "
                    + "METHOD: an id 0..65535 or NAME[NAME1,NAME2,...] (the node's RPC names); ARGS: "
                    + "Vector2(1.5,-2),3,\"hi\",true ...")
    List<String> sendRpc = new ArrayList<>();

    @Option(
            names = "--rpc-channel",
            paramLabel = "CH",
            description = "With --send-rpc: the internal channel RPCs go on: reliable/0 (default), ordered/1, "
                    + "unreliable/2, or 3.. for extras.")
    String rpcChannel;

    @Option(
            names = "--rpc-interval",
            paramLabel = "MS",
            description = "With --send-rpc: send the RPCs again this often (0, the default: once per peer); later "
                    + "sends use the short cache id once the peer confirmed the path, as Godot does.")
    Long rpcIntervalMs;

    @Option(
            names = "--relay",
            negatable = true,
            description = "As the server (peer 1) of a client/server mesh, act as SceneMultiplayer's host with server "
                    + "relay: tell each client about the others (SYS ADD_PEER/DEL_PEER) and forward their SYS RELAY "
                    + "packets (default on; --no-relay turns it off).")
    Boolean relay;

    /**
     * Validates; throws picocli's usage error. {@code channelCount} is 3 + extras; {@code mode} is the network mode
     * ({@code lobby}: a WebSocket lobby, whose creator becomes the server); {@code target} is --target or 0.
     */
    GodotPlan plan(CommandLine cl, int channelCount, NetworkMode mode, boolean lobby, int target) {
        if (godotVersion != null && !decode) {
            throw new ParameterException(cl, "--godot-version is for --decode.");
        }
        DecodeOptions options = DecodeOptions.DEFAULTS;
        if (godotVersion != null) {
            try {
                options = options.withVersion(GodotVersion.parse(godotVersion));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(cl, "--godot-version: " + e.getMessage() + ".");
            }
        }
        if (sendRpc.isEmpty() && (rpcChannel != null || rpcIntervalMs != null)) {
            throw new ParameterException(cl, "--rpc-channel and --rpc-interval are for --send-rpc.");
        }
        List<RpcCall> calls = new ArrayList<>();
        for (String s : sendRpc) {
            try {
                calls.add(RpcCall.parse(s));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(cl, e.getMessage());
            }
        }
        int channel = rpcChannel == null ? 0 : channel(rpcChannel);
        if (channel < 0 || channel >= channelCount) {
            throw new ParameterException(
                    cl,
                    "--rpc-channel: '" + rpcChannel + "' is not a channel of this peer: reliable, ordered, unreliable "
                            + "or an index 0.." + (channelCount - 1) + " (extras come from --channels).");
        }
        long interval = rpcIntervalMs == null ? 0 : rpcIntervalMs;
        if (interval < 0) {
            throw new ParameterException(cl, "--rpc-interval must be 0 (once) or more ms, not " + interval + ".");
        }
        boolean canServe = mode == NetworkMode.SERVER || lobby && mode == NetworkMode.CLIENT;
        if (relay != null && !canServe) {
            throw new ParameterException(
                    cl,
                    "--relay and --no-relay are for the server of a client/server mesh (--mode server, or --mode "
                            + "client with --signal-url, whose creator is the server); a "
                            + mode.name().toLowerCase(Locale.ROOT) + " peer never relays.");
        }
        return new GodotPlan(
                decode, options, calls, channel, Duration.ofMillis(interval), relay == null || relay, target);
    }

    private static int channel(String c) {
        return switch (c.strip().toLowerCase(Locale.ROOT)) {
            case "reliable" -> 0;
            case "ordered" -> 1;
            case "unreliable" -> 2;
            default -> {
                try {
                    yield Integer.parseInt(c.strip());
                } catch (NumberFormatException e) {
                    yield -1;
                }
            }
        };
    }
}
