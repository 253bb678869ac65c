package org.mosaic.sections;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.mosaic.sections.rules.CountingRule;
import org.mosaic.sections.rules.RuleFlag;

/**
 * Scores any class list with exactly the solver's objective and hard rules: the objective and its terms (as
 * {@link SectionSolver#objectiveTerms}), every broken rule with the students concerned, and each section's
 * statistics. For a class builder that lets a person move students by hand: {@link #move} re-scores one move
 * incrementally, touching only the two sections involved (each section's counts by score band and attribute, its
 * score total and its scores in order are kept), so a move on a 750-student grade costs microseconds, not a rescoring.
 *
 * <p>Not thread-safe: one evaluator per class list being edited.
 */
public final class SectionEvaluator {
    private final SectionProblem p;
    private final SectionCost c;
    private final int[] section;
    private final int[] size;
    private final long[] sum;
    private final int[][] bandCount;
    private final int[][] attrCount;
    /** Each soft counting rule's count per section, for the "rules" term. */
    private final List<CountingRule> soft;
    private final long[][] softCount;
    private final List<TreeMap<Long, Integer>> scores = new ArrayList<>();
    /** Each section's share of each term, so the objective and terms follow a move in O(sections touched). */
    private final long[][] termOf;
    private final long[] terms = new long[SectionCost.TERMS.size()];

    private SectionEvaluator(SectionProblem p, int[] placement) {
        this.p = p;
        this.c = new SectionCost(p);
        int n = p.pupils().size();
        int m = p.sections().size();
        if (placement.length != n) {
            throw new IllegalArgumentException("placement of " + placement.length + " students for " + n);
        }
        section = placement.clone();
        size = new int[m];
        sum = new long[m];
        bandCount = new int[m][c.bands];
        attrCount = new int[m][c.attributes.size()];
        soft = c.soft;
        softCount = new long[soft.size()][m];
        termOf = new long[m][SectionCost.TERMS.size()];
        for (int s = 0; s < m; s++) {
            scores.add(new TreeMap<>());
        }
        for (int i = 0; i < n; i++) {
            if (section[i] < 0 || section[i] >= m) {
                throw new IllegalArgumentException("student " + p.pupils().get(i).id() + " is in no section");
            }
            add(i, section[i], 1);
        }
        for (int s = 0; s < m; s++) {
            rescore(s);
        }
    }

    /** An evaluator for {@code placement} (the section index of each student, in the problem's order). */
    public static SectionEvaluator of(SectionProblem p, int[] placement) {
        return new SectionEvaluator(p, placement);
    }

    /** The objective of the current class list (lower is better; 0 for perfectly balanced mixed classes). */
    public long objective() {
        long total = 0;
        for (long t : terms) {
            total += t;
        }
        return total;
    }

