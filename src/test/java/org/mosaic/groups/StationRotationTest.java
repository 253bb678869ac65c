package org.mosaic.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mosaic.model.BadInputException;

class StationRotationTest {
    static final List<StationRotation.Station> STATIONS = List.of(new StationRotation.Station("teacher", 12, true),
            new StationRotation.Station("online", 12, false), new StationRotation.Station("collaborative", 12, false));

    @Test
    void everyGroupVisitsEveryStationOnceWithinSeatsAndNeediestMeetTheTeacherFirst() {
        int[] sizes = {4, 4, 4, 4, 4, 4, 4, 4};
        int[] need = {3, 0, 1, 2, 4, 5, 6, 7};
        StationRotation.Timetable t = StationRotation.schedule(sizes, need, STATIONS, 3, true);
        int[][] load = new int[3][3];
        int[] teacherSlot = new int[sizes.length];
        for (int g = 0; g < sizes.length; g++) {
            boolean[] seen = new boolean[3];
            for (int slot = 0; slot < 3; slot++) {
                int s = t.station()[g][slot];
                assertThat(s).isBetween(0, 2);
                assertThat(seen[s]).as("group %d visits station %d twice", g, s).isFalse();
                seen[s] = true;
                load[s][slot] += sizes[g];
                if (s == 0) {
                    teacherSlot[g] = slot;
                }
            }
        }
        for (int[] row : load) {
            for (int v : row) {
                assertThat(v).isLessThanOrEqualTo(12);
            }
        }
        // The three neediest groups (3, 0, 1) meet the teacher in the first slot; the least needy last.
        assertThat(teacherSlot[3]).isZero();
        assertThat(teacherSlot[0]).isZero();
        assertThat(teacherSlot[1]).isZero();
        assertThat(teacherSlot[7]).isEqualTo(2);
        assertThat(t.proven()).isTrue();
    }

    @Test
    void individualPlaylistsSeatEveryStudentEverySlot() {
        int[] sizes = new int[30];
        java.util.Arrays.fill(sizes, 1);
        int[] need = new int[30];
        for (int i = 0; i < 30; i++) {
            need[i] = 29 - i;
        }
        StationRotation.Timetable t = StationRotation.schedule(sizes, need, STATIONS, 3, false);
        int[][] load = new int[3][3];
        for (int u = 0; u < 30; u++) {
            for (int slot = 0; slot < 3; slot++) {
                assertThat(t.station()[u][slot]).isNotNegative();
                load[t.station()[u][slot]][slot]++;
            }
        }
        for (int[] row : load) {
            for (int v : row) {
                assertThat(v).isLessThanOrEqualTo(12);
            }
        }
        // The neediest student (29) meets the teacher.
        boolean met = false;
        for (int slot = 0; slot < 3; slot++) {
            met |= t.station()[29][slot] == 0;
        }
        assertThat(met).isTrue();
    }

    @Test
    void tooFewSeatsAreExplained() {
        List<StationRotation.Station> small = List.of(new StationRotation.Station("teacher", 8, true),
                new StationRotation.Station("online", 16, false), new StationRotation.Station("collab", 16, false));
        assertThatThrownBy(() -> StationRotation.schedule(new int[] {8, 8, 8, 8}, new int[] {0, 1, 2, 3}, small, 3,
                true)).isInstanceOf(BadInputException.class).hasMessageContaining("station teacher seats 8 × 3 slots"
                + " < 32 students");
        assertThatThrownBy(() -> StationRotation.schedule(new int[] {4, 4}, new int[] {0, 1}, small, 2, true))
                .isInstanceOf(BadInputException.class).hasMessageContaining("2-slot block");
    }

    /**
     * Playlists: four students, one teacher seat per slot, two slots. The two neediest (2, then 0) get the teacher,
     * the neediest in the first slot; the other two never do.
     */
    @Test
    void inPlaylistsTheNeediestGetTheTeacherAndGetItFirst() {
        List<StationRotation.Station> stations = List.of(new StationRotation.Station("teacher", 1, true),
                new StationRotation.Station("online", 4, false), new StationRotation.Station("collaborative", 4,
                        false));
        StationRotation.Timetable t = StationRotation.schedule(new int[] {1, 1, 1, 1}, new int[] {2, 0, 1, 3},
                stations, 2, false);
        assertThat(t.station()[2][0]).isZero();
        assertThat(t.station()[0][1]).isZero();
        for (int u : new int[] {1, 3}) {
            assertThat(t.station()[u]).doesNotContain(0).doesNotContain(-1);
        }
        assertThat(t.station()[2][1]).isPositive();
        assertThat(t.station()[0][0]).isPositive();
        assertThat(t.slots()).isEqualTo(2);
        assertThat(t.proven()).isTrue();
        assertThat(t.stoppedByWallClock()).isFalse();
    }

    @Test
    void theInfeasibleTimetableNamesTheStationThatIsTooSmall() {
        List<StationRotation.Station> stations = List.of(new StationRotation.Station("teacher", 8, true),
                new StationRotation.Station("online", 10, false));
        assertThat(StationRotation.describeInfeasible(new int[] {10, 4}, stations, 3)).isEqualTo(
                "no station rotation fits: station teacher has 8 seats but the largest group has 10 students — add "
                        + "seats (e.g. teacher:8,online:16,collaborative:16), fewer or smaller groups, or more slots");
        // Seats equal to the largest group and seats × slots equal to the students are enough for each station.
        assertThat(StationRotation.describeInfeasible(new int[] {10, 10, 10}, stations, 3)).isEqualTo(
                "no station rotation fits: station teacher has 8 seats but the largest group has 10 students; station "
                        + "teacher seats 8 × 3 slots < 30 students who must all visit it — add seats (e.g. "
                        + "teacher:8,online:16,collaborative:16), fewer or smaller groups, or more slots");
        assertThat(StationRotation.describeInfeasible(new int[] {8, 8, 8}, stations, 3)).isEqualTo(
                "no station rotation fits: 3 groups cannot all visit 2 stations once in 3 slots within the seats — add "
                        + "seats (e.g. teacher:8,online:16,collaborative:16), fewer or smaller groups, or more slots");
    }
}
