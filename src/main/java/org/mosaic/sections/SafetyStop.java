package org.mosaic.sections;

import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;

/**
 * The one clock in a solve: a wall-clock deadline ({@link Effort#safetySeconds}) that stops CP-SAT and skips the
 * phases left if the machine cannot do the deterministic work in time. Firing is recorded ({@link #fired}), because
 * classes cut short by the clock depend on the machine's speed and may not reproduce.
 */
final class SafetyStop {
    private final long deadline;
    private volatile boolean fired;
    /** The CP-SAT solver last limited, whose deterministic time {@link #note} adds to {@link #cpUnits}. */
    private CpSolver last;
    private double cpUnits;

    SafetyStop(double seconds) {
        this.deadline = System.nanoTime() + (long) (seconds * 1e9);
    }

    /** Seconds left before the stop (at least a millisecond, which CP-SAT needs to return what it has). */
    double remaining() {
        return Math.max(1e-3, (deadline - System.nanoTime()) / 1e9);
    }

    /** Whether the deadline has passed; if so, that is recorded. */
    boolean expired() {
        if (System.nanoTime() >= deadline) {
            fired = true;
        }
        return fired;
    }

    boolean fired() {
        return fired;
    }

    /** Deterministic work units as the limit, the wall clock left as the safety stop. */
    void limit(CpSolver solver, double units) {
        last = solver;
        solver.getParameters().setMaxDeterministicTime(units);
        solver.getParameters().setMaxTimeInSeconds(remaining());
    }

    /**
     * CP-SAT work units (deterministic time) that the solves limited here have reported so far: counted work, which
     * the pipeline charges to its {@link WorkBudget}.
     */
    double cpUnits() {
        return cpUnits;
    }

    /** Records a CP-SAT search that ended unfinished after the deadline: the clock, not the work units, stopped it. */
    void note(CpSolverStatus status) {
        if (last != null) {
            cpUnits += last.response().getDeterministicTime();
            last = null;
        }
        if (status != CpSolverStatus.OPTIMAL && status != CpSolverStatus.INFEASIBLE) {
            expired();
        }
    }
}
