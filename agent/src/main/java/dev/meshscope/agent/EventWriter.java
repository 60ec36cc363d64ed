// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.core.event.MeshEventListener;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the mesh-core event stream, and the agent's own events, as JSON lines: one object per line, with the
 * record's fields and {@code "event"} (the record's simple name) first; every line is flushed, so another process
 * can follow the file while the agent runs. Agent events are {@code AgentStarted}, {@code LobbyNotice}, the lobby's
 * ({@link AgentLobby}: {@code LobbyJoined}, {@code LobbyNamed}, {@code LobbyCreated}, {@code LobbyRoster},
 * {@code LobbySealed}, {@code SignalTrace}, {@code LobbyStopped}),
 * {@code PasteAccepted}, {@code PasteRefused}, {@code ProbeReport}, {@code TrafficReport}, {@code SendReport},
 * {@code SendSummary}, {@code RpcSent}, {@code RelayReport}, {@code RelaySummary}, {@code ImpairmentSet},
 * {@code ImpairmentRefused} and {@code AgentStopped}.
 *
 * <p>Threads: mesh events arrive on the owner thread; agent events from the owner thread or, at shutdown, the main
 * thread. Writes are synchronized. A write failure is reported once on stderr and writing stops.
 */
final class EventWriter implements MeshEventListener, AutoCloseable {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    /** A writer that writes nothing, for runs without {@code --events}. */
    static final EventWriter NONE = new EventWriter(null, null);

    private final Writer out;
    private final Path path;
    private boolean failed;
    /** Also gets every agent event (not mesh events), for {@code --record}; or {@code null}. */
    private volatile java.util.function.Consumer<ObjectNode> tap;

    private EventWriter(Path path, Writer out) {
        this.path = path;
        this.out = out;
    }

    /** A writer that writes no file, only hands agent events to a tap (for {@code --record} without {@code --events}). */
    static EventWriter silent() {
        return new EventWriter(null, null);
    }

    /** Hands every agent event line to {@code t} too (never to {@link #NONE}). */
    void tap(java.util.function.Consumer<ObjectNode> t) {
        if (this == NONE) {
            throw new IllegalStateException("the shared no-op writer cannot be tapped; use silent()");
        }
        tap = t;
    }

    /** Opens (truncates) {@code path}. */
    static EventWriter open(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new EventWriter(path, new BufferedWriter(Files.newBufferedWriter(path, StandardCharsets.UTF_8)));
    }

    @Override
    public void onEvent(MeshEvent event) {
        if (out == null) {
            return; // A silent writer (--record without --events): mesh events are recorded by AgentRecording.
        }
        ObjectNode n = MAPPER.createObjectNode();
        n.put("event", event.getClass().getSimpleName());
        n.setAll((ObjectNode) MAPPER.valueToTree(event));
        n.put("text", event.describe());
        write(n);
    }

    /** An agent event: {@code fields} are alternating names and values. */
    void agentEvent(String name, Object... fields) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("event", name);
        n.put("atMillis", System.currentTimeMillis());
        for (int i = 0; i + 1 < fields.length; i += 2) {
            n.set(String.valueOf(fields[i]), MAPPER.valueToTree(fields[i + 1]));
        }
        tapped(n);
        write(n);
    }

    /**
     * One JSON object on one line, {@code "event": name} first, then {@code fields} (alternating names and values),
     * without a time: for lines printed on stdout ({@code LobbyCreated}). Any thread.
     */
    static String json(String name, Object... fields) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("event", name);
        for (int i = 0; i + 1 < fields.length; i += 2) {
            n.set(String.valueOf(fields[i]), MAPPER.valueToTree(fields[i + 1]));
        }
        try {
            return MAPPER.writeValueAsString(n);
        } catch (IOException e) {
            throw new IllegalStateException("a tree of plain values always serializes", e);
        }
    }

    /** An agent event from a record (its fields), e.g. a probe report. */
    void agentRecord(String name, Record r) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("event", name);
        n.put("atMillis", System.currentTimeMillis());
        n.setAll((ObjectNode) MAPPER.valueToTree(r));
        tapped(n);
        write(n);
    }

    /** An agent event already written as one JSON object (the send summary line). */
    void agentJson(String json) {
        try {
            ObjectNode n = (ObjectNode) MAPPER.readTree(json);
            tapped(n);
            write(n);
        } catch (IOException | ClassCastException e) {
            throw new IllegalArgumentException("not a JSON object: " + json, e);
        }
    }

    private void tapped(ObjectNode n) {
        java.util.function.Consumer<ObjectNode> t = tap;
        if (t != null) {
            t.accept(n);
        }
    }

    private synchronized void write(ObjectNode n) {
        if (failed || out == null) {
            return;
        }
        try {
            out.write(MAPPER.writeValueAsString(n));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            failed = true;
            System.err.println("meshscope agent: cannot write events to " + path + " (" + e.getMessage()
                    + "); events are no longer written.");
        }
    }

    @Override
    public synchronized void close() {
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            // Every line was flushed when written; nothing is lost.
        }
    }
}
