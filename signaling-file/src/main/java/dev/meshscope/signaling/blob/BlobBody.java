// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.blob;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The JSON inside a version-1 blob (before deflate and base64url). Field order is fixed so blobs are stable.
 * {@code sum} is "sha256:" and the first 16 hex digits of SHA-256 over {@link #canonical()}, which covers every
 * other field, so a paste altered on the way is caught even when it still inflates and parses. A body read from a
 * paste may lack any field (Jackson leaves it {@code null}); {@link PasteReader} refuses such a blob.
 *
 * @param v        the format version, {@link BlobCodec#VERSION}
 * @param type     "offer" or "answer"
 * @param from     sender id
 * @param to       addressee id
 * @param mode     "server", "client" or "mesh"
 * @param channels the extra channel configuration as Godot transfer mode ints
 * @param sdp      the complete SDP, CRLF line endings
 * @param sum      the checksum ({@code null} until {@link #sealed()})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"v", "type", "from", "to", "mode", "channels", "sdp", "sum"})
record BlobBody(
        int v,
        @Nullable String type,
        int from,
        int to,
        @Nullable String mode,
        @Nullable List<Integer> channels,
        @Nullable String sdp,
        @Nullable String sum) {

    /** Hex digits of SHA-256 kept: 64 bits make an accidental match on a damaged paste practically impossible. */
    static final int SUM_HEX_DIGITS = 16;

    /** The text the checksum covers: every field but {@code sum}, newline-separated. */
    String canonical() {
        String ch =
                channels == null ? "" : channels.stream().map(String::valueOf).collect(Collectors.joining(","));
        return v + "\n" + type + "\n" + from + "\n" + to + "\n" + mode + "\n" + ch + "\n" + sdp;
    }

    /** The checksum this body should carry. */
    String expectedSum() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(canonical().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(d).substring(0, SUM_HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java 17 runtime has SHA-256", e);
        }
    }

    /** The same body with its checksum filled in. */
    BlobBody sealed() {
        return new BlobBody(v, type, from, to, mode, channels, sdp, expectedSum());
    }
}
