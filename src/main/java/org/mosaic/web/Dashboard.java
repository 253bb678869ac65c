package org.mosaic.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.mosaic.measure.AchievementGap;
import org.mosaic.measure.Decomposition;
import org.mosaic.measure.DistrictReport;
import org.mosaic.measure.DistrictSegregation;
import org.mosaic.measure.GroupUnitTable;
import org.mosaic.measure.PovertyConcentration;
import org.mosaic.measure.Segregation;
import org.mosaic.model.BadInputException;
import org.mosaic.model.Dataset;
import org.mosaic.model.School;
import org.mosaic.model.Section;

/**
 * The district dashboard's figures, all from {@code org.mosaic.measure} (the same report as {@code mosaic measure}):
 * the segregation decomposition district → cluster → school → class by FRL and by race, poverty bands, and the FRL
 * achievement gap, district-wide and for one school. Reports are kept per dataset and subject: a dataset version never
 * changes, and the decomposition of a 20,000-student district takes a second.
 */
public final class Dashboard {
    static final List<String> LEVELS = DistrictSegregation.ALL_LEVELS;

    /** Both decompositions of one dataset and subject. */
    public record Reports(DistrictReport frl, DistrictReport race) {
    }

    /** A bar of the per-school charts, with the address of its drill-down page. */
    public record SchoolRow(String id, String name, String cluster, int students, double frlShare, String band,
                     double localFrl, double localRace, double classesH, String gap) {
    }

    public record District(String subject, List<String> subjects, int students, double totalHFrl, double totalHRace,
                    String decompositionChart, List<List<String>> decomposition, String schoolsChart,
                    List<SchoolRow> schools, String povertyChart, List<List<String>> poverty, String gapChart,
                    String districtGap) {
    }

    public record OneSchool(String schoolId, String schoolName, String subject, List<String> subjects, int students,
                     double frlShare, String band, double localFrl, double localRace, double classesHFrl,
                     double classesHRace, String classesChart, List<List<String>> classes, String gap) {
    }

    private final Map<String, Reports> cache = new LinkedHashMap<>(8, 0.75f, true);

    synchronized Reports reports(long datasetId, Dataset d, String subject) {
        String key = datasetId + "/" + subject;
        Reports r = cache.get(key);
        if (r == null) {
            r = new Reports(DistrictReport.build(d, DistrictSegregation.By.FRL, LEVELS, subject),
                    DistrictReport.build(d, DistrictSegregation.By.RACE, LEVELS, subject));
            cache.put(key, r);
            while (cache.size() > 6) {
                cache.remove(cache.keySet().iterator().next());
            }
        }
        return r;
    }

    static String subject(String asked, List<String> subjects) {
        if (asked == null || asked.isBlank()) {
            return subjects.contains("math") ? "math" : subjects.isEmpty() ? "math" : subjects.get(0);
        }
        String s = asked.trim().toLowerCase(Locale.ROOT);
        if (!subjects.contains(s)) {
            throw new BadInputException(List.of(new org.mosaic.model.InputProblem("form", 0, "subject", asked,
                    "one of " + String.join(", ", subjects))));
        }
        return s;
    }

