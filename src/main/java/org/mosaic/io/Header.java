package org.mosaic.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVRecord;
import org.mosaic.model.PersonalData;

/**
 * Checks a CSV header line and says what is wrong in terms of its cause: values separated by ';' or tabs, no header
 * at all (the first line is a student row), a misspelled or missing column, a column given twice. Messages list at
 * most {@link #MAX_NAMES} names and only names Mosaic knows or close misspellings of them, so a data row taken for a
 * header never carries a student's name or race into the message.
 */
final class Header {
    static final int MAX_NAMES = 20;
    private static final Set<String> KNOWN = new LinkedHashSet<>();

    static {
        KNOWN.addAll(MosaicFiles.SCHOOL_COLUMNS);
        KNOWN.addAll(MosaicFiles.STUDENT_COLUMNS);
        KNOWN.addAll(MosaicFiles.SCORE_COLUMNS);
        KNOWN.addAll(MosaicFiles.CHOICE_COLUMNS);
        KNOWN.addAll(MosaicFiles.PRIORITY_COLUMNS);
        KNOWN.addAll(MosaicFiles.REQUEST_COLUMNS);
        KNOWN.addAll(MosaicFiles.SECTION_COLUMNS);
        KNOWN.addAll(MosaicFiles.ROSTER_COLUMNS);
    }

    private Header() {
    }

    /** Column name → 0-based index, or null after reporting why the rows cannot be read. */
    static Map<String, Integer> read(String file, CSVRecord record, List<String> required, Problems problems) {
        List<String> cells = new ArrayList<>();
        record.forEach(c -> cells.add(c.trim().toLowerCase(Locale.ROOT)));
        return read(file, cells, required, problems);
    }

    /** The same check over header cells already trimmed and lower-cased (the byte scanner's header). */
    static Map<String, Integer> read(String file, List<String> cells, List<String> required, Problems problems) {
        Set<String> known = new LinkedHashSet<>(KNOWN);
        known.addAll(required);
        String separator = separator(cells, required);
        if (separator != null) {
            problems.add(file, 1, "", "", "this file uses " + separator + " between values; save it as CSV with "
                    + "commas (in Excel: Save As → \"CSV UTF-8 (Comma delimited)\")");
            return null;
        }
        Map<String, Integer> header = new LinkedHashMap<>();
        List<String> duplicates = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            String col = cells.get(i);
            if (col.isEmpty()) {
                continue;
            }
            Integer first = header.putIfAbsent(col, i);
            if (first != null && known.contains(col)) {
                duplicates.add(col + " (columns " + (first + 1) + " and " + (i + 1) + ")");
            }
        }
        boolean anyKnown = header.keySet().stream().anyMatch(known::contains);
        if (!anyKnown && !header.isEmpty()) {
            problems.add(file, 1, "", "", "the first line is not a header: none of its " + cells.size()
                    + " cells is a column name Mosaic knows (is the header missing?); the first line must name the "
                    + "columns, including " + String.join(", ", capped(required))
                    + " (see docs/formats.md for the columns of " + file + ")");
            return null;
        }
        if (!duplicates.isEmpty()) {
            problems.add(file, 1, "", "", "the header names a column twice: " + String.join(", ",
                    capped(duplicates)) + "; keep one of each, so that it is clear which values count");
            return null;
        }
        List<String> missing = new ArrayList<>();
        for (String col : required) {
            if (!header.containsKey(col)) {
                missing.add(col);
            }
        }
        if (missing.isEmpty()) {
            return header;
        }
        List<String> hints = new ArrayList<>();
        for (String col : missing) {
            String near = nearest(col, header.keySet(), known);
            hints.add(near == null ? col : col + " (is '" + near + "' meant to be " + col + "?)");
        }
        List<String> listed = new ArrayList<>();
        int others = 0;
        for (String col : header.keySet()) {
            if (known.contains(col)) {
                listed.add(col);
            } else {
                others++;
            }
        }
        problems.add(file, 1, "", "", "the header line lacks the required column(s) " + String.join(", ",
                capped(hints)) + "; it has " + String.join(", ", capped(listed))
                + (others == 0 ? "" : " and " + others + " other column" + (others == 1 ? "" : "s"))
                + " (see docs/formats.md for the columns of " + file + ")");
        return null;
    }

    /** ';' or a tab when the header is one cell that splits on it into known columns. */
    private static String separator(List<String> cells, List<String> required) {
        if (cells.size() > 1) {
            return null;
        }
        String only = cells.isEmpty() ? "" : cells.get(0);
        for (String sep : List.of(";", "\t", "|")) {
            if (only.contains(sep)) {
                for (String part : only.split(sep.equals("|") ? "\\|" : sep)) {
                    String p = part.trim().replace("\"", "");
                    if (KNOWN.contains(p) || required.contains(p)) {
                        return sep.equals("\t") ? "tabs" : "'" + sep + "'";
                    }
                }
            }
        }
        return null;
    }

    private static List<String> capped(List<String> names) {
        if (names.size() <= MAX_NAMES) {
            return names;
        }
        List<String> out = new ArrayList<>(names.subList(0, MAX_NAMES));
        out.add("... " + (names.size() - MAX_NAMES) + " more");
        return out;
    }

    /** A header cell that is a plausible misspelling of {@code col}; never a cell that could be a student's data. */
    private static String nearest(String col, Set<String> cells, Set<String> known) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        int allowed = Math.max(1, col.length() / 4);
        for (String c : cells) {
            if (known.contains(c) || c.length() > 40 || PersonalData.isPersonal(c)) {
                continue;
            }
            int d = distance(squash(c), squash(col));
            if (d <= allowed && d < bestD) {
                best = c;
                bestD = d;
            }
        }
        return best;
    }

    private static String squash(String s) {
        return s.replaceAll("[\\s_\\-]", "");
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
