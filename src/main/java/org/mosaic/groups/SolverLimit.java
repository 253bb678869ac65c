package org.mosaic.groups;

import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;

/**
 * How the groups' CP-SAT searches stop. One worker, a fixed seed and a limit in CP-SAT's deterministic time (work
 * units, roughly seconds on a quiet machine) make the answer depend only on the model, never on how busy the computer
 * is. A wall-clock net far above the work limit stays for safety; when it fires, the result is flagged because it may
 * not reproduce.
 */
final class SolverLimit {
    /** The wall-clock net: this many times the work limit, plus start-up slack. */
    static final double WALL_FACTOR = 20;

    private SolverLimit() {
    }

    static CpSolver solver(double workLimit) {
        CpSolver solver = new CpSolver();
        solver.getParameters().setNumWorkers(1);
        solver.getParameters().setRandomSeed(1);
        solver.getParameters().setMaxDeterministicTime(workLimit);
        solver.getParameters().setMaxTimeInSeconds(WALL_FACTOR * workLimit + 30);
        return solver;
    }

    /** The search ended on the wall-clock net, not on its work limit or a proof. */
    static boolean stoppedByWallClock(CpSolver solver, CpSolverStatus status, double workLimit) {
        if (status == CpSolverStatus.OPTIMAL || status == CpSolverStatus.INFEASIBLE) {
            return false;
        }
        return solver.response().getDeterministicTime() < workLimit
                && solver.wallTime() >= 0.99 * (WALL_FACTOR * workLimit + 30);
    }
}