    /**
     * The objective's terms by name: spread, score_bands, means, balance, sizes and rules (the soft rules'
     * penalties); they add up to the objective.
     */
    public Map<String, Long> terms() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (int k = 0; k < terms.length; k++) {
            out.put(SectionCost.TERMS.get(k), terms[k]);
        }
        return out;
    }

    /** Moves student {@code student} (index in the problem) to section {@code to}; returns the new objective. */
    public long move(int student, int to) {
        int from = section[student];
        if (to < 0 || to >= size.length) {
            throw new IllegalArgumentException("no section " + to);
        }
        if (from != to) {
            add(student, from, -1);
            add(student, to, 1);
            section[student] = to;
            rescore(from);
            rescore(to);
        }
        return objective();
    }

    /** The section index of each student now. */
    public int[] placement() {
        return section.clone();
    }

    /** Every breach of a hard rule in the current class list (empty when it keeps them all). */
    public List<Violation> violations() {
        return PlacementRules.details(p, section);
    }

    /** Per-section statistics of the current class list, in the order of the problem's sections. */
    public List<SectionStats> sections() {
        List<SectionStats> out = new ArrayList<>();
        int m = size.length;
        for (int s = 0; s < m; s++) {
            double total = 0;
            double squares = 0;
            double min = Double.NaN;
            double max = Double.NaN;
            int frl = 0;
            long[] flagged = new long[RuleFlag.values().length];
            int female = 0;
            int male = 0;
            for (int i = 0; i < section.length; i++) {
                if (section[i] != s) {
                    continue;
                }
                SectionProblem.Pupil pu = p.pupils().get(i);
                total += pu.score();
                squares += pu.score() * pu.score();
                min = Double.isNaN(min) ? pu.score() : Math.min(min, pu.score());
                max = Double.isNaN(max) ? pu.score() : Math.max(max, pu.score());
                frl += pu.frl() ? 1 : 0;
                for (RuleFlag f : RuleFlag.values()) {
                    flagged[f.ordinal()] += f.marks(pu) ? 1 : 0;
                }
                female += pu.gender().equals("female") ? 1 : 0;
                male += pu.gender().equals("male") ? 1 : 0;
            }
            int z = size[s];
            double mean = z == 0 ? Double.NaN : total / z;
            double sd = z == 0 ? Double.NaN : Math.sqrt(Math.max(0, squares / z - mean * mean));
            long cost = 0;
            for (long t : termOf[s]) {
                cost += t;
            }
            out.add(new SectionStats(p.sections().get(s).id(), z, mean, sd, min, max, frl, FlagCounts.of(flagged),
                    female, male, cost));
        }
        return out;
    }

    /** Everything at once: the objective, its terms, the broken rules and the sections. */
    public Evaluation evaluate() {
        return new Evaluation(objective(), terms(), violations(), sections());
    }

    /** One section's figures; {@code flagged}: its students per rule flag; {@code cost}: its share of the objective. */
    public record SectionStats(String id, int size, double mean, double sd, double min, double max, int frl,
                               FlagCounts flagged, int female, int male, long cost) {
    }

    /** A class list's score: objective and terms, broken rules, sections. */
    public record Evaluation(long objective, Map<String, Long> terms, List<Violation> violations,
                             List<SectionStats> sections) {
        public Evaluation {
            terms = Map.copyOf(new LinkedHashMap<>(terms));
            violations = List.copyOf(violations);
            sections = List.copyOf(sections);
        }

        public boolean keepsEveryRule() {
            return violations.isEmpty();
        }
    }

    private void add(int i, int s, int sign) {
        size[s] += sign;
        sum[s] += sign * c.score[i];
        bandCount[s][c.band[i]] += sign;
        for (int a = 0; a < c.attributes.size(); a++) {
            if (c.hasAttr[a][i]) {
                attrCount[s][a] += sign;
            }
        }
        scores.get(s).merge(c.score[i], sign, (x, y) -> x + y == 0 ? null : x + y);
        for (int k = 0; k < soft.size(); k++) {
            softCount[k][s] += sign * soft.get(k).amount(i);
        }
    }

    /** Recomputes section s's share of each term, the way {@link SectionCost#terms} does for the whole list. */
    private void rescore(int s) {
        long[] t = new long[terms.length];
        TreeMap<Long, Integer> in = scores.get(s);
        t[0] = size[s] == 0 ? 0 : c.spreadCoef * (in.lastKey() - in.firstKey());
        for (int b = 0; b < c.bands; b++) {
            if (c.perBand[b] > 0) {
                t[1] += c.bandCoef * SectionCost.out(bandCount[s][b], c.bandLo[s][b], c.bandHi[s][b]);
            }
        }
        t[2] = c.meanCoef * SectionCost.out(sum[s], c.meanLo[s], c.meanHi[s]);
        for (int a = 0; a < c.attributes.size(); a++) {
            t[3] += c.attrCoef[a] * SectionCost.out(attrCount[s][a], c.attrLo[a][s], c.attrHi[a][s]);
        }
        t[4] = c.sizeCoef * SectionCost.out(size[s], c.sizeLo[s], c.sizeHi[s]);
        for (int k = 0; k < soft.size(); k++) {
            t[5] += soft.get(k).cost(s, softCount[k][s], size[s]);
        }
        for (int k = 0; k < terms.length; k++) {
            terms[k] += t[k] - termOf[s][k];
            termOf[s][k] = t[k];
        }
    }
}
