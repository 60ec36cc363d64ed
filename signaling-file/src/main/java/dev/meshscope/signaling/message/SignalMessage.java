// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.message;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One message of Godot's demo signaling protocol: {@code {"type": int, "id": int, "data": string}}. For relayed
 * messages (OFFER, ANSWER, CANDIDATE) {@code id} is the destination when a peer sends and the source when a
 * peer receives, as in the demo servers. Immutable; any thread.
 *
 * @param type the demo type code (see {@link MessageType}); unknown codes are kept so they can be reported
 * @param id   a peer id, as {@link MessageType} documents per type
 * @param data the payload string, never {@code null}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"type", "id", "data"})
public record SignalMessage(int type, int id, String data) {

    /** Never a null payload. */
    public SignalMessage {
        data = Objects.requireNonNullElse(data, "");
    }

    /** A message of a known type. */
    public static SignalMessage of(MessageType type, int id, String data) {
        return new SignalMessage(type.code(), id, data);
    }

    /** The known type, or {@code null} when the code is unknown. */
    @JsonIgnore
    public @Nullable MessageType knownType() {
        return MessageType.fromCode(type);
    }

    /** "OFFER id=3 (1234 chars)", for logs; never prints the payload itself. */
    public String brief() {
        MessageType t = knownType();
        return (t == null ? "type " + type : t.name()) + " id=" + id
                + (data.isEmpty() ? "" : " (" + data.length() + " chars)");
    }
}
