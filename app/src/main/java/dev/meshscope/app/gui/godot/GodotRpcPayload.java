// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.godot;

import dev.meshscope.godot.packet.Packet;
import dev.meshscope.godot.packet.PacketWriter;
import dev.meshscope.godot.packet.RpcMethodNames;
import dev.meshscope.godot.variant.Variant;
import dev.meshscope.godot.variant.VariantLiteral;
import java.util.ArrayList;
import java.util.List;

/**
 * The "Godot RPC" payload: one line such as {@code /root/Main/Player3 move(Vector2(1.5, -2), 3, "text", true) | jump
 * move shoot}, encoded as the REMOTE_CALL packet Godot's SceneMultiplayer would send (scene-multiplayer-packets.md
 * §4). The node goes by path (the path form, bit 31 of the node target), so the game needs no SIMPLIFY_PATH from
 * MeshScope first. The method goes by id, as on the wire: {@code #1} (or {@code 1}), or a name together with the node's
 * RPC method names after {@code |}, which Godot sorts into ids (§4.5). Arguments are {@link VariantLiteral} literals.
 *
 * <p>Pure; any thread. Every mistake is an {@link IllegalArgumentException} with an operator-facing message.
 */
public final class GodotRpcPayload {
    /** The multiplayer root of Godot's default SceneTree: paths under it are sent relative to it, as Godot does. */
    public static final String ROOT = "/root/";

    /** An example for the payload field. */
    public static final String EXAMPLE =
            "/root/Main/Player3 move(Vector2(1.5, -2), 3, \"text\", true) | jump move shoot";

    private GodotRpcPayload() {}

    /**
     * The parsed call before encoding: relative node path, method id, arguments, and the node's RPC method names when
     * the line listed them (else empty).
     */
    public record Call(String path, int methodId, List<Variant> args, List<String> methodNames) {
        /** Copies the lists. */
        public Call {
            args = List.copyOf(args);
            methodNames = List.copyOf(methodNames);
        }
    }

    /** The packet bytes for {@code line}. */
    public static byte[] encode(String line) {
        Call c = parse(line);
        try {
            return PacketWriter.encode(Packet.Rpc.of(new Packet.ByPath(c.path()), c.methodId(), c.args()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Godot cannot send this call: " + e.getMessage() + ".");
        }
    }

    /** Reads {@code line} (see the class comment). */
    public static Call parse(String line) {
        String t = line == null ? "" : line.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("type a node path and a call, e.g. " + EXAMPLE);
        }
        int space = indexOfSpace(t);
        if (space < 0) {
            throw new IllegalArgumentException("after the node path \"" + t
                    + "\" comes the call, e.g. move(Vector2(1.5, -2)) or #1(3); nothing to call.");
        }
        String path = t.substring(0, space);
        String rest = t.substring(space).strip();
        int open = rest.indexOf('(');
        if (open < 0) {
            throw new IllegalArgumentException(
                    "the call \"" + rest + "\" needs its arguments in parentheses, e.g. move() or move(3, true).");
        }
        String method = rest.substring(0, open).strip();
        int close = matchingParen(rest, open);
        String args = rest.substring(open + 1, close);
        String after = rest.substring(close + 1).strip();
        List<String> names = new ArrayList<>();
        if (!after.isEmpty()) {
            if (!after.startsWith("|")) {
                throw new IllegalArgumentException(
                        "after the call's ')' only '| method names' may follow, not \"" + after + "\".");
            }
            for (String n : after.substring(1).split("[\\s,]+")) {
                if (!n.isEmpty()) {
                    names.add(n);
                }
            }
        }
        List<Variant> values;
        try {
            values = VariantLiteral.parseList(args);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("argument list \"" + args + "\", " + e.getMessage());
        }
        if (values.size() > 255) {
            throw new IllegalArgumentException(values.size() + " arguments; Godot sends 255 at most.");
        }
        return new Call(relative(path), methodId(method, names), values, names);
    }

    private static int indexOfSpace(String t) {
        for (int i = 0; i < t.length(); i++) {
            if (Character.isWhitespace(t.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the ')' closing the '(' at {@code open}, skipping brackets and strings inside. */
    private static int matchingParen(String s, int open) {
        int depth = 0;
        boolean inString = false;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
                if (depth == 0) {
                    if (c != ')') {
                        break;
                    }
                    return i;
                }
            }
        }
        throw new IllegalArgumentException(
                "the call's '(' is never closed: check the brackets and quotes of the arguments.");
    }

    /** The path as Godot's path form carries it: relative to the multiplayer root. */
    static String relative(String path) {
        if (path.equals("/root") || path.equals(ROOT)) {
            throw new IllegalArgumentException(
                    "name a node under /root, e.g. /root/Main/Player3, not the root itself.");
        }
        return path.startsWith(ROOT) ? path.substring(ROOT.length()) : path;
    }

    private static int methodId(String method, List<String> names) {
        if (method.isEmpty()) {
            throw new IllegalArgumentException("the method is missing before '(': a name or an id such as #1.");
        }
        String digits = method.startsWith("#") ? method.substring(1) : method;
        if (digits.chars().allMatch(Character::isDigit) && !digits.isEmpty()) {
            int id;
            try {
                id = Integer.parseInt(digits);
            } catch (NumberFormatException e) {
                id = -1;
            }
            if (id < 0 || id > 0xFFFF) {
                throw new IllegalArgumentException("method id " + digits + " is out of range: 0 to 65535.");
            }
            return id;
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("Godot sends a method's id, not its name: type the id (e.g. #1) or list"
                    + " the node's RPC methods after '|' (e.g. \"| jump " + method
                    + " shoot\"); Godot numbers them in sorted order.");
        }
        RpcMethodNames.Table table = RpcMethodNames.table(names);
        int id = table.idOf(method);
        if (id < 0) {
            throw new IllegalArgumentException(
                    "method \"" + method + "\" is not in the listed RPC methods " + table.scriptMethods() + ".");
        }
        return id;
    }
}
