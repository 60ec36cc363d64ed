// SPDX-License-Identifier: MIT
package dev.meshscope.godot.packet;

import dev.meshscope.godot.DecodeError;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One data-channel message as a {@link TrafficDecoder} understood it.
 *
 * @param linkFrom the peer the message came from on this link
 * @param linkTo the peer it was sent to on this link
 * @param sender the peer that created the packet: {@code linkFrom}, or for a RELAY from the server the source in its
 *     header (godot-webrtc-spec.md §8.3)
 * @param destination the final addressee: {@code linkTo}, or for a RELAY to the server the destination in its header
 *     (0 = all, -N = all but N)
 * @param length message length in bytes
 * @param packet the decoded packet, null when decoding failed
 * @param error why decoding failed, null when it worked
 * @param summary one line: the packet summary, or {@code undecodable: <error>}
 * @param labels names resolved from earlier packets when this one was decoded
 */
public record DecodedMessage(
        int linkFrom,
        int linkTo,
        int sender,
        int destination,
        int length,
        @Nullable Packet packet,
        @Nullable DecodeError error,
        String summary,
        Labels labels) {

    /** Whether the message decoded. */
    public boolean ok() {
        return packet != null;
    }

    /** Whether it travelled inside a SYS RELAY. */
    public boolean relayed() {
        return packet instanceof Packet.SysRelay;
    }

    /** The packet inside a RELAY, or the packet itself; null when decoding failed. */
    public @Nullable Packet innermost() {
        Packet p = packet;
        return p instanceof Packet.SysRelay r ? r.inner() : p;
    }

    /**
     * The message as plain maps for a JSON line or a tree view: link and resolved peers, length, summary, then either
     * {@code packet} ({@link PacketTree}) or {@code error} ({@code offset}, {@code reason}). Fresh and mutable.
     */
    public Map<String, Object> tree() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", linkFrom);
        m.put("to", linkTo);
        m.put("sender", sender);
        m.put("destination", destination);
        m.put("length", length);
        m.put("summary", summary);
        Packet p = packet;
        DecodeError e = error;
        if (p != null) {
            m.put("packet", PacketTree.of(p, labels));
        } else if (e != null) {
            Map<String, Object> em = new LinkedHashMap<>();
            em.put("offset", e.offset());
            em.put("reason", e.reason());
            m.put("error", em);
        }
        return m;
    }
}
