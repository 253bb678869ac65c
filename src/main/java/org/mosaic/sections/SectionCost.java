package org.mosaic.sections;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import org.mosaic.sections.rules.PlacementShare;
import org.mosaic.sections.rules.CountingRule;
import org.mosaic.sections.rules.RuleSet;

/**
 * The objective of docs/sections.md with its integer coefficients, computed once per problem. The CP-SAT model and
 * the exchange search both read their terms from here, so a placement scores the same in both (tested): the search
 * can hand CP-SAT a start whose value it knows, and the better of the two answers is comparable with CP-SAT's bound.
 */
final class SectionCost {
    static final long K = 100_000_000L;
    private static final int MAX_BANDS = 16;

    final int n;
    final int m;
    /** Scores in tenths of a point, the unit the model works in. */
    final long[] score;
    final long lowest;
    final long highest;
    final long range;
    final int bands;
    final int[] band;
    final int[] perBand;
    final long leastRange;
    final long spreadCoef;
    final long bandCoef;
    final long meanCoef;
    final long sizeCoef;
    /** Fair-share intervals [lo, hi] per section: band counts [s][b], score total, size. */
    final long[][] bandLo;
    final long[][] bandHi;
    final long[] meanLo;
    final long[] meanHi;
    final long[] sizeLo;
    final long[] sizeHi;
    /** Balanced attributes: gender, FRL, behavior, each placement rule's column while it is off, each race; weighted.
     * */
    final List<String> attributes = new ArrayList<>();
    final long[] attrCoef;
    final boolean[][] hasAttr;
    final long[][] attrLo;
    final long[][] attrHi;
    /** Every rule of the problem; the soft ones add the "rules" term. */
    final RuleSet rules;
    /** The soft rules on counts, whose breaches the "rules" term charges. */
    final List<CountingRule> soft;

