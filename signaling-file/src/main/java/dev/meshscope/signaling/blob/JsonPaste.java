// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.blob;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.meshscope.signaling.message.MessageType;
import dev.meshscope.signaling.message.SignalJson;
import dev.meshscope.signaling.message.SignalMessage;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Reads a pasted JSON description: a browser {@code {"type","sdp"}} object or a Godot demo OFFER/ANSWER message,
 * exactly one object and nothing after it (Jackson alone would ignore whatever follows the first object). Pure; any
 * thread.
 */
final class JsonPaste {
    private JsonPaste() {}

    /** Reads {@code t}, which starts with "{". */
    static PasteReader.Read read(String t) {
        JsonNode n;
        try (JsonParser p = SignalJson.MAPPER.createParser(t)) {
            n = SignalJson.MAPPER.readTree(p);
            PasteReader.Read after = nothingAfter(p);
            if (after != null) {
                return after;
            }
        } catch (JsonProcessingException e) {
            if (endsEarly(e)) {
                return PasteReader.Read.fail(
                        PasteProblem.TRUNCATED,
                        "The JSON ends early: only part of it was copied. "
                                + "Copy all of it, up to the closing \"}\".");
            }
            PasteReader.Read invisible = PasteDamage.invisible(t, "");
            if (invisible != null) {
                return invisible;
            }
            return PasteReader.Read.fail(
                    PasteProblem.NOT_A_DESCRIPTION,
                    "This starts like JSON but is not valid JSON (" + e.getOriginalMessage()
                            + "). Paste a browser {\"type\",\"sdp\"} object or a demo message unchanged.");
        } catch (IOException e) {
            throw new IllegalStateException("reading a String never fails with I/O", e);
        }
        if (n == null || !n.isObject()) {
            return PasteReader.Read.fail(
                    PasteProblem.NOT_A_DESCRIPTION,
                    "This JSON is not an object; a description is "
                            + "{\"type\":\"offer\",\"sdp\":\"...\"} or {\"type\":4,\"id\":N,\"data\":\"...\"}.");
        }
        return n.has("sdp") ? browser(n) : demo(n);
    }

    /**
     * Whether Jackson stopped at the end of the text: a cut paste, or the first lines of a pretty-printed one that a
     * line reader has not received whole yet. Jackson reports some of these as a plain parse error ("Unexpected
     * end-of-input within/between Object entries"), not as {@link JsonEOFException}.
     */
    private static boolean endsEarly(JsonProcessingException e) {
        return e instanceof JsonEOFException
                || String.valueOf(e.getOriginalMessage()).startsWith("Unexpected end-of-input");
    }

    /** Refuses anything after the first JSON value: more objects (several descriptions) or other text. */
    private static PasteReader.@Nullable Read nothingAfter(JsonParser p) throws IOException {
        int objects = 1;
        JsonToken next;
        try {
            next = p.nextToken();
            while (next == JsonToken.START_OBJECT) {
                SignalJson.MAPPER.readTree(p);
                objects++;
                next = p.nextToken();
            }
        } catch (JsonProcessingException e) {
            next = JsonToken.NOT_AVAILABLE;
        }
        if (next == null && objects == 1) {
            return null;
        }
        if (objects > 1 && next == null) {
            return PasteReader.Read.fail(
                    PasteProblem.SEVERAL_DESCRIPTIONS,
                    "This paste holds " + objects + " JSON "
                            + "objects, but one paste is one description. Paste them one at a time, each into the peer it is "
                            + "meant for; nothing was applied.");
        }
        JsonLocation at = p.currentLocation();
        return PasteReader.Read.fail(
                PasteProblem.EXTRA_TEXT,
                "The JSON " + (objects > 1 ? "objects are" : "object is")
                        + " followed by other text (line " + at.getLineNr()
                        + "). Paste exactly one description, nothing "
                        + "before or after it.");
    }

    private static PasteReader.Read browser(JsonNode n) {
        JsonNode sdp = n.get("sdp");
        JsonNode type = n.get("type");
        DescriptionKind kind = type != null && type.isTextual() ? DescriptionKind.fromType(type.textValue()) : null;
        if (kind == null) {
            return PasteReader.Read.fail(
                    PasteProblem.NOT_A_DESCRIPTION,
                    "This browser description has type " + type
                            + "; only \"offer\" and \"answer\" with a string \"sdp\" can be applied.");
        }
        if (sdp.isNull()) {
            return PasteReader.Read.fail(
                    PasteProblem.NOT_A_DESCRIPTION,
                    "This browser " + kind.type() + " has "
                            + "\"sdp\": null: it was copied before the description existed (e.g. localDescription read before "
                            + "createOffer finished). Copy it again once the description is made.");
        }
        if (!sdp.isTextual()) {
            return PasteReader.Read.fail(
                    PasteProblem.NOT_A_DESCRIPTION,
                    "This browser " + kind.type() + "'s \"sdp\" "
                            + "is "
                            + (sdp.isNumber()
                                    ? "a number"
                                    : sdp.isObject()
                                            ? "an object"
                                            : "a " + sdp.getNodeType().name().toLowerCase(java.util.Locale.ROOT))
                            + ", not the SDP text (a string starting with \"v=0\"). "
                            + "Paste the description the browser made, unchanged.");
        }
        PasteReader.Read damage = PasteDamage.inSdp(sdp.textValue(), "its \"sdp\"");
        if (damage != null) {
            return damage;
        }
        return new PasteReader.Read(PasteFormat.BROWSER_JSON, kind, 0, 0, null, null, sdp.textValue(), null, null);
    }

    private static PasteReader.Read demo(JsonNode n) {
        JsonNode id = n.get("id");
        if (id != null
                && id.isNumber()
                && (!SignalJson.isWholeNumber(id) || id.doubleValue() < 1 || id.doubleValue() > Integer.MAX_VALUE)) {
            return PasteReader.Read.fail(
                    PasteProblem.INVALID_ID,
                    "This demo message says it comes from peer "
                            + id.asText()
                            + ", but a peer id is a whole number 1..2147483647 (the demo relays the sender's id "
                            + "in \"id\"). Fix the id, or paste the other peer's MeshScope blob, which carries both ids.");
        }
        SignalMessage msg;
        try {
            msg = SignalJson.fromTree(n);
        } catch (IllegalArgumentException e) {
            return PasteReader.Read.fail(
                    PasteProblem.NOT_A_DESCRIPTION,
                    "This JSON is neither a browser description " + "(no \"sdp\") nor a demo signaling message ("
                            + e.getMessage() + ").");
        }
        MessageType mt = msg.knownType();
        if (mt != MessageType.OFFER && mt != MessageType.ANSWER) {
            return PasteReader.Read.fail(
                    PasteProblem.NOT_A_DESCRIPTION,
                    "This is a demo signaling message of type "
                            + (mt == null ? String.valueOf(msg.type()) : mt.name())
                            + ", not a description. Paste the OFFER (4) "
                            + "or ANSWER (5) message.");
        }
        PasteReader.Read damage = PasteDamage.inSdp(msg.data(), "its \"data\"");
        if (damage != null) {
            return damage;
        }
        DescriptionKind kind = mt == MessageType.OFFER ? DescriptionKind.OFFER : DescriptionKind.ANSWER;
        return new PasteReader.Read(PasteFormat.DEMO_MESSAGE, kind, msg.id(), 0, null, null, msg.data(), null, null);
    }
}
