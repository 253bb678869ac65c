package org.mosaic.simulate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.mosaic.model.Progress;

/**
 * The setting of Duflo, Dupas &amp; Kremer (2011), simulated: {@code schools} schools of about 90 first graders, each
 * split into two sections; half the schools, drawn at random, split by the median of the prior score (tracked), the
 * others at random. After {@code exposureYears} of learning the endline is analysed as in the paper: scores
 * standardized by the untracked schools' mean and SD; the tracking effect (endline on a tracked indicator and the
 * baseline), overall and by quartile of the baseline within the school; in tracked schools a regression
 * discontinuity at the median; in untracked schools the endline on the classmates' mean baseline with school fixed
 * effects and the own baseline. Each draw is a new experiment: new schools, new randomization, new luck.
 */
public final class DdkExperiment {

    /**
     * The simulated setting. {@code priorSd} is the spread of first graders' prior achievement within a school and
     * {@code schoolMeanSd} between schools, in grade levels; {@code grade} the on-level mark at baseline (1.0: the
     * start of grade 1); the endline came 18 months after the start (exposure 1.5 years).
     */
    public record Setting(int schools, int minStudents, int maxStudents, double priorSd, double schoolMeanSd,
                          double exposureYears, double grade, double bandwidth) {
        public static Setting ddk2011() {
            return new Setting(121, 80, 100, 1.0, 0.3, 1.5, 1.0, 25);
        }
    }

    /** One simulated experiment's estimates, in endline SD units. */
    public record Estimates(double trackingEffect, double[] quartileEffects, double medianDiscontinuity,
                            double peerEffect) {
    }

    /** The estimates over all draws: mean and central 95 % interval of each. */
    public record Result(ModelParameters parameters, Setting setting, long seed, List<Estimates> draws,
                         Interval trackingEffect, List<Interval> quartileEffects, Interval medianDiscontinuity,
                         Interval peerEffect) {
    }

    private DdkExperiment() {
    }

    public static Result run(ModelParameters parameters, Setting setting, long seed, int draws, int threads,
                             Progress progress) {
        if (draws < 1) {
            throw new IllegalArgumentException("draws must be at least 1");
        }
        LearningModel model = new LearningModel(parameters);
        List<Estimates> all = Draws.run(draws, threads, progress, i -> draw(model, setting, Draws.seed(seed, i)));
        List<Interval> quartiles = new ArrayList<>();
        for (int q = 0; q < 4; q++) {
            int k = q;
            quartiles.add(Interval.of(all.stream().mapToDouble(e -> e.quartileEffects()[k]).toArray()));
        }
        return new Result(parameters, setting, seed, all,
                Interval.of(all.stream().mapToDouble(Estimates::trackingEffect).toArray()), quartiles,
                Interval.of(all.stream().mapToDouble(Estimates::medianDiscontinuity).toArray()),
                Interval.of(all.stream().mapToDouble(Estimates::peerEffect).toArray()));
    }

    /** The students of one simulated experiment, flattened; {@code rank} is the position in the school (0 = lowest). */
    private record Pupils(int[] school, boolean[] tracked, int[] section, int[] rank, int[] size, double[] prior,
                          double[] peers, double[] endline) {
    }

    /** One experiment with its own seed. */
    public static Estimates draw(LearningModel model, Setting s, long seed) {
        return estimate(simulate(model, s, seed), s);
    }

