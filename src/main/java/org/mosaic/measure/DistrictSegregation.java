package org.mosaic.measure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.mosaic.model.Dataset;
import org.mosaic.model.School;
import org.mosaic.model.Section;
import org.mosaic.model.Student;

/**
 * Segregation of a Mosaic dataset at every level of the district at once — district → feeder cluster → school →
 * class — so that "how much of the separation happens between schools, and how much between classrooms inside one
 * building" is one table. Students without a class in the chosen subject are left out when the class level is used
 * (the decomposition needs every student at every level).
 */
public final class DistrictSegregation {
    public static final List<String> ALL_LEVELS = List.of("district", "cluster", "school", "section");

    private DistrictSegregation() {
    }

    /** What students are grouped by. */
    public enum By {
        FRL, RACE;

        public static By parse(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
    }

    public record Result(By by, List<String> levels, String subject, int students, Decomposition decomposition,
                         GroupUnitTable schools, Map<String, Double> localBySchool,
                         Map<String, Double> withinSchoolBetweenClasses, PovertyConcentration.Result poverty,
                         PovertyConcentration.Result classPoverty) {
    }

    public static String groupOf(Student s, By by) {
        return by == By.FRL ? (s.frl() ? "frl" : "not_frl") : s.race().code();
    }

    public static Result of(Dataset data, By by, List<String> levels, String subject) {
        for (String l : levels) {
            if (!ALL_LEVELS.contains(l)) {
                throw new IllegalArgumentException("unknown level '" + l + "'; levels are " + ALL_LEVELS);
            }
        }
        Map<String, School> schools = data.district().schoolsById();
        boolean useSections = levels.contains("section");
        Map<String, String> sectionOf = new HashMap<>();
        if (useSections) {
            Map<String, Section> sections = new HashMap<>();
            data.sections().forEach(s -> sections.put(s.id(), s));
            data.rosters().forEach(r -> {
                Section s = sections.get(r.sectionId());
                if (s != null && s.subject().equalsIgnoreCase(subject)) {
                    sectionOf.putIfAbsent(r.studentId(), r.sectionId());
                }
            });
        }
        String finest = levels.get(levels.size() - 1);
        List<String> coarser = levels.subList(0, levels.size() - 1);
        GroupUnitTable.Builder finestTable = GroupUnitTable.builder();
        GroupUnitTable.Builder schoolTable = GroupUnitTable.builder();
        Map<String, Double> frlBySchool = new LinkedHashMap<>();
        Map<String, Double> frlByUnit = new LinkedHashMap<>();
        Map<String, List<String>> unitPath = new LinkedHashMap<>();
        int counted = 0;
        for (Student s : data.students()) {
            if (s.schoolId().isEmpty() || (useSections && !sectionOf.containsKey(s.id()))) {
                continue;
            }
            School school = schools.get(s.schoolId());
            String group = groupOf(s, by);
            List<String> path = new ArrayList<>();
            for (String level : levels) {
                path.add(unitAt(level, s, school, sectionOf));
            }
            String unit = path.get(path.size() - 1);
            finestTable.add(unit, group, 1);
            unitPath.putIfAbsent(unit, path);
            schoolTable.add(s.schoolId(), group, 1);
            frlBySchool.merge(s.schoolId(), s.frl() ? 1.0 : 0.0, Double::sum);
            frlByUnit.merge(unit, s.frl() ? 1.0 : 0.0, Double::sum);
            counted++;
        }
        if (counted == 0) {
            throw new IllegalArgumentException(useSections ? "no student has a class in subject '" + subject
                    + "' (rosters.csv); drop the section level or pick another --subject" : "no enrolled students");
        }
        GroupUnitTable table = finestTable.build();
        List<int[]> parents = new ArrayList<>();
        List<List<String>> names = new ArrayList<>();
        for (int k = 0; k < coarser.size(); k++) {
            Map<String, Integer> ids = new LinkedHashMap<>();
            int[] parent = new int[table.unitCount()];
            for (int u = 0; u < table.unitCount(); u++) {
                String p = unitPathKey(unitPath.get(table.units().get(u)), k);
                parent[u] = ids.computeIfAbsent(p, x -> ids.size());
            }
            parents.add(parent);
            names.add(new ArrayList<>(ids.keySet()));
        }
        List<String> levelNames = new ArrayList<>(coarser);
        levelNames.add(finest);
        Decomposition d = Decomposition.of(table, parents, names, levelNames);

        GroupUnitTable bySchool = schoolTable.build();
        double[] frl = new double[bySchool.unitCount()];
        for (int u = 0; u < bySchool.unitCount(); u++) {
            frl[u] = frlBySchool.get(bySchool.units().get(u));
        }
        Map<String, Double> withinSchool = new LinkedHashMap<>();
        if (useSections) {
            Map<String, List<Integer>> classesOfSchool = new LinkedHashMap<>();
            for (int u = 0; u < table.unitCount(); u++) {
                List<String> path = unitPath.get(table.units().get(u));
                classesOfSchool.computeIfAbsent(schoolIn(path, levels), k -> new ArrayList<>()).add(u);
            }
            classesOfSchool.forEach((school, ids) -> withinSchool.put(school, Segregation.mutualInformation(
                    table.subset(ids.stream().mapToInt(Integer::intValue).toArray()))));
        }
        // Exposure to poverty in the finest units too: the FRL share of the average member's class.
        double[] frlFinest = new double[table.unitCount()];
        for (int u = 0; u < table.unitCount(); u++) {
            frlFinest[u] = frlByUnit.get(table.units().get(u));
        }
        return new Result(by, List.copyOf(levels), subject, counted, d, bySchool, Segregation.localByUnit(bySchool),
                withinSchool, PovertyConcentration.of(bySchool, frl), PovertyConcentration.of(table, frlFinest));
    }

    private static String schoolIn(List<String> path, List<String> levels) {
        int i = levels.indexOf("school");
        return i >= 0 ? path.get(i) : path.get(path.size() - 1).split("/")[0];
    }

    private static String unitPathKey(List<String> path, int level) {
        return path.get(level);
    }

    private static String unitAt(String level, Student s, School school, Map<String, String> sectionOf) {
        switch (level) {
            case "district":
                return "district";
            case "cluster":
                return school.clusterId().isEmpty() ? "outside clusters" : school.clusterId();
            case "school":
                return school.id();
            default:
                return sectionOf.get(s.id());
        }
    }
}
