// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.blob;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.TransferMode;
import dev.meshscope.signaling.message.ModeNames;
import dev.meshscope.signaling.message.SignalJson;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.jspecify.annotations.Nullable;

/**
 * Turns pasted text into its parts (format, declared kind and ids, SDP text) without judging them: cleans what
 * chat and mail clients add (surrounding quotes and whitespace, inserted line breaks, "&gt; " quoting) and
 * recognises the four accepted forms. Pure; any thread.
 */
final class PasteReader {
    /** Longest inflated blob JSON: the longest SDP accepted plus room for the header fields. */
    static final int MAX_JSON_BYTES = dev.meshscope.core.sdp.SdpInfo.MAX_SDP_CHARS + 4096;

    private static final Pattern PREFIX = Pattern.compile("^MSB(\\d{1,3}):");
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]*");
    private static final String BOM = "\uFEFF";
    private static final String QUOTES = "\"'`\u201c\u201d\u2018\u2019\u00ab\u00bb";

    private PasteReader() {}

    /**
     * The parts of a paste, or the reason it could not be read: a refused read has only {@code problem} and
     * {@code message}; any other has {@code format} and {@code sdp} (kind, mode and channels when the paste says).
     */
    record Read(
            @Nullable PasteFormat format,
            @Nullable DescriptionKind kind,
            int from,
            int to,
            @Nullable NetworkMode mode,
            @Nullable List<TransferMode> channels,
            @Nullable String sdp,
            @Nullable PasteProblem problem,
            @Nullable String message) {
        static Read fail(PasteProblem p, String message) {
            return new Read(null, null, 0, 0, null, null, null, p, message);
        }
    }

    /** Recognises and unwraps {@code text} (already known to be non-blank and within the size limit). */
    static Read read(String text) {
        String raw = withoutByteOrderMark(text);
        Read damage = PasteDamage.inText(raw);
        if (damage != null) {
            return damage;
        }
        String t = clean(raw);
        if (t.startsWith("MSB")) {
            return readBlob(t);
        }
        if (t.startsWith("{")) {
            return JsonPaste.read(t);
        }
        if (t.startsWith("v=")) {
            Read sdpDamage = PasteDamage.inSdp(t, "this paste");
            return sdpDamage != null ? sdpDamage : new Read(PasteFormat.RAW_SDP, null, 0, 0, null, null, t, null, null);
        }
        return Read.fail(
                PasteProblem.NOT_A_DESCRIPTION,
                "This is not a session description: it starts with \""
                        + abbreviate(t)
                        + "\". Paste a MeshScope blob (one line starting with \"MSB1:\"), a raw SDP (starting "
                        + "with \"v=0\"), a browser {\"type\",\"sdp\"} JSON or a Godot demo OFFER/ANSWER message.");
    }

    /**
     * The text without the byte-order marks an editor or a file saved as "UTF-8 with BOM" puts before it (anywhere
     * else a BOM is damage, named by {@link PasteDamage}).
     */
    static String withoutByteOrderMark(String text) {
        String t = text.strip();
        while (t.startsWith(BOM)) {
            t = t.substring(1).strip();
        }
        return t;
    }

    /** Strips surrounding whitespace and quotes, and "&gt;" mail quoting when every line has it. */
    static String clean(String text) {
        String t = unquote(text);
        String[] lines = t.split("\r\n|\r|\n", -1);
        boolean quoted = true;
        for (String l : lines) {
            if (!l.isBlank() && !l.stripLeading().startsWith(">")) {
                quoted = false;
                break;
            }
        }
        if (quoted) {
            StringBuilder b = new StringBuilder();
            for (String l : lines) {
                b.append(l.stripLeading().replaceFirst("^(>\\s?)+", "")).append('\n');
            }
            t = unquote(b.toString());
        }
        return t;
    }

    private static String unquote(String text) {
        String t = text.strip();
        while (!t.isEmpty() && QUOTES.indexOf(t.charAt(0)) >= 0) {
            t = t.substring(1).strip();
        }
        while (!t.isEmpty() && QUOTES.indexOf(t.charAt(t.length() - 1)) >= 0) {
            t = t.substring(0, t.length() - 1).strip();
        }
        return t;
    }

    private static Read readBlob(String t) {
        Matcher m = PREFIX.matcher(t);
        if (!m.find()) {
            return Read.fail(
                    PasteProblem.CORRUPTED,
                    "This looks like a MeshScope blob but its prefix is damaged (it " + "starts with \"" + abbreviate(t)
                            + "\", expected \"MSB1:\"). Copy the whole line again.");
        }
        int version = Integer.parseInt(m.group(1));
        if (version != BlobCodec.VERSION) {
            return Read.fail(
                    PasteProblem.UNSUPPORTED_VERSION,
                    "This blob has format version " + version + "; this "
                            + "MeshScope reads version " + BlobCodec.VERSION
                            + ". Use the same MeshScope release on both sides, "
                            + "or paste the raw SDP instead.");
        }
        String payload = t.substring(m.end()).replaceAll("\\s+", "");
        while (payload.endsWith("=")) {
            payload = payload.substring(0, payload.length() - 1);
        }
        if (payload.isEmpty()) {
            return Read.fail(
                    PasteProblem.TRUNCATED, "The blob has its prefix but nothing after it: copy the whole line.");
        }
        if (!BASE64URL.matcher(payload).matches()) {
            int bad = firstBad(payload);
            return Read.fail(
                    PasteProblem.CORRUPTED,
                    "The blob contains \"" + payload.charAt(bad) + "\" at character "
                            + (bad + 1)
                            + ", which a blob never contains: it was altered on the way (or two pastes were "
                            + "joined). Copy it again, ideally as a file or through a plain-text channel.");
        }
        byte[] deflated;
        try {
            deflated = Base64.getUrlDecoder().decode(payload);
        } catch (IllegalArgumentException e) {
            return Read.fail(
                    PasteProblem.TRUNCATED,
                    "The blob ends in the middle of a character group: it was cut. " + "Copy the whole line again.");
        }
        Inflated inflated = inflate(deflated);
        if (inflated.failure != null) {
            return inflated.failure;
        }
        BlobBody body;
        try {
            body = SignalJson.MAPPER.readValue(inflated.json, BlobBody.class);
        } catch (JsonProcessingException e) {
            return Read.fail(
                    PasteProblem.CORRUPTED,
                    "The blob unpacks but its content is not what MeshScope writes (" + e.getOriginalMessage()
                            + "). Copy it again from the other peer.");
        }
        if (body.sum() == null || !body.sum().equals(body.expectedSum())) {
            return Read.fail(
                    PasteProblem.CORRUPTED,
                    "The blob's checksum does not match its content: it was altered "
                            + "on the way. Copy it again from the other peer.");
        }
        DescriptionKind kind = DescriptionKind.fromType(body.type());
        NetworkMode mode = ModeNames.parse(body.mode());
        List<TransferMode> channels = ModeNames.fromInts(body.channels());
        if (kind == null || mode == null || channels == null || body.sdp() == null) {
            return Read.fail(
                    PasteProblem.CORRUPTED,
                    "The blob's header is invalid (type \"" + body.type() + "\", mode \"" + body.mode()
                            + "\", channels " + body.channels() + "). It was not made by MeshScope.");
        }
        return new Read(
                PasteFormat.MESHSCOPE_BLOB, kind, body.from(), body.to(), mode, channels, body.sdp(), null, null);
    }

    /** The inflated JSON, or why there is none. */
    private record Inflated(@Nullable String json, @Nullable Read failure) {
        static Inflated fail(PasteProblem p, String message) {
            return new Inflated(null, Read.fail(p, message));
        }
    }

    private static Inflated inflate(byte[] deflated) {
        Inflater inf = new Inflater();
        try {
            inf.setInput(deflated);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    return Inflated.fail(
                            PasteProblem.TRUNCATED,
                            "The blob is cut: its compressed data ends "
                                    + "early (" + deflated.length
                                    + " bytes arrived). Copy the whole line again; some chat "
                                    + "programs shorten long messages, a file or e-mail does not.");
                }
                out.write(buf, 0, n);
                if (out.size() > MAX_JSON_BYTES) {
                    return Inflated.fail(
                            PasteProblem.TOO_LARGE,
                            "The blob unpacks to more than " + MAX_JSON_BYTES
                                    + " bytes, far more than a description needs. It was not made by MeshScope.");
                }
            }
            if (inf.getRemaining() > 0) {
                return Inflated.fail(
                        PasteProblem.CORRUPTED,
                        "The blob has " + inf.getRemaining() + " bytes of extra "
                                + "data after its end: two blobs were probably joined. Paste one blob at a time.");
            }
            return new Inflated(out.toString(StandardCharsets.UTF_8), null);
        } catch (DataFormatException e) {
            return Inflated.fail(
                    PasteProblem.CORRUPTED,
                    "The blob's compressed data is damaged (" + e.getMessage()
                            + "): it was altered on the way. Copy it again.");
        } finally {
            inf.end();
        }
    }

    private static int firstBad(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                return i;
            }
        }
        return 0;
    }

    static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() <= 24 ? one : one.substring(0, 21) + "...";
    }
}