    District district(long datasetId, Dataset d, String subject, List<String> subjects) {
        Reports r = reports(datasetId, d, subject);
        Decomposition frl = r.frl().seg().decomposition();
        Decomposition race = r.race().seg().decomposition();
        List<String> labels = new ArrayList<>();
        List<Double> frlParts = new ArrayList<>();
        List<Double> raceParts = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (int k = 0; k < frl.levels().size(); k++) {
            String name = componentName(frl, k);
            labels.add(name);
            frlParts.add(round(frl.partH(k), 4));
            raceParts.add(round(race.partH(k), 4));
            rows.add(List.of(name, Format.three(frl.partH(k)), share(frl, k), Format.three(race.partH(k)),
                    share(race, k)));
        }
        String decomposition = Format.json(Map.of("kind", "bar", "labels", labels, "yName", "Theil's H",
                "series", List.of(Map.of("name", "by FRL", "data", frlParts), Map.of("name", "by race", "data",
                        raceParts))));

        Map<String, Integer> students = new HashMap<>();
        d.students().forEach(s -> students.merge(s.schoolId(), 1, Integer::sum));
        DistrictSegregation.Result seg = r.frl().seg();
        PovertyConcentration.Result poverty = seg.poverty();
        double districtFrl = share(seg.schools());
        Map<String, Classes> classes = classes(d, subject);
        List<SchoolRow> schools = new ArrayList<>();
        List<String> schoolLabels = new ArrayList<>();
        List<Double> diffs = new ArrayList<>();
        List<Double> gaps = new ArrayList<>();
        for (School s : d.schools()) {
            Double frlShare = poverty.unitFrlShare().get(s.id());
            if (frlShare == null) {
                continue;
            }
            AchievementGap.Result g = r.frl().gaps().get(s.id());
            schools.add(new SchoolRow(s.id(), s.name(), s.clusterId(), students.getOrDefault(s.id(), 0), frlShare,
                    PovertyConcentration.BANDS.get(PovertyConcentration.band(frlShare)),
                    seg.localBySchool().getOrDefault(s.id(), 0.0),
                    r.race().seg().localBySchool().getOrDefault(s.id(), 0.0),
                    classes.getOrDefault(s.id(), new Classes()).h(true), g == null ? "" : Format.two(
                    g.hedgesG())));
            schoolLabels.add(s.name());
            diffs.add(round(100 * (frlShare - districtFrl), 1));
            gaps.add(g == null ? null : round(g.hedgesG(), 2));
        }
        String schoolsChart = Format.json(Map.of("kind", "hbar", "labels", schoolLabels, "xName",
                "FRL share minus the district's (points)", "series", List.of(Map.of("name",
                        "FRL share minus the district's", "data", diffs))));
        String gapChart = Format.json(Map.of("kind", "hbar", "labels", schoolLabels, "xName",
                "FRL gap (Hedges' g)", "series", List.of(Map.of("name", "not-FRL minus FRL, Hedges' g", "data",
                        gaps))));

        // Poverty bands by income and by race: the race report's schools are the same, its groups the races.
        Map<String, Map<String, Double>> bandShares = new LinkedHashMap<>(poverty.bandShares());
        Map<String, Double> exposure = new LinkedHashMap<>(poverty.exposureToPoverty());
        bandShares.putAll(r.race().seg().poverty().bandShares());
        exposure.putAll(r.race().seg().poverty().exposureToPoverty());
        List<String> groups = new ArrayList<>(bandShares.keySet());
        List<Map<String, Object>> bandSeries = new ArrayList<>();
        for (String band : PovertyConcentration.BANDS) {
            List<Double> data = new ArrayList<>();
            for (String g : groups) {
                data.add(round(100 * bandShares.get(g).get(band), 1));
            }
            bandSeries.add(Map.of("name", band, "data", data));
        }
        List<List<String>> povertyRows = new ArrayList<>();
        for (String g : groups) {
            List<String> row = new ArrayList<>();
            row.add(groupName(g));
            bandShares.get(g).values().forEach(v -> row.add(Format.percent(v)));
            row.add(Format.percent(exposure.get(g)));
            povertyRows.add(row);
        }
        String povertyChart = Format.json(Map.of("kind", "stack", "labels", groups.stream().map(Dashboard::groupName)
                .toList(), "yName", "% of the group's students", "series", bandSeries));
        AchievementGap.Result g = r.frl().gaps().get("district");
        return new District(subject, subjects, seg.students(), frl.totalH(), race.totalH(), decomposition, rows,
                schoolsChart, schools, povertyChart, povertyRows, gapChart, g == null ? "" : Format.two(g.hedgesG()));
    }

