// SPDX-License-Identifier: MIT
package dev.meshscope.bench;

import java.io.PrintWriter;

/**
 * What a scenario runs with: both stacks, the sizes, and where progress lines go.
 *
 * @param baseline the raw webrtc-java stack
 * @param meshCore the mesh-core stack
 * @param settings the sizes
 * @param progress one line per round (standard error)
 */
public record BenchContext(BenchStack baseline, BenchStack meshCore, BenchSettings settings, PrintWriter progress) {
}
