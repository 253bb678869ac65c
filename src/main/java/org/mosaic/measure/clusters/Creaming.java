package org.mosaic.measure.clusters;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.mosaic.model.Enrollment;
import org.mosaic.model.School;
import org.mosaic.model.SchoolType;
import org.mosaic.model.Student;

/**
 * Does a charter or magnet "cream"? Its entrants (students enrolled there who were at another school the year before)
 * are compared with the students who stayed at the same sending schools in the same year and grades: the difference
 * in prior score (mean and SD, in within-grade SD units) and in FRL, EL and IEP shares. Exit after one year (not
 * enrolled there the next year) is broken down by the quartile of the entrant's prior score in the district. Every
 * figure has a percentile-bootstrap 95 % interval (entrants and stayers resampled separately, {@link #RESAMPLES}
 * times, from a recorded seed).
 */
public final class Creaming {
    public static final int RESAMPLES = 1000;

    private Creaming() {
    }

    /** A figure with its interval; NaN when there were too few students. */
    public record Estimate(double value, double low, double high) {
        public boolean clearlyAbove(double x) {
            return low > x;
        }

        public boolean clearlyBelow(double x) {
            return high < x;
        }
    }

    public record Report(String schoolId, int entrants, int stayers, Estimate priorMeanDifference,
                         Estimate priorSdDifference, Estimate frlDifference, Estimate ellDifference,
                         Estimate iepDifference, int[] entrantsByQuartile, Estimate[] exitByQuartile,
                         String verdict) {
    }

    /** One student-year that matters here: prior z-score (the year before), flags, and whether they exited. */
    private record Person(double priorZ, boolean frl, boolean ell, boolean iep) {
    }

    /**
     * @param priorZ each student's score by year as a within-(year, grade) z-score of one subject
     */
    public static List<Report> of(List<Enrollment> history, Map<String, School> schools, List<Student> students,
                                  Map<String, Map<Integer, Double>> priorZ, long seed) {
        Map<String, Student> byId = new HashMap<>();
        students.forEach(s -> byId.put(s.id(), s));
        Map<String, Map<Integer, Enrollment>> years = new HashMap<>();
        int last = Integer.MIN_VALUE;
        for (Enrollment e : history) {
            years.computeIfAbsent(e.studentId(), k -> new HashMap<>()).put(e.year(), e);
            last = Math.max(last, e.year());
        }
        // district quartiles of the prior z-scores
        double[] allZ = priorZ.values().stream().flatMap(m -> m.values().stream()).mapToDouble(Double::doubleValue)
                .sorted().toArray();
        double[] cuts = allZ.length == 0 ? new double[] {0, 0, 0} : new double[] {allZ[allZ.length / 4],
                allZ[allZ.length / 2], allZ[3 * allZ.length / 4]};
        List<Report> out = new ArrayList<>();
        int finalYear = last;
        for (School c : schools.values()) {
            if (c.type() == SchoolType.NEIGHBORHOOD) {
                continue;
            }
            List<Person> entrants = new ArrayList<>();
            List<boolean[]> exits = new ArrayList<>(); // [exited] per entrant with a next year, by quartile
            List<Integer> exitQuartile = new ArrayList<>();
            Set<String> sending = new HashSet<>();
            for (Map.Entry<String, Map<Integer, Enrollment>> s : years.entrySet()) {
                for (Enrollment now : s.getValue().values()) {
                    Enrollment before = s.getValue().get(now.year() - 1);
                    if (!now.schoolId().equals(c.id()) || before == null || before.schoolId().equals(c.id())) {
                        continue;
                    }
                    Double z = priorZ.getOrDefault(s.getKey(), Map.of()).get(now.year() - 1);
                    Student st = byId.get(s.getKey());
                    if (z == null || st == null) {
                        continue;
                    }
                    entrants.add(new Person(z, st.frl(), st.ell(), st.iep()));
                    sending.add(before.schoolId() + "|" + before.year());
                    if (now.year() < finalYear && !(now.grade() >= c.highGrade())) {
                        Enrollment after = s.getValue().get(now.year() + 1);
                        exits.add(new boolean[] {after == null || !after.schoolId().equals(c.id())});
                        exitQuartile.add(quartile(z, cuts));
                    }
                }
            }
            List<Person> stayers = new ArrayList<>();
            for (Map.Entry<String, Map<Integer, Enrollment>> s : years.entrySet()) {
                for (Enrollment before : s.getValue().values()) {
                    if (!sending.contains(before.schoolId() + "|" + before.year())
                            || before.grade() < c.lowGrade() - 1 || before.grade() > c.highGrade() - 1) {
                        continue;
                    }
                    Enrollment now = s.getValue().get(before.year() + 1);
                    School next = now == null ? null : schools.get(now.schoolId());
                    Double z = priorZ.getOrDefault(s.getKey(), Map.of()).get(before.year());
                    Student st = byId.get(s.getKey());
                    // stayed: still in the neighborhood system the next year (same school or its feeder)
                    if (next == null || next.type() != SchoolType.NEIGHBORHOOD || z == null || st == null) {
                        continue;
                    }
                    stayers.add(new Person(z, st.frl(), st.ell(), st.iep()));
                }
            }
            if (entrants.size() < 2 || stayers.size() < 2) {
                out.add(new Report(c.id(), entrants.size(), stayers.size(), nan(), nan(), nan(), nan(), nan(),
                        new int[4], new Estimate[] {nan(), nan(), nan(), nan()},
                        "Too few entrants with a prior score to judge (" + entrants.size() + ")."));
                continue;
            }
            SplittableRandom r = new SplittableRandom(seed ^ c.id().hashCode());
            Estimate mean = boot(entrants, stayers, r, p -> p.priorZ(), false);
            Estimate sd = boot(entrants, stayers, r, p -> p.priorZ(), true);
            Estimate frl = boot(entrants, stayers, r, p -> p.frl() ? 1 : 0, false);
            Estimate ell = boot(entrants, stayers, r, p -> p.ell() ? 1 : 0, false);
            Estimate iep = boot(entrants, stayers, r, p -> p.iep() ? 1 : 0, false);
            int[] byQuartile = new int[4];
            Estimate[] exit = new Estimate[4];
            for (int q = 0; q < 4; q++) {
                List<Double> flags = new ArrayList<>();
                for (int i = 0; i < exits.size(); i++) {
                    if (exitQuartile.get(i) == q) {
                        flags.add(exits.get(i)[0] ? 1.0 : 0.0);
                    }
                }
                byQuartile[q] = flags.size();
                exit[q] = share(flags, r);
            }
            out.add(new Report(c.id(), entrants.size(), stayers.size(), mean, sd, frl, ell, iep, byQuartile, exit,
                    verdict(c, mean, frl, ell, iep, exit)));
        }
        out.sort((a, b) -> a.schoolId().compareTo(b.schoolId()));
        return out;
    }