    /**
     * One school's part only: nothing about another school is computed into this view, so a principal's page
     * cannot show it.
     */
    OneSchool school(long datasetId, Dataset d, School school, String subject, List<String> subjects) {
        Reports r = reports(datasetId, d, subject);
        DistrictSegregation.Result seg = r.frl().seg();
        Double frlShare = seg.poverty().unitFrlShare().get(school.id());
        if (frlShare == null) {
            throw new WebError(404, "school " + school.id() + " has no students in this dataset");
        }
        Classes c = classes(d, subject).getOrDefault(school.id(), new Classes());
        List<String> labels = new ArrayList<>();
        List<Double> shares = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        c.size.forEach((sec, n) -> {
            double share = c.frl.get(sec) / (double) n;
            labels.add(sec);
            shares.add(round(100 * share, 1));
            rows.add(List.of(sec, Integer.toString(n), Format.percent(share), PovertyConcentration.BANDS.get(
                    PovertyConcentration.band(share))));
        });
        double hFrl = c.h(true);
        double hRace = c.h(false);
        String chart = Format.json(Map.of("kind", "bar", "labels", labels, "yName", "FRL %", "series",
                List.of(Map.of("name", "FRL share of the class (%)", "data", shares))));
        AchievementGap.Result g = r.frl().gaps().get(school.id());
        int students = (int) d.students().stream().filter(s -> s.schoolId().equals(school.id())).count();
        return new OneSchool(school.id(), school.name(), subject, subjects, students, frlShare,
                PovertyConcentration.BANDS.get(PovertyConcentration.band(frlShare)),
                seg.localBySchool().getOrDefault(school.id(), 0.0),
                r.race().seg().localBySchool().getOrDefault(school.id(), 0.0), hFrl, hRace, chart, rows,
                g == null ? "" : Format.two(g.hedgesG()));
    }

    /** One school's classes in a subject: who sits in each, by FRL and by race (from rosters.csv). */
    private static final class Classes {
        final GroupUnitTable.Builder byFrl = GroupUnitTable.builder();
        final GroupUnitTable.Builder byRace = GroupUnitTable.builder();
        final Map<String, Integer> size = new LinkedHashMap<>();
        final Map<String, Integer> frl = new LinkedHashMap<>();

        /** Theil's H between this school's classes: 0 when every class mirrors the school. */
        double h(boolean byFrlNotRace) {
            return size.size() < 2 ? 0 : Segregation.theilH((byFrlNotRace ? byFrl : byRace).build());
        }
    }

    private static Map<String, Classes> classes(Dataset d, String subject) {
        Map<String, Section> sections = new HashMap<>();
        d.sections().forEach(s -> sections.put(s.id(), s));
        Map<String, org.mosaic.model.Student> byId = d.district().studentsById();
        Map<String, Classes> out = new HashMap<>();
        for (var e : d.rosters()) {
            Section sec = sections.get(e.sectionId());
            org.mosaic.model.Student st = byId.get(e.studentId());
            if (sec == null || st == null || !sec.subject().equalsIgnoreCase(subject)
                    || !st.schoolId().equals(sec.schoolId())) {
                continue;
            }
            Classes c = out.computeIfAbsent(sec.schoolId(), k -> new Classes());
            c.byFrl.add(sec.id(), DistrictSegregation.groupOf(st, DistrictSegregation.By.FRL), 1);
            c.byRace.add(sec.id(), DistrictSegregation.groupOf(st, DistrictSegregation.By.RACE), 1);
            c.size.merge(sec.id(), 1, Integer::sum);
            c.frl.merge(sec.id(), st.frl() ? 1 : 0, Integer::sum);
        }
        return out;
    }

    static String componentName(Decomposition d, int k) {
        return DistrictReport.componentName(d, k).replace("sections", "classes");
    }

    private static String share(Decomposition d, int k) {
        return Format.percent(d.total() > 0 ? d.parts().get(k) / d.total() : 0);
    }

    private static double share(GroupUnitTable schools) {
        int frl = schools.groups().indexOf("frl");
        return frl < 0 ? 0 : schools.groupTotals()[frl] / schools.total();
    }

    static String groupName(String g) {
        return switch (g) {
            case "frl" -> "low income (FRL)";
            case "not_frl" -> "not low income";
            default -> g;
        };
    }

    private static double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }
}
