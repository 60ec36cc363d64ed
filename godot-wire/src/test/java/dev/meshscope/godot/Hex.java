// SPDX-License-Identifier: MIT
package dev.meshscope.godot;

import java.util.HexFormat;

/** Hex vectors as the spec writes them: bytes separated by spaces or {@code |}. */
public final class Hex {
    private Hex() {}

    public static byte[] bytes(String spaced) {
        return HexFormat.of().parseHex(spaced.replaceAll("[\\s|]", ""));
    }

    public static String of(byte[] b) {
        return HexFormat.ofDelimiter(" ").formatHex(b);
    }
}
