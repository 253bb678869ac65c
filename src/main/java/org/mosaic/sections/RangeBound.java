package org.mosaic.sections;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.mosaic.sections.rules.RuleSet;

/**
 * A lower bound on the sections' total score range that knows the placement rules. Without rules the least total
 * range is that of contiguous score bands ({@link SectionSolver#leastTotalRange}); with them, the co-taught sections
 * must between them hold every co-taught student, at most the ICT cap each, so together they span the co-taught
 * students' scores
 * however the rest is arranged; the EL-certified sections likewise span the English learners' scores; and the plain
 * sections still need their minimum size each from the students allowed in them. Those three families of sections
 * are disjoint, so their bounds add up. On a high school whose co-taught and EL students are spread over every score
 * level
 * this is two to three times the rule-free bound, which is what a tracked dial's proven gap hinges on.
 *
 * <p>Each part rests on one uncrossing fact: if two groups' score intervals overlap, handing the lower scores of
 * their union to one and the higher to the other keeps both sizes and never widens the pair's total range. So an
 * optimal grouping uses contiguous runs of the sorted scores, and a dynamic programme over runs finds it exactly.
 * Keep-together, keep-apart, locks, levels and gifted clusters are relaxed (a bound may ignore rules).
 */
final class RangeBound {
    private static final long INF = Long.MAX_VALUE / 4;

    /**
     * The bound per family of sections: co-taught sections (when the co-taught rule is on), EL-certified sections that
     * are not co-taught (when EL clustering is on), and plain sections. {@code sections} lists each family's
     * section indices; each family's ranges add up to at least its {@code bound}.
     */
    record Part(String family, List<Integer> sections, long bound) {
    }

    private RangeBound() {
    }

    static List<Part> parts(SectionProblem p, long[] score) {
        RuleSet rules = RuleSet.of(p);
        boolean coOn = rules.coTaught().on();
        boolean ellOn = rules.elCertified().on();
        int n = score.length;
        List<Integer> coTaught = new ArrayList<>();
        List<Integer> certifiedOnly = new ArrayList<>();
        List<Integer> plain = new ArrayList<>();
        int coCap = 0;
        int certifiedCap = 0;
        int bothSeats = 0;
        int plainMin = Integer.MAX_VALUE;
        for (int s = 0; s < p.sections().size(); s++) {
            SectionProblem.Slot slot = p.sections().get(s);
            boolean co = coOn && rules.coTaught().opens(s);
            boolean el = ellOn && rules.elCertified().opens(s);
            if (co) {
                coTaught.add(s);
                coCap = Math.max(coCap, rules.coTaught().most(slot.capacity()));
                bothSeats += el ? slot.capacity() : 0;
            } else if (el) {
                certifiedOnly.add(s);
                certifiedCap = Math.max(certifiedCap, slot.capacity());
            } else {
                plain.add(s);
                plainMin = Math.min(plainMin, slot.minSize());
            }
        }
        List<Long> coScores = new ArrayList<>();
        List<Long> learnerScores = new ArrayList<>();
        List<Long> plainScores = new ArrayList<>();
        int coLearners = 0;
        for (int i = 0; i < n; i++) {
            boolean needsCo = coOn && rules.coTaught().marks(i);
            boolean needsEl = ellOn && rules.elCertified().marks(i);
            if (needsCo) {
                coScores.add(score[i]);
                coLearners += needsEl ? 1 : 0;
            } else if (needsEl) {
                learnerScores.add(score[i]);
            }
            if (!needsCo && !needsEl) {
                plainScores.add(score[i]);
            }
        }
        List<Part> parts = new ArrayList<>();
        if (!coTaught.isEmpty()) {
            parts.add(new Part("co-taught", coTaught,
                    leastSpan(sorted(coScores), coTaught.size(), coCap, 0)));
        }
        if (!certifiedOnly.isEmpty()) {
            // English learners without a co-taught need may also sit in co-taught sections that are EL-certified, as
            // far as
            // their seats go after the learners who must be co-taught (who can sit nowhere else).
            int elsewhere = Math.max(0, bothSeats - coLearners);
            parts.add(new Part("EL-certified", certifiedOnly,
                    leastSpan(sorted(learnerScores), certifiedOnly.size(), certifiedCap, elsewhere)));
        }
        if (!plain.isEmpty()) {
            parts.add(new Part("plain", plain, leastWindows(sorted(plainScores), plain.size(), plainMin)));
        }
        return parts;
    }

