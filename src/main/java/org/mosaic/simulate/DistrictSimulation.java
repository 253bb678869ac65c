package org.mosaic.simulate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.mosaic.enroll.Assigner;
import org.mosaic.enroll.Market;
import org.mosaic.enroll.Mechanism;
import org.mosaic.enroll.Outcome;
import org.mosaic.enroll.Policy;
import org.mosaic.enroll.TieBreak;
import org.mosaic.measure.AchievementGap;
import org.mosaic.measure.GroupUnitTable;
import org.mosaic.measure.PovertyConcentration;
import org.mosaic.measure.Segregation;
import org.mosaic.model.BadInputException;
import org.mosaic.model.Dataset;
import org.mosaic.model.Race;
import org.mosaic.model.Student;

/**
 * A scenario on a district (docs/simulate.md): the cohorts of the entry grades (the grades with school choices) are
 * enrolled under the scenario's policy, or stay in their current schools; then, each year, every school's grade is
 * split into classes by the sections engine at the scenario's dial, the model gives each student a year of learning,
 * and the students are promoted in their school. One call of {@link #draw} is one Monte Carlo draw: its seed sets
 * the lottery and the model's luck.
 */
public final class DistrictSimulation {

    /**
     * One scenario: {@code policy} null keeps the current schools; {@code dialBySchool} overrides the dial for the
     * schools it names; {@code levels} > 0 forms that many levels (levels mode) instead.
     */
    public record Scenario(String name, String policyName, Policy policy, double dial, int levels,
                           Map<String, Double> dialBySchool, int years,
                           ModelParameters parameters, String subject, int classSize, ClassFormation.Mode sections,
                           double timeLimit) {
    }

    /** One draw's outcomes (docs/simulate.md, summary.json keys). Growth is in grade levels per year. */
    public record Outcomes(double meanGrowth, double[] growthByQuartile, double growthFrl, double growthNotFrl,
                           double gapFrl, double gapWhiteBlack, double gapWhiteHispanic, double hSchoolsFrl,
                           double hSchoolsRace, double hClassroomsFrl, double hClassroomsRace,
                           double shareHighPoverty) {
    }

    /** The students the scenarios follow, their starting achievement and the district's quartile cuts per grade. */
    public record Cohorts(Dataset data, String subject, List<Student> students, double[] start,
                          List<Integer> entryGrades, Map<Integer, double[]> quartileCuts) {
    }

    private DistrictSimulation() {
    }

    /**
     * The entry grades' students with a grade-level score in {@code subject}; throws if there are none or if a
     * student has no such score (every student needs a starting level).
     */
    public static Cohorts cohorts(Dataset data, String subject) {
        Map<String, Student> byId = data.district().studentsById();
        TreeSet<Integer> grades = new TreeSet<>();
        data.choices().forEach(c -> {
            Student s = byId.get(c.studentId());
            if (s != null) {
                grades.add(s.grade());
            }
        });
        if (grades.isEmpty()) {
            throw new BadInputException("the dataset has no school choices (choices.csv): simulate follows the "
                    + "entry grades' applicants");
        }
        Map<String, double[]> latest = new HashMap<>();
        for (var sc : data.scores()) {
            if (sc.subject().equalsIgnoreCase(subject) && sc.strand().isEmpty() && sc.gradeEquivalent().isPresent()) {
                double[] prev = latest.get(sc.studentId());
                if (prev == null || sc.year() >= prev[0]) {
                    latest.put(sc.studentId(), new double[] {sc.year(), sc.gradeEquivalent().getAsDouble()});
                }
            }
        }
        List<Student> students = new ArrayList<>();
        List<Double> start = new ArrayList<>();
        for (Student s : data.students()) {
            if (!grades.contains(s.grade())) {
                continue;
            }
            double[] ge = latest.get(s.id());
            if (ge == null) {
                throw new BadInputException("student " + s.id() + " has no " + subject + " score with a grade "
                        + "equivalent in scores.csv; simulate measures achievement in grade levels");
            }
            students.add(s);
            start.add(ge[1]);
        }
        double[] level = start.stream().mapToDouble(Double::doubleValue).toArray();
        Map<Integer, double[]> cuts = new TreeMap<>();
        for (int g : grades) {
            double[] v = java.util.stream.IntStream.range(0, level.length).filter(i -> students.get(i).grade() == g)
                    .mapToDouble(i -> level[i]).sorted().toArray();
            cuts.put(g, new double[] {Interval.quantile(v, 0.25), Interval.quantile(v, 0.5),
                    Interval.quantile(v, 0.75)});
        }
        return new Cohorts(data, subject, students, level, List.copyOf(grades), cuts);
    }

