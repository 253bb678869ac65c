package org.mosaic.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.mosaic.io.GrowthCsv;
import org.mosaic.measure.growth.ValueAdded;
import org.mosaic.model.BadInputException;

/**
 * The observations of a value-added fit, with the counts of students left out: assembled either from the maps of
 * {@link GrowthInput} or straight from the lean reader's arrays. Both give the same rows in the same order (the
 * REML sums depend on it, so the outputs stay identical byte for byte).
 */
record VamRows(int year, int latestYear, List<ValueAdded.Observation> rows, int noPrior, int noUnit) {

    /** From the growth maps (either reader). */
    static VamRows of(GrowthInput input, Integer year, String level, String subject) {
        int latest = input.latestYear();
        int y = year != null ? year : latest;
        checkSectionYear(level, y, latest);
        Map<String, List<String>> sectionsOf = level.equals("section") ? input.sectionsOf(subject) : Map.of();
        List<ValueAdded.Observation> rows = new ArrayList<>();
        int noPrior = 0;
        int noUnit = 0;
        for (Map.Entry<String, Map<Integer, Double>> e : input.scores().entrySet()) {
            Double current = e.getValue().get(y);
            if (current == null) {
                continue;
            }
            Double prior = e.getValue().get(y - 1);
            Integer grade = input.grades().getOrDefault(e.getKey(), Map.of()).get(y);
            GrowthInput.Traits st = input.traits(e.getKey());
            List<String> sections = sectionsOf.get(e.getKey());
            String unit = level.equals("school") ? input.schoolOf(e.getKey(), y)
                    : sections == null ? null : sections.get(0);
            if (prior == null) {
                noPrior++;
                continue;
            }
            if (unit == null || unit.isEmpty() || grade == null || st == null) {
                noUnit++;
                continue;
            }
            rows.add(new ValueAdded.Observation(unit, grade, current, prior, st.frl(), st.ell(), st.iep()));
        }
        return new VamRows(y, latest, byUnit(rows), noPrior, noUnit);
    }

