// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.probe;

import dev.meshscope.session.SendRequest;

/**
 * One entry of the channel choice. Immutable.
 *
 * @param index internal channel index, or {@link SendRequest#ALL_CHANNELS}
 * @param text  what the choice shows
 */
public record ChannelOption(int index, String text) {
    /** Every channel at once. */
    public static final ChannelOption ALL = new ChannelOption(SendRequest.ALL_CHANNELS, "all channels");

    @Override
    public String toString() {
        return text;
    }
}
