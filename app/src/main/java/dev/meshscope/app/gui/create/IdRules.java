// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.create;

import dev.meshscope.core.NetworkMode;

/**
 * Godot's peer-id ranges per mode, with the message an operator sees. Pure functions, any thread.
 *
 * <p>Godot: a server is always 1; {@code create_client(id)} refuses 1 ("Clients cannot have ID 1."); every id is
 * between 1 and 2147483647 (ids are positive 32-bit; 0 means broadcast and negatives mean "all but").
 */
public final class IdRules {
    /** The largest peer id Godot accepts. */
    public static final int MAX_ID = Integer.MAX_VALUE;

    private IdRules() {}

    /** The smallest id allowed in {@code mode}. */
    public static int minId(NetworkMode mode) {
        return mode == NetworkMode.CLIENT ? 2 : 1;
    }

    /** Why {@code text} is not a usable own id in {@code mode}, or {@code null} when it is. */
    public static String problem(NetworkMode mode, String text) {
        if (mode == NetworkMode.SERVER) {
            return null;
        }
        String t = text == null ? "" : text.trim();
        int min = minId(mode);
        String range = "between " + min + " and " + MAX_ID;
        if (t.isEmpty()) {
            return "Enter the own peer id (" + range + "), or press Random.";
        }
        long v;
        try {
            v = Long.parseLong(t);
        } catch (NumberFormatException e) {
            return "\"" + t + "\" is not a whole number: the id must be " + range + ".";
        }
        if (mode == NetworkMode.CLIENT && v == 1) {
            return "Clients cannot have ID 1 (Godot): 1 is the server. Use " + range + ".";
        }
        if (v < min || v > MAX_ID) {
            return v + " is out of range: the id must be " + range + ".";
        }
        return null;
    }

    /** The id {@code text} stands for (call only when {@link #problem} is null). */
    public static int parse(NetworkMode mode, String text) {
        return mode == NetworkMode.SERVER ? 1 : Integer.parseInt(text.trim());
    }
}
