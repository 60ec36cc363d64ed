// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.inspector;

import dev.meshscope.godot.DecodeError;
import dev.meshscope.godot.DecodeOptions;
import dev.meshscope.godot.Decoded;
import dev.meshscope.godot.packet.DecodedMessage;
import dev.meshscope.godot.packet.Labels;
import dev.meshscope.godot.packet.Packet;
import dev.meshscope.godot.packet.PacketReader;
import dev.meshscope.godot.packet.PacketTree;
import dev.meshscope.session.inspect.PacketKind;
import dev.meshscope.session.inspect.TappedPacket;
import java.util.List;
import java.util.Map;
import javafx.scene.control.TreeItem;

/**
 * The decoded tree of a tapped packet for the inspector's TreeView: one node per field ({@code key: value}), maps and
 * lists as branches, expanded. FX thread (it makes {@link TreeItem}s).
 */
final class DecodedTree {
    /** Children shown per branch at most: a huge array shows its head and a count, the view stays responsive. */
    static final int MAX_CHILDREN = 200;

    private DecodedTree() {}

    /** The tree of {@code p}: its decoded fields, or why there are none. */
    static TreeItem<String> of(TappedPacket p) {
        TreeItem<String> root = new TreeItem<>(p.kind().label() + " · " + p.size() + " B");
        root.setExpanded(true);
        DecodedMessage m = p.decoded();
        DecodeError e = p.error();
        if (e != null) {
            root.getChildren().add(new TreeItem<>("decode error at byte " + e.offset()));
            root.getChildren().add(new TreeItem<>(e.reason()));
        } else if (m != null) {
            add(root, m.tree());
        } else if (!p.truncated() && godot(p.kind())) {
            // Kept without its tree to bound memory: decode the captured bytes again (at most CAPTURE_BYTES, fast).
            Decoded<Packet> again = new PacketReader(DecodeOptions.DEFAULTS).decode(p.head());
            root.getChildren().add(new TreeItem<>("summary: " + p.summary()));
            if (again.isOk()) {
                TreeItem<String> packet = new TreeItem<>("packet (ids as on the wire; names as in the summary)");
                packet.setExpanded(true);
                add(packet, PacketTree.of(again.value(), Labels.NONE));
                root.getChildren().add(packet);
            }
        } else {
            root.getChildren().add(new TreeItem<>(p.summary()));
            if (p.truncated()) {
                root.getChildren()
                        .add(new TreeItem<>("(no tree: the packet is longer than the " + p.headLength()
                                + " bytes the inspector keeps)"));
            }
        }
        return root;
    }

    private static boolean godot(PacketKind k) {
        return k != PacketKind.PROBE && k != PacketKind.TEXT && k != PacketKind.UNDECODABLE;
    }

    private static void add(TreeItem<String> parent, Object value) {
        if (value instanceof Map<?, ?> map) {
            int n = 0;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (n++ == MAX_CHILDREN) {
                    parent.getChildren().add(new TreeItem<>("… " + (map.size() - MAX_CHILDREN) + " more"));
                    break;
                }
                parent.getChildren().add(item(String.valueOf(e.getKey()), e.getValue()));
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (i == MAX_CHILDREN) {
                    parent.getChildren().add(new TreeItem<>("… " + (list.size() - MAX_CHILDREN) + " more"));
                    break;
                }
                parent.getChildren().add(item("[" + i + "]", list.get(i)));
            }
        }
    }

    private static TreeItem<String> item(String key, Object value) {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            TreeItem<String> t = new TreeItem<>(key);
            t.setExpanded(true);
            add(t, value);
            return t;
        }
        return new TreeItem<>(key + ": " + value);
    }
}
