// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.blob;

import dev.meshscope.core.sdp.SdpException;
import dev.meshscope.core.sdp.SdpInfo;
import org.jspecify.annotations.Nullable;

/**
 * Whether a relayed description can be applied at all, judged from its text before anything acts on it: a lobby
 * must not replace a working connection for an offer that libwebrtc will refuse, or accept one whose fingerprint
 * can never match. The same content checks as a paste's, without the addressing a paste needs. Pure; any thread.
 */
public final class DescriptionCheck {
    private DescriptionCheck() {}

    /**
     * Why the description {@code sdp} cannot be applied as {@code type} ("offer" or "answer"), in words with what is
     * wrong, or {@code null} when it can. Candidates may be absent (they trickle in a lobby).
     */
    public static @Nullable String problem(String type, @Nullable String sdp) {
        if (sdp == null || sdp.isBlank()) {
            return "the " + type + " is empty";
        }
        SdpInfo info;
        try {
            info = SdpInfo.parse(sdp);
        } catch (SdpException e) {
            return e.reason();
        }
        String problem = info.problemAs(type);
        if (problem == null) {
            problem = BlobCodec.candidateProblem(info);
        }
        return problem;
    }
}
