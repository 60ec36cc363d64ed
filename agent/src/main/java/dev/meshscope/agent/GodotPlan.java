// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import dev.meshscope.godot.DecodeOptions;
import java.time.Duration;
import java.util.List;

/**
 * What {@link GodotOptions} asked for, after validation. Immutable.
 *
 * @param decode      print every packet read and sent, decoded
 * @param options     how to decode (Godot version)
 * @param calls       the RPCs to send to every target peer
 * @param rpcChannel  the internal channel RPCs go on
 * @param rpcInterval how often to send them again, or {@link Duration#ZERO} for once per peer
 * @param relay       SceneMultiplayer server relay on (it acts only while this peer is a server)
 * @param target      the peer to send RPCs to, or 0 for every peer that connects
 */
record GodotPlan(
        boolean decode,
        DecodeOptions options,
        List<RpcCall> calls,
        int rpcChannel,
        Duration rpcInterval,
        boolean relay,
        int target) {
    /** Copies the list. */
    GodotPlan {
        calls = List.copyOf(calls);
    }
}
