// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.plots;

/**
 * One entry of the plot's channel chooser.
 *
 * @param index the channel index, or {@link PlotData#ALL_CHANNELS}
 * @param label "every channel", or "ch 0 reliable" ...
 */
public record ChannelChoice(int index, String label) {
    /** Every channel at once. */
    public static final ChannelChoice ALL = new ChannelChoice(PlotData.ALL_CHANNELS, "every channel");

    @Override
    public String toString() {
        return label;
    }
}
