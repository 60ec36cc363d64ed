// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.blob;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.meshscope.signaling.message.SignalJson;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Names what happened to a paste on its way, when the text shows it: HTML escaping, invisible characters, a
 * description encoded twice, several descriptions in one paste, an SDP whose line breaks were lost or turned into
 * {@code \r\n} escapes, an SDP followed by other text. Each finding is a refusal whose message says what the damage
 * is and what to do, so the operator is not left with a parser's complaint about line 2. Pure; any thread.
 */
final class PasteDamage {
    /** An HTML character reference: what a web page's source or an HTML mail's code shows instead of the character. */
    private static final Pattern HTML_ESCAPE =
            Pattern.compile("&(quot|amp|lt|gt|apos|nbsp|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});");
    /** A blob's prefix, wherever it is: two of them mean two blobs. */
    private static final Pattern BLOB_PREFIX = Pattern.compile("MSB[0-9]{1,3}:");
    /** A line that starts a session description (after optional mail quoting and surrounding quotes). */
    private static final Pattern SDP_START = Pattern.compile("(?m)^[\\s>\"']*v=0\\s*$");
    /** An SDP line: one lower-case letter, "=", the value. */
    private static final Pattern SDP_LINE = Pattern.compile("[a-z]=.*");
    /** The line separators a paste may use. */
    private static final String LINE_BREAK = "\r\n|\r|\n";

    private PasteDamage() {}

    /** Damage visible in the whole paste (a leading byte-order mark already removed), or {@code null}. */
    static PasteReader.@Nullable Read inText(String text) {
        PasteReader.Read twice = encodedTwice(text.strip());
        if (twice != null) {
            return twice;
        }
        Matcher html = HTML_ESCAPE.matcher(text);
        if (html.find()) {
            return PasteReader.Read.fail(
                    PasteProblem.CORRUPTED,
                    "This paste is HTML-escaped (\"" + html.group()
                            + "\" stands where a plain character belongs): it was copied from a web page's source or an HTML "
                            + "mail's code. Copy the text as displayed, or send the MeshScope blob, which has nothing to escape.");
        }
        // In JSON the SDP's own lines are what the operator can find, so JSON is judged after it is read.
        PasteReader.Read invisible = text.startsWith("{") ? null : invisible(text, "");
        if (invisible != null) {
            return invisible;
        }
        int blobs = count(BLOB_PREFIX.matcher(text));
        int sdps = count(SDP_START.matcher(text));
        if (blobs + sdps > 1) {
            String what = blobs > 1 && sdps == 0
                    ? blobs + " MeshScope blobs"
                    : sdps > 1 && blobs == 0
                            ? sdps + " SDPs (one after the other)"
                            : blobs + sdps + " descriptions (" + blobs + " blob(s), " + sdps + " SDP(s))";
            return several(what);
        }
        return null;
    }

    /** Damage visible in the SDP text a paste carries ({@code field} names where it was, e.g. "the \"sdp\" field"). */
    static PasteReader.@Nullable Read inSdp(String sdp, String field) {
        String s = sdp.strip();
        if (s.startsWith("{")) {
            return PasteReader.Read.fail(
                    PasteProblem.CORRUPTED,
                    "The SDP in " + field + " is itself JSON: a whole "
                            + "description was wrapped inside a string (encoded twice). Paste the inner {\"type\",\"sdp\"} "
                            + "object, or have the sender put the SDP text there.");
        }
        if (s.startsWith("\"")) {
            return PasteReader.Read.fail(
                    PasteProblem.CORRUPTED,
                    "The SDP in " + field + " starts with a quote: it was "
                            + "encoded as a JSON string twice. Have the sender encode it once, or paste the raw SDP.");
        }
        boolean oneLine = s.indexOf('\n') < 0 && s.indexOf('\r') < 0;
        if (oneLine && (s.contains("\\r\\n") || s.contains("\\n"))) {
            return PasteReader.Read.fail(
                    PasteProblem.CORRUPTED,
                    "The SDP's line breaks arrive as literal \\r\\n "
                            + "escapes (a backslash and a letter): it was copied out of a JSON string or a log. Paste the whole "
                            + "JSON it came from, or the SDP with real line breaks.");
        }
        if (oneLine && s.startsWith("v=0") && (s.contains(" o=") || s.contains(" a="))) {
            return PasteReader.Read.fail(
                    PasteProblem.CORRUPTED,
                    "The SDP's line breaks were lost: it arrived as one "
                            + "line of " + s.length()
                            + " characters (a chat or terminal joined its lines). Send the MeshScope "
                            + "blob or the browser JSON instead (one line by design), or copy the SDP through a file.");
        }
        PasteReader.Read invisible = invisible(s, " of the SDP");
        if (invisible != null) {
            return invisible;
        }
        int sdps = count(SDP_START.matcher(s));
        if (sdps > 1) {
            return several(sdps + " SDPs concatenated");
        }
        return trailingText(s);
    }

