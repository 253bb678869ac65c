package org.mosaic.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Reads the rows of one large CSV file in parts, several at once, each into its own sink; the caller joins the
 * sinks in file order. This is only the fast path of a clean file: it answers nothing (an empty Optional) as soon as
 * anything is unusual — a problem in any row, a part that ends inside a quoted field, a file the manifest does not
 * vouch for — and the caller then reads the file from the top in one pass, which reports every problem with its
 * true line number. So errors read exactly as before, and a clean file gives the same rows in the same order.
 *
 * <p>Parts are cut at line breaks. A line break may sit inside a quoted field; the part before it then ends inside
 * quotes, which its scanner sees as an unclosed quote at the end of its input. Part 0 starts at a true record
 * boundary (after the header), and each part that ends cleanly ends at one, so by induction every part was read as
 * the whole file would have been. Where the cuts fall depends only on the file's bytes and the part size, never on
 * the number of threads or their timing.
 */
final class CsvChunks {
    /** The part size below which a file is read in one pass: a part per 8 MB keeps two cores busy. */
    static final long DEFAULT_PART_BYTES = 8L << 20;

    private CsvChunks() {
    }

    /** One part's sink, with the interner its rows number new ids in. */
    record Part<S>(S sink, ByteInterner ids) {
    }

    /**
     * The sinks of {@code file}'s parts in file order, each having read its rows through {@code row}, or empty when
     * the file must be read in one pass instead (small, unusual, or with a problem anywhere).
     */
    static <S> Optional<List<Part<S>>> read(Path file, List<String> required, long partBytes, ExecutorService pool,
                                            Supplier<Part<S>> sinks, BiConsumer<Part<S>, GrowthCsv.Table> row) {
        try {
            long size = Files.size(file);
            if (pool == null || size < 2 * partBytes || InputLimits.refusal(file) != null) {
                return Optional.empty();
            }
            String name = file.getFileName().toString();
            Future<Optional<String>> manifest = pool.submit(() -> Manifest.checkFile(file));
            Problems problems = new Problems();
            List<String> header;
            long bodyStart;
            try (InputStream in = Files.newInputStream(file)) {
                GroupUnitCsv.Scanner s = new GroupUnitCsv.Scanner(in, name, problems);
                if (!s.next() || s.fields() > InputLimits.MAX_COLUMNS) {
                    return Optional.empty();
                }
                for (int i = 0; i < s.fields(); i++) {
                    if (!s.utf8(i)) {
                        return Optional.empty();
                    }
                }
                if (Header.read(name, s.header(), required, problems) == null || !problems.isEmpty()) {
                    return Optional.empty();
                }
                header = s.header();
                bodyStart = s.consumed();
            }
            Map<String, Integer> columns = Header.read(name, header, required, new Problems());
            List<long[]> ranges = cuts(file, bodyStart, size, partBytes);
            List<Future<Part<S>>> parts = new ArrayList<>();
            for (long[] r : ranges) {
                parts.add(pool.submit(() -> part(file, name, header, columns, r[0], r[1], sinks, row)));
            }
            List<Part<S>> out = new ArrayList<>();
            boolean clean = manifest.get().isEmpty();
            for (Future<Part<S>> f : parts) {
                Part<S> p = f.get();
                clean &= p != null;
                out.add(p);
            }
            return clean ? Optional.of(out) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Byte ranges [from, to) of the body, each ending just after a line break (the last at the end of the file). */
    static List<long[]> cuts(Path file, long from, long size, long partBytes) throws IOException {
        List<long[]> out = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer window = ByteBuffer.allocate(1 << 16);
            long start = from;
            while (start < size) {
                long cut = start + partBytes;
                if (cut >= size - partBytes / 2) {
                    cut = size;
                } else {
                    cut = afterLineBreak(ch, cut, size, window);
                }
                out.add(new long[] {start, cut});
                start = cut;
            }
        }
        return out;
    }

    private static long afterLineBreak(FileChannel ch, long at, long size, ByteBuffer window) throws IOException {
        long p = at;
        while (p < size) {
            window.clear();
            int n = ch.read(window, p);
            if (n <= 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                if (window.get(i) == '\n') {
                    return p + i + 1;
                }
            }
            p += n;
        }
        return size;
    }

    private static <S> Part<S> part(Path file, String name, List<String> header, Map<String, Integer> columns,
                                    long from, long to, Supplier<Part<S>> sinks,
                                    BiConsumer<Part<S>, GrowthCsv.Table> row) throws IOException {
        Problems problems = new Problems();
        Part<S> part = sinks.get();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.position(from);
            InputStream in = new Bounded(Channels.newInputStream(ch), to - from);
            GroupUnitCsv.Scanner s = new GroupUnitCsv.Scanner(in, name, problems, header,
                    (int) Math.min(1 << 22, Math.max(1 << 16, to - from + 1)));
            GrowthCsv.Table table = new GrowthCsv.Table(name, problems, s, columns);
            GrowthCsv.rows(s, name, table, problems, t -> row.accept(part, t));
        } catch (org.mosaic.model.BadInputException e) {
            return null;
        }
        return problems.isEmpty() ? part : null;
    }

    /** The first {@code left} bytes of a stream. */
    private static final class Bounded extends InputStream {
        private final InputStream in;
        private long left;

        Bounded(InputStream in, long left) {
            this.in = in;
            this.left = left;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
