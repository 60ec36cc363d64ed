// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.blob;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.meshscope.core.sdp.IceCandidate;
import dev.meshscope.core.sdp.SdpException;
import dev.meshscope.core.sdp.SdpInfo;
import dev.meshscope.signaling.message.ModeNames;
import dev.meshscope.signaling.message.SignalJson;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.zip.Deflater;
import org.jspecify.annotations.Nullable;

/**
 * The pasteable blob: a complete (non-trickle) description as one line of text that survives chat, terminals and
 * e-mail, and the checks that tell a good paste from a misrouted or damaged one.
 *
 * <p>Format, version 1: {@code "MSB1:" + base64url(zlib-deflate(json))} without padding, where json is
 * <pre>{"v":1,"type":"offer","from":2,"to":1,"mode":"client","channels":[2,0],"sdp":"v=0\r\n...","sum":"sha256:0123456789abcdef"}</pre>
 * {@code channels} are Godot transfer mode ints (0 unreliable, 1 unreliable ordered, 2 reliable) of the extra
 * channels; {@code sum} is "sha256:" plus the first 16 hex digits of SHA-256 over
 * {@code v\ntype\nfrom\nto\nmode\nchannels-joined-by-comma\nsdp} (UTF-8).
 *
 * <p>{@link #decode} also accepts a raw SDP, a browser {@code {"type","sdp"}} JSON and a Godot demo OFFER/ANSWER
 * message; it tolerates surrounding whitespace and quotes, line breaks inserted anywhere in a blob, and "&gt; "
 * mail quoting. It never changes any state, so a GUI can call it on every edit of a paste box.
 *
 * <p>Stateless and thread-safe: any thread may call any method. This API is stable: the GUI builds on it.
 */
public final class BlobCodec {
    /** The format version written, and the only one read. */
    public static final int VERSION = 1;
    /** What every version-1 blob starts with. */
    public static final String PREFIX = "MSB" + VERSION + ":";
    /**
     * Longest paste considered: a blob of the longest accepted SDP ({@link SdpInfo#MAX_SDP_CHARS}) stays far below
     * this even with mail line breaks; anything longer is not one description.
     */
    public static final int MAX_PASTE_CHARS = 256 * 1024;

    private BlobCodec() {}

    /**
     * Encodes {@code blob} as one line. Call it with the description from {@code getLocalDescription()} after
     * gathering is COMPLETE.
     *
     * @throws IllegalArgumentException with an operator-facing reason when the SDP is malformed or has no candidates
     *                                  yet (so no blob is ever made that its receiver would refuse for that)
     */
    public static String encode(Blob blob) {
        SdpInfo info;
        try {
            info = SdpInfo.parse(blob.sdp());
        } catch (SdpException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        String problem = info.problemAs(blob.kind().type());
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (info.candidates().isEmpty()) {
            throw new IllegalArgumentException("The " + blob.kind().type() + " has no ICE candidates yet: wait until "
                    + "gathering is COMPLETE and use getLocalDescription().");
        }
        List<Integer> channels = ModeNames.toInts(blob.channels());
        BlobBody body = new BlobBody(
                        VERSION,
                        blob.kind().type(),
                        blob.from(),
                        blob.to(),
                        ModeNames.name(blob.mode()),
                        channels,
                        info.sdp(),
                        null)
                .sealed();
        byte[] json;
        try {
            json = SignalJson.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a blob body always serializes", e);
        }
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            d.setInput(json);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 2 + 64);
            byte[] buf = new byte[8192];
            while (!d.finished()) {
                out.write(buf, 0, d.deflate(buf));
            }
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
        } finally {
            d.end();
        }
    }

    /**
     * Reads and checks a paste against what the receiving peer is and expects. Never throws for any input and
     * changes nothing: a refused paste gets a {@link PasteProblem} and a message saying what is wrong and what
     * to do; an accepted one is ready for {@code setRemoteDescription(paste.kind().type(), paste.sdp())}.
     */
    public static PasteResult decode(@Nullable String text, PasteExpectation expect) {
        if (text == null || text.isBlank()) {
            return PasteResult.refused(
                    PasteProblem.EMPTY,
                    "Nothing was pasted. Copy the other peer's blob (one line " + "starting with \"" + PREFIX
                            + "\") or its SDP and paste it here.");
        }
        if (text.length() > MAX_PASTE_CHARS) {
            return PasteResult.refused(
                    PasteProblem.TOO_LARGE,
                    "The paste is " + text.length() + " characters long, more " + "than the " + MAX_PASTE_CHARS
                            + " one description can need: it is not one blob. Paste a single blob.");
        }
        PasteReader.Read r = PasteReader.read(text);
        PasteProblem problem = r.problem();
        if (problem != null) {
            return PasteResult.refused(problem, Objects.requireNonNull(r.message(), "a refused read has a message"));
        }
        String sdp = Objects.requireNonNull(r.sdp(), "a read that is not refused has its SDP");
        if (sdp.length() > SdpInfo.MAX_SDP_CHARS) {
            return PasteResult.refused(
                    PasteProblem.TOO_LARGE,
                    "The description is " + sdp.length() + " characters " + "long, more than the "
                            + SdpInfo.MAX_SDP_CHARS + " a data-channel description can need.");
        }
        SdpInfo info;
        try {
            info = SdpInfo.parse(sdp);
        } catch (SdpException e) {
            return PasteResult.refused(PasteProblem.BAD_SDP, e.reason());
        }
        return PasteChecks.check(r, info, expect);
    }

    /**
     * Whether {@code text} is the start of a paste that more lines will complete: a blob or JSON cut short, or a raw
     * SDP, which has no end marker of its own (a terminal ends it with an empty line). For readers that receive a
     * paste line by line, so they judge it once, whole. Pure; any thread.
     */
    public static boolean incomplete(@Nullable String text) {
        if (text == null || text.isBlank() || text.length() > MAX_PASTE_CHARS) {
            return false;
        }
        String t = PasteReader.clean(PasteReader.withoutByteOrderMark(text));
        if (t.startsWith("v=")) {
            return true;
        }
        return PasteReader.read(text).problem() == PasteProblem.TRUNCATED;
    }

    /** Checks the candidates one by one; returns the first problem or {@code null}. */
    static @Nullable String candidateProblem(SdpInfo info) {
        for (String c : info.candidates()) {
            try {
                IceCandidate.parse(c);
            } catch (SdpException e) {
                return e.reason();
            }
        }
        return null;
    }
}
