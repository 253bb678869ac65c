package org.mosaic.groups;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.mosaic.model.BadInputException;

/**
 * Who meets the teacher first in a station rotation: the units (groups or students) in order of need, and, when the
 * teacher station's seats change that order, the sentence that tells the teacher why.
 */
public final class TeacherFirst {
    private TeacherFirst() {
    }

    /** lowest: the furthest below grade level first; highest: the furthest above first; none: no order. */
    public enum Order {
        LOWEST, HIGHEST, NONE;

        public static Order parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--teacher-first '" + text + "': use lowest, highest or none");
            }
        }
    }

    /** Lower is more urgent: years relative to grade level when known, else the score. */
    public static double need(double levelGap, double score) {
        return Double.isNaN(levelGap) ? score : levelGap;
    }

    /** Unit indices, most urgent first; empty for {@link Order#NONE}. Ties keep the units' order. */
    public static int[] needOrder(double[] need, Order order) {
        if (order == Order.NONE) {
            return new int[0];
        }
        Integer[] idx = new Integer[need.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Comparator<Integer> byNeed = Comparator.comparingDouble(i -> need[i]);
        Arrays.sort(idx, order == Order.LOWEST ? byNeed : byNeed.reversed());
        return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
    }

    /**
     * Empty when the units meet the teacher in the order of need; otherwise a sentence naming the order of need, the
     * teacher station's seats and who actually meets the teacher in each slot.
     */
    public static String explanation(int[] needOrder, StationRotation.Timetable t, int[] sizes, List<String> units,
                                     List<StationRotation.Station> stations) {
        int teacher = -1;
        for (int k = 0; k < stations.size(); k++) {
            if (stations.get(k).teacher()) {
                teacher = k;
            }
        }
        if (teacher < 0 || needOrder.length < 2) {
            return "";
        }
        int[] slotOf = new int[units.size()];
        for (int u = 0; u < units.size(); u++) {
            slotOf[u] = -1;
            for (int s = 0; s < t.slots(); s++) {
                if (t.station()[u][s] == teacher) {
                    slotOf[u] = s;
                }
            }
        }
        boolean inOrder = true;
        for (int r = 0; r + 1 < needOrder.length; r++) {
            int a = slotOf[needOrder[r]];
            int b = slotOf[needOrder[r + 1]];
            if (a < 0 && b >= 0 || a >= 0 && b >= 0 && b < a) {
                inOrder = false;
            }
        }
        if (inOrder) {
            return "";
        }
        List<String> byNeed = new ArrayList<>();
        for (int u : needOrder) {
            byNeed.add(units.get(u));
        }
        List<String> bySlot = new ArrayList<>();
        for (int s = 0; s < t.slots(); s++) {
            List<String> here = new ArrayList<>();
            for (int u : needOrder) {
                if (slotOf[u] == s) {
                    here.add(units.get(u) + " (" + sizes[u] + ")");
                }
            }
            if (!here.isEmpty()) {
                bySlot.add("slot " + (s + 1) + ": " + String.join(" and ", here));
            }
        }
        return "By need the teacher would see " + String.join(", ", byNeed) + " in that order, but the teacher "
                + "station seats " + stations.get(teacher).seats() + " students at a time, so the order changes: "
                + String.join("; ", bySlot) + ". This meets the neediest as early as the seats allow.";
    }
}
