// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.inspector;

import java.util.Locale;

/** A classic hex dump (offset, 16 bytes in hex, the printable ASCII), for the selected packet. Pure; any thread. */
public final class HexDump {
    /** Bytes per line. */
    static final int PER_LINE = 16;

    private HexDump() {}

    /**
     * The dump of {@code head}, the captured bytes of a {@code size}-byte packet; when fewer were captured, a last
     * line says how many were left out.
     */
    public static String of(byte[] head, int size) {
        StringBuilder sb = new StringBuilder(head.length * 4 + 64);
        for (int off = 0; off < head.length; off += PER_LINE) {
            sb.append(String.format(Locale.ROOT, "%04x  ", off));
            StringBuilder ascii = new StringBuilder(PER_LINE);
            for (int i = 0; i < PER_LINE; i++) {
                if (off + i < head.length) {
                    int b = head[off + i] & 0xFF;
                    sb.append(Character.forDigit(b >> 4, 16))
                            .append(Character.forDigit(b & 0xF, 16))
                            .append(' ');
                    ascii.append(b >= 0x20 && b < 0x7F ? (char) b : '.');
                } else {
                    sb.append("   ");
                }
                if (i == PER_LINE / 2 - 1) {
                    sb.append(' ');
                }
            }
            sb.append(" |").append(ascii).append("|\n");
        }
        if (head.length < size) {
            sb.append("… ")
                    .append(size - head.length)
                    .append(" more bytes not captured (the inspector keeps the first ")
                    .append(head.length)
                    .append(" of ")
                    .append(size)
                    .append(")\n");
        }
        return sb.toString();
    }
}
