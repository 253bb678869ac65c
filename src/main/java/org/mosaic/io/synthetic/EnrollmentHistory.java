package org.mosaic.io.synthetic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

import org.mosaic.model.Grades;
import org.mosaic.model.Location;
import org.mosaic.model.School;
import org.mosaic.model.SchoolType;
import org.mosaic.model.Student;

/**
 * Draws each student's schools over the score years and the true school effects on growth that the scores carry.
 * The history is drawn backwards from the school the student attends now, so students.csv is unchanged by it:
 * <ul>
 *   <li>promotion: a student who changed level came from the zoned school of the lower level (the feeder chain);</li>
 *   <li>mobility: {@link #MOVE} of students a year came from another school of the same level;</li>
 *   <li>arrivals: {@link #ARRIVAL} a year were not in the district the year before (no prior score), and
 *       {@link #GAP} had one year away (a gap in the history);</li>
 *   <li>charters and the magnet: their students entered at the entry grade or later from their zoned school;</li>
 *   <li>exit after a year: some students now at a neighborhood school spent one year at a nearby charter; the
 *       proposal is accepted with a probability that falls with the score of that year, so low scorers exit more.</li>
 * </ul>
 * Scores then follow: ability + year noise + the sum of the effects of every school attended since the first score
 * year (the baseline, whose earlier schooling is part of the ability), so a school's effect is exactly its
 * contribution to one year's growth. docs/generator.md lists every rate.
 */
final class EnrollmentHistory {
    /** True school effect on a year's growth, in units of latent ability: SD 0.175 ≈ 0.15 student SD of scores. */
    static final double EFFECT_SD = 0.175;
    static final double EFFECT_SUBJECT_CORRELATION = 0.5;
    static final double MOVE = 0.06;
    static final double ARRIVAL = 0.04;
    static final double GAP = 0.005;
    /** Share of a charter's students who entered that year (the rest were there the year before). */
    static final double CHARTER_ENTRY = 0.15;
    static final double MAGNET_ENTRY = 0.10;
    /** Students near a charter who are proposed as one-year charter leavers; accepted by {@link #exitProbability}. */
    static final double EXIT_PROPOSAL = 0.02;
    static final double EXIT_INTERCEPT = -1.0;
    static final double EXIT_SLOPE = -1.5;
    static final double YEAR_NOISE = 0.45;

    private final BiFunction<Location, Integer, School> zoned;
    private final BiFunction<Location, Integer, School> nearbyCharter;
    private final int years;
    private final int lastYear;
    private final Map<String, School> byId = new HashMap<>();
    private final Map<String, double[]> effects = new HashMap<>();
    private final Map<Integer, List<School>> neighborhoodByLevel = new HashMap<>();

    EnrollmentHistory(List<School> schools, BiFunction<Location, Integer, School> zoned,
                      BiFunction<Location, Integer, School> nearbyCharter, int years, int lastYear,
                      Map<String, double[]> frlShare, SplittableRandom effectRng) {
        this.zoned = zoned;
        this.nearbyCharter = nearbyCharter;
        this.years = years;
        this.lastYear = lastYear;
        for (School s : schools) {
            byId.put(s.id(), s);
            double a = Normal.draw(effectRng);
            double b = Normal.draw(effectRng);
            double rho = EFFECT_SUBJECT_CORRELATION;
            effects.put(s.id(), new double[] {EFFECT_SD * a, EFFECT_SD * (rho * a + Math.sqrt(1 - rho * rho) * b)});
            if (s.type() == SchoolType.NEIGHBORHOOD) {
                neighborhoodByLevel.computeIfAbsent(level(s.lowGrade()), k -> new ArrayList<>()).add(s);
            }
        }
        for (int level = 0; level < 3; level++) {
            int l = level;
            List<School> peers = schools.stream().filter(s -> level(s.lowGrade()) == l).toList();
            for (int k = 0; k < 2; k++) {
                orthogonaliseToPoverty(peers, frlShare, k);
            }
        }
    }

    /**
     * Effects are made uncorrelated with school poverty within each level (the enrollment-weighted least-squares
     * residual on the FRL share): with a handful of schools a chance correlation would otherwise accumulate over the years into a wider
     * or narrower income gap than the documented one, and real value-added is not assumed to favour either side.
     */
    private void orthogonaliseToPoverty(List<School> peers, Map<String, double[]> frlAndSize, int subject) {
        if (peers.size() < 3) {
            return;
        }
        // weighted by enrollment, so that the correlation is removed where the students are
        double total = 0;
        double mx = 0;
        double my = 0;
        for (School s : peers) {
            double[] fs = frlAndSize.getOrDefault(s.id(), new double[] {0.5, 0});
            total += fs[1];
            mx += fs[1] * fs[0];
            my += fs[1] * effects.get(s.id())[subject];
        }
        if (total == 0) {
            return;
        }
        mx /= total;
        my /= total;
        double sxy = 0;
        double sxx = 0;
        for (School s : peers) {
            double[] fs = frlAndSize.getOrDefault(s.id(), new double[] {0.5, 0});
            sxy += fs[1] * (fs[0] - mx) * (effects.get(s.id())[subject] - my);
            sxx += fs[1] * (fs[0] - mx) * (fs[0] - mx);
        }
        double slope = sxx > 0 ? sxy / sxx : 0;
        for (School s : peers) {
            double[] fs = frlAndSize.getOrDefault(s.id(), new double[] {0.5, 0});
            effects.get(s.id())[subject] -= my + slope * (fs[0] - mx);
        }
    }

