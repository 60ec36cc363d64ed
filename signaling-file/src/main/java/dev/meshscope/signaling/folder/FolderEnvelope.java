// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.folder;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * A relayed message as a file, {@code inbox/<to>/<from>-<start>-<seq>.json}: the demo message fields with
 * {@code id} = the sender (what a demo server delivers), plus the instance tokens of both ends, so a message
 * left over from an earlier run of either peer is recognised and moved aside instead of applied. Immutable.
 *
 * @param type         the demo type code (OFFER, ANSWER or CANDIDATE)
 * @param id           the sender's id
 * @param data         the demo payload
 * @param fromInstance the sender's instance token
 * @param toInstance   the addressee's instance token when the message was written
 *                     (either token is {@code null} in a file that lacks it: such a message is moved aside)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"type", "id", "data", "fromInstance", "toInstance"})
record FolderEnvelope(
        int type,
        int id,
        String data,
        @Nullable String fromInstance,
        @Nullable String toInstance) {}
