// SPDX-License-Identifier: MIT
package dev.meshscope.godot;

/**
 * The Godot release whose wire format to expect (scene-multiplayer-packets.md §11). Only the differences a decoder can
 * see are modelled:
 *
 * <ul>
 *   <li>4.1: delta SYNC ({@code 0x16}) appears; a 4.0 peer never sends it.
 *   <li>4.3: CONFIRM_PATH carries the cache id ({@code 02 ok u32}) instead of the path; typed Array header bits;
 *       PACKED_VECTOR4_ARRAY (38) exists, so Variant type ids run 0..38 instead of 0..37.
 *   <li>4.4: typed Dictionary header bits 16-19.
 * </ul>
 *
 * <p>{@link #AUTO} decodes the newest Variant format (a superset: older senders never set the newer header bits) and
 * tells the two CONFIRM_PATH forms apart by length, as §3.2 describes. Pin a version when the heuristic is not enough
 * (a 4.2.x patch build may send either CONFIRM_PATH form).
 */
public enum GodotVersion {
    V4_0(0),
    V4_1(1),
    V4_2(2),
    V4_3(3),
    V4_4(4),
    V4_5(5),
    /** Unknown release: newest Variant format, CONFIRM_PATH form guessed from the packet. */
    AUTO(Integer.MAX_VALUE);

    private final int minor;

    GodotVersion(int minor) {
        this.minor = minor;
    }

    /** Number of Variant types: 38 before 4.3, 39 (PACKED_VECTOR4_ARRAY added) from 4.3 on. */
    public int variantTypeCount() {
        return minor >= 3 ? 39 : 38;
    }

    /** Whether Array headers carry element-type bits 16-17 (4.3+, PR #78219). */
    public boolean hasTypedArrays() {
        return minor >= 3;
    }

    /** Whether Dictionary headers carry key/value type bits 16-19 (4.4+). */
    public boolean hasTypedDictionaries() {
        return minor >= 4;
    }

    /** Whether delta SYNC ({@code 0x16}) exists (4.1+, PR #75467). */
    public boolean hasDeltaSync() {
        return minor >= 1;
    }

    /** True when this version fixes the CONFIRM_PATH form, false for {@link #AUTO}. */
    public boolean pinsConfirmPathForm() {
        return this != AUTO;
    }

    /** For a pinned version: whether CONFIRM_PATH carries the cache id (4.3+) rather than the path (4.0-4.2). */
    public boolean confirmPathById() {
        return minor >= 3;
    }

    /** "4.3", or "auto". */
    public String label() {
        return this == AUTO ? "auto" : "4." + minor;
    }

    /** Parses "4.3", "4.3.1", "auto" (case-insensitive); throws {@link IllegalArgumentException} naming the choices. */
    public static GodotVersion parse(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("auto")) {
            return AUTO;
        }
        for (GodotVersion v : values()) {
            if (v != AUTO && (t.equals(v.label()) || t.startsWith(v.label() + "."))) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown Godot version '" + text
                + "': use 4.0, 4.1, 4.2, 4.3, 4.4, 4.5 (patch releases allowed) or auto");
    }
}
