package org.mosaic.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.mosaic.model.BadInputException;
import org.mosaic.model.InputProblem;

/**
 * Reads a group × unit table straight from any CSV of student rows (or count rows with a weight column): the input
 * of {@code mosaic measure segregation}. A byte-level RFC 4180 scanner that interns the few columns it needs, so ten
 * million rows read in about a second without a String per field; same error reporting as {@link CsvTable}.
 * Units must nest in the {@code within} levels (a school belongs to one district); the check names the lines.
 */
public final class GroupUnitCsv {
    private static final int BUFFER = 1 << 22;

    /**
     * Counts by unit and group ({@code counts[u * groups + g]}), and for each within-level, coarsest first, the parent
     * id of each unit and the level's unit names.
     */
    public record Counts(List<String> groups, List<String> units, double[] counts, long rows,
                         List<String> levelNames, List<int[]> parents, List<List<String>> parentNames) {
    }

    private GroupUnitCsv() {
    }

    public static Counts read(Path file, String groupColumn, String unitColumn, List<String> within,
                              String weightColumn) {
        String name = file.getFileName().toString();
        Problems problems = new Problems();
        String refused = InputLimits.refusal(file);
        if (refused != null) {
            throw new BadInputException(List.of(new InputProblem(file.toString(), 0, "", "", refused)));
        }
        try (InputStream in = Files.newInputStream(file)) {
            Scanner s = new Scanner(in, name, problems);
            if (!s.next()) {
                problems.add(name, 1, "", "", "an empty file; expected a header line naming the columns");
                problems.throwIfAny();
            }
            List<String> header = s.header();
            int[] need = new int[3 + within.size()];
            List<String> wanted = new ArrayList<>();
            wanted.add(groupColumn);
            wanted.add(unitColumn);
            wanted.addAll(within);
            wanted.add(weightColumn == null ? "" : weightColumn);
            for (int k = 0; k < wanted.size(); k++) {
                String col = wanted.get(k);
                int idx = col.isEmpty() ? -1 : header.indexOf(col.trim().toLowerCase(Locale.ROOT));
                if (!col.isEmpty() && idx < 0) {
                    List<String> shown = header.size() <= 20 ? header : header.subList(0, 20);
                    problems.add(name, 1, "", "", "no column named '" + col + "'; the header has " + String.join(", ",
                            shown) + (header.size() > 20 ? " and " + (header.size() - 20) + " more" : "")
                            + " (check --group, --unit, --within and --weight)");
                }
                need[k] = idx;
            }
            problems.throwIfAny();
            return accumulate(s, need, within, weightColumn, name, problems);
        } catch (NoSuchFileException e) {
            throw new BadInputException(List.of(new InputProblem(file.toString(), 0, "", "",
                    "the file does not exist")));
        } catch (IOException e) {
            throw new BadInputException(List.of(new InputProblem(file.toString(), 0, "", "",
                    "could not be read: " + e.getMessage())));
        }
    }

