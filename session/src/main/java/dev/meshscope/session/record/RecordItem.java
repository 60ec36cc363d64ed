// SPDX-License-Identifier: MIT
package dev.meshscope.session.record;

import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.core.probe.ProbeStats;
import dev.meshscope.core.snapshot.MeshSnapshot;
import dev.meshscope.session.OperatorAction;
import java.util.List;
import java.util.Objects;

/**
 * One line of a session record after the header. Every item carries {@code at}: microseconds since the epoch on the
 * record's clock ({@link RecordClock}). Immutable records; the line format is in {@code docs/records.md}.
 */
public sealed interface RecordItem {
    /** When it happened, on the record's clock (microseconds since the epoch). */
    long at();

    /** The value of the line's {@code "item"} field. */
    String kind();

    /**
     * The multiplayer peer was created (or re-created) with this configuration.
     *
     * @param mode       "server", "client" or "mesh"
     * @param uniqueId   this peer's id
     * @param channels   every channel's transfer mode name, 3 defaults then extras
     * @param iceServers the ICE server URLs only: user names and credentials are never recorded
     */
    record Config(long at, String mode, int uniqueId, List<String> channels, List<String> iceServers)
            implements RecordItem {
        /** Copies the lists. */
        public Config {
            channels = List.copyOf(channels);
            iceServers = List.copyOf(iceServers);
        }

        @Override
        public String kind() {
            return "config";
        }
    }

    /** One mesh-core event, as emitted (every {@link MeshEvent} type, impairment changes and clock samples too). */
    record Event(long at, MeshEvent event) implements RecordItem {
        /** Checks the event. */
        public Event {
            Objects.requireNonNull(event, "event");
        }

        @Override
        public String kind() {
            return "event";
        }
    }

    /**
     * A periodic sample of the whole state: {@code get_peers()} with every channel's counters and states, the
     * dictionary as Godot prints it, and the probe results per (peer, channel).
     */
    record Stats(long at, MeshSnapshot mesh, String dictionary, List<ProbeStats> probes) implements RecordItem {
        /** Copies the list. */
        public Stats {
            Objects.requireNonNull(mesh, "mesh");
            Objects.requireNonNull(dictionary, "dictionary");
            probes = List.copyOf(probes);
        }

        @Override
        public String kind() {
            return "stats";
        }
    }

    /** An operator command and its outcome (or a problem the session found). */
    record Action(long at, OperatorAction action) implements RecordItem {
        /** Checks the action. */
        public Action {
            Objects.requireNonNull(action, "action");
        }

        @Override
        public String kind() {
            return "action";
        }
    }

    /**
     * One signaling message sent or received on any path (the fields of the signaling timeline's {@code SignalTrace}).
     *
     * @param direction "SENT" or "RECEIVED"
     * @param path      "websocket", "folder" or "manual"
     * @param type      the demo type code, -1 when unreadable
     * @param from      sender id, 0 for the server or unknown
     * @param to        addressee id, 0 for the server or unknown
     * @param size      UTF-8 bytes on the wire
     * @param data      the message's data (SDP, candidate, ...) or the refused raw text, as traced
     * @param verdict   "OK", "REFUSED" or "UNEXPECTED"
     * @param note      one sentence, or ""
     */
    record Signal(
            long at,
            String direction,
            String path,
            int type,
            int from,
            int to,
            int size,
            String data,
            String verdict,
            String note)
            implements RecordItem {
        @Override
        public String kind() {
            return "signal";
        }
    }

    /**
     * Items the writer could not keep: {@code count} items were dropped since the previous such line because the
     * writer's queue was full (the disk could not keep up); {@code total} counts every drop of the record.
     */
    record Dropped(long at, long count, long total) implements RecordItem {
        @Override
        public String kind() {
            return "dropped";
        }
    }
}
