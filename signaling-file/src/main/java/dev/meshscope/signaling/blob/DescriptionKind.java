// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.blob;

import org.jspecify.annotations.Nullable;

/** Whether a session description is an offer or an answer, with the SDP type string libwebrtc uses. */
public enum DescriptionKind {
    /** An offer: the peer that makes it waits for an answer. */
    OFFER("offer"),
    /** An answer to an offer. */
    ANSWER("answer");

    private final String type;

    DescriptionKind(String type) {
        this.type = type;
    }

    /** "offer" or "answer", as {@code setRemoteDescription} takes it. */
    public String type() {
        return type;
    }

    /** The kind for "offer"/"answer" (any case), or {@code null}. */
    public static @Nullable DescriptionKind fromType(@Nullable String type) {
        for (DescriptionKind k : values()) {
            if (k.type.equalsIgnoreCase(type == null ? "" : type.strip())) {
                return k;
            }
        }
        return null;
    }

    /** The other kind. */
    public DescriptionKind opposite() {
        return this == OFFER ? ANSWER : OFFER;
    }
}
