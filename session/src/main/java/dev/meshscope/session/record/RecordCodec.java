// SPDX-License-Identifier: MIT
package dev.meshscope.session.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.core.probe.ProbeStats;
import dev.meshscope.core.snapshot.MeshSnapshot;
import dev.meshscope.session.OperatorAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One record line to and from its item: {@code {"item": kind, "at": micros, ...fields}}. Events are flattened as
 * {@code {"item":"event","at":..,"event":"PeerAdded", ...the record's components}}, as the agent's event writer
 * writes them. Stateless; any thread.
 */
public final class RecordCodec {
    /** Every mesh-core event type by its simple name (the line's {@code "event"} field). */
    private static final Map<String, Class<?>> EVENT_TYPES = new TreeMap<>();

    static {
        for (Class<?> c : MeshEvent.class.getPermittedSubclasses()) {
            EVENT_TYPES.put(c.getSimpleName(), c);
        }
    }

    private RecordCodec() {}

    /** The names of every event type a record can hold. */
    public static java.util.Set<String> eventTypes() {
        return java.util.Collections.unmodifiableSet(EVENT_TYPES.keySet());
    }

    /** The header as one JSON line (no newline). */
    public static String headerLine(RecordHeader h) {
        ObjectNode n = RecordFormat.MAPPER.createObjectNode();
        n.put("item", "header");
        n.setAll((ObjectNode) RecordFormat.MAPPER.valueToTree(h));
        return write(n);
    }

    /** An item as one JSON line (no newline). */
    public static String line(RecordItem item) {
        return write(tree(item));
    }

    /** An item as a JSON tree (the anonymizer rewrites trees). */
    static ObjectNode tree(RecordItem item) {
        ObjectNode n = RecordFormat.MAPPER.createObjectNode();
        n.put("item", item.kind());
        n.put("at", item.at());
        if (item instanceof RecordItem.Event e) {
            n.put("event", e.event().getClass().getSimpleName());
            n.setAll((ObjectNode) RecordFormat.MAPPER.valueToTree(e.event()));
        } else if (item instanceof RecordItem.Action a) {
            n.setAll((ObjectNode) RecordFormat.MAPPER.valueToTree(a.action()));
        } else {
            ObjectNode fields = (ObjectNode) RecordFormat.MAPPER.valueToTree(item);
            fields.remove("at");
            n.setAll(fields);
        }
        return n;
    }

    /** The header of a parsed first line. */
    static RecordHeader header(JsonNode n) throws JsonProcessingException {
        return RecordFormat.MAPPER.treeToValue(n, RecordHeader.class);
    }

    /**
     * The item of a parsed line.
     *
     * @throws IllegalArgumentException when the line is JSON but not an item this version knows (says which field)
     */
    static RecordItem item(JsonNode n) throws JsonProcessingException {
        if (!n.isObject()) {
            throw new IllegalArgumentException("the line is not a JSON object");
        }
        String kind = text(n, "item");
        JsonNode atNode = n.get("at");
        if (atNode == null || !atNode.canConvertToLong()) {
            throw new IllegalArgumentException("the \"at\" field is missing or not a number");
        }
        long at = atNode.asLong();
        switch (kind) {
            case "event" -> {
                String type = text(n, "event");
                Class<?> c = EVENT_TYPES.get(type);
                if (c == null) {
                    throw new IllegalArgumentException("unknown event type \"" + type + "\"");
                }
                return new RecordItem.Event(at, (MeshEvent) RecordFormat.MAPPER.treeToValue(n, c));
            }
            case "action" -> {
                return new RecordItem.Action(at, RecordFormat.MAPPER.treeToValue(n, OperatorAction.class));
            }
            case "stats" -> {
                MeshSnapshot mesh = RecordFormat.MAPPER.treeToValue(required(n, "mesh"), MeshSnapshot.class);
                List<ProbeStats> probes = new ArrayList<>();
                for (JsonNode p : required(n, "probes")) {
                    probes.add(RecordFormat.MAPPER.treeToValue(p, ProbeStats.class));
                }
                return new RecordItem.Stats(at, mesh, text(n, "dictionary"), probes);
            }
            case "config" -> {
                return RecordFormat.MAPPER.treeToValue(n, RecordItem.Config.class);
            }
            case "signal" -> {
                return RecordFormat.MAPPER.treeToValue(n, RecordItem.Signal.class);
            }
            case "dropped" -> {
                return RecordFormat.MAPPER.treeToValue(n, RecordItem.Dropped.class);
            }
            default -> throw new IllegalArgumentException("unknown item kind \"" + kind + "\"");
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("the \"" + field + "\" field is missing or not a string");
        }
        return v.asText();
    }

    private static JsonNode required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("the \"" + field + "\" field is missing");
        }
        return v;
    }

    private static String write(JsonNode n) {
        try {
            return RecordFormat.MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a record line could not be written as JSON: " + e.getMessage(), e);
        }
    }
}
