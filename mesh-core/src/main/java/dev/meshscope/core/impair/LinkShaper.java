// SPDX-License-Identifier: MIT
package dev.meshscope.core.impair;

import java.util.SplittableRandom;

/**
 * Decides, packet by packet, what an {@link Impairment} does to one direction of a link: drop it, or when it may
 * pass. Shared by every channel an impairment covers, so a bandwidth cap set on a peer caps the peer, not each
 * channel. Thread-safe: the outbound side is called on the owner thread, the inbound side on the receiving thread(s);
 * each decision takes this shaper's monitor, uncontended in practice.
 */
public final class LinkShaper {
    /** What {@link #admit} returns for a dropped packet. */
    public static final long DROP = -1;

    private final Impairment impairment;
    private final SplittableRandom random;
    /** When the capped link finishes sending what it already admitted (System.nanoTime), 0 without a cap. */
    private long linkFreeNanos;
    /** Packets this shaper dropped. */
    private long dropped;

    /** A shaper for {@code impairment}; {@code seed} makes loss and jitter repeatable in tests. */
    public LinkShaper(Impairment impairment, long seed) {
        this.impairment = impairment;
        this.random = new SplittableRandom(seed);
    }

    /** A shaper with a seed from the clock. */
    public LinkShaper(Impairment impairment) {
        this(impairment, System.nanoTime());
    }

    /** The impairment this shaper applies. */
    public Impairment impairment() {
        return impairment;
    }

    /**
     * Decides the fate of a packet of {@code size} bytes that arrives at {@code nowNanos}: {@link #DROP}, or the
     * System.nanoTime at which it may pass. The bandwidth cap serializes packets first (each leaves once the ones
     * before it have), then the delay and jitter apply, as a real bottleneck link followed by a long path.
     */
    public synchronized long admit(long nowNanos, int size) {
        if (impairment.lossPercent() > 0 && random.nextDouble() * 100 < impairment.lossPercent()) {
            dropped++;
            return DROP;
        }
        long leave = nowNanos;
        long rate = impairment.bandwidthBytesPerSecond();
        if (rate > 0) {
            leave = Math.max(nowNanos, linkFreeNanos) + size * 1_000_000_000L / rate;
            linkFreeNanos = leave;
        }
        long delayNanos = impairment.delayMs() * 1_000_000L;
        if (impairment.jitterMs() > 0) {
            long j = impairment.jitterMs() * 1_000_000L;
            delayNanos += random.nextLong(-j, j + 1);
        }
        return leave + Math.max(0, delayNanos);
    }

    /** Packets dropped by loss so far. */
    public synchronized long dropped() {
        return dropped;
    }
}
