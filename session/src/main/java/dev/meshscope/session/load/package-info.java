// SPDX-License-Identifier: MIT
/**
 * Load for measurements: in-process partner peers that connect to a {@link dev.meshscope.session.MeshSession} and
 * saturate its channels ({@code bench gui} and the record flood measurement).
 */
@NullMarked
package dev.meshscope.session.load;

import org.jspecify.annotations.NullMarked;
