// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.session.OperatorAction;
import dev.meshscope.session.SessionState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bridge without a toolkit: the test thread drains, standing for the FX thread. */
class FxBridgeTest {
    private final List<String> seen = new ArrayList<>();
    private final FxBridge bridge = new FxBridge();

    FxBridgeTest() {
        bridge.setReceiver(new FxBridge.Receiver() {
            @Override
            public void onEvent(MeshEvent e) {
                seen.add("event:" + e.peerId());
            }

            @Override
            public void onAction(OperatorAction a) {
                seen.add((a.failed() ? "failed:" : "action:") + a.text());
            }

            @Override
            public void onState(SessionState s) {
                seen.add("state:" + s.atNanos());
            }

            @Override
            public void drained() {
                seen.add("drained");
            }
        });
    }

    private static MeshEvent connected(int id) {
        return new MeshEvent.PeerConnected(System.nanoTime(), System.currentTimeMillis(), id);
    }

    private static SessionState state(long at) {
        SessionState s = SessionState.initial();
        return new SessionState(at, s.mesh(), s.dictionary(), s.probes(), s.pending(), true, s.traffic(), "");
    }

    @Test
    void deliversEventsActionsAndTasksInOrderThenOnlyTheNewestState() {
        bridge.event(connected(3));
        bridge.action(OperatorAction.ok(0, "x", "one"));
        bridge.execute(() -> seen.add("task"));
        bridge.state(state(1));
        bridge.state(state(2));
        bridge.event(connected(4));
        bridge.drain();
        assertThat(seen).containsExactly("event:3", "action:one", "task", "event:4", "state:2", "drained");
    }

    @Test
    void drainsNothingWhenNothingArrived() {
        bridge.drain();
        assertThat(seen).isEmpty();
    }

    @Test
    void boundsAnEventStormAndSaysHowManyEventsWereNotShown() {
        int storm = FxBridge.MAX_QUEUED + 500;
        for (int i = 0; i < storm; i++) {
            bridge.event(connected(i + 1));
        }
        bridge.execute(() -> seen.add("task"));
        assertThat(bridge.queuedCount()).isEqualTo(FxBridge.MAX_QUEUED + 1);
        bridge.drain();
        assertThat(seen.get(0)).startsWith("failed:500 mesh event(s) were not shown");
        assertThat(seen).hasSize(1 + FxBridge.MAX_PER_DRAIN + 1);
        while (bridge.queuedCount() > 0) {
            bridge.drain();
        }
        assertThat(seen)
                .contains("task")
                .filteredOn(s -> s.startsWith("event:"))
                .hasSize(FxBridge.MAX_QUEUED);
    }

    @Test
    void aFailingUpdateIsReportedAndTheRestStillArrives() {
        bridge.execute(() -> {
            throw new IllegalStateException("boom");
        });
        bridge.event(connected(9));
        bridge.drain();
        assertThat(seen.get(0))
                .startsWith("failed:the window failed to show an update: java.lang.IllegalStateException: boom");
        assertThat(seen).contains("event:9");
    }
}
