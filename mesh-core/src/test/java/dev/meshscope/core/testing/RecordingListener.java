// SPDX-License-Identifier: MIT
package dev.meshscope.core.testing;

import dev.meshscope.core.MultiplayerPeer;
import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.core.event.MeshEventListener;
import java.util.ArrayList;
import java.util.List;

/** Records Godot signals as "connected:N"/"disconnected:N" and every MeshEvent, for assertions. */
public final class RecordingListener implements MultiplayerPeer.Listener, MeshEventListener {
    /** Signals in order. */
    public final List<String> signals = new ArrayList<>();
    /** Events in order. */
    public final List<MeshEvent> events = new ArrayList<>();

    @Override
    public void peerConnected(int id) {
        signals.add("connected:" + id);
    }

    @Override
    public void peerDisconnected(int id) {
        signals.add("disconnected:" + id);
    }

    @Override
    public void onEvent(MeshEvent event) {
        events.add(event);
    }

    /** Events of one type. */
    public <T extends MeshEvent> List<T> of(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (MeshEvent e : events) {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return out;
    }
}
