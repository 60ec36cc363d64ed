// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.folder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.meshscope.signaling.message.MessageType;
import dev.meshscope.signaling.message.ModeNames;
import dev.meshscope.signaling.message.SignalJson;
import dev.meshscope.signaling.message.SignalMessage;
import dev.meshscope.signaling.session.LobbyNotice;
import dev.meshscope.signaling.session.SignalTransport;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;

/**
 * Signaling through a shared folder (local disk, NFS, SMB), playing the demo server's part for this peer
 * (layout in {@link FolderLayout}): it announces itself with a presence file and a heartbeat, delivers
 * {@code ID} then {@code PEER_CONNECT}/{@code PEER_DISCONNECT} by the demo's lobby rules ({@link Roster}), writes
 * each relayed message as one file in the addressee's inbox, reads its own inbox in order, and delivers
 * {@code SEAL} when peer 1 seals the folder.
 *
 * <p>Nothing is lost and nothing is fatal: a malformed, oversized, misnamed or unknown file, or a message left over
 * from an earlier run, is moved to {@code rejected/} with a {@code .reason} file and reported as a notice. Only two
 * things stop the transport: another live process with the same id, and a sealed folder at start-up.
 *
 * <p>Threads: one thread ({@code folder-signal-<id>}) does all file I/O and calls the sink; a second one only waits
 * for watch events and wakes the first. The folder is also scanned every {@code pollInterval}, because network
 * filesystems deliver no watch events. {@link #send} and {@link #close} may be called from any thread.
 */
public final class FolderTransport implements SignalTransport {
    /** Largest message file read: the largest SDP accepted is 64 KiB; anything bigger was not written by MeshScope. */
    public static final int MAX_MESSAGE_BYTES = 128 * 1024;
    /** Largest presence file read: a real one is about 200 bytes. */
    public static final int MAX_PRESENCE_BYTES = 4096;
    /** How long {@link #close()} waits for the I/O thread to remove the presence file and stop. */
    private static final long CLOSE_JOIN_MILLIS = 5000;

    private static final Object WAKE = new Object();

    private final FolderOptions options;
    private final FolderLayout layout;
    private final int ownId;
    private final String instance = HexFormat.of().formatHex(FolderLayout.randomBytes(8));
    private final long startMillis = System.currentTimeMillis();
    private final LinkedBlockingQueue<Object> work = new LinkedBlockingQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean begun = new AtomicBoolean();
    private volatile boolean running = true;
    private volatile Thread ioThread;

    // Confined to the I/O thread.
    private Sink sink;
    private Roster roster;
    private WatchService watch;
    private Presence presence;
    private long nextSeq;
    private boolean sealed;
    private long nextBeatNanos;
    private boolean beatFailing;
    private String fatal;
    private final Map<String, Long> heldSince = new HashMap<>();

    /** A transport for one peer; nothing happens on disk before {@link #start}. */
    public FolderTransport(FolderOptions options) {
        this.options = options;
        this.layout = new FolderLayout(options.dir());
        this.ownId = options.ownId();
    }

    /** This run's instance token (written in the presence file and in every message). */
    public String instance() {
        return instance;
    }

    /** The folder's absolute path. */
    public Path dir() {
        return layout.root;
    }

    @Override
    public void start(Sink sink) {
        if (!begun.compareAndSet(false, true)) {
            throw new IllegalStateException("the folder transport is already started");
        }
        this.sink = sink;
        Thread t = new Thread(this::run, "folder-signal-" + ownId);
        t.setDaemon(true);
        ioThread = t;
        t.start();
    }