    private static PasteReader.Read several(String what) {
        return PasteReader.Read.fail(
                PasteProblem.SEVERAL_DESCRIPTIONS,
                "This paste holds " + what + ", but one paste "
                        + "is one description. Paste them one at a time, each into the peer it is meant for; nothing was applied.");
    }

    /** An SDP followed by lines that are not SDP (a signature, a second paste's start, a comment), or {@code null}. */
    private static PasteReader.@Nullable Read trailingText(String s) {
        String[] lines = s.split(LINE_BREAK);
        int firstOther = -1;
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.isEmpty()) {
                continue;
            }
            boolean sdpLine = SDP_LINE.matcher(l).matches();
            if (!sdpLine && firstOther < 0) {
                firstOther = i;
            } else if (sdpLine && firstOther >= 0) {
                return null; // Something inside the SDP is broken: the SDP parser names the line.
            }
        }
        if (firstOther <= 0) {
            return null;
        }
        return PasteReader.Read.fail(
                PasteProblem.EXTRA_TEXT,
                "The SDP is followed by other text from its line "
                        + (firstOther + 1) + " (\"" + PasteReader.abbreviate(lines[firstOther].strip())
                        + "\"). Paste only the "
                        + "description, from \"v=0\" to its last a= line.");
    }

    /** The whole paste is a JSON string holding a description, with escapes: encoded twice. */
    private static PasteReader.@Nullable Read encodedTwice(String t) {
        if (t.length() < 2 || t.charAt(0) != '"' || t.charAt(t.length() - 1) != '"' || t.indexOf('\\') < 0) {
            return null;
        }
        JsonNode n;
        try {
            n = SignalJson.MAPPER.readTree(t);
        } catch (JsonProcessingException e) {
            return null;
        }
        if (n == null || !n.isTextual()) {
            return null;
        }
        String inner = n.textValue().strip();
        if (inner.startsWith("{")) {
            return PasteReader.Read.fail(
                    PasteProblem.CORRUPTED,
                    "This is a JSON description encoded twice: the whole "
                            + "paste is a JSON string (in quotes, with \\\" escapes) that holds the JSON. Paste the inner "
                            + "{...} as it was before the second encoding.");
        }
        if (inner.startsWith("v=")) {
            return PasteReader.Read.fail(
                    PasteProblem.CORRUPTED,
                    "This is an SDP written as a JSON string (in quotes, "
                            + "its line breaks as \\r\\n escapes). Paste the browser JSON {\"type\",\"sdp\"} it came from, or "
                            + "the SDP text itself.");
        }
        return null;
    }

    /** The first invisible or look-alike space character, with its line, or {@code null}. */
    static PasteReader.@Nullable Read invisible(String text, String of) {
        String[] lines = text.split(LINE_BREAK, -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            for (int j = 0; j < l.length(); j++) {
                char c = l.charAt(j);
                String name = invisibleName(c);
                if (name != null) {
                    return PasteReader.Read.fail(
                            PasteProblem.CORRUPTED,
                            "Line " + (i + 1) + of + " contains " + name
                                    + " (U+" + String.format(Locale.ROOT, "%04X", (int) c) + ") at character " + (j + 1)
                                    + ", invisible on screen: a chat program or word processor inserted it. Copy the text "
                                    + "again through a plain-text channel (a file, a terminal), or send the MeshScope blob.");
                }
            }
        }
        return null;
    }

    /** The name of an invisible or non-ASCII space character that no description contains, or {@code null}. */
    static @Nullable String invisibleName(char c) {
        switch (c) {
            case '\u200B':
                return "a zero-width space";
            case '\u200C':
                return "a zero-width non-joiner";
            case '\u200D':
                return "a zero-width joiner";
            case '\u2060':
                return "a word joiner";
            case '\uFEFF':
                return "a byte-order mark (zero-width no-break space)";
            case '\u00A0':
                return "a non-breaking space";
            case '\u202F':
                return "a narrow non-breaking space";
            case '\u00AD':
                return "a soft hyphen";
            default:
                break;
        }
        int type = Character.getType(c);
        if (type == Character.FORMAT) {
            return "an invisible formatting character";
        }
        if (type == Character.SPACE_SEPARATOR && c != ' ') {
            return "a typographic space";
        }
        if (type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
            return "a Unicode line separator";
        }
        return null;
    }

    private static int count(Matcher m) {
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
