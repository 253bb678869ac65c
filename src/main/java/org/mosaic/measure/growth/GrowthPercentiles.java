package org.mosaic.measure.growth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Student growth percentiles exactly as Betebenner (2009) defines them and the R package SGP computes them: for a
 * cohort (one subject, grade and year) and each order k, the current score is regressed on the sum over the k most
 * recent priors of a cubic B-spline basis of that prior ({@link BSplineBasis#forPrior}), by linear quantile
 * regression at the 100 taus (1 … 100 − 0.5) / 100; each student's 100 predicted quantiles are rounded to 5 decimals
 * and sorted (which removes quantile crossing) and the SGP is the number of them below the student's score, with 0 → 1
 * and 100 → 99. Each
 * student is reported at the highest order available to them.
 */
public final class GrowthPercentiles {
    public static final int TAUS = 100;
    /** The smallest cohort fitted: this many students per coefficient (8 coefficients at order 1, 15 at order 2). */
    public static final int STUDENTS_PER_COEFFICIENT = 25;

    private GrowthPercentiles() {
    }

    /** One student of a cohort: the current score and the priors, most recent first (as many as exist, in a row). */
    public record CohortStudent(String id, double current, double[] priors) {
        public CohortStudent {
            priors = priors.clone();
        }
    }

    public record StudentGrowth(String id, int sgp, int order) {
    }

    /** What happened at one order: how many students had k priors, and whether the cohort was large enough. */
    public record OrderFit(int order, int students, int coefficients, int minimum, boolean fitted) {
    }

    /** The SGPs, and the students who got none: without a prior, or whose cohort was too small at every order. */
    public record CohortResult(List<StudentGrowth> growth, List<OrderFit> fits, List<String> withoutPriorIds,
                               List<String> tooSmallIds) {
        public int withoutPrior() {
            return withoutPriorIds.size();
        }

        public int inCohortsTooSmall() {
            return tooSmallIds.size();
        }
    }

    public static double tau(int k) {
        return (k + 1 - 0.5) / TAUS;
    }

    public static int minimumStudents(int order) {
        return STUDENTS_PER_COEFFICIENT * coefficients(order);
    }

    static int coefficients(int order) {
        return 1 + order * (BSplineBasis.DEGREE + 4);
    }

    /**
     * SGPs of one cohort at orders 1 … {@code maxOrder}; students without any prior get none and are counted. The
     * orders are fitted in parallel (each on its own students, so the result does not depend on the threads); a
     * student's SGP is predicted only at the highest order fitted for them.
     */
    public static CohortResult compute(List<CohortStudent> cohort, int maxOrder) {
        List<OrderFit> fits = new ArrayList<>();
        List<String> withoutPrior = new ArrayList<>();
        for (CohortStudent s : cohort) {
            if (s.priors().length == 0) {
                withoutPrior.add(s.id());
            }
        }
        List<List<CohortStudent>> eligibleByOrder = new ArrayList<>();
        for (int order = 1; order <= maxOrder; order++) {
            int k = order;
            List<CohortStudent> eligible = cohort.stream().filter(s -> s.priors().length >= k).toList();
            int minimum = minimumStudents(order);
            boolean fit = eligible.size() >= minimum && hasSpread(eligible, order);
            fits.add(new OrderFit(order, eligible.size(), coefficients(order), minimum, fit));
            eligibleByOrder.add(eligible);
        }
        int[][] sgpByOrder = new int[maxOrder][];
        boolean[][] reportedByOrder = new boolean[maxOrder][];
        IntStream.range(0, maxOrder).parallel().forEach(o -> {
            if (!fits.get(o).fitted()) {
                return;
            }
            List<CohortStudent> eligible = eligibleByOrder.get(o);
            boolean[] reported = new boolean[eligible.size()];
            for (int i = 0; i < reported.length; i++) {
                reported[i] = highestFitted(fits, eligible.get(i).priors().length) == o + 1;
            }
            reportedByOrder[o] = reported;
            sgpByOrder[o] = percentiles(eligible, o + 1, reported);
        });
        Map<String, StudentGrowth> best = new LinkedHashMap<>();
        List<String> tooSmall = new ArrayList<>();
        for (CohortStudent s : cohort) {
            int order = highestFitted(fits, s.priors().length);
            if (order > 0) {
                best.put(s.id(), null);
            } else if (s.priors().length > 0) {
                tooSmall.add(s.id());
            }
        }
        for (int o = 0; o < maxOrder; o++) {
            if (sgpByOrder[o] == null) {
                continue;
            }
            List<CohortStudent> eligible = eligibleByOrder.get(o);
            for (int i = 0; i < eligible.size(); i++) {
                if (reportedByOrder[o][i]) {
                    String id = eligible.get(i).id();
                    best.put(id, new StudentGrowth(id, sgpByOrder[o][i], o + 1));
                }
            }
        }
        return new CohortResult(List.copyOf(best.values()), fits, withoutPrior, tooSmall);
    }

    /** The highest fitted order a student with this many priors reaches, 0 if none. */
    private static int highestFitted(List<OrderFit> fits, int priors) {
        for (int o = Math.min(priors, fits.size()); o >= 1; o--) {
            if (fits.get(o - 1).fitted()) {
                return o;
            }
        }
        return 0;
    }

    private static boolean hasSpread(List<CohortStudent> eligible, int order) {
        for (int j = 0; j < order; j++) {
            int jj = j;
            double min = eligible.stream().mapToDouble(s -> s.priors()[jj]).min().orElse(0);
            double max = eligible.stream().mapToDouble(s -> s.priors()[jj]).max().orElse(0);
            if (!(max > min)) {
                return false;
            }
        }
        return true;
    }

    /** The SGP of every student at one order (all must have at least {@code order} priors). */
    public static int[] percentiles(List<CohortStudent> students, int order) {
        boolean[] all = new boolean[students.size()];
        Arrays.fill(all, true);
        return percentiles(students, order, all);
    }

    /**
     * The fit uses every student; SGPs are predicted for the {@code wanted} ones (0 for the others). The SGP is the
     * number of the 100 predicted quantiles below the score: Betebenner sorts them first (which undoes quantile
     * crossing), but a count below a value does not depend on the order, so no sort is needed for it.
     */
    static int[] percentiles(List<CohortStudent> students, int order, boolean[] wanted) {
        int n = students.size();
        BSplineBasis[] bases = new BSplineBasis[order];
        for (int j = 0; j < order; j++) {
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = students.get(i).priors()[j];
            }
            bases[j] = BSplineBasis.forPrior(values);
        }
        int p = coefficients(order);
        double[] design = new double[n * p];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            CohortStudent s = students.get(i);
            design[i * p] = 1;
            for (int j = 0; j < order; j++) {
                bases[j].evaluate(s.priors()[j], design, i * p + 1 + j * bases[j].columns());
            }
            y[i] = s.current();
        }
        double[][] coefficients = fitAllTaus(design, y, p);
        // transposed, so that one student's 100 predictions run over contiguous memory
        double[] byColumn = new double[p * TAUS];
        for (int t = 0; t < TAUS; t++) {
            for (int j = 0; j < p; j++) {
                byColumn[j * TAUS + t] = coefficients[t][j];
            }
        }
        int[] sgp = new int[n];
        double[] predicted = new double[TAUS];
        for (int i = 0; i < n; i++) {
            if (!wanted[i]) {
                continue;
            }
            Arrays.fill(predicted, 0);
            for (int j = 0; j < p; j++) {
                double xij = design[i * p + j];
                if (xij == 0) {
                    continue;
                }
                int base = j * TAUS;
                for (int t = 0; t < TAUS; t++) {
                    predicted[t] += xij * byColumn[base + t];
                }
            }
            int below = 0;
            for (int t = 0; t < TAUS; t++) {
                if (round5(predicted[t]) < y[i]) {
                    below++;
                }
            }
            sgp[i] = Math.max(1, Math.min(TAUS - 1, below));
        }
        return sgp;
    }

    /**
     * Predictions are rounded to 5 decimals, as the SGP package rounds them: each fit passes exactly through some
     * students' scores, and unrounded, floating-point noise would count those below or not at random.
     */
    static double round5(double v) {
        return Math.rint(v * 1e5) / 1e5;
    }

    /** The 100 quantile regressions of one design, as one chain over the taus ({@link QuantileProcess}). */
    static double[][] fitAllTaus(double[] design, double[] y, int p) {
        double[] taus = new double[TAUS];
        for (int t = 0; t < TAUS; t++) {
            taus[t] = tau(t);
        }
        return new QuantileProcess(design, y, p).fit(taus);
    }
}
