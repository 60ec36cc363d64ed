// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes of one {@code --send} test packet: printable ASCII, so the same bytes travel as a text message (valid
 * UTF-8) or a binary one, and any echo peer (a browser, aiortc, Godot, another agent) returns them unchanged.
 *
 * <pre>
 * MSS1:&lt;from&gt;:&lt;to&gt;:&lt;channel&gt;:&lt;seq&gt;:&lt;size&gt;:&lt;filler up to size bytes&gt;
 * </pre>
 *
 * {@code from} is the sending agent's id (so a test packet from another peer is never taken for a reply),
 * {@code channel} the internal channel index it was sent on (0 reliable, 1 ordered, 2 unreliable, 3.. extras),
 * {@code seq} its number in its (peer, channel) flow from 0, {@code size} its total length. The filler byte at
 * offset {@code i} is {@code ALPHABET[(i + 7 * seq + 13 * channel) % 64]}, so a reply is checked byte for byte by
 * rebuilding the packet from its header, and a payload swapped between packets is caught. Stateless; any thread.
 */
final class SendPattern {
    /** The prefix every test packet starts with; other packets are not the send run's business. */
    static final String MAGIC = "MSS1:";
    /** Smallest {@code --size}: the longest header (five numbers of up to 10 digits and the separators) fits. */
    static final int MIN_SIZE = 64;
    /** Largest {@code --size}: mesh-core's local a=max-message-size (Godot negotiates the same 256 KiB). */
    static final int MAX_SIZE = 262144;

    private static final byte[] MAGIC_BYTES = MAGIC.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".getBytes(StandardCharsets.US_ASCII);
    /** Header fields after the magic. */
    private static final int FIELDS = 5;

    /** A parsed header: what the packet says about itself. */
    record Header(int from, int to, int channel, long seq, int size) {}

    private SendPattern() {}

    /** Builds the packet {@code from} sends to {@code to} on {@code channel} with number {@code seq}. */
    static byte[] build(int from, int to, int channel, long seq, int size) {
        byte[] head = (MAGIC + from + ":" + to + ":" + channel + ":" + seq + ":" + size + ":")
                .getBytes(StandardCharsets.US_ASCII);
        if (head.length > size) {
            throw new IllegalArgumentException(
                    "a " + size + "-byte packet cannot hold its " + head.length + "-byte header");
        }
        byte[] out = Arrays.copyOf(head, size);
        long shift = 7 * seq + 13L * channel;
        for (int i = head.length; i < size; i++) {
            out[i] = ALPHABET[(int) Math.floorMod(i + shift, (long) ALPHABET.length)];
        }
        return out;
    }

    /** True when {@code data} starts with the magic (it may still be damaged). */
    static boolean isTestPacket(byte[] data) {
        return data.length >= MAGIC_BYTES.length
                && Arrays.equals(data, 0, MAGIC_BYTES.length, MAGIC_BYTES, 0, MAGIC_BYTES.length);
    }

    /** The header of {@code data}, or {@code null} when it is not a test packet or its header is damaged. */
    static Header parse(byte[] data) {
        if (!isTestPacket(data)) {
            return null;
        }
        long[] v = new long[FIELDS];
        int pos = MAGIC_BYTES.length;
        for (int f = 0; f < FIELDS; f++) {
            long n = 0;
            int start = pos;
            while (pos < data.length && data[pos] >= '0' && data[pos] <= '9' && pos - start < 19) {
                n = n * 10 + (data[pos] - '0');
                pos++;
            }
            if (pos == start || pos >= data.length || data[pos] != ':') {
                return null;
            }
            v[f] = n;
            pos++;
        }
        if (v[0] > Integer.MAX_VALUE || v[1] > Integer.MAX_VALUE || v[2] > 0xFFFF || v[4] > MAX_SIZE) {
            return null;
        }
        return new Header((int) v[0], (int) v[1], (int) v[2], v[3], (int) v[4]);
    }

    /** True when {@code data} is exactly the packet its header {@code h} describes. */
    static boolean matches(Header h, byte[] data) {
        return data.length == h.size() && Arrays.equals(data, build(h.from(), h.to(), h.channel(), h.seq(), h.size()));
    }
}
