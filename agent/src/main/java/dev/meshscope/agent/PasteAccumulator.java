// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import dev.meshscope.core.NetworkMode;
import dev.meshscope.signaling.blob.BlobCodec;
import dev.meshscope.signaling.blob.PasteExpectation;
import dev.meshscope.signaling.blob.PasteProblem;
import java.util.List;

/**
 * Groups lines read from a terminal into pastes: a one-line blob or JSON is complete at the end of its line; a
 * blob that a mail client broke over several lines is complete as soon as its lines decode; a raw SDP (which
 * spans lines) and anything still incomplete ends at an empty line. Confined to the stdin reader thread.
 */
final class PasteAccumulator {
    /** Only used to ask "is this cut?", which is judged before any expectation matters. */
    private static final PasteExpectation ANY = PasteExpectation.of(1, NetworkMode.MESH, List.of());

    private final StringBuilder buffer = new StringBuilder();

    /** Takes one line (without its terminator); returns a complete paste, or {@code null} while one is incomplete. */
    String line(String line) {
        if (line.isBlank()) {
            return flush();
        }
        buffer.append(line).append('\n');
        if (buffer.length() > BlobCodec.MAX_PASTE_CHARS) {
            return flush();
        }
        String text = buffer.toString().strip();
        if (text.startsWith("v=") || text.startsWith("'v=") || text.startsWith("\"v=")) {
            return null;
        }
        if (BlobCodec.decode(text, ANY).problem() == PasteProblem.TRUNCATED) {
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