    private static Counts accumulate(Scanner s, int[] col, List<String> within, String weightColumn, String name,
                                     Problems problems) throws IOException {
        int levels = within.size();
        ByteInterner groups = new ByteInterner();
        ByteInterner units = new ByteInterner();
        ByteInterner[] parents = new ByteInterner[levels];
        int[][] parentOf = new int[levels][];
        long[][] parentLine = new long[levels][];
        for (int k = 0; k < levels; k++) {
            parents[k] = new ByteInterner();
            parentOf[k] = new int[1024];
            Arrays.fill(parentOf[k], -1);
            parentLine[k] = new long[1024];
        }
        int stride = 8;
        double[] cells = new double[1024 * stride];
        long rows = 0;
        int weightIdx = col[col.length - 1];
        while (s.next()) {
            if (s.blank()) {
                continue;
            }
            rows++;
            int g = s.intern(col[0], groups);
            int u = s.intern(col[1], units);
            if (g < 0 || u < 0) {
                String missing = g < 0 ? "group" : "unit";
                problems.add(new InputProblem(name, s.line(), s.headerName(col[g < 0 ? 0 : 1]),
                        (g < 0 ? col[0] : col[1]) + 1, "", "a " + missing + " value in every row"));
                continue;
            }
            if (g >= stride) {
                int ns = Math.max(stride * 2, g + 1);
                double[] t = new double[Math.max(1024, units.size()) * ns];
                for (int i = 0; i * stride < cells.length && i * ns + stride <= t.length; i++) {
                    System.arraycopy(cells, i * stride, t, i * ns, stride);
                }
                cells = t;
                stride = ns;
            }
            if ((u + 1) * stride > cells.length) {
                cells = Arrays.copyOf(cells, Math.max(cells.length * 2, (u + 1) * stride));
            }
            double w = 1;
            if (weightIdx >= 0) {
                w = s.number(weightIdx);
                if (!(w >= 0) || Double.isInfinite(w)) {
                    problems.add(new InputProblem(name, s.line(), weightColumn, weightIdx + 1, s.text(weightIdx),
                            "a number of students, 0 or more"));
                    continue;
                }
            }
            cells[u * stride + g] += w;
            for (int k = 0; k < levels; k++) {
                int p = s.intern(col[2 + k], parents[k]);
                if (u >= parentOf[k].length) {
                    int n = Math.max(parentOf[k].length * 2, u + 1);
                    int old = parentOf[k].length;
                    parentOf[k] = Arrays.copyOf(parentOf[k], n);
                    Arrays.fill(parentOf[k], old, n, -1);
                    parentLine[k] = Arrays.copyOf(parentLine[k], n);
                }
                if (parentOf[k][u] < 0) {
                    parentOf[k][u] = p;
                    parentLine[k][u] = s.line();
                } else if (parentOf[k][u] != p) {
                    problems.add(new InputProblem(name, s.line(), within.get(k), col[2 + k] + 1, s.text(col[2 + k]),
                            "the same " + within.get(k) + " as on line " + parentLine[k][u] + " ('"
                                    + parents[k].name(parentOf[k][u]) + "'): unit '" + units.name(u)
                                    + "' must belong to one " + within.get(k)
                                    + "; make unit ids unique, e.g. prefix them with the " + within.get(k) + " id"));
                }
            }
        }
        problems.throwIfAny();
        if (rows == 0) {
            throw new BadInputException(List.of(new InputProblem(name, 2, "", "", "no data rows after the header")));
        }
        int gCount = groups.size();
        int uCount = units.size();
        double[] counts = new double[uCount * gCount];
        for (int u = 0; u < uCount; u++) {
            System.arraycopy(cells, u * stride, counts, u * gCount, gCount);
        }
        List<int[]> parentIds = new ArrayList<>();
        List<List<String>> parentNames = new ArrayList<>();
        for (int k = 0; k < levels; k++) {
            parentIds.add(Arrays.copyOf(parentOf[k], uCount));
            parentNames.add(parents[k].names());
        }
        return new Counts(groups.names(), units.names(), counts, rows, List.copyOf(within), parentIds, parentNames);
    }

    /** RFC 4180 records over a byte stream: fields are slices of the buffer, or of a scratch copy when quoted. */
    static final class Scanner {
        private final InputStream in;
        private final String file;
        private final Problems problems;
        private byte[] buf;
        private int limit;
        private int pos;
        private boolean eof;
        /** Bytes of the stream moved out of the buffer so far: with pos, how far into the stream a record ends. */
        private long shifted;
        private long nextLine = 1;
        private long line;
        private int fields;
        private int[] start = new int[64];
        private int[] len = new int[64];
        private boolean[] quoted = new boolean[64];
        private byte[] scratch = new byte[1024];
        private int scratchUsed;
        private List<String> header;

        Scanner(InputStream in, String file, Problems problems) throws IOException {
            this.in = in;
            this.file = file;
            this.problems = problems;
            this.buf = new byte[BUFFER];
            fill();
            if (limit >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) {
                pos = 3;
            }
        }

        /**
         * A scanner over a part of a file that starts at a record boundary after the header: every record is a row,
         * read against {@code header}, and lines are counted from 1 at the part's start.
         */
        Scanner(InputStream in, String file, Problems problems, List<String> header, int bufferBytes)
                throws IOException {
            this.in = in;
            this.file = file;
            this.problems = problems;
            this.header = header;
            this.buf = new byte[bufferBytes];
            fill();
        }

        /** Bytes of the stream up to the end of the last record read (the header, after the first call). */
        long consumed() {
            return shifted + pos;
        }

        private void fill() throws IOException {
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, limit - pos);
                limit -= pos;
                shifted += pos;
                pos = 0;
            }
            if (limit == buf.length) {
                if (buf.length >= BUFFER + 4L * InputLimits.MAX_LINE_CHARS) {
                    // one record longer than any line Mosaic reads: a file without line breaks, or not CSV
                    problems.add(file, nextLine, "", "", new InputLimits.LineTooLong().getMessage());
                    problems.throwIfAny();
                }
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            while (limit < buf.length && !eof) {
                int n = in.read(buf, limit, buf.length - limit);
                if (n < 0) {
                    eof = true;
                } else {
                    limit += n;
                }
            }
        }