    SectionCost(SectionProblem p) {
        n = p.pupils().size();
        m = p.sections().size();
        double t = Math.max(0, Math.min(1, p.tracking()));
        score = new long[n];
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            score[i] = Math.round(p.pupils().get(i).score() * 10);
            lo = Math.min(lo, score[i]);
            hi = Math.max(hi, score[i]);
        }
        rules = RuleSet.of(p, score);
        soft = rules.soft();
        lowest = n == 0 ? 0 : lo;
        highest = n == 0 ? 0 : hi;
        range = Math.max(1, highest - lowest);
        // Score bands of about one student per section each (at most 16): fair shares per band are then nearly
        // whole, so balanced counts per band mean balanced means and spreads too.
        bands = Math.max(4, Math.min(MAX_BANDS, n / Math.max(1, m)));
        band = bands(score, bands);
        perBand = new int[bands];
        for (int b : band) {
            perBand[b]++;
        }
        long totalCap = p.sections().stream().mapToLong(SectionProblem.Slot::capacity).sum();
        int maxCap = p.sections().stream().mapToInt(SectionProblem.Slot::capacity).max().orElse(0);
        int minSize = p.sections().stream().mapToInt(SectionProblem.Slot::minSize).min().orElse(0);
        // The range term is scaled over the span it can actually take, from the least total range of any split
        // (tracked) to m full ranges (mixed), so that the dial's middle is a real compromise.
        leastRange = SectionSolver.leastTotalRange(score, m, minSize, maxCap);
        double spreadSpan = Math.max(1.0, (double) m * range - leastRange);
        spreadCoef = Math.max(t > 0 ? 1 : 0, Math.round(K * t / spreadSpan));
        bandCoef = Math.max(t < 1 ? 1 : 0, Math.round(K * (1 - t) / (2.0 * n)));
        meanCoef = Math.max(t < 1 ? 1 : 0, Math.round(K * (1 - t) / (2.0 * n * range)));
        sizeCoef = Math.round(K * 0.05 * p.weights().size() / n);
        long totalScore = Arrays.stream(score).sum();
        bandLo = new long[m][bands];
        bandHi = new long[m][bands];
        meanLo = new long[m];
        meanHi = new long[m];
        sizeLo = new long[m];
        sizeHi = new long[m];
        for (int s = 0; s < m; s++) {
            long cap = p.sections().get(s).capacity();
            for (int b = 0; b < bands; b++) {
                double share = (double) perBand[b] * cap / totalCap;
                bandLo[s][b] = (long) Math.floor(share);
                bandHi[s][b] = (long) Math.ceil(share);
            }
            // Section means within ±10 % of the score range of the school mean: near-equal means, not only similar
            // band counts.
            double target = (double) totalScore * cap / totalCap;
            double tolerance = 0.10 * range * cap;
            meanLo[s] = (long) Math.floor(target - tolerance);
            meanHi[s] = (long) Math.ceil(target + tolerance);
            double share = (double) n * cap / totalCap;
            sizeLo[s] = (long) Math.floor(share);
            sizeHi[s] = (long) Math.ceil(share);
        }
        List<double[]> weights = new ArrayList<>();
        List<String> candidates = new ArrayList<>(List.of("gender:female", "frl", "behavior"));
        weights.add(new double[] {p.weights().gender()});
        weights.add(new double[] {p.weights().frl()});
        weights.add(new double[] {p.weights().behavior()});
        // Students a placement rule in force gathers are not also spread: the two would fight.
        for (PlacementShare rule : rules.balanceOrder()) {
            if (!rule.on()) {
                candidates.add(rule.column());
                weights.add(new double[] {rule.weight(p.weights())});
            }
        }
        TreeSet<String> races = new TreeSet<>();
        p.pupils().forEach(pu -> races.add(pu.race()));
        for (String r : races) {
            candidates.add("race:" + r);
            weights.add(new double[] {p.weights().race()});
        }
        // The school's own columns given a weight: each of their values balanced like a race.
        p.weights().custom().forEach((column, w) -> {
            TreeSet<String> values = new TreeSet<>();
            p.pupils().forEach(pu -> values.add(SectionProblem.AttributeLimit.normalized(pu.attribute(column))));
            for (String v : values) {
                candidates.add("custom:" + column + "=" + v);
                weights.add(new double[] {w});
            }
        });
        List<Long> coefs = new ArrayList<>();
        List<boolean[]> has = new ArrayList<>();
        for (int a = 0; a < candidates.size(); a++) {
            long coef = Math.round(K * (1 - t) * weights.get(a)[0] * 0.25 / n);
            boolean[] h = new boolean[n];
            int total = 0;
            for (int i = 0; i < n; i++) {
                h[i] = has(p.pupils().get(i), candidates.get(a));
                total += h[i] ? 1 : 0;
            }
            if (coef > 0 && total > 0 && total < n) {
                attributes.add(candidates.get(a));
                coefs.add(coef);
                has.add(h);
            }
        }
        int attrs = attributes.size();
        attrCoef = new long[attrs];
        hasAttr = new boolean[attrs][];
        attrLo = new long[attrs][m];
        attrHi = new long[attrs][m];
        for (int a = 0; a < attrs; a++) {
            attrCoef[a] = coefs.get(a);
            hasAttr[a] = has.get(a);
            int total = 0;
            for (boolean h : hasAttr[a]) {
                total += h ? 1 : 0;
            }
            for (int s = 0; s < m; s++) {
                double share = (double) total * p.sections().get(s).capacity() / totalCap;
                attrLo[a][s] = (long) Math.floor(share);
                attrHi[a][s] = (long) Math.ceil(share);
            }
        }
    }

    /** How far v lies outside [lo, hi]: the unit every balance term counts in. */
    static long out(long v, long lo, long hi) {
        return v > hi ? v - hi : v < lo ? lo - v : 0;
    }

    /** The objective of a complete placement, term by term as the CP-SAT model states it. */
    long total(int[] section) {
        return Arrays.stream(terms(section)).sum();
    }

    /** The names of {@link #terms}' entries, in their order. */
    static final List<String> TERMS = List.of("spread", "score_bands", "means", "balance", "sizes", "rules");

    /** The objective of a complete placement split into its terms ({@link #TERMS}); they add up to the total. */
    long[] terms(int[] section) {
        long[] low = new long[m];
        long[] high = new long[m];
        Arrays.fill(low, Long.MAX_VALUE);
        Arrays.fill(high, Long.MIN_VALUE);
        long[] size = new long[m];
        long[] sum = new long[m];
        long[][] perSectionBand = new long[m][bands];
        long[][] perSectionAttr = new long[m][attributes.size()];
        for (int i = 0; i < n; i++) {
            int s = section[i];
            low[s] = Math.min(low[s], score[i]);
            high[s] = Math.max(high[s], score[i]);
            size[s]++;
            sum[s] += score[i];
            perSectionBand[s][band[i]]++;
            for (int a = 0; a < attributes.size(); a++) {
                perSectionAttr[s][a] += hasAttr[a][i] ? 1 : 0;
            }
        }
        long[] terms = new long[TERMS.size()];
        for (int s = 0; s < m; s++) {
            terms[0] += size[s] == 0 ? 0 : spreadCoef * (high[s] - low[s]);
            for (int b = 0; b < bands; b++) {
                if (perBand[b] > 0) {
                    terms[1] += bandCoef * out(perSectionBand[s][b], bandLo[s][b], bandHi[s][b]);
                }
            }
            terms[2] += meanCoef * out(sum[s], meanLo[s], meanHi[s]);
            for (int a = 0; a < attributes.size(); a++) {
                terms[3] += attrCoef[a] * out(perSectionAttr[s][a], attrLo[a][s], attrHi[a][s]);
            }
            terms[4] += sizeCoef * out(size[s], sizeLo[s], sizeHi[s]);
        }
        for (CountingRule rule : soft) {
            terms[5] += rule.cost(section);
        }
        return terms;
    }

    /** Quantile bands 0..bands−1 by score rank (ties share a band). */
    static int[] bands(long[] score, int bands) {
        int n = score.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(score[a], score[b]));
        int[] bin = new int[n];
        int k = 0;
        while (k < n) {
            int j = k;
            while (j + 1 < n && score[order[j + 1]] == score[order[k]]) {
                j++;
            }
            int b = Math.min(bands - 1, (int) ((long) k * bands / n));
            for (int q = k; q <= j; q++) {
                bin[order[q]] = b;
            }
            k = j + 1;
        }
        return bin;
    }

    private static boolean has(SectionProblem.Pupil pu, String attribute) {
        return switch (attribute) {
            case "gender:female" -> pu.gender().equals("female");
            case "frl" -> pu.frl();
            case "behavior" -> pu.behavior();
            default -> attribute.startsWith("custom:") ? SectionProblem.AttributeLimit.normalized(pu.attribute(
                    attribute.substring(7, attribute.indexOf('='))))
                    .equals(attribute.substring(attribute.indexOf('=') + 1))
                    : attribute.startsWith("race:") ? pu.race().equals(attribute.substring("race:".length()))
                    : "1".equals(pu.attribute(attribute));
        };
    }
}
