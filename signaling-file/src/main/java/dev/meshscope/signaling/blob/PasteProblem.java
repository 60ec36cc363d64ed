// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.blob;

/** Why a paste was refused. The message in {@link PasteResult#message()} says it in words, with what to do. */
public enum PasteProblem {
    /** Nothing but whitespace was pasted. */
    EMPTY,
    /** Longer than any real description can be. */
    TOO_LARGE,
    /** None of the accepted forms. */
    NOT_A_DESCRIPTION,
    /** A blob of a format version this MeshScope does not read. */
    UNSUPPORTED_VERSION,
    /** The paste ends early: only part of it was copied. */
    TRUNCATED,
    /** The paste was altered on the way (bad characters, bad checksum). */
    CORRUPTED,
    /** The SDP text itself is malformed or incomplete. */
    BAD_SDP,
    /** The paste is this peer's own description. */
    OWN_DESCRIPTION,
    /** The blob is addressed to another peer id. */
    WRONG_ADDRESSEE,
    /** An offer where an answer is expected, or the reverse (or crossed offers). */
    WRONG_KIND,
    /** The sender is a peer this mode cannot connect to (a client takes only peer 1). */
    UNACCEPTABLE_SENDER,
    /** Mesh mixed with client/server. */
    MODE_MISMATCH,
    /** An answer from a peer this peer made no offer to. */
    NO_PENDING_OFFER,
    /** The paste carries no sender id and none can be inferred. */
    UNKNOWN_SENDER,
    /** The extra channel configuration differs from this peer's. */
    CHANNEL_MISMATCH,
    /** No usable data channel (m=application) section. */
    NO_DATA_CHANNEL,
    /** No DTLS fingerprint. */
    NO_FINGERPRINT,
    /** No ICE candidates: copied before gathering finished. */
    NO_CANDIDATES,
    /** Two or more descriptions in one paste (lines, concatenated, several JSON objects). */
    SEVERAL_DESCRIPTIONS,
    /** The description is followed by other text. */
    EXTRA_TEXT,
    /** A peer id outside 1..2147483647 (a demo message's "id"). */
    INVALID_ID,
    /** An a=fingerprint that is not hex pairs, names an unknown hash, or has the wrong length. */
    BAD_FINGERPRINT
}
