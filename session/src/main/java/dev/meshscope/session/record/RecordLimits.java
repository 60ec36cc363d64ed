// SPDX-License-Identifier: MIT
package dev.meshscope.session.record;

/**
 * How much a record may take: on disk, in the writer's queue, and how often it samples. Immutable.
 *
 * @param partBytes      compressed bytes after which the writer starts the record's next part (file); a part may pass
 *                       it by up to {@link #PART_OVERSHOOT_BYTES}, what the compressor still holds when it is reached
 * @param maxParts       parts kept on disk: past this the oldest part except the first is deleted (the first holds
 *                       the start: creation and connection set-up), so a record never takes more than
 *                       {@code partBytes * maxParts} (plus one line)
 * @param queueItems     items waiting for the writer at most; one more is dropped and counted, never waited for
 * @param sampleMillis   period of the stats samples (counters, probe results)
 * @param flushMillis    the writer flushes the compressed stream this often: a crash loses at most this much
 */
public record RecordLimits(long partBytes, int maxParts, int queueItems, long sampleMillis, long flushMillis) {
    /** How far a part may pass {@code partBytes}: the compressor's and the file buffer's 64 KiB each. */
    public static final long PART_OVERSHOOT_BYTES = 128 * 1024;

    /**
     * The defaults: 64 MiB parts, 4 kept (256 MiB per record; a 32-peer flood writes far less than that in an hour,
     * see docs/records.md), 65536 queued items (a burst of a few seconds of packet events), a sample a second (the
     * resolution of a replay's plots), a flush a second.
     */
    public static final RecordLimits DEFAULT = new RecordLimits(64L << 20, 4, 65536, 1000, 1000);

    /** Checks the values. */
    public RecordLimits {
        if (partBytes < 4096 || maxParts < 1 || queueItems < 16 || sampleMillis < 10 || flushMillis < 10) {
            throw new IllegalArgumentException("record limits out of range: parts of at least 4096 bytes, at least "
                    + "one part, 16 queued items, 10 ms periods");
        }
    }
}