    /**
     * From the lean reader's arrays, without the per-student maps of {@link GrowthInput} (building them was a
     * quarter of a run on a million students). Students are visited in the order GrowthInput's score map iterates
     * them: a HashMap's order depends only on its keys, the order they were added and how (computeIfAbsent), so a map
     * of the same ids added the same way in the same order (first appearance in scores.csv) iterates them identically.
     */
    static VamRows of(Path dir, GrowthCsv.Data d, Integer year, String level, String subject) {
        GrowthCsv.Scores sc = d.scores();
        if (sc.size() == 0) {
            throw new BadInputException("the data hold no scores of this subject");
        }
        int latest = Integer.MIN_VALUE;
        for (int k = 0; k < sc.size(); k++) {
            latest = Math.max(latest, sc.year()[k]);
        }
        int y = year != null ? year : latest;
        checkSectionYear(level, y, latest);
        GrowthCsv.Students st = d.students();
        List<String> ids = st.ids();
        int n = ids.size();
        double[] current = new double[n];
        double[] prior = new double[n];
        byte[] has = new byte[n];
        Map<String, Integer> order = new HashMap<>();
        boolean[] met = new boolean[n];
        for (int k = 0; k < sc.size(); k++) {
            int s = sc.student()[k];
            // computeIfAbsent as GrowthInput, on each id's first row only (later rows leave the map as it is): it
            // links a new key at the head of its bucket, put at the tail
            if (!met[s]) {
                met[s] = true;
                order.computeIfAbsent(ids.get(s), x -> s);
            }
            // the last row of a student and year wins, as in the map
            if (sc.year()[k] == y) {
                current[s] = sc.score()[k];
                has[s] |= 1;
            } else if (sc.year()[k] == y - 1) {
                prior[s] = sc.score()[k];
                has[s] |= 2;
            }
        }
        String[] unit = new String[n];
        int[] grade = new int[n];
        boolean[] graded = new boolean[n];
        GrowthCsv.History h = d.history();
        if (h.size() > 0) {
            for (int k = 0; k < h.size(); k++) {
                if (h.year()[k] == y) {
                    int s = h.student()[k];
                    grade[s] = h.grade()[k];
                    graded[s] = true;
                    unit[s] = d.schools().get(h.school()[k]).id();
                }
            }
        } else {
            // without a history, the grade is counted back from students.csv and the school is known for the
            // latest year only
            for (int s = 0; s < st.count(); s++) {
                if ((has[s] & 1) != 0) {
                    grade[s] = st.grade()[s] - (latest - y);
                    graded[s] = true;
                }
                unit[s] = y != latest ? "" : st.school()[s] < 0 ? "" : d.schools().get(st.school()[s]).id();
            }
        }
        if (level.equals("section")) {
            GrowthCsv.Rosters r = GrowthCsv.rosters(dir, subject, d);
            unit = new String[n];
            for (int k = 0; k < r.size(); k++) {
                int s = r.student()[k];
                if (unit[s] == null) {
                    unit[s] = r.sectionIds().get(r.section()[k]);
                }
            }
        }
        int[] picked = new int[order.size()];
        int count = 0;
        int noPrior = 0;
        int noUnit = 0;
        for (int s : order.values()) {
            if ((has[s] & 1) == 0) {
                continue;
            }
            if ((has[s] & 2) == 0) {
                noPrior++;
                continue;
            }
            if (unit[s] == null || unit[s].isEmpty() || !graded[s] || s >= st.count()) {
                noUnit++;
                continue;
            }
            picked[count++] = s;
        }
        String[] unitOfRow = new String[count];
        for (int k = 0; k < count; k++) {
            unitOfRow[k] = unit[picked[k]];
        }
        // the records are made in their final order, so the fit reads them in the order they lie in memory
        List<ValueAdded.Observation> rows = new ArrayList<>(count);
        for (int k : orderByUnit(unitOfRow)) {
            int s = picked[k];
            byte t = st.traits()[s];
            rows.add(new ValueAdded.Observation(unit[s], grade[s], current[s], prior[s], (t & GrowthCsv.FRL) != 0,
                    (t & GrowthCsv.ELL) != 0, (t & GrowthCsv.IEP) != 0));
        }
        return new VamRows(y, latest, rows, noPrior, noUnit);
    }

    /** The rows ordered by unit id, keeping their order within a unit, as a stable sort by unit would. */
    static List<ValueAdded.Observation> byUnit(List<ValueAdded.Observation> rows) {
        String[] units = new String[rows.size()];
        for (int k = 0; k < units.length; k++) {
            units[k] = rows.get(k).unit();
        }
        List<ValueAdded.Observation> out = new ArrayList<>(rows.size());
        for (int k : orderByUnit(units)) {
            out.add(rows.get(k));
        }
        return out;
    }

    /**
     * The row numbers ordered by unit id, in their order within a unit: a stable sort by unit, done by counting the
     * rows of each unit (a million rows, a few thousand units) instead of comparing ids.
     */
    static int[] orderByUnit(String[] unitOfRow) {
        Map<String, Integer> slot = new HashMap<>();
        for (String u : unitOfRow) {
            slot.putIfAbsent(u, 0);
        }
        List<String> units = new ArrayList<>(slot.keySet());
        units.sort(null);
        for (int u = 0; u < units.size(); u++) {
            slot.put(units.get(u), u);
        }
        int[] start = new int[units.size() + 1];
        int[] slotOf = new int[unitOfRow.length];
        for (int k = 0; k < unitOfRow.length; k++) {
            slotOf[k] = slot.get(unitOfRow[k]);
            start[slotOf[k] + 1]++;
        }
        for (int u = 0; u < units.size(); u++) {
            start[u + 1] += start[u];
        }
        int[] out = new int[unitOfRow.length];
        for (int k = 0; k < unitOfRow.length; k++) {
            out[start[slotOf[k]]++] = k;
        }
        return out;
    }

    private static void checkSectionYear(String level, int y, int latest) {
        if (level.equals("section") && y != latest) {
            throw new BadInputException("--level section needs the latest year (" + latest + "): "
                    + "rosters.csv holds the current classes only");
        }
    }
}
