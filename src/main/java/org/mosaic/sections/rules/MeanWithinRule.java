package org.mosaic.sections.rules;

import java.util.List;
import java.util.Locale;

import org.mosaic.sections.SectionProblem;
import org.mosaic.sections.SectionProblem.MeanLimit;

/**
 * Every section's mean score within X points of the grade mean ({@code mean_within} in the config). Sections'
 * sizes vary, so the rule is stated without division: with scores in tenths, n students and T the grade's score
 * total, each student's amount is n · score − T, and a section of z students keeps the rule when the sum of its
 * amounts lies within ±n · 10X · z (the section's mean times n·z against the grade mean times n·z). A breach
 * counts student-points: how far the section's score total lies outside the band, in points.
 */
public final class MeanWithinRule extends CountingRule {
    private final MeanLimit limit;
    private final long total;
    private final long[] score;

    MeanWithinRule(SectionProblem p, long[] score, MeanLimit limit, long coefficient) {
        super(p, amounts(score), all(p), limits(score.length, limit), coefficient);
        this.limit = limit;
        this.score = score;
        long t = 0;
        for (long v : score) {
            t += v;
        }
        this.total = t;
    }

    private static long[] amounts(long[] score) {
        long total = 0;
        for (long v : score) {
            total += v;
        }
        long[] a = new long[score.length];
        for (int i = 0; i < score.length; i++) {
            a[i] = score.length * score[i] - total;
        }
        return a;
    }

    private static boolean[] all(SectionProblem p) {
        boolean[] b = new boolean[p.sections().size()];
        java.util.Arrays.fill(b, true);
        return b;
    }

    private static List<Limit> limits(int n, MeanLimit limit) {
        long tenths = Math.round(limit.points() * 10);
        long unit = 10L * Math.max(1, n);
        return List.of(new Limit(1, -n * tenths, 0, unit), new Limit(-1, -n * tenths, 0, unit));
    }

    public MeanLimit limit() {
        return limit;
    }

    @Override
    public String name() {
        return limit.name();
    }

    @Override
    protected String describe(int s, long count, int size) {
        int n = score.length;
        double gradeMean = total / 10.0 / n;
        double mean = size == 0 ? gradeMean : gradeMean + count / 10.0 / n / size;
        return String.format(Locale.ROOT, "mean %.1f is %.1f points from the grade mean %.1f; at most %s", mean,
                Math.abs(mean - gradeMean), gradeMean, limit.points() == Math.rint(limit.points())
                        ? Long.toString((long) limit.points()) : Double.toString(limit.points()));
    }

    /** A mean belongs to the whole section: no student is singled out. */
    @Override
    protected List<String> concerned(int[] section, int s) {
        return List.of();
    }
}