        /** Reads the next record; the first call reads the header. False at the end of the file. */
        boolean next() throws IOException {
            while (true) {
                int end = parse();
                if (end >= 0) {
                    pos = end;
                    if (header == null) {
                        header = new ArrayList<>();
                        for (int i = 0; i < fields; i++) {
                            header.add(text(i).trim().toLowerCase(Locale.ROOT));
                        }
                    }
                    return true;
                }
                if (end == -2) {
                    return false;
                }
                if (eof) {
                    problems.add(file, nextLine, "", "", "malformed CSV: a quoted field is not closed before the "
                            + "end of the file; check for an unclosed quote");
                    problems.throwIfAny();
                }
                fill();
            }
        }

        List<String> header() {
            return header;
        }

        String headerName(int i) {
            return i >= 0 && i < header.size() ? header.get(i) : "";
        }

        long line() {
            return line;
        }

        boolean blank() {
            return fields == 1 && len[0] == 0 && !quoted[0];
        }

        /**
         * Parses one record from pos. Returns its end, −1 when the buffer holds no complete record, −2 at end of
         * input.
         */
        private int parse() {
            if (pos >= limit) {
                return eof ? -2 : -1;
            }
            int p = pos;
            fields = 0;
            scratchUsed = 0;
            long lines = 0;
            while (true) {
                if (fields == start.length) {
                    start = Arrays.copyOf(start, fields * 2);
                    len = Arrays.copyOf(len, fields * 2);
                    quoted = Arrays.copyOf(quoted, fields * 2);
                }
                if (p < limit && buf[p] == '"') {
                    int from = scratchUsed;
                    p++;
                    while (true) {
                        if (p >= limit) {
                            return -1;
                        }
                        byte b = buf[p];
                        if (b == '"') {
                            if (p + 1 >= limit && !eof) {
                                return -1;
                            }
                            if (p + 1 < limit && buf[p + 1] == '"') {
                                put(b);
                                p += 2;
                                continue;
                            }
                            p++;
                            break;
                        }
                        if (b == '\n') {
                            lines++;
                        }
                        put(b);
                        p++;
                    }
                    start[fields] = from;
                    len[fields] = scratchUsed - from;
                    quoted[fields] = true;
                    // Anything between the closing quote and the delimiter is kept, as Commons CSV's lenient mode.
                    while (p < limit && buf[p] != ',' && buf[p] != '\n' && buf[p] != '\r') {
                        p++;
                    }
                } else {
                    int from = p;
                    while (p < limit && buf[p] != ',' && buf[p] != '\n') {
                        p++;
                    }
                    if (p >= limit && !eof) {
                        return -1;
                    }
                    int end = p;
                    if (end > from && buf[end - 1] == '\r') {
                        end--;
                    }
                    start[fields] = from;
                    len[fields] = end - from;
                    quoted[fields] = false;
                }
                fields++;
                if (p >= limit) {
                    if (!eof) {
                        return -1;
                    }
                    line = nextLine;
                    nextLine += lines + 1;
                    return p;
                }
                byte b = buf[p];
                if (b == '\r' && p + 1 < limit && buf[p + 1] == '\n') {
                    p++;
                    b = '\n';
                }
                if (b == '\n') {
                    line = nextLine;
                    nextLine += lines + 1;
                    return p + 1;
                }
                if (b == '\r') {
                    p++;
                    if (p >= limit && !eof) {
                        return -1;
                    }
                    line = nextLine;
                    nextLine += lines + 1;
                    return p;
                }
                p++; // the comma
            }
        }

        private void put(byte b) {
            if (scratchUsed == scratch.length) {
                scratch = Arrays.copyOf(scratch, scratch.length * 2);
            }
            scratch[scratchUsed++] = b;
        }

        private byte[] source(int i) {
            return quoted[i] ? scratch : buf;
        }

        private int from(int i) {
            return start[i];
        }

        int fields() {
            return fields;
        }

        /** Bytes in field i (0 when the row is short). */
        int length(int i) {
            return i < fields ? len[i] : 0;
        }

        /** True when every field is empty or spaces: such a row is skipped, as Commons CSV's readers skip it. */
        boolean allBlank() {
            for (int i = 0; i < fields; i++) {
                byte[] src = source(i);
                for (int k = start[i]; k < start[i] + len[i]; k++) {
                    if (src[k] != ' ' && src[k] != '\t') {
                        return false;
                    }
                }
            }
            return true;
        }

