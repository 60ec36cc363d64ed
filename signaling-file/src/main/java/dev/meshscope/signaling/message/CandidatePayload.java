// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.message;

import dev.meshscope.core.sdp.IceCandidate;
import dev.meshscope.core.sdp.SdpException;
import org.jspecify.annotations.Nullable;

/**
 * The data of a demo CANDIDATE message, {@code "\n<mid>\n<index>\n<candidate>"} (ws_webrtc_client.gd). Parsed
 * as the demo client does: split on "\n" dropping empty parts, exactly three parts, an integer index. The
 * candidate text itself is checked with mesh-core's {@link IceCandidate}. Immutable; any thread.
 *
 * @param mid       the media id (sdpMid), never empty
 * @param index     the m-line index (Godot native always sends 0 and ignores it on receipt)
 * @param candidate the {@code candidate:...} text
 */
public record CandidatePayload(String mid, int index, String candidate) {

    /** The demo wire form. */
    public String encode() {
        return "\n" + mid + "\n" + index + "\n" + candidate;
    }

    /**
     * Parses the demo wire form.
     *
     * @throws SdpException with an operator-facing reason when the payload is malformed
     */
    public static CandidatePayload parse(@Nullable String data) throws SdpException {
        if (data == null) {
            throw new SdpException("The candidate message has no data.");
        }
        String[] raw = data.split("\n");
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (String p : raw) {
            if (!p.isEmpty()) {
                parts.add(p);
            }
        }
        if (parts.size() != 3) {
            throw new SdpException(
                    "A candidate message must carry \"\\n<mid>\\n<index>\\n<candidate>\" (3 parts); this " + "one has "
                            + parts.size() + ". An empty mid breaks the demo format.");
        }
        int index;
        try {
            index = Integer.parseInt(parts.get(1).strip());
        } catch (NumberFormatException e) {
            throw new SdpException("The candidate message's m-line index \"" + parts.get(1) + "\" is not an integer.");
        }
        String cand = IceCandidate.parse(parts.get(2)).value();
        return new CandidatePayload(parts.get(0).strip(), index, cand);
    }
}
