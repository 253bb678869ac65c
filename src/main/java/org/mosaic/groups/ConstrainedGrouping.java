package org.mosaic.groups;

import java.util.ArrayList;
import java.util.List;

import com.google.ortools.Loader;
import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.IntVar;
import com.google.ortools.sat.LinearExpr;
import com.google.ortools.sat.LinearExprBuilder;
import com.google.ortools.sat.Literal;

import org.mosaic.model.BadInputException;

/**
 * Exact grouping when contiguity cannot hold (keep-apart pairs whose scores are close) and regrouping that moves as
 * few students as possible: a CP-SAT model over labelled groups. Scores are scaled to integers (tenths of a point).
 * Groups have interval variables [lo, hi] that contain their members' scores; group sizes are within [min, max] or 0.
 */
public final class ConstrainedGrouping {
    private static final double SCALE = 10;
    private static volatile boolean loaded;

    private ConstrainedGrouping() {
    }

    static void load() {
        if (!loaded) {
            synchronized (ConstrainedGrouping.class) {
                if (!loaded) {
                    Loader.loadNativeLibraries();
                    loaded = true;
                }
            }
        }
    }

    /** A labelled assignment: {@code group[i]} is the label index of student i. */
    public record Labelled(int[] group, double maxRange, double totalRange, boolean provenOptimal, int moved,
                           boolean stoppedByWallClock) {
    }

    /**
     * Minimizes (max range, total range) with keep-apart pairs; {@code labels} is the number of group slots allowed.
     * {@code timeLimit} is CP-SAT deterministic time (work units), so the same input gives the same groups.
     */
    public static Labelled group(double[] scores, int min, int max, int labels, int[][] apart, double timeLimit) {
        return solve(scores, min, max, labels, apart, null, Double.NaN, timeLimit);
    }

    /**
     * Fewest students moved from {@code previous} (label per student, −1 = new student) subject to every group's range
     * ≤ {@code maxRange}, sizes and keep-apart; ties broken by the smaller total range.
     */
    public static Labelled regroup(double[] scores, int min, int max, int labels, int[][] apart, int[] previous,
                                   double maxRange, double timeLimit) {
        return solve(scores, min, max, labels, apart, previous, maxRange, timeLimit);
    }

    private static Labelled solve(double[] scores, int min, int max, int labels, int[][] apart, int[] previous,
                                  double maxRange, double timeLimit) {
        load();
        int n = scores.length;
        long[] x = new long[n];
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            x[i] = Math.round(scores[i] * SCALE);
            lo = Math.min(lo, x[i]);
            hi = Math.max(hi, x[i]);
        }
        CpModel model = new CpModel();
        BoolVar[][] in = new BoolVar[n][labels];
        BoolVar[] used = new BoolVar[labels];
        IntVar[] gLo = new IntVar[labels];
        IntVar[] gHi = new IntVar[labels];
        IntVar[] width = new IntVar[labels];
        long span = hi - lo;
        for (int g = 0; g < labels; g++) {
            used[g] = model.newBoolVar("used" + g);
            gLo[g] = model.newIntVar(lo, hi, "lo" + g);
            gHi[g] = model.newIntVar(lo, hi, "hi" + g);
            width[g] = model.newIntVar(0, span, "w" + g);
            model.addEquality(width[g], LinearExpr.newBuilder().add(gHi[g]).addTerm(gLo[g], -1).build())
                    .onlyEnforceIf(used[g]);
            model.addEquality(width[g], 0).onlyEnforceIf(used[g].not());
            for (int i = 0; i < n; i++) {
                in[i][g] = model.newBoolVar("x" + i + "_" + g);
                model.addLessOrEqual(gLo[g], x[i]).onlyEnforceIf(in[i][g]);
                model.addGreaterOrEqual(gHi[g], x[i]).onlyEnforceIf(in[i][g]);
                model.addImplication(in[i][g], used[g]);
            }
            LinearExprBuilder size = LinearExpr.newBuilder();
            for (int i = 0; i < n; i++) {
                size.add(in[i][g]);
            }
            model.addLinearConstraint(size.build(), min, max).onlyEnforceIf(used[g]);
            model.addEquality(size.build(), 0).onlyEnforceIf(used[g].not());
            if (!Double.isNaN(maxRange)) {
                model.addLessOrEqual(width[g], Math.round(maxRange * SCALE));
            }
        }
        for (int i = 0; i < n; i++) {
            model.addExactlyOne(in[i]);
        }
        for (int[] pair : apart) {
            for (int g = 0; g < labels; g++) {
                model.addBoolOr(new Literal[] {in[pair[0]][g].not(), in[pair[1]][g].not()});
            }
        }
        IntVar maxWidth = model.newIntVar(0, span, "maxWidth");
        model.addMaxEquality(maxWidth, width);
        LinearExprBuilder obj = LinearExpr.newBuilder();
        long totalBound = span * labels + 1;
        if (previous == null) {
            // Symmetry: labels are interchangeable, so used groups come first and in order of their lowest score.
            for (int g = 0; g + 1 < labels; g++) {
                model.addImplication(used[g + 1], used[g]);
                model.addLessOrEqual(gLo[g], gLo[g + 1]).onlyEnforceIf(used[g + 1]);
            }
            obj.addTerm(maxWidth, totalBound);
            for (IntVar w : width) {
                obj.add(w);
            }
        } else {
            // Each student kept is worth more than any range total: the fewest moves win, then the narrowest groups.
            for (int i = 0; i < n; i++) {
                if (previous[i] >= 0 && previous[i] < labels) {
                    obj.addTerm(in[i][previous[i]], -totalBound);
                }
            }
            for (IntVar w : width) {
                obj.add(w);
            }
        }
        model.minimize(obj.build());
        CpSolver solver = SolverLimit.solver(timeLimit);
        CpSolverStatus status = solver.solve(model);
        if (status == CpSolverStatus.INFEASIBLE) {
            throw new BadInputException(previous == null
                    ? "no grouping of " + n + " students into groups of " + min + " to " + max
                    + " keeps every keep-apart pair apart; relax --min/--max or the requests"
                    : "no regrouping keeps every group's score range within " + maxRange
                    + " with groups of " + min + " to " + max + "; raise --max-range");
        }
        if (status != CpSolverStatus.OPTIMAL && status != CpSolverStatus.FEASIBLE) {
            throw new BadInputException("the grouping solver found no answer within its work limit of " + timeLimit
                    + " (status " + status + "); give it more time");
        }
        int[] group = new int[n];
        int moved = 0;
        for (int i = 0; i < n; i++) {
            for (int g = 0; g < labels; g++) {
                if (solver.booleanValue(in[i][g])) {
                    group[i] = g;
                }
            }
            if (previous != null && previous[i] >= 0 && previous[i] != group[i]) {
                moved++;
            }
        }
        double total = 0;
        double widest = 0;
        for (int g = 0; g < labels; g++) {
            double w = solver.value(width[g]) / SCALE;
            total += w;
            widest = Math.max(widest, w);
        }
        return new Labelled(group, widest, total, status == CpSolverStatus.OPTIMAL, moved,
                SolverLimit.stoppedByWallClock(solver, status, timeLimit));
    }

    /** Students of each label, for callers that want the groups as lists. */
    public static List<int[]> byLabel(int[] group, int labels) {
        List<int[]> out = new ArrayList<>();
        for (int g = 0; g < labels; g++) {
            int gg = g;
            int[] members = java.util.stream.IntStream.range(0, group.length).filter(i -> group[i] == gg).toArray();
            out.add(members);
        }
        return out;
    }
}
