// SPDX-License-Identifier: MIT
package dev.meshscope.signalserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshscope.signaling.message.SignalJson;
import java.time.Clock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Writes the server's JSON lines: {@code {"time":"2026-...Z","event":"lobby_created",...}}, one object per line, to
 * the configured sink. Events: {@code listening}, {@code peer_connected}, {@code peer_refused} (over the peer limit),
 * {@code lobby_created}, {@code peer_joined}, {@code lobby_sealed}, {@code seal_complete}, {@code peer_left},
 * {@code lobby_closed}, {@code message_refused} (with the close {@code reason} and a {@code detail}),
 * {@code peer_disconnected} (with the close code and reason), {@code socket_error}, {@code listener_failed},
 * {@code stopped}. Used on the lobby thread only (a sink that throws is ignored: logging never stops the server).
 */
final class LobbyLog {
    private final Consumer<String> sink;
    private final Clock clock;

    LobbyLog(Consumer<String> sink, Clock clock) {
        this.sink = sink;
        this.clock = clock;
    }

    /** A new line for {@code event}, to fill and {@link #write}. */
    ObjectNode event(String event) {
        ObjectNode n = SignalJson.MAPPER.createObjectNode();
        n.put("time", clock.instant().toString());
        n.put("event", event);
        return n;
    }

    /** A new line for {@code event} about one peer, in a lobby or not. */
    ObjectNode event(String event, int serverId, @Nullable String lobby) {
        ObjectNode n = event(event);
        n.put("peer", serverId);
        if (lobby != null) {
            n.put("lobby", lobby);
        }
        return n;
    }

    void write(ObjectNode line) {
        String text;
        try {
            text = SignalJson.MAPPER.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            text = "{\"event\":\"log_failed\"}";
        }
        try {
            sink.accept(text);
        } catch (RuntimeException e) {
            // The sink is the operator's; a broken one must not stop the lobbies.
        }
    }
}
