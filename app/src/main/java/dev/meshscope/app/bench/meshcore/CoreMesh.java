// SPDX-License-Identifier: MIT
package dev.meshscope.app.bench.meshcore;

import dev.meshscope.app.bench.BenchException;
import dev.meshscope.app.bench.Deadline;
import dev.meshscope.core.GodotError;
import dev.meshscope.core.MeshThread;
import dev.meshscope.core.MultiplayerPeer;
import dev.meshscope.core.TransferMode;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.core.WebRtcPeerConnection;
import dev.meshscope.core.WebRtcRuntime;
import dev.meshscope.core.event.MeshEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code n} mesh-core peers (ids 1..n, Godot's mesh mode) in one process, all owned by one {@link MeshThread}
 * and polled by it as soon as native activity wakes it, each pair wired through {@link CoreLink} with the
 * larger id offering (the Godot demo rule). After each peer's {@code poll()}, its packets are read with
 * {@code get_packet} and handed to that peer's {@link Handler}.
 *
 * <p>Threads: built, polled and closed on the owner thread; the benchmark thread waits on futures.
 */
final class CoreMesh implements AutoCloseable {
    /** Receives every packet a peer reads, on the owner thread. */
    interface Handler {
        void onPacket(WebRtcMultiplayerPeer peer, int from, TransferMode mode, byte[] data);
    }

    /** How often a waiting benchmark thread looks for a failure reported on the owner thread. */
    private static final long FAILURE_CHECK_MILLIS = 20;

    /** Closing a 32-peer mesh closes ~1000 connections: generous, but bounded. */
    private static final long CLOSE_WAIT_SECONDS = 60;

    private static final Handler DISCARD = (peer, from, mode, data) -> { };

    private final MeshThread thread;
    private final WebRtcRuntime runtime;
    private final int n;
    private final boolean trickle;
    private final List<WebRtcMultiplayerPeer> peers = new ArrayList<>();
    private final List<WebRtcPeerConnection> offerers = new ArrayList<>();
    private final Handler[] handlers;
    private final CompletableFuture<Long> allConnected = new CompletableFuture<>();
    private int connectedReports;
    private Runnable afterPoll;
    private volatile String failure;

    private CoreMesh(WebRtcRuntime runtime, String name, int n, boolean trickle) {
        this.runtime = runtime;
        this.n = n;
        this.trickle = trickle;
        this.handlers = new Handler[n];
        java.util.Arrays.fill(handlers, DISCARD);
        this.thread = new MeshThread(name, runtime);
        this.thread.setFailureHandler(t -> fail("a task on the owner thread threw " + t));
    }

    /**
     * Builds the peers and their connections on a new owner thread (nothing is offered yet).
     *
     * @param guiPeers how many peers (from id 1) get a {@link GuiLikeObserver}
     * @param fx       the FX stand-in thread for those observers
     */
    static CoreMesh create(WebRtcRuntime runtime, String name, int n, boolean trickle, int guiPeers, Executor fx,
                           AtomicLong rendered, Deadline deadline) throws BenchException {
        CoreMesh m = new CoreMesh(runtime, name, n, trickle);
        try {
            m.await(m.thread.call(() -> {
                m.build(guiPeers, fx, rendered);
                return Boolean.TRUE;
            }), deadline, "building " + n + " mesh-core peers");
        } catch (BenchException e) {
            m.close();
            throw e;
        }
        return m;
    }

    private void build(int guiPeers, Executor fx, AtomicLong rendered) {
        int expected = n * (n - 1);
        for (int id = 1; id <= n; id++) {
            WebRtcMultiplayerPeer p = new WebRtcMultiplayerPeer();
            check(p.createMesh(id), "createMesh(" + id + ")", p);
            int self = id;
            p.addListener(new MultiplayerPeer.Listener() {
                @Override
                public void peerConnected(int other) {
                    if (++connectedReports == expected) {
                        allConnected.complete(System.nanoTime());
                    }
                }

                @Override
                public void peerDisconnected(int other) {
                    fail("peer " + self + " lost peer " + other);
                }
            });
            p.addEventListener(e -> {
                if (e instanceof MeshEvent.ErrorRaised err) {
                    fail("peer " + self + ": " + err.describe());
                }
            });
            peers.add(p);
        }
        for (int i = 1; i <= n; i++) {
            for (int j = i + 1; j <= n; j++) {
                WebRtcPeerConnection atI = new WebRtcPeerConnection(runtime);
                WebRtcPeerConnection atJ = new WebRtcPeerConnection(runtime);
                check(peer(i).addPeer(atI, j), "addPeer(" + j + ")", peer(i));
                check(peer(j).addPeer(atJ, i), "addPeer(" + i + ")", peer(j));
                CoreLink.link(atI, atJ, trickle, this::fail);
                CoreLink.link(atJ, atI, trickle, this::fail);
                offerers.add(atJ); // The larger id offers (the Godot demo rule).
            }
        }
        for (int k = 0; k < n; k++) {
            int index = k;
            WebRtcMultiplayerPeer p = peers.get(k);
            thread.addPoller(() -> {
                p.poll();
                read(index, p);
            });
        }
        thread.addPoller(() -> {
            Runnable r = afterPoll;
            if (r != null) {
                r.run();
            }
        });
        for (int k = 0; k < Math.min(guiPeers, n); k++) {
            GuiLikeObserver.attach(thread, peers.get(k), fx, rendered);
        }
    }

    /** Reads every packet available, as a game loop does after poll(). Owner thread. */
    private void read(int index, WebRtcMultiplayerPeer p) {
        Handler h = handlers[index];
        while (p.getAvailablePacketCount() > 0) {
            int from = p.getPacketPeer();
            TransferMode mode = p.getPacketMode();
            byte[] data = p.getPacket();
            h.onPacket(p, from, mode, data);
        }
    }

    /** Sends every offer; returns when it started (System.nanoTime on the owner thread). */
    long start(Deadline deadline) throws BenchException {
        return await(thread.call(() -> {
            long t0 = System.nanoTime();
            for (WebRtcPeerConnection c : offerers) {
                GodotError e = c.createOffer();
                if (e != GodotError.OK) {
                    fail("createOffer returned " + e + ": " + c.getLastFailure());
                }
            }
            return t0;
        }), deadline, "sending the offers");
    }

    /** Waits until every peer reported every other connected; returns when (System.nanoTime). */
    long awaitConnected(Deadline deadline) throws BenchException {
        return await(allConnected, deadline, "a mesh-core mesh of " + n + " peers to connect");
    }

    /** The peer with {@code id} (1..n). Owner thread. */
    WebRtcMultiplayerPeer peer(int id) {
        return peers.get(id - 1);
    }

    /** Sets who reads peer {@code id}'s packets. Owner thread. */
    void setHandler(int id, Handler h) {
        handlers[id - 1] = h == null ? DISCARD : h;
    }

    /** Sets a task run after every poll of every peer (a sender topping up its queue), or null. Owner thread. */
    void setAfterPoll(Runnable r) {
        afterPoll = r;
    }

    /** The owner thread. */
    MeshThread thread() {
        return thread;
    }

    /** Records the first failure; waits then stop with it. Any thread. */
    void fail(String why) {
        if (failure == null) {
            failure = why;
        }
    }

    /**
     * Waits for {@code f}, looking for a failure on the owner thread every few milliseconds.
     *
     * @throws BenchException on failure, time-out or interruption, naming {@code what}
     */
    <T> T await(CompletableFuture<T> f, Deadline deadline, String what) throws BenchException {
        while (true) {
            deadline.check("waiting for " + what);
            T v = awaitUpTo(f, Math.min(FAILURE_CHECK_MILLIS, Math.max(1, deadline.remainingMillis())), what);
            if (v != null) {
                return v;
            }
        }
    }

    /**
     * Waits up to {@code millis} for {@code f}; returns its value, or null when it is not done yet.
     *
     * @throws BenchException when a failure was reported, {@code f} failed, or the wait was interrupted
     */
    <T> T awaitUpTo(CompletableFuture<T> f, long millis, String what) throws BenchException {
        String why = failure;
        if (why != null) {
            throw new BenchException("waiting for " + what + ": " + why);
        }
        try {
            return f.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            throw new BenchException("waiting for " + what + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while waiting for " + what, e);
        }
    }

    /** Closes every peer (and so every connection) on the owner thread, then stops the thread. */
    @Override
    public void close() {
        try {
            thread.call(() -> {
                for (WebRtcMultiplayerPeer p : peers) {
                    p.close();
                }
                return Boolean.TRUE;
            }).get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            fail("closing the peers: " + e);
        } finally {
            thread.close();
        }
    }

    private void check(GodotError e, String what, WebRtcMultiplayerPeer p) {
        if (e != GodotError.OK) {
            fail(what + " returned " + e + ": " + p.getLastFailure());
        }
    }
}
