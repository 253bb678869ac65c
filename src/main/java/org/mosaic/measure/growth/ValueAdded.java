package org.mosaic.measure.growth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Value-added by a linear mixed model with one random intercept per unit (school or section):
 * {@code current ~ grade × prior + frl + ell + iep + (1 | unit)}, grade a factor, fitted by REML as lme4 does.
 *
 * <p>With λ = σ²_u / σ²_e the covariance of a unit's rows is σ²_e (I + λ 11'), whose inverse is closed-form, so for a
 * given λ the GLS coefficients, the REML estimate of σ²_e and the REML criterion come from per-unit sums in
 * O(units × p²). The REML likelihood profiled over σ²_e is then a function of λ alone, maximised by Brent's method on
 * log λ (with λ = 0, no unit variance, as the boundary candidate). Each unit's effect is the empirical-Bayes BLUP
 * û = ρ × (mean GLS residual), with reliability ρ = λn / (1 + λn), conditional SE √(σ²_e λ / (1 + λn)) (lme4's
 * {@code condVar}) and a 95 % interval û ± 1.96 SE.
 */
public final class ValueAdded {
    private ValueAdded() {
    }

    /** One tested student: current and prior score, grade, the three covariates and the unit (school or section). */
    public record Observation(String unit, int grade, double current, double prior, boolean frl, boolean ell,
                              boolean iep) {
    }

    public record UnitEffect(String unit, int n, double estimate, double se, double reliability, double low,
                             double high) {
    }

    public record Fit(List<UnitEffect> units, double unitVariance, double residualVariance, double[] fixed,
                      List<String> fixedNames, double remlCriterion, int observations) {
    }

    public static Fit fit(List<Observation> data) {
        TreeSet<Integer> gradesMet = new TreeSet<>();
        int lastGrade = Integer.MIN_VALUE;
        for (Observation o : data) {
            // rows come grouped, so most repeat the grade before them and skip the boxing
            if (o.grade() != lastGrade) {
                lastGrade = o.grade();
                gradesMet.add(lastGrade);
            }
        }
        List<Integer> grades = new ArrayList<>(gradesMet);
        List<String> names = new ArrayList<>();
        names.add("(Intercept)");
        for (int g = 1; g < grades.size(); g++) {
            names.add("grade" + grades.get(g));
        }
        names.add("prior");
        for (String c : List.of("frl", "ell", "iep")) {
            names.add(c);
        }
        for (int g = 1; g < grades.size(); g++) {
            names.add("grade" + grades.get(g) + ":prior");
        }
        int p = names.size();
        // per-unit sufficient statistics
        Map<String, UnitSums> units = new LinkedHashMap<>();
        int lowGrade = grades.isEmpty() ? 0 : grades.get(0);
        int[] gradeIndex = new int[grades.isEmpty() ? 0 : grades.get(grades.size() - 1) - lowGrade + 1];
        for (int g = 0; g < grades.size(); g++) {
            gradeIndex[grades.get(g) - lowGrade] = g;
        }
        // each row has at most seven columns that are not zero: only those enter the sums (adding a zero product
        // would leave every sum as it is, so the sums are the same as over the full row)
        int[] at = new int[7];
        double[] value = new double[7];
        UnitSums current = null;
        String currentUnit = null;
        for (Observation o : data) {
            int gi = gradeIndex[o.grade() - lowGrade];
            int priorAt = grades.size();
            int nz = 0;
            at[nz] = 0;
            value[nz++] = 1;
            if (gi > 0) {
                at[nz] = gi;
                value[nz++] = 1;
            }
            at[nz] = priorAt;
            value[nz++] = o.prior();
            if (o.frl()) {
                at[nz] = priorAt + 1;
                value[nz++] = 1;
            }
            if (o.ell()) {
                at[nz] = priorAt + 2;
                value[nz++] = 1;
            }
            if (o.iep()) {
                at[nz] = priorAt + 3;
                value[nz++] = 1;
            }
            if (gi > 0) {
                at[nz] = priorAt + 3 + gi;
                value[nz++] = o.prior();
            }
            if (!o.unit().equals(currentUnit)) {
                currentUnit = o.unit();
                current = units.computeIfAbsent(currentUnit, k -> new UnitSums(p));
            }
            current.add(at, value, nz, o.current());
        }
        Sums all = new Sums(p, units.values());
        if (all.n <= p) {
            throw new IllegalArgumentException("value-added needs more students (" + all.n + ") than fixed effects ("
                    + p + ")");
        }
        // Brent on log λ; the boundary λ = 0 competes with the interior optimum
        double lo = Math.log(1e-10);
        double hi = Math.log(1e4);
        double best = brentMax(t -> all.reml(Math.exp(t)).criterion, lo, hi);
        Profile atBest = all.reml(Math.exp(best));
        Profile atZero = all.reml(0);
        Profile chosen = atZero.criterion > atBest.criterion ? atZero : atBest;
        double lambda = chosen == atZero ? 0 : Math.exp(best);
        double sigmaE2 = chosen.sigmaE2;
        List<UnitEffect> effects = new ArrayList<>();
        for (Map.Entry<String, UnitSums> e : units.entrySet()) {
            UnitSums u = e.getValue();
            double residualSum = u.sumY;
            for (int j = 0; j < p; j++) {
                residualSum -= u.colSums[j] * chosen.beta[j];
            }
            double reliability = lambda * u.n / (1 + lambda * u.n);
            double estimate = reliability * residualSum / u.n;
            double se = Math.sqrt(sigmaE2 * lambda / (1 + lambda * u.n));
            effects.add(new UnitEffect(e.getKey(), u.n, estimate, se, reliability, estimate - 1.96 * se,
                    estimate + 1.96 * se));
        }
        // −2 × the REML log-likelihood with its constants, as lme4's REMLcrit reports it
        double remlCriterion = -2 * chosen.criterion + (all.n - p) * (1 + Math.log(2 * Math.PI));
        return new Fit(effects, lambda * sigmaE2, sigmaE2, chosen.beta, names, remlCriterion, all.n);
    }