    @Override
    public void send(SignalMessage message) {
        work.add(message);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        running = false;
        work.add(WAKE);
        Thread t = ioThread;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(CLOSE_JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---------------------------------------------------------------- I/O thread

    private void run() {
        String startProblem = startUp();
        if (startProblem != null) {
            closeWatch();
            sink.closed(startProblem);
            return;
        }
        while (running) {
            try {
                long waitNanos = Math.min(options.pollInterval().toNanos(), Math.max(0, nextBeatNanos - System.nanoTime()));
                Object item = work.poll(waitNanos, TimeUnit.NANOSECONDS);
                while (item != null) {
                    if (item instanceof SignalMessage m) {
                        write(m);
                    }
                    item = work.poll();
                }
                scan();
                if (System.nanoTime() - nextBeatNanos >= 0) {
                    beat();
                }
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                sink.notice(LobbyNotice.warning(0, "Folder signaling hit an unexpected error and goes on: " + e));
            }
        }
        shutDown();
    }

    /** Creates the folders, refuses a sealed lobby or a live duplicate id, writes the presence, sends ID. */
    private String startUp() {
        try {
            layout.create(ownId);
        } catch (IOException e) {
            return "cannot use the signaling folder " + layout.root + ": " + e + ". Check that it exists and is writable.";
        }
        if (Files.exists(layout.sealed)) {
            return "the lobby in " + layout.root + " is sealed, so no peer can join it. Delete " + layout.sealed
                    + " or use another folder to start a new lobby.";
        }
        Path own = layout.presenceOf(ownId);
        Presence existing = readPresenceQuietly(own);
        if (existing != null && !existing.instance().equals(instance)) {
            long age = System.currentTimeMillis() - existing.time();
            if (age < options.staleAfter().toMillis()) {
                return "another process (pid " + existing.pid() + " on " + existing.host() + ") is already peer " + ownId
                        + " in " + layout.root + " (its last heartbeat is " + Math.max(age, 0) + " ms old). Two processes "
                        + "cannot share an id: pick another one.";
            }
            sink.notice(LobbyNotice.info(0, "Taking over id " + ownId + " from a stale presence file (last heartbeat "
                    + age / 1000 + " s ago, pid " + existing.pid() + " on " + existing.host() + ")."));
        }
        presence = new Presence(ownId, ModeNames.name(options.mode()), ModeNames.toInts(options.channels()), instance,
                ProcessHandle.current().pid(), hostName(), 0, System.currentTimeMillis());
        try {
            FolderLayout.writeAtomically(own, json(presence));
        } catch (IOException e) {
            return "cannot write this peer's presence file " + own + ": " + e;
        }
        nextBeatNanos = System.nanoTime() + options.heartbeat().toNanos();
        roster = new Roster(options);
        startWatching();
        sink.received(SignalMessage.of(MessageType.ID, ownId, options.mode() == dev.meshscope.core.NetworkMode.MESH
                ? "true" : ""));
        sink.received(SignalMessage.of(MessageType.JOIN, 0, layout.root.toString()));
        return null;
    }

    private void startWatching() {
        try {
            watch = FileSystems.getDefault().newWatchService();
            for (Path p : List.of(layout.root, layout.peers, layout.inboxOf(ownId))) {
                p.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
            }
        } catch (IOException | UnsupportedOperationException e) {
            closeWatch();
            sink.notice(LobbyNotice.info(0, "The folder cannot be watched (" + e.getMessage() + "); scanning it every "
                    + options.pollInterval().toMillis() + " ms instead."));
            return;
        }
        WatchService ws = watch;
        Thread w = new Thread(() -> {
            try {
                while (true) {
                    WatchKey k = ws.take();
                    k.pollEvents();
                    k.reset();
                    work.add(WAKE);
                }
            } catch (ClosedWatchServiceException | InterruptedException e) {
                // Closed by shutDown: the watcher's job is over.
            }
        }, "folder-watch-" + ownId);
        w.setDaemon(true);
        w.start();
    }

    private void scan() {
        long nowNanos = System.nanoTime();
        long nowMillis = System.currentTimeMillis();
        Set<Integer> seen = new HashSet<>();
        Roster.Out out = new Roster.Out() {
            @Override
            public void message(SignalMessage m) {
                sink.received(m);
            }

            @Override
            public void notice(LobbyNotice n) {
                sink.notice(n);
            }
        };
        for (Path f : list(layout.peers)) {
            String name = f.getFileName().toString();
            if (FolderLayout.isTemp(name) || !Files.isRegularFile(f)) {
                continue;
            }
            int id = FolderLayout.presenceId(name);
            if (id < 0) {
                reject(f, 0, "not a presence file: presence files are named <peer id>.json");
                continue;
            }
            Presence p = readPresence(f, id);
            if (p == null) {
                continue;
            }
            if (id == ownId) {
                if (!p.instance().equals(instance)) {
                    duplicate(p);
                    return;
                }
                continue;
            }
            seen.add(id);
            roster.observe(p, nowNanos, nowMillis, out);
        }
        if (!sealed && Files.exists(layout.sealed)) {
            sealed = true;
            sink.received(SignalMessage.of(MessageType.SEAL, 0, ""));
        }
        roster.endScan(seen, nowNanos, sealed, out);
        readInbox();
    }

    private void readInbox() {
        List<Path> files = new ArrayList<>();
        for (Path f : list(layout.inboxOf(ownId))) {
            String name = f.getFileName().toString();
            if (FolderLayout.isTemp(name) || !Files.isRegularFile(f)) {
                continue;
            }
            if (!FolderLayout.MESSAGE.matcher(name).matches()) {
                reject(f, 0, "not a message file: messages are named <from>-<start>-<seq>.json");
                continue;
            }
            files.add(f);
        }
        files.sort((a, b) -> compareNames(a.getFileName().toString(), b.getFileName().toString()));
        Set<String> present = new HashSet<>();
        for (Path f : files) {
            present.add(f.getFileName().toString());
            readMessage(f);
        }
        heldSince.keySet().retainAll(present);
    }

    private void readMessage(Path f) {
        String name = f.getFileName().toString();
        Matcher m = FolderLayout.MESSAGE.matcher(name);
        m.matches();
        int from = FolderLayout.parseId(m.group(1));
        if (from < 0) {
            reject(f, 0, "the sender id in the name is out of range");
            return;
        }
        String text;
        try {
            text = FolderLayout.readLimited(f, MAX_MESSAGE_BYTES);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            sink.notice(LobbyNotice.warning(from, "Could not read " + name + " (" + e.getMessage() + "); will retry."));
            return;
        }
        if (text == null) {
            reject(f, from, "larger than " + MAX_MESSAGE_BYTES + " bytes: no signaling message is this big");
            return;
        }
        FolderEnvelope env;
        try {
            JsonNode n = SignalJson.MAPPER.readTree(text);
            SignalMessage checked = SignalJson.fromTree(n);
            env = SignalJson.MAPPER.treeToValue(n, FolderEnvelope.class);
            env = new FolderEnvelope(checked.type(), checked.id(), checked.data(), env.fromInstance(), env.toInstance());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            reject(f, from, "not a signaling message: " + (e instanceof JsonProcessingException j ? j.getOriginalMessage()
                    : e.getMessage()));
            return;
        }
        if (env.id() != from) {
            reject(f, from, "the file is named for sender " + from + " but the message says it is from " + env.id());
            return;
        }
        MessageType type = MessageType.fromCode(env.type());
        if (type == null) {
            reject(f, from, "unknown message type " + env.type());
            return;
        }
        if (type != MessageType.OFFER && type != MessageType.ANSWER && type != MessageType.CANDIDATE) {
            reject(f, from, "peers relay only OFFER, ANSWER and CANDIDATE through the folder, not " + type);
            return;
        }
        if (!instance.equals(env.toInstance())) {
            reject(f, from, "addressed to an earlier run of peer " + ownId + " (left over from before it restarted)");
            return;
        }
        if (!roster.isAnnounced(from)) {
            long first = heldSince.computeIfAbsent(name, k -> System.nanoTime());
            if (System.nanoTime() - first > options.staleAfter().toNanos()) {
                reject(f, from, "from peer " + from + ", which is not (or no longer) a peer of this lobby");
            }
            return;
        }
        if (!roster.instanceOf(from).equals(env.fromInstance())) {
            reject(f, from, "from an earlier run of peer " + from + " (left over from before it restarted)");
            return;
        }
        try {
            Files.delete(f);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            sink.notice(LobbyNotice.warning(from, "Could not remove the consumed message " + name + " (" + e.getMessage()
                    + "); it would be delivered twice, so signaling from this folder stops being reliable."));
        }
        sink.received(new SignalMessage(env.type(), from, env.data()));
    }

    private void write(SignalMessage m) {
        MessageType type = m.knownType();
        if (type == MessageType.SEAL) {
            if (ownId != 1) {
                sink.notice(LobbyNotice.warning(0, "Only the host (peer 1) can seal the lobby."));
                return;
            }
            try {
                FolderLayout.writeAtomically(layout.sealed, "{\"by\":1,\"instance\":\"" + instance + "\",\"time\":"
                        + System.currentTimeMillis() + "}\n");
            } catch (IOException e) {
                sink.notice(LobbyNotice.warning(0, "Could not seal the folder: " + e.getMessage()));
            }
            return;
        }
        if (type != MessageType.OFFER && type != MessageType.ANSWER && type != MessageType.CANDIDATE) {
            sink.notice(LobbyNotice.warning(m.id(), "The folder transport only relays OFFER, ANSWER and CANDIDATE; "
                    + "dropped " + m.brief() + "."));
            return;
        }
        int to = m.id();
        if (to < 1 || to == ownId) {
            sink.notice(LobbyNotice.warning(0, "Dropped " + m.brief() + ": " + to + " is not another peer's id."));
            return;
        }
        FolderEnvelope env = new FolderEnvelope(m.type(), ownId, m.data(), instance, roster.instanceOf(to));
        Path target = layout.inboxOf(to).resolve(FolderLayout.messageName(ownId, startMillis, nextSeq++));
        try {
            Files.createDirectories(target.getParent());
            FolderLayout.writeAtomically(target, json(env));
        } catch (IOException e) {
            sink.notice(LobbyNotice.warning(to, "Could not write " + m.brief() + " for peer " + to + ": " + e));
        }
    }

    private void beat() {
        nextBeatNanos = System.nanoTime() + options.heartbeat().toNanos();
        presence = presence.next(System.currentTimeMillis());
        try {
            FolderLayout.writeAtomically(layout.presenceOf(ownId), json(presence));
            if (beatFailing) {
                beatFailing = false;
                sink.notice(LobbyNotice.info(0, "The heartbeat is written again."));
            }
        } catch (IOException e) {
            if (!beatFailing) {
                beatFailing = true;
                sink.notice(LobbyNotice.warning(0, "Could not write the heartbeat (" + e + "); other peers will report "
                        + "this one gone if it goes on."));
            }
        }
    }

    private void duplicate(Presence other) {
        fatal = "another process (pid " + other.pid() + " on " + other.host() + ") wrote this peer's presence file: two "
                + "processes are using id " + ownId + " in " + layout.root + ". Restart one of them with another id.";
        running = false;
    }

    private void shutDown() {
        Path own = layout.presenceOf(ownId);
        Presence p = readPresenceQuietly(own);
        if (p != null && p.instance().equals(instance)) {
            try {
                Files.deleteIfExists(own);
            } catch (IOException e) {
                // Others will see the heartbeat stop and report this peer gone after staleAfter.
            }
        }
        closeWatch();
        sink.closed(fatal != null ? fatal : "this peer left the signaling folder");
    }

    private void closeWatch() {
        if (watch != null) {
            try {
                watch.close();
            } catch (IOException e) {
                // Nothing left to release.
            }
            watch = null;
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Reads and checks a presence file; a bad one is moved aside (and {@code null} returned). */
    private Presence readPresence(Path f, int id) {
        String text;
        try {
            text = FolderLayout.readLimited(f, MAX_PRESENCE_BYTES);
        } catch (IOException e) {
            return null;
        }
        if (text == null) {
            reject(f, id, "larger than " + MAX_PRESENCE_BYTES + " bytes: not a presence file");
            return null;
        }
        Presence p;
        try {
            p = SignalJson.MAPPER.readValue(text, Presence.class);
        } catch (JsonProcessingException e) {
            reject(f, id, "not a presence file: " + e.getOriginalMessage());
            return null;
        }
        String problem = p.problem(id);
        if (problem != null) {
            reject(f, id, "not a valid presence file: " + problem);
            return null;
        }
        return p;
    }

    private static Presence readPresenceQuietly(Path f) {
        try {
            String text = FolderLayout.readLimited(f, MAX_PRESENCE_BYTES);
            return text == null ? null : SignalJson.MAPPER.readValue(text, Presence.class);
        } catch (IOException e) {
            return null;
        }
    }

    private void reject(Path f, int peerId, String reason) {
        Path to = layout.reject(f, ownId, reason);
        if (to != null) {
            sink.notice(LobbyNotice.warning(peerId, "Moved " + layout.root.relativize(f) + " aside to "
                    + layout.root.relativize(to) + ": " + reason + "."));
        }
    }

    private static List<Path> list(Path dir) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                out.add(p);
            }
        } catch (IOException e) {
            // A missing or unreadable directory has nothing to offer this scan; the next one retries.
        }
        return out;
    }

    /** Orders message names by sender, then the sender's start time, then sequence (all fixed-width after the id). */
    private static int compareNames(String a, String b) {
        int ia = Integer.parseInt(a.substring(0, a.indexOf('-')));
        int ib = Integer.parseInt(b.substring(0, b.indexOf('-')));
        return ia != ib ? Integer.compare(ia, ib) : a.compareTo(b);
    }

    private static String json(Object o) {
        try {
            return SignalJson.MAPPER.writeValueAsString(o) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("folder records always serialize", e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return ManagementFactory.getRuntimeMXBean().getName();
        }
    }
}
