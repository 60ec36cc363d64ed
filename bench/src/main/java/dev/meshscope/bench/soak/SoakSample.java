// SPDX-License-Identifier: MIT
package dev.meshscope.bench.soak;

/**
 * One reading during a soak, taken between two flood chunks. Immutable.
 *
 * @param seconds          since the flood started
 * @param messages         messages the receiving application read so far
 * @param heapAfterGcBytes Java heap in use right after a full collection (the live set)
 * @param rssKib           resident memory of the process (VmRSS), or -1 where unknown
 */
public record SoakSample(double seconds, long messages, long heapAfterGcBytes, long rssKib) {}