    private static Estimate nan() {
        return new Estimate(Double.NaN, Double.NaN, Double.NaN);
    }

    private static int quartile(double z, double[] cuts) {
        return z < cuts[0] ? 0 : z < cuts[1] ? 1 : z < cuts[2] ? 2 : 3;
    }

    private static Estimate boot(List<Person> a, List<Person> b, SplittableRandom r,
                                 java.util.function.ToDoubleFunction<Person> f, boolean sd) {
        double[] va = a.stream().mapToDouble(f).toArray();
        double[] vb = b.stream().mapToDouble(f).toArray();
        double value = stat(va, sd) - stat(vb, sd);
        double[] boot = new double[RESAMPLES];
        double[] sa = new double[va.length];
        double[] sb = new double[vb.length];
        for (int k = 0; k < RESAMPLES; k++) {
            for (int i = 0; i < sa.length; i++) {
                sa[i] = va[r.nextInt(va.length)];
            }
            for (int i = 0; i < sb.length; i++) {
                sb[i] = vb[r.nextInt(vb.length)];
            }
            boot[k] = stat(sa, sd) - stat(sb, sd);
        }
        return interval(value, boot);
    }

    private static Estimate share(List<Double> flags, SplittableRandom r) {
        if (flags.isEmpty()) {
            return nan();
        }
        double[] v = flags.stream().mapToDouble(Double::doubleValue).toArray();
        double[] boot = new double[RESAMPLES];
        for (int k = 0; k < RESAMPLES; k++) {
            double s = 0;
            for (int i = 0; i < v.length; i++) {
                s += v[r.nextInt(v.length)];
            }
            boot[k] = s / v.length;
        }
        return interval(stat(v, false), boot);
    }

    private static Estimate interval(double value, double[] boot) {
        Arrays.sort(boot);
        return new Estimate(value, boot[(int) Math.floor(0.025 * (boot.length - 1))],
                boot[(int) Math.ceil(0.975 * (boot.length - 1))]);
    }

    private static double stat(double[] v, boolean sd) {
        double m = 0;
        for (double x : v) {
            m += x;
        }
        m /= v.length;
        if (!sd) {
            return m;
        }
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }

    /** A plain sentence a board member can read; only differences whose interval excludes zero are claimed. */
    static String verdict(School c, Estimate mean, Estimate frl, Estimate ell, Estimate iep, Estimate[] exit) {
        List<String> signs = new ArrayList<>();
        if (mean.clearlyAbove(0)) {
            signs.add(String.format(Locale.ROOT, "its entrants scored %.2f SD higher the year before than the students "
                    + "who stayed at their schools", mean.value()));
        }
        for (Object[] f : new Object[][] {{iep, "students with an IEP"}, {ell, "English learners"},
                {frl, "low-income (FRL) students"}}) {
            Estimate e = (Estimate) f[0];
            if (e.clearlyBelow(0)) {
                signs.add(String.format(Locale.ROOT, "it enrolls %.0f points fewer %s", -100 * e.value(), f[1]));
            }
        }
        Estimate low = exit[0];
        Estimate high = exit[3];
        if (!Double.isNaN(low.value()) && !Double.isNaN(high.value()) && low.low() > high.high()) {
            signs.add(String.format(Locale.ROOT, "%.0f %% of its lowest-quartile entrants left after a year against "
                    + "%.0f %% of its highest", 100 * low.value(), 100 * high.value()));
        }
        String name = c.type() == SchoolType.MAGNET ? "magnet " + c.id() : "charter " + c.id();
        if (signs.isEmpty()) {
            return "No sign that " + name + " creams: no difference is clear of chance.";
        }
        String selective = c.type() == SchoolType.MAGNET ? " (a selective magnet admits on scores by design)" : "";
        return "Signs that " + name + " creams" + selective + ": " + String.join("; ", signs) + ".";
    }
}
