package org.mosaic.measure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mosaic.model.Dataset;
import org.mosaic.model.Student;

/** Achievement gaps between two groups in scores standardized within grade, district-wide and per school. */
public final class GradeGaps {
    private GradeGaps() {
    }

    /**
     * Latest scores as z-scores within each grade: on a vertical scale a 12th grader outscores a kindergartner, so
     * gaps pooled over grades would measure the grade mix, not the gap.
     */
    public static Map<String, Double> standardizedWithinGrade(Dataset data, String subject) {
        Map<String, Double> latest = data.latestScores(subject);
        Map<String, Student> byId = data.district().studentsById();
        Map<Integer, double[]> moments = new java.util.HashMap<>();
        latest.forEach((id, v) -> {
            double[] m = moments.computeIfAbsent(byId.get(id).grade(), k -> new double[3]);
            m[0]++;
            m[1] += v;
            m[2] += v * v;
        });
        Map<String, Double> z = new LinkedHashMap<>();
        latest.forEach((id, v) -> {
            double[] m = moments.get(byId.get(id).grade());
            double mean = m[1] / m[0];
            double sd = Math.sqrt(Math.max(1e-12, m[2] / m[0] - mean * mean));
            z.put(id, (v - mean) / sd);
        });
        return z;
    }

    /**
     * The gap between two groups (first minus second) in within-grade z-scores of the latest scores, district-wide and
     * per school; units where either group has fewer than 2 scores are left out.
     */
    public static Map<String, AchievementGap.Result> byUnit(Dataset data, String subject, DistrictSegregation.By by,
                                                   List<String> groups, double cut) {
        Map<String, Double> latest = standardizedWithinGrade(data, subject);
        Map<String, List<List<Double>>> byUnit = new LinkedHashMap<>();
        for (Student s : data.students()) {
            Double score = latest.get(s.id());
            int side = groups.indexOf(DistrictSegregation.groupOf(s, by));
            if (score == null || side < 0) {
                continue;
            }
            for (String unit : List.of("district", s.schoolId())) {
                byUnit.computeIfAbsent(unit, k -> List.of(new ArrayList<>(), new ArrayList<>())).get(side).add(score);
            }
        }
        Map<String, AchievementGap.Result> out = new LinkedHashMap<>();
        byUnit.forEach((unit, l) -> {
            if (l.get(0).size() >= 2 && l.get(1).size() >= 2) {
                out.put(unit, AchievementGap.of(l.get(0).stream().mapToDouble(Double::doubleValue).toArray(),
                        l.get(1).stream().mapToDouble(Double::doubleValue).toArray(), cut));
            }
        });
        return out;
    }
}
