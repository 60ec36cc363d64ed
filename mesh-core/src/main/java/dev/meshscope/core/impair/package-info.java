// SPDX-License-Identifier: MIT
/**
 * Network impairment inside MeshScope's own send and receive path (delay, jitter, loss, a bandwidth cap, pause), so
 * an operator can make one link worse on purpose without root or a kernel qdisc.
 */
@NullMarked
package dev.meshscope.core.impair;

import org.jspecify.annotations.NullMarked;
