// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.folder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * reader ever sees half a file. Stateless apart from counters; thread-safe.
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

    FolderLayout(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.peers = this.root.resolve("peers");
        this.inbox = this.root.resolve("inbox");
        this.rejected = this.root.resolve("rejected");
        this.sealed = this.root.resolve("sealed");
    }

    /** Creates the folders this peer needs. */
    void create(int ownId) throws IOException {
        Files.createDirectories(peers);
        Files.createDirectories(inboxOf(ownId));
        Files.createDirectories(rejected);
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

    /** Writes {@code content} to {@code target} through a temporary file in the same directory and a rename. */
    static void writeAtomically(Path target, String content) throws IOException {
        Path tmp = target.resolveSibling(TEMP_PREFIX + HexFormat.of().formatHex(randomBytes(6)));
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
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
     * Reads at most {@code limit} bytes of {@code file}; returns {@code null} when it is longer (oversized).
     *
     * @throws NoSuchFileException when it vanished meanwhile
     */
    static String readLimited(Path file, int limit) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(limit + 1);
            return b.length > limit ? null : new String(b, StandardCharsets.UTF_8);
        }
    }

    /**
     * Moves {@code file} into {@code rejected/} under a generated name and writes the reason beside it. Never
     * throws: a file that vanished meanwhile (another peer moved it) needs nothing.
     *
     * @return the new path, or {@code null} when the file could not be moved
     */
    Path reject(Path file, int ownId, String reason) {
        String base = System.currentTimeMillis() + "-" + ownId + "-" + REJECT_SEQ.incrementAndGet();
        Path target = rejected.resolve(base + ".rejected");
        try {
            Files.createDirectories(rejected);
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            return null;
        }
        String why = "original: " + root.relativize(file.toAbsolutePath().normalize()) + "\n"
                + "moved by: peer " + ownId + "\n"
                + "at: " + Instant.now() + "\n"
                + "reason: " + reason + "\n";
        try {
            writeAtomically(rejected.resolve(base + ".reason"), why);
        } catch (IOException e) {
            // The file itself is safe in rejected/; only the explanation is missing.
        }
        return target;
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
