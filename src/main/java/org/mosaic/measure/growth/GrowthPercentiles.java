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
 * and sorted (which removes quantile crossing) and the SGP is the number of them below the student's score, with 0 → 1 and 100 → 99. Each
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

    public record CohortResult(List<StudentGrowth> growth, List<OrderFit> fits, int withoutPrior,
                               int inCohortsTooSmall) {
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

    /** SGPs of one cohort at orders 1 … {@code maxOrder}; students without any prior get none and are counted. */
    public static CohortResult compute(List<CohortStudent> cohort, int maxOrder) {
        Map<String, StudentGrowth> best = new LinkedHashMap<>();
        List<OrderFit> fits = new ArrayList<>();
        int withoutPrior = 0;
        for (CohortStudent s : cohort) {
            if (s.priors().length == 0) {
                withoutPrior++;
            }
        }
        for (int order = 1; order <= maxOrder; order++) {
            int k = order;
            List<CohortStudent> eligible = cohort.stream().filter(s -> s.priors().length >= k).toList();
            int minimum = minimumStudents(order);
            boolean fit = eligible.size() >= minimum && hasSpread(eligible, order);
            fits.add(new OrderFit(order, eligible.size(), coefficients(order), minimum, fit));
            if (!fit) {
                continue;
            }
            int[] sgp = percentiles(eligible, order);
            for (int i = 0; i < eligible.size(); i++) {
                best.put(eligible.get(i).id(), new StudentGrowth(eligible.get(i).id(), sgp[i], order));
            }
        }
        int tooSmall = (int) cohort.stream().filter(s -> s.priors().length > 0 && !best.containsKey(s.id())).count();
        return new CohortResult(List.copyOf(best.values()), fits, withoutPrior, tooSmall);
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
        int[] sgp = new int[n];
        double[] predicted = new double[TAUS];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < TAUS; t++) {
                double v = 0;
                for (int j = 0; j < p; j++) {
                    v += design[i * p + j] * coefficients[t][j];
                }
                predicted[t] = round5(v);
            }
            Arrays.sort(predicted);
            int below = 0;
            for (double q : predicted) {
                if (q < y[i]) {
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

    /** The 100 quantile regressions, split over the cores; each worker keeps one solver's work arrays. */
    static double[][] fitAllTaus(double[] design, double[] y, int p) {
        double[][] out = new double[TAUS][];
        int workers = Math.max(1, Math.min(TAUS, Runtime.getRuntime().availableProcessors()));
        IntStream.range(0, workers).parallel().forEach(wkr -> {
            QuantileRegression solver = new QuantileRegression(design, y, p);
            for (int t = wkr; t < TAUS; t += workers) {
                out[t] = solver.fit(tau(t));
            }
        });
        return out;
    }
}
