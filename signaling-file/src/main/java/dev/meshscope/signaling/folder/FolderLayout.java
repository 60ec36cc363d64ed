// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.folder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where things live in a signaling folder and how files get there:
 * <pre>
 * DIR/peers/&lt;id&gt;.json                         presence of peer id, rewritten at every heartbeat
 * DIR/inbox/&lt;to&gt;/&lt;from&gt;-&lt;start&gt;-&lt;seq&gt;.json   one relayed message from peer "from" to peer "to"
 * DIR/sealed                                 written by peer 1 when it seals the lobby
 * DIR/rejected/&lt;time&gt;-&lt;id&gt;-&lt;n&gt;.rejected      a file moved aside, with &lt;...&gt;.reason beside it
 * </pre>
 * Every name this code creates is built from validated numbers only, never from file content; every file is
 * written under a temporary name ({@code .tmp-...}) in its target directory and renamed into place, so no
 * reader ever sees half a file.
 *
 * <p>Symbolic links are never followed below the folder itself (the folder's own path may be a link, e.g. to a
 * network mount): files are opened with {@link LinkOption#NOFOLLOW_LINKS}, and every directory this code lists,
 * writes or moves into must be a real directory whose real path lies inside the folder ({@link #checkedDir}).
 * A link planted as {@code rejected/} or {@code inbox/<id>} therefore never makes a peer read or write outside
 * the folder. Stateless apart from counters; thread-safe.
 */
final class FolderLayout {
    /** A presence file name: a peer id 1..2147483647 without leading zeros. */
    static final Pattern PRESENCE = Pattern.compile("([1-9][0-9]{0,9})\\.json");
    /** A message file name: sender id, sender's start time (13 digits of epoch ms), sequence (9 digits). */
    static final Pattern MESSAGE = Pattern.compile("([1-9][0-9]{0,9})-([0-9]{13})-([0-9]{9})\\.json");
    /** Prefix of files being written; readers skip them. */
    static final String TEMP_PREFIX = ".tmp-";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicLong REJECT_SEQ = new AtomicLong();

    final Path root;
    final Path peers;
    final Path inbox;
    final Path rejected;
    final Path sealed;
    /** Why the last {@link #reject} could not move its file (e.g. {@code rejected/} is a link), or {@code null}. */
    volatile @Nullable String rejectProblem;

    FolderLayout(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.peers = this.root.resolve("peers");
        this.inbox = this.root.resolve("inbox");
        this.rejected = this.root.resolve("rejected");
        this.sealed = this.root.resolve("sealed");
    }

    /**
     * Creates the folders this peer needs inside the existing folder, refusing any that is a symbolic link or resolves
     * outside the folder. The folder itself must exist ({@link FolderCheck} creates it when asked).
     */
    void create(int ownId) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new FileSystemException(
                    root.toString(),
                    null,
                    "does not exist or is not a folder (a missing folder "
                            + "is not created: check the path, or create it first)");
        }
        for (Path d : new Path[] {peers, inbox, inboxOf(ownId), rejected}) {
            if (!Files.exists(d, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.createDirectory(d);
                } catch (FileAlreadyExistsException e) {
                    // Another peer created it meanwhile; checked below.
                }
            }
            checkedDir(d);
        }
    }

    /**
     * {@code dir} itself, once checked: every part of it below the folder is a real directory (not a symbolic link)
     * and its real path lies inside the folder's real path.
     *
     * @throws IOException (a {@link FileSystemException} naming the path) when it is not
     */
    Path checkedDir(Path dir) throws IOException {
        Path d = dir.toAbsolutePath().normalize();
        if (!d.startsWith(root)) {
            throw new FileSystemException(d.toString(), null, "outside the signaling folder");
        }
        Path part = root;
        for (Path name : d.equals(root) ? java.util.List.<Path>of() : root.relativize(d)) {
            part = part.resolve(name);
            if (Files.isSymbolicLink(part)) {
                throw new FileSystemException(
                        root.relativize(part) + "/",
                        null,
                        "a symbolic link; the signaling "
                                + "folder never follows links below itself: replace it with a real folder");
            }
            if (!Files.isDirectory(part, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileSystemException(root.relativize(part) + "", null, "not a folder");
            }
        }
        if (!d.toRealPath().startsWith(root.toRealPath())) {
            throw new FileSystemException(d.toString(), null, "resolves outside the signaling folder");
        }
        return d;
    }

    Path presenceOf(int id) {
        return peers.resolve(checkedId(id) + ".json");
    }

    Path inboxOf(int id) {
        return inbox.resolve(Integer.toString(checkedId(id)));
    }

    static String messageName(int from, long startMillis, long seq) {
        return checkedId(from) + "-" + String.format("%013d-%09d", startMillis, seq) + ".json";
    }

    /** The peer id in a valid id string, or -1. */
    static int parseId(String digits) {
        try {
            long v = Long.parseLong(digits);
            return v >= 1 && v <= Integer.MAX_VALUE ? (int) v : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The id a presence file name stands for, or -1. */
    static int presenceId(String fileName) {
        Matcher m = PRESENCE.matcher(fileName);
        return m.matches() ? parseId(m.group(1)) : -1;
    }

    static boolean isTemp(String fileName) {
        return fileName.startsWith(TEMP_PREFIX);
    }

    /**
     * Writes {@code content} to {@code target} inside the folder, checking its directory first ({@link #checkedDir}).
     */
    void writeInside(Path target, String content) throws IOException {
        checkedDir(parentOf(target));
        writeAtomically(target, content);
    }

    /** Writes {@code content} to {@code target} through a temporary file in the same directory and a rename. */
    static void writeAtomically(Path target, String content) throws IOException {
        Path tmp = target.resolveSibling(TEMP_PREFIX + HexFormat.of().formatHex(randomBytes(6)));
        try {
            Files.write(
                    tmp,
                    content.getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Reads at most {@code limit} bytes of {@code file} without following a symbolic link (a link fails with an
     * {@link IOException}, its target unread); returns {@code null} when it is longer (oversized).
     *
     * @throws NoSuchFileException when it vanished meanwhile
     */
    static @Nullable String readLimited(Path file, int limit) throws IOException {
        try (InputStream in = Channels.newInputStream(
                Files.newByteChannel(file, Set.<OpenOption>of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)))) {
            byte[] b = in.readNBytes(limit + 1);
            return b.length > limit ? null : new String(b, StandardCharsets.UTF_8);
        }
    }

    /**
     * Moves {@code file} (a symbolic link itself, never its target) into {@code rejected/} under a generated name
     * and writes the reason beside it. The reason must not quote the file's content. Never throws: a file that
     * vanished meanwhile (another peer moved it) needs nothing.
     *
     * @return the new path, or {@code null} when the file could not be moved (see {@link #rejectProblem})
     */
    @Nullable
    Path reject(Path file, int ownId, String reason) {
        String base = System.currentTimeMillis() + "-" + ownId + "-" + REJECT_SEQ.incrementAndGet();
        Path target = rejected.resolve(base + ".rejected");
        try {
            if (!Files.exists(rejected, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(rejected);
            }
            checkedDir(rejected);
            checkedDir(parentOf(file));
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, LinkOption.NOFOLLOW_LINKS);
            rejectProblem = null;
        } catch (IOException e) {
            if (!(e instanceof NoSuchFileException)) {
                rejectProblem = e instanceof FileSystemException f && f.getReason() != null
                        ? f.getFile() + " is " + f.getReason()
                        : e.toString();
            }
            return null;
        }
        String why = "original: " + root.relativize(file.toAbsolutePath().normalize()) + "\n"
                + "moved by: peer " + ownId + "\n"
                + "at: " + Instant.now() + "\n"
                + "reason: " + reason + "\n";
        try {
            writeInside(rejected.resolve(base + ".reason"), why);
        } catch (IOException e) {
            // The file itself is safe in rejected/; only the explanation is missing.
        }
        return target;
    }

    /** The folder {@code p} is in; every path this code writes or moves is in one (never a bare root). */
    private static Path parentOf(Path p) throws IOException {
        Path parent = p.getParent();
        if (parent == null) {
            throw new FileSystemException(p.toString(), null, "not inside any folder");
        }
        return parent;
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static int checkedId(int id) {
        if (id < 1) {
            throw new IllegalArgumentException("peer ids are 1..2147483647, not " + id);
        }
        return id;
    }
}
