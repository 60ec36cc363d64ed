// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.plots;

/**
 * One entry of the plot's peer chooser.
 *
 * @param peerId the remote peer
 * @param label  "peer 5", or "peer 5 (left 12:03:04)" for a departed peer whose series are kept
 */
public record PeerOption(int peerId, String label) {
    @Override
    public String toString() {
        return label;
    }
}