    private static final class UnitSums {
        int n;
        double sumY;
        double sumYY;
        final double[] colSums;
        final double[] xtx;
        final double[] xty;

        UnitSums(int p) {
            colSums = new double[p];
            xtx = new double[p * p];
            xty = new double[p];
        }

        /** Adds a row given by its {@code nz} columns that are not zero, {@code at} in increasing order. */
        void add(int[] at, double[] x, int nz, double y) {
            int p = colSums.length;
            n++;
            sumY += y;
            sumYY += y * y;
            for (int i = 0; i < nz; i++) {
                int a = at[i];
                double xa = x[i];
                if (xa == 0) {
                    continue;
                }
                colSums[a] += xa;
                xty[a] += xa * y;
                for (int j = i; j < nz; j++) {
                    if (x[j] != 0) {
                        xtx[a * p + at[j]] += xa * x[j];
                    }
                }
            }
        }
    }

    private record Profile(double criterion, double sigmaE2, double[] beta) {
    }

    /** All units' statistics, and the REML criterion profiled over σ²_e at a given λ. */
    private static final class Sums {
        final int p;
        final List<UnitSums> units;
        final double[] xtx;
        final double[] xty;
        final double yy;
        final int n;

        Sums(int p, java.util.Collection<UnitSums> units) {
            this.p = p;
            this.units = List.copyOf(units);
            xtx = new double[p * p];
            xty = new double[p];
            double sYY = 0;
            int count = 0;
            for (UnitSums u : units) {
                for (int k = 0; k < p * p; k++) {
                    xtx[k] += u.xtx[k];
                }
                for (int k = 0; k < p; k++) {
                    xty[k] += u.xty[k];
                }
                sYY += u.sumYY;
                count += u.n;
            }
            yy = sYY;
            n = count;
        }

