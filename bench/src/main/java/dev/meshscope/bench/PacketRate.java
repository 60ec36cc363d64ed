// SPDX-License-Identifier: MIT
package dev.meshscope.bench;

/**
 * One packet-rate run.
 *
 * @param sent       packets handed to the channel
 * @param delivered  packets the receiver read
 * @param sendNanos  how long the sender sent
 * @param spanNanos  from the first send to the last packet read
 */
public record PacketRate(long sent, long delivered, long sendNanos, long spanNanos) {
    /** Packets read per second over the span. */
    public double deliveredPerSecond() {
        return spanNanos <= 0 ? 0 : delivered * 1e9 / spanNanos;
    }

    /** Packets sent per second while sending. */
    public double sentPerSecond() {
        return sendNanos <= 0 ? 0 : sent * 1e9 / sendNanos;
    }

    /** Percentage of sent packets that never arrived. */
    public double lossPercent() {
        return sent == 0 ? 0 : 100.0 * (sent - delivered) / sent;
    }
}
