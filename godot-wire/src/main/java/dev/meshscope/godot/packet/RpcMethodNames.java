// SPDX-License-Identifier: MIT
package dev.meshscope.godot.packet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * RPC method names, which are not on the wire: an RPC carries only the method's index (scene-multiplayer-packets.md
 * §4.5). Given a node's RPC method names (from its scripts, or typed in by the operator), {@link #table} computes the
 * ids both Godot peers compute (names sorted by code point, node-level {@code rpc_config} methods first with bit 15 set)
 * and the MD5 checksum SIMPLIFY_PATH carries, so a table can be matched to a node by checksum as well as by path.
 *
 * <p>Not thread-safe: owned by the thread that owns the {@link TrafficDecoder}.
 */
public final class RpcMethodNames {
    /** Node-level ({@code rpc_config}) method ids have bit 15 set. */
    public static final int NODE_LEVEL_BIT = 0x8000;

    /**
     * One node's RPC methods, sorted as Godot sorts them.
     *
     * @param nodeMethods node-level methods, sorted; id = index | 0x8000
     * @param scriptMethods script methods ({@code @rpc}), sorted; id = index
     * @param checksum MD5 hex of all names concatenated, node-level first
     */
    public record Table(List<String> nodeMethods, List<String> scriptMethods, String checksum) {
        public Table {
            nodeMethods = List.copyOf(nodeMethods);
            scriptMethods = List.copyOf(scriptMethods);
            Objects.requireNonNull(checksum, "checksum");
        }

        /** The method name for a wire id, or null when the id is outside this table. */
        public @Nullable String nameOf(int methodId) {
            List<String> list = (methodId & NODE_LEVEL_BIT) != 0 ? nodeMethods : scriptMethods;
            int i = methodId & ~NODE_LEVEL_BIT;
            return i < list.size() ? list.get(i) : null;
        }

        /** The wire id of a script method, or -1. */
        public int idOf(String method) {
            int i = scriptMethods.indexOf(method);
            if (i >= 0) {
                return i;
            }
            int n = nodeMethods.indexOf(method);
            return n >= 0 ? n | NODE_LEVEL_BIT : -1;
        }
    }

    private final Map<String, Table> byPath = new HashMap<>();
    private final Map<String, Table> byChecksum = new HashMap<>();

    /** Godot's order: plain {@code String <}, i.e. by Unicode code point, a prefix first. */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** The table for a node with these node-level and script RPC methods (any order). */
    public static Table table(Collection<String> nodeLevel, Collection<String> scriptLevel) {
        List<String> n = new ArrayList<>(nodeLevel);
        List<String> s = new ArrayList<>(scriptLevel);
        n.sort(RpcMethodNames::compareCodePoints);
        s.sort(RpcMethodNames::compareCodePoints);
        StringBuilder all = new StringBuilder();
        n.forEach(all::append);
        s.forEach(all::append);
        return new Table(n, s, md5Hex(all.toString()));
    }

    /** Script-only convenience: {@code table(List.of(), scriptLevel)}. */
    public static Table table(Collection<String> scriptLevel) {
        return table(List.of(), scriptLevel);
    }

    static String md5Hex(String text) {
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder(32);
            for (byte b : d) {
                sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }

    /** Names the methods of the node at {@code relativePath} (as SIMPLIFY_PATH spells it, e.g. {@code Main/Player}). */
    public void register(String relativePath, Table table) {
        byPath.put(relativePath, table);
        byChecksum.put(table.checksum(), table);
    }

    /** Names the methods of any node whose SIMPLIFY_PATH checksum matches the table's. */
    public void register(Table table) {
        byChecksum.put(table.checksum(), table);
    }

    /**
     * The table for a node: by path, unless the node's announced checksum contradicts it; else by checksum. Null when
     * nothing matches.
     */
    public @Nullable Table find(@Nullable String relativePath, @Nullable String checksum) {
        Table t = relativePath == null ? null : byPath.get(relativePath);
        if (t != null && (checksum == null || checksum.equals(t.checksum()))) {
            return t;
        }
        return checksum == null ? null : byChecksum.get(checksum);
    }
}
