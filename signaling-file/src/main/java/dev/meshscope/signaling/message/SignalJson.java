// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one Jackson mapper of the signaling module and the demo-message reader that checks what the demo
 * server checks (an object with integer {@code type} and {@code id} and a string {@code data}). Thread-safe.
 */
public final class SignalJson {
    /** Shared, configured once; ObjectMapper is thread-safe after configuration. */
    public static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private SignalJson() {}

    /** The compact JSON of a message (one line). */
    public static String write(SignalMessage m) {
        try {
            return MAPPER.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a SignalMessage always serializes", e);
        }
    }

    /**
     * Reads a demo message, checking field types as the demo's GDScript server does.
     *
     * @throws IllegalArgumentException with an operator-facing reason when the text is not a demo message
     */
    public static SignalMessage read(String json) {
        JsonNode n;
        try {
            n = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        return fromTree(n);
    }

    /**
     * Reads a demo message as the demo client reads a server's frame ({@code ws_webrtc_client.gd}
     * {@code _parse_msg}): like {@link #read}, and {@code data} must be present (a string).
     *
     * @throws IllegalArgumentException with an operator-facing reason when the text is not a demo message
     */
    public static SignalMessage readStrict(String json) {
        JsonNode n;
        try {
            n = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (n != null && n.isObject() && (n.get("data") == null || n.get("data").isNull())) {
            MessageType t = fromTree(n).knownType(); // Reports a missing or mistyped "type" or "id" first.
            throw new IllegalArgumentException("a signaling message needs a string \"data\" (this "
                    + (t == null ? "" : t.name() + " ") + "message has none)");
        }
        return fromTree(n);
    }

    /** Checks and converts an already parsed tree; see {@link #read}. */
    public static SignalMessage fromTree(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("a signaling message must be a JSON object");
        }
        JsonNode type = n.get("type");
        JsonNode id = n.get("id");
        JsonNode data = n.get("data");
        if (!isWholeInt(type)) {
            throw new IllegalArgumentException("a signaling message needs an integer \"type\"");
        }
        if (!isWholeInt(id)) {
            throw new IllegalArgumentException("a signaling message needs an integer \"id\"");
        }
        if (data != null && !data.isTextual() && !data.isNull()) {
            throw new IllegalArgumentException("a signaling message's \"data\" must be a string");
        }
        return new SignalMessage(
                (int) type.doubleValue(),
                (int) id.doubleValue(),
                data == null || data.isNull() ? "" : data.textValue());
    }

    /**
     * Whether {@code n} is a number with no fractional part, written as an integer ({@code 4}) or as a float
     * ({@code 4.0}): Godot's JSON holds every number as a float, so a GDScript peer may write either.
     */
    public static boolean isWholeNumber(JsonNode n) {
        if (n == null || !n.isNumber()) {
            return false;
        }
        if (n.isIntegralNumber()) {
            return true;
        }
        double d = n.doubleValue();
        return !Double.isInfinite(d) && d == Math.rint(d);
    }

    private static boolean isWholeInt(JsonNode n) {
        return isWholeNumber(n) && n.doubleValue() >= Integer.MIN_VALUE && n.doubleValue() <= Integer.MAX_VALUE;
    }
}
