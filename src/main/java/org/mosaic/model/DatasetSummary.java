package org.mosaic.model;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** What a dataset holds, in the shape an enrollment office checks before running anything on it. */
public record DatasetSummary(int schools, int clusters, int students, Map<String, Map<String, Integer>> bySchoolGrade,
                             Map<String, Integer> byRace, Map<String, Integer> byGender, double frlShare,
                             double ellShare, double iepShare, double giftedShare, Map<String, Double> scoreCoverage,
                             int scores, int choices, int studentsWithChoices, int priorities, int requests,
                             int sections) {

    public static DatasetSummary of(Dataset data) {
        Map<String, Map<String, Integer>> bySchoolGrade = new TreeMap<>();
        Map<String, Integer> byRace = new LinkedHashMap<>();
        for (Race r : Race.values()) {
            byRace.put(r.code(), 0);
        }
        Map<String, Integer> byGender = new LinkedHashMap<>();
        for (Gender g : Gender.values()) {
            byGender.put(g.code(), 0);
        }
        int frl = 0;
        int ell = 0;
        int iep = 0;
        int gifted = 0;
        for (Student s : data.students()) {
            String school = s.schoolId().isEmpty() ? "(not enrolled)" : s.schoolId();
            bySchoolGrade.computeIfAbsent(school, k -> new TreeMap<>(DatasetSummary::compareGrades))
                    .merge(Grades.label(s.grade()), 1, Integer::sum);
            byRace.merge(s.race().code(), 1, Integer::sum);
            byGender.merge(s.gender().code(), 1, Integer::sum);
            frl += s.frl() ? 1 : 0;
            ell += s.ell() ? 1 : 0;
            iep += s.iep() ? 1 : 0;
            gifted += s.gifted() ? 1 : 0;
        }
        int n = Math.max(1, data.students().size());
        Map<String, Set<String>> scoredBySubject = new TreeMap<>();
        for (Score s : data.scores()) {
            scoredBySubject.computeIfAbsent(s.subject(), k -> new HashSet<>()).add(s.studentId());
        }
        Map<String, Double> coverage = new TreeMap<>();
        scoredBySubject.forEach((subject, ids) -> coverage.put(subject, ids.size() / (double) n));
        Set<String> choosers = new HashSet<>();
        data.choices().forEach(c -> choosers.add(c.studentId()));
        return new DatasetSummary(data.schools().size(), data.district().clusters().size(), data.students().size(),
                bySchoolGrade, byRace, byGender, frl / (double) n, ell / (double) n, iep / (double) n,
                gifted / (double) n, coverage, data.scores().size(), data.choices().size(), choosers.size(),
                data.priorities().size(), data.requests().size(), data.sections().size());
    }

    private static int compareGrades(String a, String b) {
        return Integer.compare(Grades.parse(a), Grades.parse(b));
    }
}
