// SPDX-License-Identifier: MIT
package dev.meshscope.session;

/**
 * A burst of test packets from the Test packets panel. Immutable; the payload array is copied in.
 *
 * @param target     Godot's target: 0 every peer, n peer n, -n every peer but n
 * @param channel    internal channel index (0 reliable, 1 ordered, 2 unreliable, 3.. extras), or
 *                   {@link #ALL_CHANNELS}
 * @param payload    the bytes each packet carries (inside a probe packet when {@code probe} is true)
 * @param count      packets per (peer, channel); at least 1
 * @param ratePerSec packets per second per (peer, channel), or 0 for as fast as the send buffers take them
 * @param probe      wrap each payload in a probe ping (measurable round trip) instead of sending it raw
 */
public record SendRequest(int target, int channel, byte[] payload, long count, double ratePerSec, boolean probe) {
    /** Send on every channel of the mesh. */
    public static final int ALL_CHANNELS = -1;

    /** Copies the payload and checks the numbers. */
    public SendRequest {
        payload = payload.clone();
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, not " + count);
        }
        if (ratePerSec < 0 || Double.isNaN(ratePerSec)) {
            throw new IllegalArgumentException("rate must be 0 (unlimited) or more, not " + ratePerSec);
        }
    }

    /** The payload (a copy). */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The payload length without copying. */
    public int payloadLength() {
        return payload.length;
    }

    byte[] payloadShared() {
        return payload;
    }
}
