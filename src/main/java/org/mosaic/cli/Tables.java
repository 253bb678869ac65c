package org.mosaic.cli;

import java.util.ArrayList;
import java.util.List;

/** Plain-text tables for the terminal: first column left-aligned, the rest right-aligned. */
public final class Tables {
    private Tables() {
    }

    public static String render(List<String> header, List<? extends List<?>> rows) {
        int n = header.size();
        int[] w = new int[n];
        List<List<String>> cells = new ArrayList<>();
        cells.add(header);
        for (List<?> r : rows) {
            List<String> c = new ArrayList<>();
            for (Object o : r) {
                c.add(String.valueOf(o));
            }
            cells.add(c);
        }
        for (List<String> r : cells) {
            for (int i = 0; i < n && i < r.size(); i++) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < cells.size(); k++) {
            List<String> r = cells.get(k);
            for (int i = 0; i < n; i++) {
                String v = i < r.size() ? r.get(i) : "";
                if (i > 0) {
                    sb.append("  ");
                }
                sb.append(i == 0 ? String.format("%-" + w[i] + "s", v) : String.format("%" + w[i] + "s", v));
            }
            sb.append(System.lineSeparator());
            if (k == 0) {
                int total = 0;
                for (int x : w) {
                    total += x;
                }
                sb.append("-".repeat(total + 2 * (n - 1))).append(System.lineSeparator());
            }
        }
        return sb.toString();
    }
}
