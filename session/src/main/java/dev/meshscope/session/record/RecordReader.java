// SPDX-License-Identifier: MIT
package dev.meshscope.session.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.jspecify.annotations.Nullable;

/**
 * Streams a record file back into typed items: {@link #header()}, then {@link #next()} until {@code null}. A file
 * that ends early or holds damaged bytes stops the stream with a {@link RecordDamage} that says at which line and
 * why ({@link #damage()}); every item before it has been returned. Not thread-safe: one reader per thread.
 */
public final class RecordReader implements AutoCloseable {
    private final Path file;
    private final LineSource in;
    private final RecordHeader header;
    private long line = 1;
    private @Nullable RecordDamage damage;
    private boolean ended;

    private RecordReader(Path file, LineSource in, RecordHeader header) {
        this.file = file;
        this.in = in;
        this.header = header;
    }

    /**
     * Opens a record and reads its header.
     *
     * @throws RecordDamagedException when the file is not a MeshScope record, is of a newer format version, or its
     *                                first line cannot be read (the message says what it is instead)
     * @throws IOException            when the file cannot be opened at all
     */
    public static RecordReader open(Path file) throws IOException {
        InputStream raw;
        try {
            raw = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new IOException("there is no record " + file + ".", e);
        }
        LineSource in;
        String first;
        try {
            in = new LineSource(new GZIPInputStream(raw, 1 << 16));
            first = in.readLine();
        } catch (ZipException e) {
            raw.close();
            throw new RecordDamagedException(
                    file + " is not a MeshScope record: it is not gzip-compressed (" + e.getMessage()
                            + "). Records end in " + RecordFormat.EXTENSION + ".",
                    null);
        } catch (EOFException e) {
            raw.close();
            throw new RecordDamagedException(file + " is empty or cut before its first line: nothing to read.", null);
        }
        if (first == null) {
            in.close();
            throw new RecordDamagedException(file + " holds no header line: nothing to read.", null);
        }
        RecordHeader h;
        try {
            JsonNode n = RecordFormat.MAPPER.readTree(first);
            if (n == null || !n.isObject() || !"header".equals(n.path("item").asText())) {
                throw new IllegalArgumentException("its first line is not a record header");
            }
            if (!RecordFormat.FORMAT_NAME.equals(n.path("format").asText())) {
                throw new IllegalArgumentException("its format is \""
                        + n.path("format").asText() + "\", not \"" + RecordFormat.FORMAT_NAME + "\"");
            }
            int v = n.path("formatVersion").asInt(-1);
            if (v > RecordFormat.FORMAT_VERSION || v < 1) {
                throw new IllegalArgumentException("it is format version " + v + "; this MeshScope reads versions 1 to "
                        + RecordFormat.FORMAT_VERSION + " (use a newer MeshScope)");
            }
            h = RecordCodec.header(n);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            in.close();
            throw new RecordDamagedException(
                    file + " is not a readable MeshScope record: " + message(e) + ". Nothing was read.", null);
        }
        return new RecordReader(file, in, h);
    }

    /**
     * Reads a whole record, keeping everything before any damage ({@link RecordContents#damage()} says where).
     *
     * @throws RecordDamagedException when not even the header can be read
     */
    public static RecordContents read(Path file) throws IOException {
        try (RecordReader r = open(file)) {
            List<RecordItem> items = new ArrayList<>();
            RecordItem i;
            while ((i = r.next()) != null) {
                items.add(i);
            }
            return new RecordContents(r.header(), items, r.damage());
        }
    }

    /**
     * Reads a whole record and refuses a damaged one.
     *
     * @throws RecordDamagedException when it is damaged anywhere: the message says where, {@code partial()} holds
     *                                what came before
     */
    public static RecordContents readStrict(Path file) throws IOException {
        RecordContents c = read(file);
        RecordDamage d = c.damage();
        if (d != null) {
            throw new RecordDamagedException(d.message(), c);
        }
        return c;
    }

    /** The record's header. */
    public RecordHeader header() {
        return header;
    }

    /** Where reading stopped early, or {@code null} (so far, or because the file ended cleanly). */
    public @Nullable RecordDamage damage() {
        return damage;
    }

    /** The next item, or {@code null} at the end of the file or at damage ({@link #damage()} then says where). */
    public @Nullable RecordItem next() {
        if (ended) {
            return null;
        }
        String text;
        long at = line + 1;
        try {
            text = in.readLine();
        } catch (EOFException e) {
            return stop(new RecordDamage(
                    at,
                    true,
                    file + " ends early at line " + at + " (still being written, or the recorder stopped abruptly):"
                            + " the " + (at - 2) + " item(s) before it were read."));
        } catch (IOException e) {
            return stop(new RecordDamage(
                    at,
                    false,
                    file + " is corrupt at line " + at + " (" + e.getMessage() + "): the " + (at - 2)
                            + " item(s) before it were read, nothing after; the last of them may be garbled (gzip"
                            + " checks its data only at the end of a part)."));
        }
        if (text == null) {
            ended = true;
            return null;
        }
        line = at;
        try {
            return RecordCodec.item(RecordFormat.MAPPER.readTree(text));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return stop(new RecordDamage(
                    at,
                    false,
                    file + " is corrupt at line " + at + ": " + message(e) + ". The " + (at - 2)
                            + " item(s) before it were read, nothing after."));
        }
    }

    private @Nullable RecordItem stop(RecordDamage d) {
        damage = d;
        ended = true;
        return null;
    }

    private static String message(Exception e) {
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
