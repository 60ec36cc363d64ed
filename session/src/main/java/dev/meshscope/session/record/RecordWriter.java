// SPDX-License-Identifier: MIT
package dev.meshscope.session.record;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Writes a record's lines on its own thread, fed by a bounded queue: {@link #offer} never blocks (a full queue drops
 * the item and counts it; the next line written is a {@link RecordItem.Dropped}). Lines go through gzip with a sync
 * flush every {@link RecordLimits#flushMillis}, so a reader sees everything up to the last flush even while the
 * record is being written or after a crash. Past {@link RecordLimits#partBytes} compressed bytes the record goes on
 * in its next part ({@link RecordFormat#partFile}), which starts with its own header.
 *
 * <p>Threads: {@link #offer} from any thread (the mesh thread); serializing and writing on the writer thread only;
 * {@link #close} from any thread, once.
 */
final class RecordWriter implements AutoCloseable {
    /** Longest {@link #close} waits for the queue to be written out. */
    static final long CLOSE_WAIT_MILLIS = 10_000;

    private static final Object STOP = new Object();

    private final Path first;
    private final RecordLimits limits;
    private final LongSupplier clock;
    private final BlockingQueue<Object> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final Thread thread;
    private RecordHeader header;
    private RecordItem.@Nullable Config latestConfig;
    private long reportedDrops;
    private int part = 1;
    private @Nullable Writer out;
    private @Nullable Counting counting;
    private volatile @Nullable String failure;

    /**
     * Creates the first part (truncating {@code first}), writes the header and starts the writer thread.
     *
     * @param clock the record's time now, in microseconds (for the drop lines)
     */
    RecordWriter(Path first, RecordHeader header, RecordLimits limits, LongSupplier clock) throws IOException {
        this.first = first;
        this.header = header;
        this.limits = limits;
        this.clock = clock;
        this.latestConfig = header.config();
        this.queue = new ArrayBlockingQueue<>(limits.queueItems());
        Path parent = first.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        openPart(first, header);
        thread = new Thread(this::run, "record-writer " + first.getFileName());
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues one item; false (and counted) when the queue is full or the writer has stopped. Never blocks. */
    boolean offer(RecordItem item) {
        if (failure != null || !queue.offer(item)) {
            dropped.incrementAndGet();
            return false;
        }
        return true;
    }

    /** Items dropped so far (queue full, or after a write failure). */
    long dropped() {
        return dropped.get();
    }

    /** Lines written so far (the header and drop lines included). */
    long written() {
        return written.get();
    }

    /** Compressed bytes written so far, every part. */
    long bytes() {
        return bytes.get();
    }

    /** The part being written (1, 2, ...). */
    int part() {
        return part;
    }

    /** Why writing stopped, or {@code null} while it works. */
    @Nullable
    String failure() {
        return failure;
    }

    /** Writes out what is queued, ends the compressed stream and stops the thread. Waits at most 10 s. */
    @Override
    public void close() {
        try {
            // The only waiting call here: close is never called on the mesh thread's hot path.
            if (queue.offer(STOP, CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                thread.join(CLOSE_WAIT_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        long nextFlush = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.flushMillis());
        try {
            while (true) {
                long wait = Math.max(0, nextFlush - System.nanoTime());
                Object o = queue.poll(wait, TimeUnit.NANOSECONDS);
                if (o == STOP) {
                    writeDrops();
                    break;
                }
                if (o instanceof RecordItem item) {
                    writeDrops();
                    write(item);
                }
                if (System.nanoTime() >= nextFlush) {
                    flush();
                    nextFlush = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.flushMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            fail(e);
        } finally {
            closePart();
        }
    }

    private void writeDrops() throws IOException {
        long d = dropped.get();
        if (d != reportedDrops) {
            write(new RecordItem.Dropped(clock.getAsLong(), d - reportedDrops, d));
            reportedDrops = d;
        }
    }

    private void write(RecordItem item) throws IOException {
        if (item instanceof RecordItem.Config c) {
            latestConfig = c;
        }
        line(RecordCodec.line(item));
        Counting c = counting;
        if (c != null && c.count >= limits.partBytes()) {
            rotate();
        }
    }

    private void line(String json) throws IOException {
        Writer w = out;
        if (w == null) {
            return;
        }
        w.write(json);
        w.write('\n');
        written.incrementAndGet();
    }

    private void flush() throws IOException {
        Writer w = out;
        if (w != null) {
            w.flush(); // GZIPOutputStream with syncFlush: a reader gets every line written so far.
        }
    }

    private void rotate() throws IOException {
        closePart();
        part++;
        header = header.nextPart(clock.getAsLong(), latestConfig);
        if (part > limits.maxParts()) {
            // Keep the first part (the start of the session) and the newest ones.
            Files.deleteIfExists(RecordFormat.partFile(first, part - limits.maxParts() + 1));
        }
        openPart(RecordFormat.partFile(first, part), header);
    }

    private void openPart(Path file, RecordHeader h) throws IOException {
        Counting c = new Counting(Files.newOutputStream(file), bytes);
        counting = c;
        out = new OutputStreamWriter(
                new GZIPOutputStream(new BufferedOutputStream(c, 1 << 16), 1 << 16, true), StandardCharsets.UTF_8);
        line(RecordCodec.headerLine(h));
        flush();
    }

    private void closePart() {
        Writer w = out;
        out = null;
        if (w != null) {
            try {
                w.close();
            } catch (IOException e) {
                fail(e);
            }
        }
    }

    private void fail(Exception e) {
        if (failure == null) {
            failure = "cannot write the record " + first + ": " + e.getMessage()
                    + " (recording stopped; what was written before is readable)";
        }
    }

    /** Counts the compressed bytes that reach the file. Writer thread only. */
    private static final class Counting extends FilterOutputStream {
        private final AtomicLong total;
        long count;

        Counting(OutputStream out, AtomicLong total) {
            super(out);
            this.total = total;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
            total.incrementAndGet();
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
            total.addAndGet(len);
        }
    }
}
