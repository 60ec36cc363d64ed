// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui;

import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.session.OperatorAction;
import dev.meshscope.session.SessionSink;
import dev.meshscope.session.SessionState;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javafx.animation.AnimationTimer;

/**
 * The one way onto the FX thread. The mesh thread (and any other thread) hands it events, actions, FX tasks
 * and states without ever blocking; it queues them, and an {@link AnimationTimer} drains the queue on the FX
 * thread in order, at most once per pulse and never more often than {@link #MIN_DRAIN_INTERVAL_NANOS}. States
 * are coalesced: only the newest one is applied per drain. Nothing else in MeshScope calls
 * {@code Platform.runLater} (an ArchUnit test checks it).
 *
 * <p>Memory stays bounded: past {@link #MAX_QUEUED} waiting items, further mesh events are counted instead of
 * queued and the next drain reports how many were not shown. Actions and FX tasks are never dropped (they are
 * few: one per operator command).
 */
public final class FxBridge implements SessionSink, Executor {
    /** Items waiting for the FX thread at most: a few seconds of an event storm, a few MB. */
    public static final int MAX_QUEUED = 20_000;
    /** Items handled per drain at most, so one drain never holds a pulse for long; the rest wait one pulse. */
    public static final int MAX_PER_DRAIN = 2_000;
    /** About 60 drains a second at most (one per 60 Hz pulse). */
    public static final long MIN_DRAIN_INTERVAL_NANOS = 15_000_000L;

    /** What the FX side does with what arrives. Every method is called on the FX thread, from {@link #drain()}. */
    public interface Receiver {
        /** One mesh event, in emission order. */
        void onEvent(MeshEvent event);

        /** One operator action outcome, in order with the events. */
        void onAction(OperatorAction action);

        /** The newest state (older ones that were never shown are skipped). */
        void onState(SessionState state);

        /** Called once at the end of every drain that handled something, to flush batched updates. */
        default void drained() {}
    }

    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong droppedEvents = new AtomicLong();
    private final AtomicReference<SessionState> latest = new AtomicReference<>();
    private volatile Receiver receiver;
    private AnimationTimer timer;
    private long lastDrain;
    private volatile long maxDrainNanos;
    private volatile long itemsDrained;

    /** Sets who receives (FX thread, before {@link #start()}). */
    public void setReceiver(Receiver r) {
        receiver = Objects.requireNonNull(r);
    }

    /** Starts draining on every pulse. FX thread. */
    public void start() {
        if (timer != null) {
            return;
        }
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (now - lastDrain >= MIN_DRAIN_INTERVAL_NANOS) {
                    lastDrain = now;
                    drain();
                }
            }
        };
        timer.start();
    }

    /** Stops draining. FX thread. */
    public void stop() {
        if (timer != null) {
            timer.stop();
            timer = null;
        }
    }

    @Override
    public void event(MeshEvent event) {
        if (queued.get() >= MAX_QUEUED) {
            droppedEvents.incrementAndGet();
            return;
        }
        enqueue(event);
    }

    @Override
    public void action(OperatorAction action) {
        enqueue(action);
    }

    /**
     * Keeps {@code state} as the newest; a state not drawn yet is replaced, but the inspector's packets it carried are
     * joined in front of the new state's ({@link SessionState#after}), so the packet list loses nothing but what its
     * bound drops (and counts).
     */
    @Override
    public void state(SessionState state) {
        latest.accumulateAndGet(state, (older, newer) -> older == null ? newer : newer.after(older));
    }

    /** Runs {@code fxTask} on the FX thread, in order with the events and actions queued before it. Any thread. */
    @Override
    public void execute(Runnable fxTask) {
        enqueue(Objects.requireNonNull(fxTask));
    }

    private void enqueue(Object o) {
        queued.incrementAndGet();
        queue.add(o);
    }

    /** How many items wait for the FX thread now. */
    public int queuedCount() {
        return queued.get();
    }

    /**
     * Hands what is queued to the receiver: up to {@link #MAX_PER_DRAIN} items in order, then the newest state.
     * FX thread (the timer calls it; a view-model test may call it on its own thread, which then stands for the
     * FX thread).
     */
    public void drain() {
        Receiver r = receiver;
        if (r == null) {
            return;
        }
        long t0 = System.nanoTime();
        long items = 0;
        boolean any = false;
        long dropped = droppedEvents.getAndSet(0);
        if (dropped > 0) {
            any = true;
            r.onAction(OperatorAction.failed(
                    0,
                    "event log",
                    dropped + " mesh event(s) were not shown: they arrived "
                            + "faster than the window can list them (counters and states stay exact)."));
        }
        for (int i = 0; i < MAX_PER_DRAIN; i++) {
            Object o = queue.poll();
            if (o == null) {
                break;
            }
            queued.decrementAndGet();
            any = true;
            items++;
            try {
                if (o instanceof MeshEvent e) {
                    r.onEvent(e);
                } else if (o instanceof OperatorAction a) {
                    r.onAction(a);
                } else {
                    ((Runnable) o).run();
                }
            } catch (RuntimeException ex) {
                r.onAction(OperatorAction.failed(
                        0,
                        "internal",
                        "the window failed to show an update: " + ex
                                + " (the window goes on; please report this with the exported log)."));
            }
        }
        SessionState s = latest.getAndSet(null);
        if (s != null) {
            any = true;
            r.onState(s);
        }
        if (any) {
            r.drained();
        }
        long took = System.nanoTime() - t0;
        if (took > maxDrainNanos) {
            maxDrainNanos = took;
        }
        itemsDrained += items;
    }

    /** The longest single drain so far (FX-thread time spent applying updates), in nanoseconds. */
    public long maxDrainNanos() {
        return maxDrainNanos;
    }

    /** Events, actions and tasks handed to the receiver so far. */
    public long itemsDrained() {
        return itemsDrained;
    }
}
