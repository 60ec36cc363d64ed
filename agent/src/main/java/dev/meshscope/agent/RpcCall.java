// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import dev.meshscope.godot.packet.RpcMethodNames;
import dev.meshscope.godot.variant.Variant;
import dev.meshscope.godot.variant.VariantLiteral;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code --send-rpc PATH:METHOD[:ARGS]}, parsed. Immutable.
 *
 * <ul>
 *   <li>{@code PATH}: the node, absolute under SceneMultiplayer's root ({@code /root/Main/Player3}) or relative to it
 *       ({@code Main/Player3}); sent relative to the root, as Godot does. Node names cannot hold ':' in Godot, so
 *       the first ':' ends the path.
 *   <li>{@code METHOD}: the method id as on the wire ({@code 0..65535}; ids with bit 15 set are node-level
 *       {@code rpc_config} methods), or a name followed by the node's RPC method names in brackets
 *       ({@code move[jump,move,shoot]}): Godot numbers a node's {@code @rpc} methods in sorted order, and the names
 *       also give the checksum SIMPLIFY_PATH carries, so the game does not log a checksum mismatch.
 *   <li>{@code ARGS}: {@link VariantLiteral} values, comma-separated ({@code Vector2(1.5,-2),3,"hi",true}).
 * </ul>
 *
 * @param text the option as given
 * @param path the node path relative to the root
 * @param methodId the method id on the wire
 * @param rpcChecksum the MD5 of the node's RPC names (of no names for a bare id), for SIMPLIFY_PATH
 * @param args the arguments
 */
record RpcCall(String text, String path, int methodId, String rpcChecksum, List<Variant> args) {
    /** SceneMultiplayer's default root path; paths under it are sent relative to it. */
    static final String ROOT = "/root";
    /** Largest method id: Godot sends ids as u8 or u16. */
    static final int MAX_METHOD_ID = 0xFFFF;
    /** An example for the messages. */
    static final String EXAMPLE = "/root/Main/Player3:move[jump,move,shoot]:Vector2(1.5,-2),3,\"hi\",true";

    /** Copies the arguments. */
    RpcCall {
        args = List.copyOf(args);
    }

    /** Parses one option value; throws {@link IllegalArgumentException} saying which part is wrong and how. */
    static RpcCall parse(String text) {
        int c1 = text.indexOf(':');
        if (c1 < 0) {
            throw bad(text, "no ':' after the node path: write PATH:METHOD[:ARGS], e.g. " + EXAMPLE);
        }
        String path = relative(text, text.substring(0, c1).strip());
        int c2 = text.indexOf(':', c1 + 1);
        String method = (c2 < 0 ? text.substring(c1 + 1) : text.substring(c1 + 1, c2)).strip();
        String args = c2 < 0 ? "" : text.substring(c2 + 1);
        int id;
        String checksum;
        int open = method.indexOf('[');
        if (open >= 0) {
            if (!method.endsWith("]")) {
                throw bad(
                        text,
                        "the method '" + method + "' opens '[' but does not end with ']': write "
                                + "NAME[NAME1,NAME2,...] with the node's RPC method names");
            }
            String name = method.substring(0, open).strip();
            List<String> names = new ArrayList<>();
            for (String n : method.substring(open + 1, method.length() - 1).split(",", -1)) {
                if (n.isBlank()) {
                    throw bad(text, "an empty name in the method list '" + method + "'");
                }
                names.add(n.strip());
            }
            RpcMethodNames.Table t = RpcMethodNames.table(names);
            id = t.idOf(name);
            if (id < 0) {
                throw bad(
                        text,
                        "the method '" + name + "' is not in its node's list " + names
                                + ": list every @rpc method of the node, the called one included");
            }
            checksum = t.checksum();
        } else {
            try {
                id = Integer.parseInt(method);
            } catch (NumberFormatException e) {
                id = -1;
            }
            if (id < 0 || id > MAX_METHOD_ID) {
                throw bad(
                        text,
                        "the method '" + method + "' is neither an id 0.." + MAX_METHOD_ID
                                + " nor NAME[NAME1,NAME2,...] (the node's RPC method names)");
            }
            checksum = RpcMethodNames.table(List.of()).checksum();
        }
        List<Variant> values;
        try {
            values = VariantLiteral.parseList(args);
        } catch (IllegalArgumentException e) {
            throw bad(text, "the arguments '" + args.strip() + "': " + e.getMessage());
        }
        if (values.size() > 255) {
            throw bad(text, values.size() + " arguments; Godot sends at most 255");
        }
        return new RpcCall(text, path, id, checksum, values);
    }

    /** The node path relative to the root, checked. */
    private static String relative(String text, String path) {
        String p = path;
        if (p.startsWith("/")) {
            if (!p.startsWith(ROOT + "/")) {
                throw bad(
                        text,
                        "the node path '" + path + "' is not under " + ROOT
                                + " (SceneMultiplayer's root): write /root/Main/Player or Main/Player");
            }
            p = p.substring(ROOT.length() + 1);
        }
        if (p.isEmpty()) {
            throw bad(text, "no node path before the first ':'; write e.g. Main/Player3:1");
        }
        for (String name : p.split("/", -1)) {
            if (name.isEmpty() || name.contains("\"") || name.contains("@") || name.contains("%")) {
                throw bad(
                        text,
                        "the node path '" + path + "' has an empty or invalid node name ('" + name
                                + "'); node names cannot be empty nor hold \" @ %");
            }
        }
        return p;
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("--send-rpc '" + text + "': " + why + ".");
    }

    /** For the log: {@code /root/Main/Player3 method#1(Vector2(1.5, -2), 3)}. */
    String describe() {
        StringBuilder sb = new StringBuilder(ROOT)
                .append('/')
                .append(path)
                .append(" method#")
                .append(methodId);
        sb.append('(');
        for (int i = 0; i < args.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(args.get(i));
        }
        return sb.append(')').toString();
    }
}
