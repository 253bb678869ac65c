package org.mosaic.io;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Bounds on what Mosaic reads, so a hostile or mistaken input (a link to /dev/zero, a file with no line breaks, a
 * million-column header) gets a clear exit-2 message instead of a hang or an exhausted heap. docs/reliability.md
 * lists them.
 */
public final class InputLimits {
    /** Largest input file: 16 GiB, far above a 1,000,000-student scores.csv (about 0.6 GB). */
    public static final long MAX_FILE_BYTES = 16L << 30;
    /** Longest line, counted in characters; a quoted field with line breaks counts as one line. */
    public static final int MAX_LINE_CHARS = 1_000_000;
    /** Longest single value. */
    public static final int MAX_FIELD_CHARS = 10_000;
    /** Most columns in a header or a row. */
    public static final int MAX_COLUMNS = 1_000;

    private InputLimits() {
    }

    /** Why {@code file} is not read at all (a device, a folder, too large), or null. Follows symbolic links. */
    public static String refusal(Path file) {
        if (!Files.exists(file)) {
            return null; // reported as missing by the reader
        }
        if (!Files.isRegularFile(file)) {
            boolean link = Files.isSymbolicLink(file);
            return "is not a regular file" + (link ? " (it links to " + target(file) + ")" : "")
                    + "; Mosaic reads only regular files, never devices, pipes or folders";
        }
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                return String.format(Locale.ROOT, "is %,d MB, above the limit of %,d MB for one input file",
                        size >> 20, MAX_FILE_BYTES >> 20);
            }
        } catch (IOException e) {
            return "could not be read (" + e.getMessage() + ")";
        }
        return null;
    }

    private static String target(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "something else";
        }
    }

    /** Thrown by {@link #bounded(Reader)} when a line passes {@link #MAX_LINE_CHARS}. */
    public static final class LineTooLong extends IOException {
        public LineTooLong() {
            super(String.format(Locale.ROOT, "a line is longer than %,d characters (the limit); is this a CSV file?",
                    MAX_LINE_CHARS));
        }
    }

    /** A reader that fails with {@link LineTooLong} instead of buffering an endless line. */
    public static Reader bounded(Reader in) {
        return new FilterReader(in) {
            private int sinceNewline;

            @Override
            public int read() throws IOException {
                int c = super.read();
                count(c);
                return c;
            }

            @Override
            public int read(char[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                for (int k = 0; k < n; k++) {
                    count(buf[off + k]);
                }
                return n;
            }

            private void count(int c) throws LineTooLong {
                if (c == '\n') {
                    sinceNewline = 0;
                } else if (c >= 0 && ++sinceNewline > MAX_LINE_CHARS) {
                    throw new LineTooLong();
                }
            }
        };
    }
}
