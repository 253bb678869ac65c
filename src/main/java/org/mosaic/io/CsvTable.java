package org.mosaic.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.mosaic.model.InputProblem;

/**
 * Reads one CSV file row by row with a header, tolerating what spreadsheets and SIS exports produce (a UTF-8 byte
 * order mark, CRLF line ends, quoted fields with commas and line breaks, blank trailing lines), and turns every
 * malformed value into a {@link Problems} entry naming file, line and column.
 */
public final class CsvTable {
    private final String fileName;
    private final Problems problems;

    private CsvTable(String fileName, Problems problems) {
        this.fileName = fileName;
        this.problems = problems;
    }

    /**
     * Streams the rows of {@code file} to {@code rowHandler}. Missing required columns are reported once and no rows
     * are read. Returns false when the file could not be read at all.
     */
    public static boolean read(Path file, List<String> requiredColumns, Problems problems, Consumer<Row> rowHandler) {
        boolean whole = readRows(file, requiredColumns, problems, rowHandler);
        if (!whole) {
            problems.unreadable(file.getFileName().toString());
        }
        return whole;
    }

    private static boolean readRows(Path file, List<String> requiredColumns, Problems problems,
                                    Consumer<Row> rowHandler) {
        String name = file.getFileName().toString();
        CsvTable table = new CsvTable(name, problems);
        String refused = InputLimits.refusal(file);
        if (refused != null) {
            problems.add(name, 0, "", "", refused);
            return false;
        }
        java.util.Optional<String> changed = Manifest.checkFile(file);
        if (changed.isPresent()) {
            problems.add(name, 0, "", "", changed.get());
            return false;
        }
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Reader raw = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), decoder),
                1 << 16);
             CSVParser parser = CSVFormat.RFC4180.builder()
                     .setIgnoreEmptyLines(true)
                     .setTrim(false)
                     .get()
                     .parse(InputLimits.bounded(skipBom(raw)))) {
            Iterator<CSVRecord> it = parser.iterator();
            if (!it.hasNext()) {
                problems.add(name, 1, "", "", "an empty file; expected a header line with the columns "
                        + String.join(", ", requiredColumns));
                return false;
            }
            CSVRecord headerRecord = it.next();
            String headerTooBig = tooBig(headerRecord);
            if (headerTooBig != null) {
                problems.add(name, 1, "", "", headerTooBig);
                return false;
            }
            Map<String, Integer> header = Header.read(name, headerRecord, requiredColumns, problems);
            if (header == null) {
                return false;
            }
            long line = parser.getCurrentLineNumber() + 1;
            while (true) {
                CSVRecord rec;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    rec = it.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    if (hasCause(e, InputLimits.LineTooLong.class)) {
                        problems.add(name, line, "", "", new InputLimits.LineTooLong().getMessage());
                        return false;
                    }
                    if (hasCause(e, CharacterCodingException.class)) {
                        notUtf8(file, name, problems);
                        return false;
                    }
                    problems.add(name, line, "", "", "malformed CSV (" + rootMessage(e)
                            + "); check for an unclosed quote");
                    return false;
                }
                String tooBig = tooBig(rec);
                if (tooBig != null) {
                    problems.add(name, line, "", "", tooBig);
                    return false;
                }
                if (isBlank(rec)) {
                    line = parser.getCurrentLineNumber() + 1;
                    continue;
                }
                rowHandler.accept(table.new Row(rec, header, line));
                line = parser.getCurrentLineNumber() + 1;
            }
            return true;
        } catch (java.nio.file.NoSuchFileException e) {
            problems.add(name, 0, "", "", "the file is missing from the dataset directory " + file.getParent());
            return false;
        } catch (CharacterCodingException e) {
            notUtf8(file, name, problems);
            return false;
        } catch (UncheckedIOException e) {
            if (hasCause(e, InputLimits.LineTooLong.class)) {
                problems.add(name, 1, "", "", new InputLimits.LineTooLong().getMessage());
            } else if (hasCause(e, CharacterCodingException.class)) {
                notUtf8(file, name, problems);
            } else {
                problems.add(name, 0, "", "", "malformed CSV (" + rootMessage(e) + "); check for an unclosed quote");
            }
            return false;
        } catch (InputLimits.LineTooLong e) {
            problems.add(name, 1, "", "", e.getMessage());
            return false;
        } catch (IOException e) {
            problems.add(name, 0, "", "", "could not be read: " + rootMessage(e));
            return false;
        }
    }

    private static void notUtf8(Path file, String name, Problems problems) {
        long[] at = firstNonUtf8(file);
        problems.add(name, at[0], "", "", "the file is not UTF-8 text (line " + at[0] + ", byte " + at[1]
                + " of the file, has bytes that are not UTF-8, e.g. from a Latin-1 or Windows-1252 export); save it as "
                + "\"CSV UTF-8\"");
    }

    /**
     * The 1-based line and the 0-based byte offset of the first byte sequence that is not valid UTF-8, found by
     * streaming the file (so a large file costs no memory).
     */
    static long[] firstNonUtf8(Path file) {
        try (java.io.InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            long line = 1;
            long offset = 0;
            int b;
            while ((b = in.read()) >= 0) {
                long start = offset;
                offset++;
                if (b == '\n') {
                    line++;
                    continue;
                }
                if (b < 0x80) {
                    continue;
                }
                int extra;
                int min;
                if (b >= 0xC2 && b <= 0xDF) {
                    extra = 1;
                    min = 0x80;
                } else if (b >= 0xE0 && b <= 0xEF) {
                    extra = 2;
                    min = 0x800;
                } else if (b >= 0xF0 && b <= 0xF4) {
                    extra = 3;
                    min = 0x10000;
                } else {
                    return new long[] {line, start};
                }
                int cp = b & (0x3F >> extra);
                for (int k = 0; k < extra; k++) {
                    int c = in.read();
                    offset++;
                    if (c < 0 || (c & 0xC0) != 0x80) {
                        return new long[] {line, start};
                    }
                    cp = (cp << 6) | (c & 0x3F);
                }
                if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                    return new long[] {line, start};
                }
            }
            return new long[] {line, offset};
        } catch (IOException e) {
            return new long[] {0, 0};
        }
    }

    /**
     * Why a text cell is refused, or null. Control characters (other than tab and line breaks inside a quoted field)
     * break databases and terminals; a cell starting with =, +, - or @ would run as a formula when a spreadsheet opens
     * the output it is copied into (OWASP CSV injection), so Mosaic refuses it at import rather than alter ids on
     * output. Plain numbers such as -5 are not formulas.
     */
    static String unsafe(String v) {
        for (int k = 0; k < v.length(); k++) {
            char c = v.charAt(k);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return String.format("text without control characters (U+%04X at character %d)", (int) c, k + 1);
            }
        }
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !PLAIN_NUMBER.matcher(v).matches()) {
            return "text that does not start with =, +, - or @ (a spreadsheet would run it as a formula)";
        }
        return null;
    }

    /** Decimal numbers only: Java would also take hex (0x1p8), suffixes (200d, 5f), NaN and Infinity. */
    public static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile(
            "[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]{1,3})?");

    private static final java.util.regex.Pattern PLAIN_NUMBER = java.util.regex.Pattern.compile(
            "[+-]?[0-9]+(\\.[0-9]+)?");

    private static String tooBig(CSVRecord rec) {
        if (rec.size() > InputLimits.MAX_COLUMNS) {
            return String.format(Locale.ROOT, "%,d columns, above the limit of %,d", rec.size(),
                    InputLimits.MAX_COLUMNS);
        }
        for (int i = 0; i < rec.size(); i++) {
            if (rec.get(i).length() > InputLimits.MAX_FIELD_CHARS) {
                return String.format(Locale.ROOT, "column %d holds %,d characters, above the limit of %,d for one "
                        + "value", i + 1, rec.get(i).length(), InputLimits.MAX_FIELD_CHARS);
            }
        }
        return null;
    }

    private static boolean isBlank(CSVRecord rec) {
        for (String v : rec) {
            if (!v.isBlank()) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.replaceAll("\\s+", " ");
    }

    /** Skips a UTF-8 byte order mark: Excel writes one at the start of "CSV UTF-8" files. */
    private static Reader skipBom(Reader in) throws IOException {
        in.mark(1);
        int c = in.read();
        if (c != '\uFEFF') {
            in.reset();
        }
        return in;
    }

    /** One data row; typed getters report a problem and return a fallback instead of throwing. */
    public final class Row {
        private final CSVRecord record;
        private final Map<String, Integer> header;
        private final long line;
        private final java.util.Set<String> reported = new java.util.HashSet<>(2);

        private Row(CSVRecord record, Map<String, Integer> header, long line) {
            this.record = record;
            this.header = header;
            this.line = line;
        }

        public long line() {
            return line;
        }

        public String file() {
            return fileName;
        }

        /** The header's column names (lower case, trimmed), in file order. */
        public java.util.Set<String> columns() {
            return header.keySet();
        }

        public boolean has(String column) {
            return header.containsKey(column);
        }

        /**
         * The trimmed text of a column, or "" when the column is absent or the row is short. Text holding control
         * characters (NUL, escape, ...) or starting like a spreadsheet formula is reported and read as "".
         */
        public String text(String column) {
            String v = raw(column);
            String why = unsafe(v);
            if (why != null) {
                problem(column, v, why + rowName());
                return "";
            }
            return v;
        }

        /** For numbers, grades and flags: their own parsing rejects anything else. */
        private String raw(String column) {
            Integer i = header.get(column);
            if (i == null || i >= record.size()) {
                return "";
            }
            return record.get(i).trim();
        }

        public String required(String column) {
            String v = text(column);
            if (v.isEmpty()) {
                problem(column, v, "a value is required");
            }
            return v;
        }

        /** Reports a problem with a cell; a cell already reported gets no second message. */
        public void problem(String column, String value, String expected) {
            if (!reported.add(column)) {
                return;
            }
            Integer index = header.get(column);
            problems.add(new InputProblem(fileName, line, column, index == null ? 0 : index + 1, value, expected));
        }

        public int integer(String column, int min, int max, int fallback, boolean required) {
            String v = raw(column);
            if (v.isEmpty()) {
                if (required) {
                    problem(column, v, "a whole number from " + min + " to " + max);
                }
                return fallback;
            }
            try {
                int n = Integer.parseInt(v);
                if (n < min || n > max) {
                    problem(column, v, "a whole number from " + min + " to " + max);
                    return fallback;
                }
                return n;
            } catch (NumberFormatException e) {
                problem(column, v, "a whole number from " + min + " to " + max);
                return fallback;
            }
        }

        public double decimal(String column, double min, double max, double fallback, boolean required) {
            String v = raw(column);
            if (v.isEmpty()) {
                if (required) {
                    problem(column, v, "a number from " + fmt(min) + " to " + fmt(max));
                }
                return fallback;
            }
            try {
                if (!DECIMAL.matcher(v).matches()) {
                    throw new NumberFormatException("not a decimal");
                }
                double d = Double.parseDouble(v);
                if (!(d >= min && d <= max)) {
                    problem(column, v, "a number from " + fmt(min) + " to " + fmt(max));
                    return fallback;
                }
                return d;
            } catch (NumberFormatException e) {
                problem(column, v, "a number from " + fmt(min) + " to " + fmt(max) + " (use a dot for decimals)");
                return fallback;
            }
        }

        /** 0/1 flags; also accepts true/false, yes/no and Y/N as SIS exports write them. Absent means false. */
        public boolean flag(String column) {
            String v = raw(column).toLowerCase(Locale.ROOT);
            switch (v) {
                case "": case "0": case "false": case "no": case "n":
                    return false;
                case "1": case "true": case "yes": case "y":
                    return true;
                default:
                    problem(column, raw(column), "0 or 1 (true/false and yes/no are also accepted)");
                    return false;
            }
        }

        public int grade(String column) {
            String v = raw(column);
            Integer g = org.mosaic.model.Grades.parse(v);
            if (g == null) {
                problem(column, v, "a grade: PK, K, or 1 to 12");
                return 0;
            }
            return g;
        }

        /** The row's id for messages about its text: its student, section or school id, when it has one. */
        private String rowName() {
            for (String idColumn : List.of("student_id", "section_id", "school_id", "sourcedid")) {
                String id = raw(idColumn);
                if (!id.isEmpty() && unsafe(id) == null) {
                    return " (row of " + idColumn.replace("_id", "").replace("sourcedid", "sourcedId") + " " + id
                            + ")";
                }
            }
            return "";
        }

        private String fmt(double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        }
    }
}
