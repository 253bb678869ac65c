package org.mosaic.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.mosaic.groups.ConstrainedGrouping;
import org.mosaic.groups.SkillGrouping;
import org.mosaic.io.MosaicCsvReader;
import org.mosaic.model.Dataset;
import org.mosaic.model.Section;

/**
 * Groups every math section of a dataset with the dynamic program, then the first N sections again with the
 * equivalent CP-SAT formulation (the baseline: a general solver on the same objective), and prints both timings.
 * Usage: GroupsAllSections DATASET N
 */
public final class GroupsAllSections {
    public static void main(String[] args) {
        Dataset d = MosaicCsvReader.read(Path.of(args[0]));
        int baseline = Integer.parseInt(args[1]);
        Map<String, Double> math = d.latestScores("math");
        Map<String, List<String>> rosters = new HashMap<>();
        d.rosters().forEach(r -> rosters.computeIfAbsent(r.sectionId(), k -> new ArrayList<>()).add(r.studentId()));
        List<double[]> classes = new ArrayList<>();
        for (Section s : d.sections()) {
            if (s.subject().equals("math")) {
                double[] x = rosters.getOrDefault(s.id(), List.of()).stream().filter(math::containsKey)
                        .mapToDouble(math::get).toArray();
                if (x.length >= 4) {
                    classes.add(x);
                }
            }
        }
        long t0 = System.nanoTime();
        double total = 0;
        int students = 0;
        for (double[] x : classes) {
            total += SkillGrouping.contiguous(x, 4, 8, 0).totalRange();
            students += x.length;
        }
        double dp = (System.nanoTime() - t0) / 1e9;
        System.out.printf("dynamic program: %d sections, %d students in %.3f s (%.3f ms/section); sum of ranges %.1f%n",
                classes.size(), students, dp, 1000 * dp / classes.size(), total);
        long t1 = System.nanoTime();
        double cpTotal = 0;
        double dpTotal = 0;
        for (int k = 0; k < baseline && k < classes.size(); k++) {
            double[] x = classes.get(k);
            SkillGrouping.Partition p = SkillGrouping.contiguous(x, 4, 8, 0);
            cpTotal += ConstrainedGrouping.group(x, 4, 8, p.groups().size(), new int[0][], 30).totalRange();
            dpTotal += p.totalRange();
        }
        double cp = (System.nanoTime() - t1) / 1e9;
        int n = Math.min(baseline, classes.size());
        System.out.printf("CP-SAT baseline: %d sections in %.3f s (%.1f ms/section); same objective: %.1f vs %.1f%n",
                n, cp, 1000 * cp / n, cpTotal, dpTotal);
    }
}