    /** True effect of each school on one year's growth, per subject (math, reading), in latent-ability units. */
    Map<String, double[]> effects() {
        return effects;
    }

    static int level(int grade) {
        return grade <= 5 ? 0 : grade <= 8 ? 1 : 2;
    }

    /** One student's history and year-by-year latent scores; {@code schools[t]} is null when not enrolled. */
    record Drawn(String[] schools, double[][] z, boolean exited) {
    }

    Drawn draw(Student s, double[] ability, SplittableRandom r) {
        String[] h = new String[years];
        h[years - 1] = s.schoolId();
        for (int t = years - 2; t >= 0; t--) {
            int grade = s.grade() - (years - 1 - t);
            if (grade < Grades.K || h[t + 1] == null) {
                break;
            }
            if (r.nextDouble() < ARRIVAL) {
                break;
            }
            h[t] = previous(byId.get(h[t + 1]), s.home(), grade, r);
        }
        // One year away and back: a gap, drawn only inside the history.
        for (int t = 1; t < years - 1; t++) {
            if (h[t - 1] != null && h[t] != null && r.nextDouble() < GAP) {
                h[t] = null;
            }
        }
        double[][] noise = new double[years][2];
        for (int t = 0; t < years; t++) {
            noise[t][0] = Normal.draw(r);
            noise[t][1] = Normal.draw(r);
        }
        boolean exited = false;
        School current = byId.get(s.schoolId());
        if (current.type() == SchoolType.NEIGHBORHOOD && r.nextDouble() < EXIT_PROPOSAL) {
            int t = r.nextInt(Math.max(1, years - 1));
            int grade = s.grade() - (years - 1 - t);
            School charter = grade >= Grades.K ? nearbyCharter.apply(s.home(), grade) : null;
            if (charter != null && h[t] != null && h[t + 1] != null && charter.serves(grade)) {
                String[] proposal = h.clone();
                proposal[t] = charter.id();
                double[][] z = scores(proposal, ability, noise);
                if (r.nextDouble() < exitProbability((z[t][0] + z[t][1]) / 2)) {
                    h = proposal;
                    exited = true;
                }
            }
        }
        return new Drawn(h, scores(h, ability, noise), exited);
    }

    /** Low scorers leave a charter after a year more often: logistic(−1 − 1.5 z) is 0.62 at z = −1, 0.08 at +1. */
    static double exitProbability(double z) {
        return Normal.logistic(EXIT_INTERCEPT + EXIT_SLOPE * z);
    }

    private String previous(School next, Location home, int grade, SplittableRandom r) {
        if (next.type() != SchoolType.NEIGHBORHOOD && next.serves(grade)) {
            double entry = next.type() == SchoolType.CHARTER ? CHARTER_ENTRY : MAGNET_ENTRY;
            if (r.nextDouble() >= entry) {
                return next.id();
            }
            return zoned.apply(home, grade).id();
        }
        if (next.type() == SchoolType.NEIGHBORHOOD && next.serves(grade) && r.nextDouble() >= MOVE) {
            return next.id();
        }
        if (!next.serves(grade) && r.nextDouble() >= MOVE) {
            return zoned.apply(home, grade).id();
        }
        List<School> level = neighborhoodByLevel.get(level(grade));
        School other = level.get(r.nextInt(level.size()));
        return other.serves(grade) ? other.id() : zoned.apply(home, grade).id();
    }

    private double[][] scores(String[] h, double[] ability, double[][] noise) {
        double[][] z = new double[years][2];
        double[] cumulative = new double[2];
        for (int t = 0; t < years; t++) {
            if (h[t] == null) {
                continue;
            }
            double[] e = effects.get(h[t]);
            for (int k = 0; k < 2; k++) {
                // the first year is the baseline: schooling before it is part of the ability
                cumulative[k] += t == 0 ? 0 : e[k];
                z[t][k] = ability[k] + YEAR_NOISE * noise[t][k] + cumulative[k];
            }
        }
        return z;
    }

    int year(int t) {
        return lastYear - years + 1 + t;
    }
}
