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
import dev.meshscope.signaling.timeline.SignalTrace;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import org.jspecify.annotations.Nullable;

/**
 * Signaling through a shared folder (local disk, NFS, SMB), playing the demo server's part for this peer
 * (layout in {@link FolderLayout}): it announces itself with a presence file and a heartbeat, delivers
 * {@code ID} then {@code PEER_CONNECT}/{@code PEER_DISCONNECT} by the demo's lobby rules ({@link Roster}), writes
 * each relayed message as one file in the addressee's inbox, reads its own inbox in order, and delivers
 * {@code SEAL} when peer 1 seals the folder.
 *
 * <p>Nothing is lost and nothing is fatal: a malformed, oversized, misnamed or unknown file, a symbolic link, or a
 * message left over from an earlier run, is moved to {@code rejected/} with a {@code .reason} file (which never
 * quotes the file's content) and reported as a notice. Symbolic links are never followed ({@link FolderLayout}).
 * A bad presence file never disconnects a live peer: its last good presence is kept, and the file is moved aside
 * only once it stayed bad for {@code staleAfter} (its owner rewrites it at every heartbeat). This peer's own
 * presence file, when overwritten, is rewritten at once: the live owner keeps its id. Only two things stop the
 * transport at start-up: another live process with the same id, and a sealed folder.
 *
 * <p>Every file moved aside is traced for the signaling timeline ({@link Sink#traced}, verdict REFUSED, with the
 * file's text when it was read, bounded by {@link SignalTrace#MAX_DATA_CHARS}); the messages delivered are traced
 * by the session.
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
    /** Distinct problems remembered as reported; past this the memory starts over (a repeat is reported again). */
    private static final int MAX_REPORTED = 256;
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
    private volatile @Nullable Thread ioThread;

    // Confined to the I/O thread. NullAway sees that the constructor leaves sink, roster, presence and host unset, not
    // the lifecycle that sets them before any read: start() sets sink before it starts the I/O thread (Thread.start
    // publishes it), and startUp(), the first thing that thread runs, sets host, then presence and roster; nothing
    // reads presence or roster unless startUp() succeeded (run() returns at once when it fails).
    @SuppressWarnings("NullAway.Init")
    private Sink sink;

    @SuppressWarnings("NullAway.Init")
    private Roster roster;

    private @Nullable WatchService watch;

    @SuppressWarnings("NullAway.Init")
    private Presence presence;

    private long nextSeq;
    private boolean sealed;
    private long nextBeatNanos;
    private boolean beatFailing;
    private final Map<String, Long> heldSince = new HashMap<>();
    /** Bad presence files by name: since when they are bad (moved aside after staleAfter unless their peer is live). */
    private final Map<String, Long> badPresenceSince = new HashMap<>();
    /** Problems already reported once (a linked folder, a foreign token in this peer's file), so scans do not repeat them. */
    private final Set<String> reported = new HashSet<>();

    @SuppressWarnings("NullAway.Init") // See "Confined to the I/O thread" above.
    private String host;

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

    /** {@link SignalTrace#FOLDER}. */
    @Override
    public String path() {
        return SignalTrace.FOLDER;
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
                long waitNanos =
                        Math.min(options.pollInterval().toNanos(), Math.max(0, nextBeatNanos - System.nanoTime()));
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
    private @Nullable String startUp() {
        host = hostName();
        try {
            layout.create(ownId);
        } catch (IOException e) {
            return "cannot use the signaling folder " + layout.root + ": " + describe(e) + ". Check that it exists, is "
                    + "writable and holds no symbolic links.";
        }
        if (Files.exists(layout.sealed, LinkOption.NOFOLLOW_LINKS)) {
            return "the lobby in " + layout.root + " is sealed, so no peer can join it. Delete " + layout.sealed
                    + " or use another folder to start a new lobby.";
        }
        Path own = layout.presenceOf(ownId);
        Presence existing = readPresenceQuietly(own);
        if (existing != null && !existing.instance().equals(instance)) {
            long age = System.currentTimeMillis() - existing.time();
            if (existing.deadOn(host, Presence.ownPidNamespace())) {
                sink.notice(LobbyNotice.info(
                        0,
                        "Taking over id " + ownId + " from a presence file whose process (pid " + existing.pid()
                                + ") is no longer running on this host."));
            } else if (age < options.staleAfter().toMillis()) {
                return "another process (pid " + existing.pid() + " on " + existing.host() + ") is already peer "
                        + ownId
                        + " in " + layout.root + " (its last heartbeat is " + Math.max(age, 0)
                        + " ms old). Two processes "
                        + "cannot share an id: pick another one.";
            }
            sink.notice(LobbyNotice.info(
                    0,
                    "Taking over id " + ownId + " from a stale presence file (last heartbeat " + age / 1000
                            + " s ago, pid " + existing.pid() + " on " + existing.host() + ")."));
        }
        presence = new Presence(
                ownId,
                ModeNames.name(options.mode()),
                ModeNames.toInts(options.channels()),
                instance,
                ProcessHandle.current().pid(),
                host,
                0,
                System.currentTimeMillis(),
                Presence.ownPidNamespace());
        try {
            layout.writeInside(own, json(presence));
        } catch (IOException e) {
            return "cannot write this peer's presence file " + own + ": " + describe(e);
        }
        nextBeatNanos = System.nanoTime() + options.heartbeat().toNanos();
        roster = new Roster(options, host);
        startWatching();
        sink.received(SignalMessage.of(
                MessageType.ID, ownId, options.mode() == dev.meshscope.core.NetworkMode.MESH ? "true" : ""));
        sink.received(SignalMessage.of(MessageType.JOIN, 0, layout.root.toString()));
        return null;
    }

    private void startWatching() {
        try {
            watch = FileSystems.getDefault().newWatchService();
            for (Path p : List.of(layout.root, layout.peers, layout.inboxOf(ownId))) {
                p.register(
                        watch,
                        StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
            }
        } catch (IOException | UnsupportedOperationException e) {
            closeWatch();
            sink.notice(LobbyNotice.info(
                    0,
                    "The folder cannot be watched (" + e.getMessage() + "); scanning it every "
                            + options.pollInterval().toMillis() + " ms instead."));
            return;
        }
        WatchService ws = watch;
        Thread w = new Thread(
                () -> {
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
                },
                "folder-watch-" + ownId);
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
        Set<String> bad = new HashSet<>();
        for (Path f : list(layout.peers)) {
            String name = f.getFileName().toString();
            if (FolderLayout.isTemp(name) || !regularOrLink(f, 0)) {
                continue;
            }
            int id = FolderLayout.presenceId(name);
            if (id < 0) {
                reject(f, 0, "not a presence file: presence files are named <peer id>.json");
                continue;
            }
            PresenceFile.Read r = PresenceFile.read(f, id);
            if (r.vanished()) {
                continue;
            }
            if (id == ownId) {
                ownPresenceFile(r);
                continue;
            }
            if (r.presence() != null) {
                seen.add(id);
                roster.observe(r.presence(), nowNanos, nowMillis, out);
                continue;
            }
            bad.add(name);
            boolean live = roster.isLive(id);
            if (live) {
                seen.add(id); // Keep its last good presence: its owner rewrites the file at its next heartbeat.
            }
            Long since = badPresenceSince.putIfAbsent(name, nowNanos);
            if (since != null
                    && !live
                    && nowNanos - since > options.staleAfter().toNanos()) {
                // PresenceFile.read gives a presence, a vanished file or a problem: here it is the problem.
                reject(f, id, Objects.requireNonNull(r.problem(), "a bad presence file has a problem"));
            } else if (since == null) {
                sink.notice(LobbyNotice.warning(
                        id,
                        "Peer " + id + "'s presence file is not valid (" + r.problem() + "); "
                                + (live
                                        ? "keeping its last good presence until it rewrites the file."
                                        : "ignored, and moved aside if it stays so for "
                                                + options.staleAfter().toMillis() + " ms.")));
            }
        }
        badPresenceSince.keySet().retainAll(bad);
        if (!sealed && Files.exists(layout.sealed, LinkOption.NOFOLLOW_LINKS)) {
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
            if (FolderLayout.isTemp(name) || !regularOrLink(f, 0)) {
                continue;
            }
            if (!FolderLayout.MESSAGE.matcher(name).matches()) {
                reject(f, 0, "not a message file: messages are named <from>-<start>-<seq>.json");
                continue;
            }
            files.add(f);
        }
        files.sort((a, b) ->
                compareNames(a.getFileName().toString(), b.getFileName().toString()));
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
            sink.notice(LobbyNotice.warning(from, "Could not read " + name + " (" + describe(e) + "); will retry."));
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
            env = new FolderEnvelope(
                    checked.type(), checked.id(), checked.data(), env.fromInstance(), env.toInstance());
        } catch (JsonProcessingException e) {
            reject(f, from, "not a signaling message: " + PresenceFile.jsonProblem(e), -1, text);
            return;
        } catch (IllegalArgumentException e) {
            // Fixed texts: they quote no content.
            reject(f, from, "not a signaling message: " + e.getMessage(), -1, text);
            return;
        }
        if (env.id() != from) {
            reject(
                    f,
                    from,
                    "the file is named for sender " + from + " but the message says it is from " + env.id(),
                    env.type(),
                    text);
            return;
        }
        MessageType type = MessageType.fromCode(env.type());
        if (type == null) {
            reject(f, from, "unknown message type " + env.type(), env.type(), text);
            return;
        }
        if (type != MessageType.OFFER && type != MessageType.ANSWER && type != MessageType.CANDIDATE) {
            reject(
                    f,
                    from,
                    "peers relay only OFFER, ANSWER and CANDIDATE through the folder, not " + type,
                    env.type(),
                    text);
            return;
        }
        if (!instance.equals(env.toInstance())) {
            reject(
                    f,
                    from,
                    "addressed to an earlier run of peer " + ownId + " (left over from before it restarted)",
                    env.type(),
                    text);
            return;
        }
        if (!roster.isAnnounced(from)) {
            long first = heldSince.computeIfAbsent(name, k -> System.nanoTime());
            if (System.nanoTime() - first > options.staleAfter().toNanos()) {
                reject(
                        f,
                        from,
                        "from peer " + from + ", which is not (or no longer) a peer of this lobby",
                        env.type(),
                        text);
            }
            return;
        }
        if (!roster.instanceOf(from).equals(env.fromInstance())) {
            reject(
                    f,
                    from,
                    "from an earlier run of peer " + from + " (left over from before it restarted)",
                    env.type(),
                    text);
            return;
        }
        try {
            Files.delete(f);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            sink.notice(LobbyNotice.warning(
                    from,
                    "Could not remove the consumed message " + name + " (" + e.getMessage()
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
                layout.writeInside(
                        layout.sealed,
                        "{\"by\":1,\"instance\":\"" + instance + "\",\"time\":" + System.currentTimeMillis() + "}\n");
            } catch (IOException e) {
                sink.notice(LobbyNotice.warning(0, "Could not seal the folder: " + e.getMessage()));
            }
            return;
        }
        if (type != MessageType.OFFER && type != MessageType.ANSWER && type != MessageType.CANDIDATE) {
            sink.notice(LobbyNotice.warning(
                    m.id(),
                    "The folder transport only relays OFFER, ANSWER and CANDIDATE; " + "dropped " + m.brief() + "."));
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
            if (!Files.exists(target.getParent(), LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.createDirectory(target.getParent());
                } catch (FileAlreadyExistsException e) {
                    // The addressee created its inbox meanwhile; checked by writeInside.
                }
            }
            layout.writeInside(target, json(env));
        } catch (IOException e) {
            sink.notice(
                    LobbyNotice.warning(to, "Could not write " + m.brief() + " for peer " + to + ": " + describe(e)));
        }
    }

    private void beat() {
        nextBeatNanos = System.nanoTime() + options.heartbeat().toNanos();
        presence = presence.next(System.currentTimeMillis());
        try {
            layout.writeInside(layout.presenceOf(ownId), json(presence));
            if (beatFailing) {
                beatFailing = false;
                sink.notice(LobbyNotice.info(0, "The heartbeat is written again."));
            }
        } catch (IOException e) {
            if (!beatFailing) {
                beatFailing = true;
                sink.notice(LobbyNotice.warning(
                        0,
                        "Could not write the heartbeat (" + describe(e) + "); other peers "
                                + "will report this one gone if it goes on."));
            }
        }
    }

    /**
     * This peer's own presence file as read in a scan. Anything but this run's presence (garbage, another token, a
     * link) is replaced at once with a fresh heartbeat: the live owner keeps its id. A second live process that
     * really uses the same id is refused at its start-up (it sees this peer's fresh heartbeat), so a foreign token
     * here is a forged or stray file, reported once per token.
     */
    private void ownPresenceFile(PresenceFile.Read r) {
        Presence p = r.presence();
        if (p != null && p.instance().equals(instance)) {
            return;
        }
        String what = p != null
                ? "a presence with another instance token (pid " + p.pid() + " on " + p.host() + ")"
                : "something that is not a valid presence (" + r.problem() + ")";
        if (reportOnce("own " + (p != null ? p.instance() : r.problem()))) {
            sink.notice(LobbyNotice.warning(
                    0,
                    "This peer's presence file was overwritten with " + what + "; keeping id " + ownId
                            + " and rewriting it. If another process really uses id " + ownId + ", stop it."));
        }
        beat();
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
        sink.closed("this peer left the signaling folder");
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

    private static @Nullable Presence readPresenceQuietly(Path f) {
        return PresenceFile.read(f, FolderLayout.presenceId(f.getFileName().toString()))
                .presence();
    }

    /**
     * Whether {@code f} is a regular file to read. A symbolic link is moved aside (the link itself; its target is
     * never read); anything else that is not a regular file (a folder, a pipe) is left alone.
     */
    private boolean regularOrLink(Path f, int peerId) {
        if (Files.isSymbolicLink(f)) {
            reject(f, peerId, "a symbolic link: the signaling folder never follows links (its target was not read)");
            return false;
        }
        return Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS);
    }

    private void reject(Path f, int peerId, String reason) {
        reject(f, peerId, reason, -1, "");
    }

    /**
     * Moves {@code f} aside with {@code reason} and traces it.
     *
     * @param type the demo type code when the file was read as a message, else -1
     * @param text the file's text when it was read, else ""
     */
    private void reject(Path f, int peerId, String reason, int type, String text) {
        long size;
        try {
            size = Files.readAttributes(f, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .size();
        } catch (IOException e) {
            size = SignalTrace.utf8Size(text); // Gone or unreadable meanwhile: what was read is all that is known.
        }
        Path to = layout.reject(f, ownId, reason);
        if (to != null) {
            // Traced once, when moved: a file that cannot be moved is seen at every scan and would flood the timeline.
            sink.traced(SignalTrace.received(
                    SignalTrace.FOLDER,
                    type,
                    peerId,
                    ownId,
                    text,
                    (int) Math.min(size, Integer.MAX_VALUE),
                    SignalTrace.Verdict.REFUSED,
                    layout.root.relativize(f) + " moved aside: " + reason));
            sink.notice(LobbyNotice.warning(
                    peerId,
                    "Moved " + layout.root.relativize(f) + " aside to " + layout.root.relativize(to) + ": " + reason
                            + "."));
            return;
        }
        String why = layout.rejectProblem;
        if (why != null && reportOnce("reject " + why)) {
            sink.notice(LobbyNotice.warning(
                    peerId,
                    "Could not move " + layout.root.relativize(f) + " aside (" + reason + "): " + why
                            + ". It is left where it is and ignored."));
        }
    }

    /** Whether {@code key} was not reported yet; remembers it (a bounded memory: a hostile writer cannot grow it). */
    private boolean reportOnce(String key) {
        if (reported.size() >= MAX_REPORTED) {
            reported.clear();
        }
        return reported.add(key);
    }

    /** An I/O failure in words, without quoting any file content (only paths and the system's reason). */
    private static String describe(IOException e) {
        if (e instanceof FileSystemException f) {
            return f.getFile() + ": "
                    + (f.getReason() != null ? f.getReason() : e.getClass().getSimpleName());
        }
        return e.getClass().getSimpleName();
    }

    /** The entries of {@code dir}, which must be a real folder inside the signaling folder (else none, reported once). */
    private List<Path> list(Path dir) {
        List<Path> out = new ArrayList<>();
        try {
            layout.checkedDir(dir);
        } catch (IOException e) {
            if (!(e instanceof NoSuchFileException) && reportOnce("list " + describe(e))) {
                sink.notice(LobbyNotice.warning(
                        0, "Not reading " + layout.root.relativize(dir) + ": " + describe(e) + "."));
            }
            return out;
        }
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

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return ManagementFactory.getRuntimeMXBean().getName();
        }
    }
}