    private static Pupils simulate(LearningModel model, Setting s, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] order = IntStream.range(0, s.schools()).toArray();
        shuffle(order, rng);
        boolean[] trackedSchool = new boolean[s.schools()];
        for (int k = 0; k < s.schools() / 2; k++) {
            trackedSchool[order[k]] = true;
        }
        List<int[]> school = new ArrayList<>();
        List<Double> prior = new ArrayList<>();
        List<Double> peers = new ArrayList<>();
        List<Double> endline = new ArrayList<>();
        for (int sc = 0; sc < s.schools(); sc++) {
            int n = s.minStudents() + rng.nextInt(s.maxStudents() - s.minStudents() + 1);
            double mean = s.grade() + s.schoolMeanSd() * rng.nextGaussian();
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = mean + s.priorSd() * rng.nextGaussian();
            }
            Integer[] byPrior = IntStream.range(0, n).boxed().toArray(Integer[]::new);
            Arrays.sort(byPrior, Comparator.comparingDouble(i -> a[i]));
            int[] rank = new int[n];
            for (int r = 0; r < n; r++) {
                rank[byPrior[r]] = r;
            }
            // Tracked: the lower half by prior in section 0; untracked: a random half.
            int[] placement = IntStream.range(0, n).toArray();
            if (!trackedSchool[sc]) {
                shuffle(placement, rng);
            } else {
                for (int r = 0; r < n; r++) {
                    placement[r] = byPrior[r];
                }
            }
            int[] section = new int[n];
            for (int r = n / 2; r < n; r++) {
                section[placement[r]] = 1;
            }
            int schoolIndex = sc;
            double schoolDraw = Draws.normal(seed, sc, 0);
            for (int sec = 0; sec < 2; sec++) {
                int c = sec;
                int[] members = IntStream.range(0, n).filter(i -> section[i] == c).toArray();
                double[] classPrior = Arrays.stream(members).mapToDouble(i -> a[i]).toArray();
                double[] luck = Arrays.stream(members).mapToDouble(i -> Draws.normal(seed, schoolIndex * 1000L + i, 1))
                        .toArray();
                double[] g = model.gains(classPrior, s.grade(), s.exposureYears(), schoolDraw, luck);
                double total = Arrays.stream(classPrior).sum();
                for (int m = 0; m < members.length; m++) {
                    int i = members[m];
                    school.add(new int[] {sc, section[i], rank[i], n});
                    prior.add(a[i]);
                    peers.add((total - a[i]) / (members.length - 1));
                    endline.add(a[i] + g[m]);
                }
            }
        }
        int total = school.size();
        Pupils p = new Pupils(new int[total], new boolean[total], new int[total], new int[total], new int[total],
                new double[total], new double[total], new double[total]);
        for (int i = 0; i < total; i++) {
            int[] row = school.get(i);
            p.school()[i] = row[0];
            p.tracked()[i] = trackedSchool[row[0]];
            p.section()[i] = row[1];
            p.rank()[i] = row[2];
            p.size()[i] = row[3];
            p.prior()[i] = prior.get(i);
            p.peers()[i] = peers.get(i);
            p.endline()[i] = endline.get(i);
        }
        return p;
    }

    private static Estimates estimate(Pupils p, Setting s) {
        int n = p.prior().length;
        double[] controlStats = meanSd(IntStream.range(0, n).filter(i -> !p.tracked()[i])
                .mapToDouble(i -> p.endline()[i]).toArray());
        double[] priorStats = meanSd(p.prior());
        double[] y = new double[n];
        double[] a = new double[n];
        double[] peer = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = (p.endline()[i] - controlStats[0]) / controlStats[1];
            a[i] = (p.prior()[i] - priorStats[0]) / priorStats[1];
            peer[i] = (p.peers()[i] - priorStats[0]) / priorStats[1];
        }
        double effect = trackingEffect(p, y, a, i -> true);
        double[] quartiles = new double[4];
        for (int q = 0; q < 4; q++) {
            int k = q;
            quartiles[q] = trackingEffect(p, y, a, i -> 4 * p.rank()[i] / p.size()[i] == k);
        }
        return new Estimates(effect, quartiles, discontinuity(p, y, s.bandwidth()), peerEffect(p, y, a, peer,
                s.schools()));
    }

    /** Endline on 1, tracked and baseline, among the students {@code in} selects: the tracked coefficient. */
    private static double trackingEffect(Pupils p, double[] y, double[] a, java.util.function.IntPredicate in) {
        int[] rows = IntStream.range(0, y.length).filter(in).toArray();
        double[][] x = new double[rows.length][];
        double[] yy = new double[rows.length];
        for (int r = 0; r < rows.length; r++) {
            int i = rows[r];
            x[r] = new double[] {1, p.tracked()[i] ? 1 : 0, a[i]};
            yy[r] = y[i];
        }
        return LeastSquares.fit(x, yy)[1];
    }

    /**
     * Tracked schools: the endline net of the school's mean, on 1, D, x and D·x within {@code bandwidth} percentile
     * points of the median, where x is the percentile of the baseline in the school minus 50 and D = 1 in the upper
     * section. D's coefficient is the gap at the median.
     */
    private static double discontinuity(Pupils p, double[] y, double bandwidth) {
        double[] schoolMean = schoolMeans(p, y, i -> p.tracked()[i]);
        List<double[]> x = new ArrayList<>();
        List<Double> yy = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            if (!p.tracked()[i]) {
                continue;
            }
            double pct = 100.0 * (p.rank()[i] + 0.5) / p.size()[i] - 50;
            if (Math.abs(pct) > bandwidth) {
                continue;
            }
            double d = p.section()[i];
            x.add(new double[] {1, d, pct, d * pct});
            yy.add(y[i] - schoolMean[p.school()[i]]);
        }
        return LeastSquares.fit(x.toArray(new double[0][]), yy.stream().mapToDouble(Double::doubleValue).toArray())[1];
    }

    /** Untracked schools: endline on classmates' mean baseline and own baseline, all net of school means. */
    private static double peerEffect(Pupils p, double[] y, double[] a, double[] peer, int schools) {
        java.util.function.IntPredicate untracked = i -> !p.tracked()[i];
        double[] my = schoolMeans(p, y, untracked);
        double[] ma = schoolMeans(p, a, untracked);
        double[] mp = schoolMeans(p, peer, untracked);
        List<double[]> x = new ArrayList<>();
        List<Double> yy = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            if (untracked.test(i)) {
                int sc = p.school()[i];
                x.add(new double[] {peer[i] - mp[sc], a[i] - ma[sc]});
                yy.add(y[i] - my[sc]);
            }
        }
        return LeastSquares.fit(x.toArray(new double[0][]), yy.stream().mapToDouble(Double::doubleValue).toArray())[0];
    }

    private static double[] schoolMeans(Pupils p, double[] v, java.util.function.IntPredicate in) {
        int schools = Arrays.stream(p.school()).max().orElse(0) + 1;
        double[] sum = new double[schools];
        int[] count = new int[schools];
        for (int i = 0; i < v.length; i++) {
            if (in.test(i)) {
                sum[p.school()[i]] += v[i];
                count[p.school()[i]]++;
            }
        }
        for (int sc = 0; sc < schools; sc++) {
            sum[sc] = count[sc] == 0 ? 0 : sum[sc] / count[sc];
        }
        return sum;
    }

    static double[] meanSd(double[] v) {
        double mean = Arrays.stream(v).average().orElse(0);
        double var = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / Math.max(1, v.length - 1);
        return new double[] {mean, Math.sqrt(var)};
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