        /** True when field i is absent, empty or spaces. */
        boolean blank(int i) {
            if (i >= fields) {
                return true;
            }
            byte[] src = source(i);
            for (int k = start[i]; k < start[i] + len[i]; k++) {
                if (src[k] != ' ') {
                    return false;
                }
            }
            return true;
        }

        /**
         * True when field i is plainly safe text: no control byte and no leading =, +, - or @ (so {@link
         * CsvTable#unsafe} would pass it without looking); false means "check it as a String".
         */
        boolean plainText(int i) {
            if (i >= fields || len[i] == 0) {
                return true;
            }
            byte[] src = source(i);
            int a = start[i];
            while (a < start[i] + len[i] - 1 && src[a] == ' ') {
                a++;
            }
            byte first = src[a];
            if (first == '=' || first == '+' || first == '-' || first == '@') {
                return false;
            }
            for (int k = start[i]; k < start[i] + len[i]; k++) {
                if (src[k] >= 0 && src[k] < 0x20 || src[k] == 0x7F) {
                    return false;
                }
            }
            return true;
        }

        /** Whether field i is well-formed UTF-8 (ASCII is checked without decoding). */
        boolean utf8(int i) {
            if (i >= fields) {
                return true;
            }
            byte[] src = source(i);
            for (int k = start[i]; k < start[i] + len[i]; k++) {
                if (src[k] < 0) {
                    try {
                        StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(src, start[i], len[i]));
                        return true;
                    } catch (java.nio.charset.CharacterCodingException e) {
                        return false;
                    }
                }
            }
            return true;
        }

        /**
         * Field i as a whole number when it is plain digits with an optional sign and no spaces (what files hold);
         * {@link Integer#MIN_VALUE} for anything else, which callers then parse from {@link #text}.
         */
        int integer(int i) {
            if (i >= fields || len[i] == 0 || len[i] > 9) {
                return Integer.MIN_VALUE;
            }
            byte[] src = source(i);
            int k = start[i];
            int end = k + len[i];
            boolean negative = src[k] == '-';
            if (negative || src[k] == '+') {
                k++;
            }
            if (k == end) {
                return Integer.MIN_VALUE;
            }
            int v = 0;
            for (; k < end; k++) {
                int d = src[k] - '0';
                if (d < 0 || d > 9) {
                    return Integer.MIN_VALUE;
                }
                v = v * 10 + d;
            }
            return negative ? -v : v;
        }

        /** Interned id of field i (trimmed of spaces), −1 if the row is short or the field empty. */
        int intern(int i, ByteInterner interner) {
            if (i >= fields) {
                return -1;
            }
            byte[] src = source(i);
            int a = from(i);
            int b = a + len[i];
            while (a < b && src[a] == ' ') {
                a++;
            }
            while (b > a && src[b - 1] == ' ') {
                b--;
            }
            return a == b ? -1 : interner.intern(src, a, b - a);
        }

        String text(int i) {
            if (i < 0 || i >= fields) {
                return "";
            }
            return new String(source(i), from(i), len[i], StandardCharsets.UTF_8);
        }

        /** A plain decimal parsed without allocation; anything unusual goes through Double.parseDouble. */
        double number(int i) {
            if (i >= fields) {
                return Double.NaN;
            }
            byte[] src = source(i);
            int a = from(i);
            int end = a + len[i];
            long mantissa = 0;
            int scale = 0;
            boolean dot = false;
            boolean digits = false;
            // a leading sign stays on the fast path (about one grade equivalent in twenty is negative); negating
            // the correctly rounded quotient gives the same double as parseDouble
            boolean negative = end > a && src[a] == '-';
            for (int k = negative || end > a && src[a] == '+' ? a + 1 : a; k < end; k++) {
                byte c = src[k];
                if (c >= '0' && c <= '9' && mantissa < 100_000_000_000_000L) {
                    mantissa = mantissa * 10 + (c - '0');
                    digits = true;
                    if (dot) {
                        scale++;
                    }
                } else if (c == '.' && !dot) {
                    dot = true;
                } else {
                    try {
                        String t = text(i).trim();
                        return CsvTable.DECIMAL.matcher(t).matches() ? Double.parseDouble(t) : Double.NaN;
                    } catch (NumberFormatException e) {
                        return Double.NaN;
                    }
                }
            }
            if (!digits) {
                return Double.NaN;
            }
            double v = scale == 0 ? mantissa : mantissa / Math.pow(10, scale);
            return negative ? -v : v;
        }
    }
}