    /** The typed bound on the total range of all sections: the parts added up. */
    static long total(SectionProblem p, long[] score) {
        return parts(p, score).stream().mapToLong(Part::bound).sum();
    }

    /**
     * The least total span of at most {@code groups} groups, each of at most {@code cap} of the sorted scores
     * {@code x}, covering all of them except at most {@code skips} (which go to sections outside the family). A
     * skipped score may fall inside a group's span: it then widens nothing but does not count against the cap.
     * Returns 0 when even that cannot hold every score, leaving the infeasibility for the solver to explain.
     */
    static long leastSpan(long[] x, int groups, int cap, int skips) {
        int n = x.length;
        if (n == 0 || groups == 0 || cap == 0) {
            return 0;
        }
        int k = Math.min(skips, n);
        // State after deciding score j: skipped so far, groups opened, members in the open group (0: none open).
        long[][][] cur = new long[k + 1][groups + 1][cap + 1];
        fill(cur);
        cur[0][0][0] = 0;
        for (int j = 0; j < n; j++) {
            long[][][] next = new long[k + 1][groups + 1][cap + 1];
            fill(next);
            long step = j == 0 ? 0 : x[j] - x[j - 1];
            for (int sk = 0; sk <= k; sk++) {
                for (int g = 0; g <= groups; g++) {
                    for (int c = 0; c <= cap; c++) {
                        long v = cur[sk][g][c];
                        if (v >= INF) {
                            continue;
                        }
                        // Close the open group (if any) before j: j is skipped or opens a new group.
                        if (sk < k) {
                            relax(next, sk + 1, g, 0, v);
                        }
                        if (g < groups) {
                            relax(next, sk, g + 1, 1, v);
                        }
                        if (c > 0) {
                            // The open group's span runs on to j, as a member or as a skipped score inside it.
                            if (c < cap) {
                                relax(next, sk, g, c + 1, v + step);
                            }
                            if (sk < k) {
                                relax(next, sk + 1, g, c, v + step);
                            }
                        }
                    }
                }
            }
            cur = next;
        }
        long best = INF;
        for (long[][] a : cur) {
            for (long[] b : a) {
                for (long v : b) {
                    best = Math.min(best, v);
                }
            }
        }
        return best >= INF ? 0 : best;
    }

    /**
     * The least total span of {@code groups} disjoint groups of {@code size} of the sorted scores {@code x} (plain
     * sections need their minimum size; more students only widen a span). 0 when there are too few scores.
     */
    static long leastWindows(long[] x, int groups, int size) {
        int n = x.length;
        if (size <= 1 || groups == 0) {
            return 0;
        }
        if ((long) groups * size > n) {
            return 0;
        }
        long[] prev = new long[n + 1];
        for (int g = 1; g <= groups; g++) {
            long[] cur = new long[n + 1];
            Arrays.fill(cur, INF);
            for (int j = size; j <= n; j++) {
                cur[j] = cur[j - 1];
                if (prev[j - size] < INF) {
                    cur[j] = Math.min(cur[j], prev[j - size] + x[j - 1] - x[j - size]);
                }
            }
            prev = cur;
        }
        return prev[n] >= INF ? 0 : prev[n];
    }

    private static long[] sorted(List<Long> values) {
        long[] x = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(x);
        return x;
    }

    private static void fill(long[][][] a) {
        for (long[][] b : a) {
            for (long[] c : b) {
                Arrays.fill(c, INF);
            }
        }
    }

    private static void relax(long[][][] a, int i, int j, int k, long v) {
        if (v < a[i][j][k]) {
            a[i][j][k] = v;
        }
    }
}
