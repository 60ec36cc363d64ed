// SPDX-License-Identifier: MIT
package dev.meshscope.bench.meshcore;

import dev.meshscope.bench.BenchException;
import dev.meshscope.bench.Deadline;
import dev.meshscope.core.GodotError;
import dev.meshscope.core.MeshThread;
import dev.meshscope.core.MultiplayerPeer;
import dev.meshscope.core.TransferMode;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.core.WebRtcPeerConnection;
import dev.meshscope.core.WebRtcRuntime;
import dev.meshscope.core.event.MeshEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code n} mesh-core peers (ids 1..n, Godot's mesh mode) in one process, each owned by a {@link MeshThread}
 * that polls it as soon as native activity wakes it: one owner thread for all peers (how one process hosts
 * several peers), or one owner thread per peer (how separate MeshScope processes each own theirs: a thread is
 * woken only by its own peer's connections, since a connection wakes only the MeshThread it was created on).
 * Peers share one runtime, or have one each. Each pair is wired through {@link CoreLink}, the larger id
 * offering (the Godot demo rule). After each peer's {@code poll()}, its packets are read with
 * {@code get_packet} and handed to that peer's {@link Handler}.
 *
 * <p>Threads: each peer is built, polled and closed on its owner thread; the benchmark thread waits on futures.
 */
final class CoreMesh implements AutoCloseable {
    /** Receives every packet a peer reads, on that peer's owner thread. */
    interface Handler {
        /**
         * One packet read with {@code get_packet}.
         *
         * @param channel the internal channel index it was read from (0 reliable, 1 ordered, 2 unreliable)
         * @param mode    the transfer mode of that channel
         */
        void onPacket(WebRtcMultiplayerPeer peer, int from, int channel, TransferMode mode, byte[] data);
    }

    /** How often a waiting benchmark thread looks for a failure reported on an owner thread. */
    private static final long FAILURE_CHECK_MILLIS = 20;

    /** Closing a 32-peer mesh closes ~1000 connections: generous, but bounded. */
    private static final long CLOSE_WAIT_SECONDS = 60;

    private static final Handler DISCARD = (peer, from, channel, mode, data) -> {};

    private final List<WebRtcRuntime> runtimes;
    private final int n;
    private final boolean trickle;
    private final List<MeshThread> threads = new ArrayList<>();
    private final WebRtcMultiplayerPeer[] peers;
    private final Handler[] handlers;
    private final Runnable[] afterPoll;
    private final List<List<WebRtcPeerConnection>> offerers = new ArrayList<>();
    private final AtomicInteger connectedReports = new AtomicInteger();
    private final CompletableFuture<Long> allConnected = new CompletableFuture<>();
    private volatile String failure;
    /** The most packets a peer had waiting when its owner thread started reading (written on owner threads). */
    private final AtomicLong peakAvailable = new AtomicLong();

    private CoreMesh(List<WebRtcRuntime> runtimes, boolean threadPerPeer, String name, int n, boolean trickle) {
        if (runtimes.size() != 1 && runtimes.size() != n) {
            throw new IllegalArgumentException("one runtime for all peers, or one per peer");
        }
        if (runtimes.size() > 1 && !threadPerPeer) {
            throw new IllegalArgumentException("one owner thread cannot serve peers on several runtimes");
        }
        this.runtimes = List.copyOf(runtimes);
        this.n = n;
        this.trickle = trickle;
        this.peers = new WebRtcMultiplayerPeer[n];
        this.handlers = new Handler[n];
        this.afterPoll = new Runnable[n];
        Arrays.fill(handlers, DISCARD);
        for (int t = 0; t < (threadPerPeer ? n : 1); t++) {
            MeshThread mt = new MeshThread(
                    threadPerPeer ? name + "-" + (t + 1) : name, runtimes.get(runtimes.size() == 1 ? 0 : t));
            mt.setFailureHandler(
                    e -> fail("a task on owner thread " + mt.thread().getName() + " threw " + e));
            threads.add(mt);
            offerers.add(new ArrayList<>());
        }
    }

    /**
     * Builds the peers and their connections on their owner threads (nothing is offered yet).
     *
     * @param runtimes      one runtime for every peer, or one per peer (then {@code threadPerPeer} must be true)
     * @param threadPerPeer true: each peer gets its own owner thread; false: one owner thread polls them all
     * @param guiPeers      how many peers (from id 1) get a {@link GuiLikeObserver}
     * @param fx            the FX stand-in thread for those observers
     */
    static CoreMesh create(
            List<WebRtcRuntime> runtimes,
            boolean threadPerPeer,
            String name,
            int n,
            boolean trickle,
            int guiPeers,
            Executor fx,
            AtomicLong rendered,
            Deadline deadline)
            throws BenchException {
        CoreMesh m = new CoreMesh(runtimes, threadPerPeer, name, n, trickle);
        try {
            m.build(guiPeers, fx, rendered, deadline);
        } catch (BenchException e) {
            m.close();
            throw e;
        }
        return m;
    }

    private void build(int guiPeers, Executor fx, AtomicLong rendered, Deadline deadline) throws BenchException {
        for (int id = 1; id <= n; id++) {
            int self = id;
            onOwner(
                    id,
                    () -> {
                        peers[self - 1] = newPeer(self);
                        return null;
                    },
                    deadline,
                    "creating peer " + id);
        }
        for (int i = 1; i <= n; i++) {
            for (int j = i + 1; j <= n; j++) {
                int a = i;
                int b = j;
                WebRtcPeerConnection atI = onOwner(i, () -> connection(a, b), deadline, "adding " + j + " to " + i);
                WebRtcPeerConnection atJ = onOwner(j, () -> connection(b, a), deadline, "adding " + i + " to " + j);
                CoreLink.link(atI, atJ, sameThread(i, j) ? Runnable::run : threadOf(j), trickle, this::fail);
                CoreLink.link(atJ, atI, sameThread(i, j) ? Runnable::run : threadOf(i), trickle, this::fail);
                offerers.get(threads.indexOf(threadOf(j))).add(atJ); // The larger id offers (the Godot demo rule).
            }
        }
        for (int id = 1; id <= n; id++) {
            int index = id - 1;
            WebRtcMultiplayerPeer p = peers[index];
            MeshThread mt = threadOf(id);
            mt.addPoller(() -> {
                p.poll();
                read(index, p);
                Runnable r = afterPoll[index];
                if (r != null) {
                    r.run();
                }
            });
            if (id <= guiPeers) {
                onOwner(
                        id,
                        () -> {
                            GuiLikeObserver.attach(mt, p, fx, rendered);
                            return null;
                        },
                        deadline,
                        "attaching the GUI-like observer to peer " + id);
            }
        }
    }

    private WebRtcMultiplayerPeer newPeer(int id) {
        WebRtcMultiplayerPeer p = new WebRtcMultiplayerPeer();
        check(p.createMesh(id), "createMesh(" + id + ")", p);
        int expected = n * (n - 1);
        p.addListener(new MultiplayerPeer.Listener() {
            @Override
            public void peerConnected(int other) {
                if (connectedReports.incrementAndGet() == expected) {
                    allConnected.complete(System.nanoTime());
                }
            }

            @Override
            public void peerDisconnected(int other) {
                fail("peer " + id + " lost peer " + other);
            }
        });
        p.addEventListener(e -> {
            if (e instanceof MeshEvent.ErrorRaised err) {
                fail("peer " + id + ": " + err.describe());
            }
        });
        return p;
    }

    /** A connection on {@code self}'s side to {@code other}, added to {@code self}'s peer. Owner thread of self. */
    private WebRtcPeerConnection connection(int self, int other) {
        WebRtcPeerConnection c = new WebRtcPeerConnection(runtimes.get(runtimes.size() == 1 ? 0 : self - 1));
        check(peers[self - 1].addPeer(c, other), "addPeer(" + other + ") on " + self, peers[self - 1]);
        return c;
    }

    /** Reads every packet available, as a game loop does after poll(). Owner thread. */
    private void read(int index, WebRtcMultiplayerPeer p) {
        Handler h = handlers[index];
        int waiting = p.getAvailablePacketCount();
        if (waiting > peakAvailable.get()) {
            peakAvailable.accumulateAndGet(waiting, Math::max);
        }
        while (p.getAvailablePacketCount() > 0) {
            int from = p.getPacketPeer();
            int channel = p.getPacketChannelIndex(); // Announced before get_packet, which moves on to the next one.
            TransferMode mode = p.getPacketMode();
            byte[] data = p.getPacket();
            h.onPacket(p, from, channel, mode, data);
        }
    }

    /** Sends every offer; returns when the first was sent (System.nanoTime on an owner thread). */
    long start(Deadline deadline) throws BenchException {
        long t0 = Long.MAX_VALUE;
        for (int t = 0; t < threads.size(); t++) {
            List<WebRtcPeerConnection> mine = offerers.get(t);
            t0 = Math.min(
                    t0,
                    await(
                            threads.get(t).call(() -> {
                                long at = System.nanoTime();
                                for (WebRtcPeerConnection c : mine) {
                                    GodotError e = c.createOffer();
                                    if (e != GodotError.OK) {
                                        fail("createOffer returned " + e + ": " + c.getLastFailure());
                                    }
                                }
                                return at;
                            }),
                            deadline,
                            "sending the offers"));
        }
        return t0;
    }

    /** Waits until every peer reported every other connected; returns when (System.nanoTime). */
    long awaitConnected(Deadline deadline) throws BenchException {
        return await(allConnected, deadline, "a mesh-core mesh of " + n + " peers to connect");
    }

    /** The peer with {@code id} (1..n). Its owner thread only. */
    WebRtcMultiplayerPeer peer(int id) {
        return peers[id - 1];
    }

    /** The owner thread of peer {@code id}. */
    MeshThread threadOf(int id) {
        return threads.get(threads.size() == 1 ? 0 : id - 1);
    }

    /** Wake-ups of every owner thread so far, summed (see {@link MeshThread#wakeCount()}). Any thread. */
    long wakeCount() {
        long sum = 0;
        for (MeshThread t : threads) {
            sum += t.wakeCount();
        }
        return sum;
    }

    /** The most packets any peer's receive queues held when its owner thread started reading. Any thread. */
    long peakQueuedPackets() {
        return peakAvailable.get();
    }

    /** How many owner threads this mesh has (1, or one per peer). */
    int threadCount() {
        return threads.size();
    }

    /** Sets who reads peer {@code id}'s packets (null: they are read and dropped). Owner thread of that peer. */
    void setHandler(int id, Handler h) {
        handlers[id - 1] = h == null ? DISCARD : h;
    }

    /** Sets a task run after each poll of peer {@code id} (a sender topping up), or null. Its owner thread. */
    void setAfterPoll(int id, Runnable r) {
        afterPoll[id - 1] = r;
    }

    /** Records the first failure; waits then stop with it. Any thread. */
    void fail(String why) {
        if (failure == null) {
            failure = why;
        }
    }

    /**
     * Waits for {@code f}, looking for a failure on an owner thread every few milliseconds.
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

    /** Closes every peer (and so every connection) on its owner thread, then stops the threads. */
    @Override
    public void close() {
        try {
            for (int id = 1; id <= n; id++) {
                WebRtcMultiplayerPeer p = peers[id - 1];
                if (p != null) {
                    threadOf(id)
                            .call(() -> {
                                p.close();
                                return null;
                            })
                            .get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            fail("closing the peers: " + e);
        } finally {
            for (MeshThread t : threads) {
                t.close();
            }
        }
    }

    private <T> T onOwner(int id, Callable<T> task, Deadline deadline, String what) throws BenchException {
        CompletableFuture<T> f = threadOf(id).call(task);
        await(f.thenApply(v -> Boolean.TRUE), deadline, what);
        return f.join();
    }

    private boolean sameThread(int i, int j) {
        return threadOf(i) == threadOf(j);
    }

    private void check(GodotError e, String what, WebRtcMultiplayerPeer p) {
        if (e != GodotError.OK) {
            fail(what + " returned " + e + ": " + p.getLastFailure());
        }
    }
}
