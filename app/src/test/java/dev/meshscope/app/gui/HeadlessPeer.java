// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui;

import static org.awaitility.Awaitility.await;

import dev.meshscope.core.ConnectionStatus;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.TransferMode;
import dev.meshscope.core.WebRtcRuntime;
import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.session.CreateRequest;
import dev.meshscope.session.MeshSession;
import dev.meshscope.session.OperatorAction;
import dev.meshscope.session.PendingSignal;
import dev.meshscope.session.SessionSink;
import dev.meshscope.session.SessionState;
import dev.meshscope.session.inspect.TappedPacket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A peer in the test, without a window: the real {@link MeshSession} (the same code the window drives), with a
 * sink that keeps the newest state and every action. It answers probe pings (echo is on by default).
 */
final class HeadlessPeer implements SessionSink, AutoCloseable {
    final MeshSession session;
    final AtomicReference<SessionState> state = new AtomicReference<>(SessionState.initial());
    final List<OperatorAction> actions = new CopyOnWriteArrayList<>();
    /** Every packet this peer's inspector tap recorded (read and sent), in order. */
    final List<TappedPacket> tapped = new CopyOnWriteArrayList<>();

    HeadlessPeer(String name, WebRtcRuntime runtime) {
        session = new MeshSession("peer-" + name, runtime, this);
    }

    @Override
    public void event(MeshEvent event) {}

    @Override
    public void action(OperatorAction action) {
        actions.add(action);
    }

    @Override
    public void state(SessionState s) {
        tapped.addAll(s.inspector().packets());
        state.set(s);
    }

    /** Creates the peer and waits until it is created. */
    HeadlessPeer create(NetworkMode mode, int id, List<TransferMode> extras) {
        session.create(new CreateRequest(mode, id, extras, List.of()));
        await("headless peer created")
                .atMost(GuiTestSupport.TIMEOUT)
                .until(() -> state.get().mesh().status() != ConnectionStatus.DISCONNECTED);
        return this;
    }

    /** Applies {@code offerBlob} and returns the answer blob once candidates are gathered. */
    String answer(String offerBlob, int from) {
        session.applyPaste(offerBlob, 0);
        return blobFor(from, PendingSignal.Stage.ANSWER_READY);
    }

    /** Adds peer {@code to} and returns the offer blob. */
    String offer(int to) {
        session.addManualPeer(to);
        return blobFor(to, PendingSignal.Stage.AWAITING_ANSWER);
    }

    private String blobFor(int peer, PendingSignal.Stage stage) {
        AtomicReference<String> blob = new AtomicReference<>();
        await("blob for peer " + peer + " (actions: " + actions + ")")
                .atMost(GuiTestSupport.TIMEOUT)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    for (PendingSignal p : state.get().pending()) {
                        if (p.peerId() == peer && p.stage() == stage) {
                            blob.set(p.blob());
                            return true;
                        }
                    }
                    return false;
                });
        return blob.get();
    }

    /** True when peer {@code id} is connected. */
    boolean connectedTo(int id) {
        var p = state.get().mesh().peer(id);
        return p != null && p.connected();
    }

    @Override
    public void close() {
        session.shutdown();
    }
}
