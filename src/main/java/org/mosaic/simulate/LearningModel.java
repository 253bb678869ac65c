package org.mosaic.simulate;

/**
 * One year of learning in one class (docs/simulate.md). The teacher picks the instruction level
 * <pre>  L = argmax_L Σ_i w_i K(a_i − L),   w_i = 1 + τ·[a_i − G ≥ θ],   K(d) = exp(−d² / 2h²)</pre>
 * (the payoff of students reached, students at or above the threshold θ counting 1 + τ times, as in Duflo, Dupas
 * &amp; Kremer 2011), and student i gains, over an exposure of e years,
 * <pre>  g_i = e·(β0 + β_fit·K(a_i − L) + β_peer·(ā_−i − G)) + e·σ_s·z_s + √e·σ_ε·z_i</pre>
 * with a the prior achievement and G the grade's on-level mark, both in grade levels, ā_−i the mean prior of the
 * student's classmates, z_s the school's and z_i the student's standard normal draws.
 */
public final class LearningModel {
    private final ModelParameters p;

    public LearningModel(ModelParameters parameters) {
        this.p = parameters;
    }

    public ModelParameters parameters() {
        return p;
    }

    /** The teacher's instruction level for a class with these priors (grade levels), on-level mark {@code grade}. */
    public double instructionLevel(double[] prior, double grade) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double a : prior) {
            lo = Math.min(lo, a);
            hi = Math.max(hi, a);
        }
        double[] w = new double[prior.length];
        for (int i = 0; i < prior.length; i++) {
            w[i] = prior[i] - grade >= p.aimThreshold() ? 1 + p.teacherAim() : 1;
        }
        // The payoff may have several local maxima (one per cluster of students), so a grid finds the best one and
        // mean-shift steps, which climb a Gaussian kernel sum monotonically, refine it.
        double step = p.fitWidth() / 8;
        int points = (int) Math.min(4000, Math.ceil((hi - lo) / step)) + 1;
        double best = lo;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < points; k++) {
            double level = points == 1 ? lo : lo + (hi - lo) * k / (points - 1);
            double v = payoff(prior, w, level);
            if (v > bestValue) {
                bestValue = v;
                best = level;
            }
        }
        for (int iter = 0; iter < 100; iter++) {
            double num = 0;
            double den = 0;
            for (int i = 0; i < prior.length; i++) {
                double k = w[i] * fit(prior[i] - best);
                num += k * prior[i];
                den += k;
            }
            double next = den > 0 ? num / den : best;
            if (Math.abs(next - best) < 1e-12) {
                break;
            }
            best = next;
        }
        return best;
    }

    private double payoff(double[] prior, double[] w, double level) {
        double s = 0;
        for (int i = 0; i < prior.length; i++) {
            s += w[i] * fit(prior[i] - level);
        }
        return s;
    }

    /** K(d): 1 for a student taught exactly at their level, falling with the distance d. */
    public double fit(double distance) {
        double h = p.fitWidth();
        return Math.exp(-distance * distance / (2 * h * h));
    }

    /**
     * The gains of one class's students over {@code exposure} years. {@code schoolDraw} and {@code studentDraws} are
     * standard normal draws, supplied by the caller so that a student's luck is the same whatever class they sit in
     * (common random numbers: scenarios differ only by what they change).
     */
    public double[] gains(double[] prior, double grade, double exposure, double schoolDraw, double[] studentDraws) {
        int n = prior.length;
        double level = instructionLevel(prior, grade);
        double sum = 0;
        for (double a : prior) {
            sum += a;
        }
        double[] g = new double[n];
        double school = exposure * p.schoolSd() * schoolDraw;
        double noise = Math.sqrt(exposure) * p.noiseSd();
        for (int i = 0; i < n; i++) {
            double peers = n > 1 ? (sum - prior[i]) / (n - 1) : prior[i];
            g[i] = exposure * (p.baseGain() + p.fitGain() * fit(prior[i] - level) + p.peerEffect() * (peers - grade))
                    + school + noise * studentDraws[i];
        }
        return g;
    }
}
