// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.blob;

import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.TransferMode;
import dev.meshscope.core.sdp.SdpInfo;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A paste that passed every check: the description to apply with
 * {@code setRemoteDescription(kind().type(), sdp())} and who sent it. Immutable; any thread.
 *
 * @param format   which form was pasted
 * @param kind     offer or answer
 * @param from     the sender's id (given by the paste, or assumed: see the result's warnings)
 * @param to       the addressee's id, or 0 when the paste does not say
 * @param mode     the sender's mode, or {@code null} when the paste does not say
 * @param channels the sender's extra channels, or {@code null} when the paste does not say
 * @param sdpInfo  the parsed description (CRLF-normalised text in {@code sdpInfo.sdp()})
 */
public record Paste(
        PasteFormat format,
        DescriptionKind kind,
        int from,
        int to,
        @Nullable NetworkMode mode,
        @Nullable List<TransferMode> channels,
        SdpInfo sdpInfo) {

    /** The normalised SDP text to apply. */
    public String sdp() {
        return sdpInfo.sdp();
    }

    /** The DTLS fingerprint ("sha-256 AB:CD:..."), for operators to compare out of band. */
    public String fingerprint() {
        return sdpInfo.fingerprint();
    }

    /** One line for a status bar or log. */
    public String summary() {
        return kind.type() + " from peer " + from + (to > 0 ? " to peer " + to : "")
                + (mode != null ? " (" + mode.name().toLowerCase(java.util.Locale.ROOT) + ")" : "")
                + ", " + sdpInfo.candidates().size() + " candidate(s), fingerprint " + fingerprint();
    }
}