    /** One draw of one scenario. */
    public static Outcomes draw(Cohorts c, Scenario sc, long seed) {
        int n = c.students().size();
        String[] school = new String[n];
        int[] grade = new int[n];
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Student s = c.students().get(i);
            school[i] = s.schoolId();
            grade[i] = s.grade();
            index.put(s.id(), i);
        }
        if (sc.policy() != null) {
            for (int g : c.entryGrades()) {
                Outcome o = Assigner.run(Market.of(c.data(), g, sc.policy(), TieBreak.SINGLE, seed), Mechanism.DA);
                for (int a = 0; a < o.market().applicants(); a++) {
                    Integer i = index.get(o.market().students().get(a).id());
                    if (i != null && o.schoolOf(a) >= 0) {
                        school[i] = o.market().schools().get(o.schoolOf(a)).id();
                    }
                }
            }
        }
        LearningModel model = new LearningModel(sc.parameters());
        Map<Double, ClassFormation> formers = new HashMap<>();
        double[] level = c.start().clone();
        double[] hClass = new double[2];
        double[] hSchool = new double[2];
        for (int year = 0; year < sc.years(); year++) {
            Map<String, List<Integer>> groups = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                groups.computeIfAbsent(school[i] + "\u0000" + grade[i], k -> new ArrayList<>()).add(i);
            }
            GroupUnitTable.Builder classFrl = GroupUnitTable.builder();
            GroupUnitTable.Builder classRace = GroupUnitTable.builder();
            GroupUnitTable.Builder schoolFrl = GroupUnitTable.builder();
            GroupUnitTable.Builder schoolRace = GroupUnitTable.builder();
            double[] gain = new double[n];
            for (Map.Entry<String, List<Integer>> e : groups.entrySet()) {
                List<Integer> members = e.getValue();
                String sid = school[members.get(0)];
                int g = grade[members.get(0)];
                List<Student> roster = members.stream().map(c.students()::get).toList();
                double[] prior = members.stream().mapToDouble(i -> level[i]).toArray();
                double dial = sc.dialBySchool().getOrDefault(sid, sc.dial());
                ClassFormation former = formers.computeIfAbsent(dial, d -> new ClassFormation(sc.sections(), d,
                        sc.levels(), sc.classSize(), sc.timeLimit()));
                int[] section = former.form(roster, prior, Draws.mix(seed ^ Draws.key(e.getKey()) + year));
                int sections = Arrays.stream(section).max().orElse(0) + 1;
                double schoolDraw = Draws.normal(seed, Draws.key(sid), year);
                for (int k = 0; k < sections; k++) {
                    int kk = k;
                    int[] in = java.util.stream.IntStream.range(0, members.size()).filter(j -> section[j] == kk)
                            .map(members::get).toArray();
                    if (in.length == 0) {
                        continue;
                    }
                    double[] classPrior = Arrays.stream(in).mapToDouble(i -> level[i]).toArray();
                    long salt = 100 + year;
                    double[] luck = Arrays.stream(in).mapToDouble(i -> Draws.normal(seed,
                            Draws.key(c.students().get(i).id()), salt)).toArray();
                    double[] gk = model.gains(classPrior, g, 1, schoolDraw, luck);
                    String unit = e.getKey() + "\u0000" + k;
                    for (int j = 0; j < in.length; j++) {
                        Student s = c.students().get(in[j]);
                        gain[in[j]] = gk[j];
                        classFrl.add(unit, s.frl() ? "frl" : "not_frl", 1);
                        classRace.add(unit, s.race().code(), 1);
                        schoolFrl.add(sid, s.frl() ? "frl" : "not_frl", 1);
                        schoolRace.add(sid, s.race().code(), 1);
                    }
                }
            }
            hClass[0] += Segregation.theilH(classFrl.build()) / sc.years();
            hClass[1] += Segregation.theilH(classRace.build()) / sc.years();
            hSchool[0] += Segregation.theilH(schoolFrl.build()) / sc.years();
            hSchool[1] += Segregation.theilH(schoolRace.build()) / sc.years();
            for (int i = 0; i < n; i++) {
                level[i] += gain[i];
                grade[i]++;
            }
        }
        return outcomes(c, sc, school, level, hSchool, hClass);
    }

    private static Outcomes outcomes(Cohorts c, Scenario sc, String[] school, double[] level, double[] hSchool,
                                     double[] hClass) {
        int n = level.length;
        double[] growth = new double[n];
        double[] quartile = new double[4];
        int[] quartileN = new int[4];
        double[] frl = new double[2];
        int[] frlN = new int[2];
        double total = 0;
        for (int i = 0; i < n; i++) {
            Student s = c.students().get(i);
            growth[i] = (level[i] - c.start()[i]) / sc.years();
            total += growth[i];
            double[] cut = c.quartileCuts().get(s.grade());
            int q = c.start()[i] < cut[0] ? 0 : c.start()[i] < cut[1] ? 1 : c.start()[i] < cut[2] ? 2 : 3;
            quartile[q] += growth[i];
            quartileN[q]++;
            frl[s.frl() ? 0 : 1] += growth[i];
            frlN[s.frl() ? 0 : 1]++;
        }
        for (int q = 0; q < 4; q++) {
            quartile[q] = quartileN[q] == 0 ? Double.NaN : quartile[q] / quartileN[q];
        }
        // Gaps on the final level standardized within the starting grade, so the cohorts pool.
        double[] z = new double[n];
        Map<Integer, double[]> byGrade = new TreeMap<>();
        for (int g : c.entryGrades()) {
            double[] v = java.util.stream.IntStream.range(0, n).filter(i -> c.students().get(i).grade() == g)
                    .mapToDouble(i -> level[i]).toArray();
            byGrade.put(g, DdkExperiment.meanSd(v));
        }
        for (int i = 0; i < n; i++) {
            double[] ms = byGrade.get(c.students().get(i).grade());
            z[i] = ms[1] == 0 ? 0 : (level[i] - ms[0]) / ms[1];
        }
        Map<String, Double> schoolFrlShare = new HashMap<>();
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            int[] k = counts.computeIfAbsent(school[i], x -> new int[2]);
            k[0]++;
            k[1] += c.students().get(i).frl() ? 1 : 0;
        }
        counts.forEach((s, k) -> schoolFrlShare.put(s, k[1] / (double) k[0]));
        int highPoverty = 0;
        for (int i = 0; i < n; i++) {
            highPoverty += PovertyConcentration.band(schoolFrlShare.get(school[i])) == 3 ? 1 : 0;
        }
        return new Outcomes(total / n, quartile, frl[0] / Math.max(1, frlN[0]), frl[1] / Math.max(1, frlN[1]),
                gap(c, z, i -> !c.students().get(i).frl(), i -> c.students().get(i).frl()),
                gap(c, z, i -> c.students().get(i).race() == Race.WHITE, i -> c.students().get(i).race() == Race.BLACK),
                gap(c, z, i -> c.students().get(i).race() == Race.WHITE,
                        i -> c.students().get(i).race() == Race.HISPANIC),
                hSchool[0], hSchool[1], hClass[0], hClass[1], highPoverty / (double) n);
    }

    /** Hedges' g of group a over group b (measure's AchievementGap); NaN when either has fewer than 2 students. */
    private static double gap(Cohorts c, double[] z, java.util.function.IntPredicate a,
                              java.util.function.IntPredicate b) {
        double[] za = java.util.stream.IntStream.range(0, z.length).filter(a).mapToDouble(i -> z[i]).toArray();
        double[] zb = java.util.stream.IntStream.range(0, z.length).filter(b).mapToDouble(i -> z[i]).toArray();
        return za.length < 2 || zb.length < 2 ? Double.NaN : AchievementGap.of(za, zb, Double.NaN).hedgesG();
    }

    /** The outcome names of summary.json with their values in one draw, in a fixed order. */
    public static Map<String, Double> named(Outcomes o) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("mean_growth", o.meanGrowth());
        for (int q = 0; q < 4; q++) {
            m.put("growth_q" + (q + 1), o.growthByQuartile()[q]);
        }
        m.put("growth_frl", o.growthFrl());
        m.put("growth_not_frl", o.growthNotFrl());
        m.put("gap_frl_g", o.gapFrl());
        m.put("gap_white_black_g", o.gapWhiteBlack());
        m.put("gap_white_hispanic_g", o.gapWhiteHispanic());
        m.put("h_between_schools_frl", o.hSchoolsFrl());
        m.put("h_between_schools_race", o.hSchoolsRace());
        m.put("h_classrooms_frl", o.hClassroomsFrl());
        m.put("h_classrooms_race", o.hClassroomsRace());
        m.put("share_high_poverty_schools", o.shareHighPoverty());
        return m;
    }
}
