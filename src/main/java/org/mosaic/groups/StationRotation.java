package org.mosaic.groups;

import java.util.ArrayList;
import java.util.List;

import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.LinearExpr;
import com.google.ortools.sat.LinearExprBuilder;

import org.mosaic.model.BadInputException;

/**
 * Station-rotation timetables (Christensen Institute's blended-learning models): the block is cut into rotation
 * slots; in station rotation every group visits every station exactly once, never more students at a station than
 * its seats; in individual rotation each student has a playlist, visiting each station at most once. Teacher-led
 * time goes first to the units (groups or students) with the highest need. Solved exactly with CP-SAT.
 */
public final class StationRotation {
    private StationRotation() {
    }

    /** A station with its seats (students at once). The teacher station is marked. */
    public record Station(String name, int seats, boolean teacher) {
    }

    /** {@code station[u][t]}: station index of unit u in slot t (−1 none). */
    public record Timetable(int[][] station, int slots, boolean proven, boolean stoppedByWallClock) {
    }

    /** CP-SAT deterministic time for one timetable: a class's rotation is proven optimal far below it. */
    static final double WORK_LIMIT = 10;

    /**
     * @param sizes     students per unit (a group's size, or 1 per student for individual rotation)
     * @param needOrder units in order of need, most urgent first (they get the teacher earliest)
     * @param everyStation station rotation (each unit visits every station exactly once) or playlists (at most once)
     */
    public static Timetable schedule(int[] sizes, int[] needOrder, List<Station> stations, int slots,
                                     boolean everyStation) {
        ConstrainedGrouping.load();
        int u = sizes.length;
        int s = stations.size();
        if (everyStation && slots < s) {
            throw new BadInputException(String.format("a %d-slot block cannot take every group through %d stations; "
                    + "lengthen --block or shorten --rotation (slots = block / rotation)", slots, s));
        }
        CpModel model = new CpModel();
        BoolVar[][][] at = new BoolVar[u][s][slots];
        for (int g = 0; g < u; g++) {
            for (int k = 0; k < s; k++) {
                LinearExprBuilder visits = LinearExpr.newBuilder();
                for (int t = 0; t < slots; t++) {
                    at[g][k][t] = model.newBoolVar("a" + g + "_" + k + "_" + t);
                    visits.add(at[g][k][t]);
                }
                if (everyStation) {
                    model.addEquality(visits.build(), 1);
                } else {
                    model.addLessOrEqual(visits.build(), 1);
                }
            }
            for (int t = 0; t < slots; t++) {
                LinearExprBuilder where = LinearExpr.newBuilder();
                for (int k = 0; k < s; k++) {
                    where.add(at[g][k][t]);
                }
                // One station at a time; in playlists every student is somewhere in every slot.
                if (everyStation) {
                    model.addLessOrEqual(where.build(), 1);
                } else {
                    model.addEquality(where.build(), 1);
                }
            }
        }
        for (int k = 0; k < s; k++) {
            for (int t = 0; t < slots; t++) {
                LinearExprBuilder load = LinearExpr.newBuilder();
                for (int g = 0; g < u; g++) {
                    load.addTerm(at[g][k][t], sizes[g]);
                }
                model.addLessOrEqual(load.build(), stations.get(k).seats());
            }
        }
        // Teacher-first: the unit of need rank r in slot t costs (u − r) × t, so urgent units get early teacher slots;
        // in playlists, teacher time itself is worth most to the neediest.
        LinearExprBuilder obj = LinearExpr.newBuilder();
        for (int k = 0; k < s; k++) {
            if (!stations.get(k).teacher()) {
                continue;
            }
            for (int r = 0; r < needOrder.length; r++) {
                int g = needOrder[r];
                long weight = u - r;
                for (int t = 0; t < slots; t++) {
                    obj.addTerm(at[g][k][t], everyStation ? weight * t : -weight * (slots - t) * 1000L);
                }
            }
        }
        model.minimize(obj.build());
        CpSolver solver = SolverLimit.solver(WORK_LIMIT);
        CpSolverStatus status = solver.solve(model);
        if (status == CpSolverStatus.INFEASIBLE) {
            throw new BadInputException(describeInfeasible(sizes, stations, slots));
        }
        if (status != CpSolverStatus.OPTIMAL && status != CpSolverStatus.FEASIBLE) {
            throw new BadInputException("no timetable found within the work limit of " + WORK_LIMIT + " (status "
                    + status + "); use fewer slots or stations");
        }
        int[][] station = new int[u][slots];
        for (int g = 0; g < u; g++) {
            for (int t = 0; t < slots; t++) {
                station[g][t] = -1;
                for (int k = 0; k < s; k++) {
                    if (solver.booleanValue(at[g][k][t])) {
                        station[g][t] = k;
                    }
                }
            }
        }
        return new Timetable(station, slots, status == CpSolverStatus.OPTIMAL,
                SolverLimit.stoppedByWallClock(solver, status, WORK_LIMIT));
    }

    static String describeInfeasible(int[] sizes, List<Station> stations, int slots) {
        List<String> parts = new ArrayList<>();
        int students = 0;
        int largest = 0;
        for (int size : sizes) {
            students += size;
            largest = Math.max(largest, size);
        }
        for (Station st : stations) {
            if (st.seats() < largest) {
                parts.add("station " + st.name() + " has " + st.seats() + " seats but the largest group has " + largest
                        + " students");
            }
            if ((long) st.seats() * slots < students) {
                parts.add("station " + st.name() + " seats " + st.seats() + " × " + slots + " slots < " + students
                        + " students who must all visit it");
            }
        }
        if (parts.isEmpty()) {
            parts.add(sizes.length + " groups cannot all visit " + stations.size() + " stations once in " + slots
                    + " slots within the seats");
        }
        return "no station rotation fits: " + String.join("; ", parts)
                + " — add seats (e.g. teacher:8,online:16,collaborative:16), fewer or smaller groups, or more slots";
    }
}
