// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import dev.meshscope.signaling.blob.BlobCodec;

/**
 * Groups lines read from a terminal into pastes, so each paste gets exactly one verdict: the lines of one burst
 * (a terminal delivers a paste's lines together; {@code more} says more input is already waiting) are judged
 * together, so a pretty-printed JSON, a mail-quoted SDP or 100 pasted offers are one paste, not one per line. A
 * blob or JSON is complete once it parses whole; a raw SDP (which has no end marker) ends at an empty line; an
 * empty line on its own is an empty paste, passed on to be refused with a reason. Confined to the stdin reader
 * thread.
 */
final class PasteAccumulator {
    private final StringBuilder buffer = new StringBuilder();
    private boolean inBurst;

    /** {@link #line(String, boolean)} for a line with nothing else waiting. */
    String line(String line) {
        return line(line, false);
    }

    /**
     * Takes one line (without its terminator); returns a complete paste ("" for an empty one), or {@code null}
     * while one is incomplete or nothing was pasted.
     *
     * @param more whether more input was already waiting when this line was read (the same paste goes on)
     */
    String line(String line, boolean more) {
        boolean alone = !more && !inBurst;
        inBurst = more;
        if (line.isBlank()) {
            if (buffer.length() > 0) {
                return flush();
            }
            return alone ? "" : null;
        }
        buffer.append(line).append('\n');
        if (buffer.length() > BlobCodec.MAX_PASTE_CHARS) {
            return flush();
        }
        if (more || BlobCodec.incomplete(buffer.toString())) {
            return null;
        }
        return flush();
    }

    /** Whatever is buffered (at an empty line or end of input), or {@code null} when nothing is. */
    String flush() {
        if (buffer.length() == 0) {
            return null;
        }
        String text = buffer.toString();
        buffer.setLength(0);
        return text;
    }

    /** True while part of a paste is buffered. */
    boolean pending() {
        return buffer.length() > 0;
    }
}
