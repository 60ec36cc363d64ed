// SPDX-License-Identifier: MIT
package dev.meshscope.signalserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.meshscope.signaling.message.SignalJson;
import org.jspecify.annotations.Nullable;

/**
 * A demo message as a client sent it, read the way the Node server reads it ({@code parseMsg}): {@code type} and
 * {@code id} must be non-negative numbers and are floored ({@code 4.0} and {@code 4.5} are 4); a missing or null
 * {@code data} is "". Unlike the Node server, and like the GDScript server, a {@code data} that is present but not a
 * string is refused rather than read as "". Numbers are kept as {@code long}, so an id above 2^31-1 reaches the relay
 * (and is an "Invalid destination") as in the Node server. Immutable; made on Java-WebSocket's decoder thread.
 *
 * @param type the floored type (unknown codes are kept: they are refused later, after the lobby check, as in Node)
 * @param id   the floored id
 * @param data the payload, never null
 */
record ClientMessage(long type, long id, String data) {

    /** Strict JSON: text after the object is an error, as for {@code JSON.parse}. */
    private static final ObjectReader READER =
            SignalJson.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * Reads one text frame.
     *
     * @throws Refusal with {@link CloseReasons#INVALID_FORMAT} and what was wrong
     */
    static ClientMessage parse(String text) throws Refusal {
        JsonNode n;
        try {
            n = READER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new Refusal(CloseReasons.INVALID_FORMAT, "not JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new Refusal(CloseReasons.INVALID_FORMAT, "not a JSON object");
        }
        long type = nonNegative(n.get("type"));
        if (type < 0) {
            throw new Refusal(CloseReasons.INVALID_FORMAT, "\"type\" is missing, not a number or negative");
        }
        long id = nonNegative(n.get("id"));
        if (id < 0) {
            throw new Refusal(CloseReasons.INVALID_FORMAT, "\"id\" is missing, not a number or negative");
        }
        JsonNode data = n.get("data");
        if (data != null && !data.isNull() && !data.isTextual()) {
            throw new Refusal(CloseReasons.INVALID_FORMAT, "\"data\" is not a string");
        }
        return new ClientMessage(type, id, data == null || data.isNull() ? "" : data.textValue());
    }

    /** The floored number, or -1 when {@code n} is missing, not a number or negative. */
    private static long nonNegative(@Nullable JsonNode n) {
        if (n == null || !n.isNumber()) {
            return -1;
        }
        double floored = Math.floor(n.doubleValue());
        return floored < 0 ? -1 : (long) floored; // saturates at Long.MAX_VALUE for huge numbers
    }
}
