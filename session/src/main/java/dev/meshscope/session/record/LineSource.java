// SPDX-License-Identifier: MIT
package dev.meshscope.session.record;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Splits a decompressed stream into UTF-8 lines, handing out every complete line before the stream fails. (A
 * {@code BufferedReader} over an {@code InputStreamReader} reads ahead while the gzip stream reports more, and a
 * truncated stream then throws away lines it had already decoded.) One reader thread.
 */
final class LineSource implements AutoCloseable {
    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private int pos;
    private int end;
    private boolean eof;

    LineSource(InputStream in) {
        this.in = in;
    }

    /**
     * The next line without its newline, or {@code null} at the end. A last line without a newline is returned as
     * a line (a record's writer always ends lines, so the reader's parse decides whether it is whole).
     *
     * @throws IOException when the stream fails before the next newline (the bytes of the partial line are dropped)
     */
    @Nullable
    String readLine() throws IOException {
        while (true) {
            for (int i = pos; i < end; i++) {
                if (buf[i] == '\n') {
                    pending.write(buf, pos, i - pos);
                    pos = i + 1;
                    return take();
                }
            }
            pending.write(buf, pos, end - pos);
            pos = end;
            if (eof) {
                return pending.size() == 0 ? null : take();
            }
            int n = in.read(buf, 0, buf.length);
            if (n < 0) {
                eof = true;
                n = 0;
            }
            pos = 0;
            end = n;
        }
    }

    private String take() {
        String s = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        return s;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