        /**
         * With H = I − Σ_j c_j 1 1' (c_j = λ / (1 + λ n_j)), σ²_e V⁻¹ = H: β = (X'HX)⁻¹ X'Hy, σ²_e = r'Hr / (n − p),
         * and the REML log-likelihood up to a constant is −½ [(n − p) log σ²_e + Σ log(1 + λ n_j) + log |X'HX|].
         */
        Profile reml(double lambda) {
            double[] a = xtx.clone();
            double[] b = xty.clone();
            double yHy = yy;
            double logDetV = 0;
            for (UnitSums u : units) {
                double c = lambda / (1 + lambda * u.n);
                logDetV += Math.log1p(lambda * u.n);
                if (c == 0) {
                    continue;
                }
                for (int i = 0; i < p; i++) {
                    double si = c * u.colSums[i];
                    if (si == 0) {
                        continue;
                    }
                    b[i] -= si * u.sumY;
                    for (int j = i; j < p; j++) {
                        a[i * p + j] -= si * u.colSums[j];
                    }
                }
                yHy -= c * u.sumY * u.sumY;
            }
            double[] xhy = b.clone();
            Cholesky.factor(a, p);
            double logDetA = 0;
            for (int i = 0; i < p; i++) {
                logDetA += 2 * Math.log(a[i * p + i]);
            }
            Cholesky.solve(a, p, b);
            // r'Hr = y'Hy − β'X'Hy at the GLS solution
            double rHr = yHy;
            for (int i = 0; i < p; i++) {
                rHr -= b[i] * xhy[i];
            }
            double sigmaE2 = rHr / (n - p);
            double criterion = -0.5 * ((n - p) * Math.log(sigmaE2) + logDetV + logDetA);
            return new Profile(criterion, sigmaE2, b);
        }
    }

    /** Brent's method (golden section with parabolic steps) for the maximum of f on [a, b]. */
    static double brentMax(java.util.function.DoubleUnaryOperator f, double a, double b) {
        final double golden = 0.3819660112501051;
        double x = a + golden * (b - a);
        double w = x;
        double v = x;
        double fx = -f.applyAsDouble(x);
        double fw = fx;
        double fv = fx;
        double d = 0;
        double e = 0;
        for (int iter = 0; iter < 200; iter++) {
            double m = 0.5 * (a + b);
            double tol = 1e-10 * Math.abs(x) + 1e-12;
            if (Math.abs(x - m) <= 2 * tol - 0.5 * (b - a)) {
                break;
            }
            boolean golden_step = true;
            if (Math.abs(e) > tol) {
                double r = (x - w) * (fx - fv);
                double q = (x - v) * (fx - fw);
                double pp = (x - v) * q - (x - w) * r;
                q = 2 * (q - r);
                if (q > 0) {
                    pp = -pp;
                }
                q = Math.abs(q);
                if (Math.abs(pp) < Math.abs(0.5 * q * e) && pp > q * (a - x) && pp < q * (b - x)) {
                    e = d;
                    d = pp / q;
                    double u = x + d;
                    if (u - a < 2 * tol || b - u < 2 * tol) {
                        d = x < m ? tol : -tol;
                    }
                    golden_step = false;
                }
            }
            if (golden_step) {
                e = (x < m ? b : a) - x;
                d = golden * e;
            }
            double u = Math.abs(d) >= tol ? x + d : x + (d > 0 ? tol : -tol);
            double fu = -f.applyAsDouble(u);
            if (fu <= fx) {
                if (u < x) {
                    b = x;
                } else {
                    a = x;
                }
                v = w;
                fv = fw;
                w = x;
                fw = fx;
                x = u;
                fx = fu;
            } else {
                if (u < x) {
                    a = u;
                } else {
                    b = u;
                }
                if (fu <= fw || w == x) {
                    v = w;
                    fv = fw;
                    w = u;
                    fw = fu;
                } else if (fu <= fv || v == x || v == w) {
                    v = u;
                    fv = fu;
                }
            }
        }
        return x;
    }
}
