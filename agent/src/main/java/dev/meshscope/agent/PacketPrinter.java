// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.meshscope.core.TransferMode;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.core.probe.ProbePacket;
import dev.meshscope.godot.DecodeError;
import dev.meshscope.godot.packet.DecodedMessage;
import dev.meshscope.godot.packet.TrafficDecoder;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * {@code --decode}: every packet this agent reads and sends, decoded as SceneMultiplayer traffic by one
 * {@link TrafficDecoder} fed in the order the owner thread sees them (so node paths learnt from a SIMPLIFY_PATH
 * name later RPCs), printed as one JSON line on stdout:
 * {@code {"event":"Packet","atMillis":..,"direction":"in","peer":2,"channel":0,"label":"reliable","mode":"reliable",
 * "size":17,"text":false,"kind":"rpc","summary":"rpc /root/Main/Player3 method#1(Vector2(1.5, -2))","tree":{...}}};
 * an undecodable packet has {@code "kind":"undecodable"} and {@code "error":{"offset":..,"reason":..}}. MeshScope's
 * probe packets show as kind {@code probe} and text messages as kind {@code text}, without a decode (neither is
 * SceneMultiplayer traffic).
 *
 * <p>Threads: the owner thread only. Lines go out through {@code out} (synchronized println).
 */
final class PacketPrinter implements AgentTraffic.PacketObserver {
    /** Characters of a text message shown in its summary: a line stays readable. */
    static final int TEXT_PREVIEW_CHARS = 120;

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private final TrafficDecoder decoder;
    private final PrintStream out;
    private final IntSupplier self;
    private final WebRtcMultiplayerPeer peer;
    private long printed;

    /**
     * @param self this peer's id now (a lobby assigns it after the start)
     */
    PacketPrinter(TrafficDecoder decoder, WebRtcMultiplayerPeer peer, IntSupplier self, PrintStream out) {
        this.decoder = decoder;
        this.peer = peer;
        this.self = self;
        this.out = out;
    }

    @Override
    public void received(int from, int channel, byte[] data, boolean text) {
        print("in", from, from, self.getAsInt(), channel, data, text);
    }

    @Override
    public void sent(int to, int channel, byte[] data, boolean text) {
        print("out", to, self.getAsInt(), to, channel, data, text);
    }

    /** The peer left: the cache ids it allocated mean nothing any more. */
    void peerLeft(int id) {
        decoder.peerLeft(id);
    }

    /** Lines printed so far. */
    long printed() {
        return printed;
    }

    private void print(String direction, int remote, int linkFrom, int linkTo, int channel, byte[] data, boolean text) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", "Packet");
        m.put("atMillis", System.currentTimeMillis());
        m.put("direction", direction);
        m.put("peer", remote);
        m.put("channel", channel);
        m.put("label", WebRtcMultiplayerPeer.channelLabel(channel));
        List<TransferMode> modes = peer.getChannelModes();
        m.put("mode", channel < modes.size() ? modes.get(channel).name().toLowerCase(java.util.Locale.ROOT) : null);
        m.put("size", data.length);
        m.put("text", text);
        if (text) {
            String s = new String(data, StandardCharsets.UTF_8);
            m.put("kind", "text");
            m.put(
                    "summary",
                    "text \"" + (s.length() > TEXT_PREVIEW_CHARS ? s.substring(0, TEXT_PREVIEW_CHARS) + "…" : s)
                            + "\"");
        } else if (ProbePacket.looksLikeProbe(data)) {
            ProbePacket p = ProbePacket.decode(data);
            m.put("kind", "probe");
            m.put(
                    "summary",
                    p == null
                            ? "MeshScope probe (unknown kind)"
                            : "MeshScope probe " + p.kind().name().toLowerCase(java.util.Locale.ROOT) + " #"
                                    + p.sequence());
        } else {
            DecodedMessage d = decoder.decode(linkFrom, linkTo, data);
            Map<String, Object> tree = d.tree();
            m.put("kind", kind(tree));
            m.put("summary", d.summary());
            m.put("sender", d.sender());
            m.put("destination", d.destination());
            m.put("tree", tree.get("packet"));
            DecodeError e = d.error();
            if (e != null) {
                m.put("error", tree.get("error"));
            }
        }
        try {
            out.println(MAPPER.writeValueAsString(m));
            out.flush();
            printed++;
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("a tree of plain values always serializes", ex);
        }
    }

    private static String kind(Map<String, Object> tree) {
        return tree.get("packet") instanceof Map<?, ?> p && p.get("kind") instanceof String k ? k : "undecodable";
    }
}
