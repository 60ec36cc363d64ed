// SPDX-License-Identifier: MIT
package dev.meshscope.session;

import dev.meshscope.core.PeerInfo;
import dev.meshscope.core.WebRtcDataChannel;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Prints {@code get_peers()} exactly as Godot 4's {@code print()} prints that Dictionary, so a Godot user sees
 * what their game would see.
 *
 * <p>Godot's format ({@code Variant::stringify}): a Dictionary is {@code "{ " + key: value pairs joined by ", " +
 * " }"} in insertion order (an empty one is {@code "{  }"}); an Array is {@code "[" + items joined by ", " + "]"};
 * strings inside containers are double-quoted; booleans are {@code true}/{@code false}; an Object is
 * {@code <ClassName#instance_id>}. {@code _peer_to_dict} inserts "connection", "connected", "channels" in that
 * order. On desktop Godot the objects are the webrtc-native GDExtension's classes, so they print as
 * {@code WebRTCLibPeerConnection} and {@code WebRTCLibDataChannel}; their ids are RefCounted ids (bit 63 set,
 * so negative when printed), stable per object for the life of this printer.
 *
 * <p>Owner thread of the peers only (it reads them); not thread-safe.
 */
public final class GodotPrinter {
    /** Class name Godot prints for a peer connection made by the webrtc-native extension. */
    public static final String CONNECTION_CLASS = "WebRTCLibPeerConnection";
    /** Class name Godot prints for a data channel made by the webrtc-native extension. */
    public static final String CHANNEL_CLASS = "WebRTCLibDataChannel";
    /** Godot's ObjectDB marks RefCounted instance ids with bit 63 ({@code OBJECTDB_REFERENCE_BIT}). */
    private static final long REFERENCE_BIT = Long.MIN_VALUE;
    /** Godot's ObjectDB keeps the slot in the low 24 bits and a validator above it. */
    private static final int SLOT_BITS = 24;

    private final Map<Object, Long> ids = new WeakHashMap<>();
    private long next = 1;

    /** {@code print(get_peers())} for {@code peers} (as returned by {@code WebRtcMultiplayerPeer.getPeers()}). */
    public String print(Map<Integer, PeerInfo> peers) {
        StringBuilder b = new StringBuilder(64 + peers.size() * 256);
        b.append("{ ");
        boolean first = true;
        for (Map.Entry<Integer, PeerInfo> e : peers.entrySet()) {
            if (!first) {
                b.append(", ");
            }
            first = false;
            b.append(e.getKey()).append(": ");
            appendPeer(b, e.getValue());
        }
        return b.append(" }").toString();
    }

    private void appendPeer(StringBuilder b, PeerInfo p) {
        b.append("{ \"connection\": ").append(object(CONNECTION_CLASS, p.connection()));
        b.append(", \"connected\": ").append(p.connected());
        b.append(", \"channels\": [");
        List<WebRtcDataChannel> chs = p.channels();
        for (int i = 0; i < chs.size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(chs.get(i) == null ? "<null>" : object(CHANNEL_CLASS, chs.get(i)));
        }
        b.append("] }");
    }

    private String object(String cls, Object o) {
        long id = ids.computeIfAbsent(o, k -> {
            long n = next++;
            return REFERENCE_BIT | (n << SLOT_BITS) | (n & ((1L << SLOT_BITS) - 1));
        });
        return "<" + cls + "#" + id + ">";
    }

    /**
     * Godot's {@code print()} of one dictionary per line is unreadable for 32 peers; this lays the same text out
     * one peer per line (the characters a Godot user would see, only with line breaks after each top-level pair).
     */
    public static String oneEntryPerLine(String printed) {
        if (printed.length() <= 4) {
            return printed;
        }
        StringBuilder out = new StringBuilder(printed.length() + 64);
        int depth = 0;
        for (int i = 0; i < printed.length(); i++) {
            char c = printed.charAt(i);
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
            out.append(c);
            if (c == ',' && depth == 1) {
                out.append("\n  ");
                i++; // the space after the comma is replaced by the line break and indentation
            }
        }
        return out.toString();
    }
}
