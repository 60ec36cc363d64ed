// SPDX-License-Identifier: MIT
/** The packet inspector and the network profiler tabs: view models (plain Java) and their views. FX thread. */
@NullMarked
package dev.meshscope.app.gui.inspector;

import org.jspecify.annotations.NullMarked;
