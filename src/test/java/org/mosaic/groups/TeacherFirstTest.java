package org.mosaic.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mosaic.model.BadInputException;

/** The order of need and the sentence that explains a changed order, on timetables written out by hand. */
class TeacherFirstTest {
    static final List<StationRotation.Station> STATIONS = List.of(new StationRotation.Station("online", 12, false),
            new StationRotation.Station("teacher", 8, true));
    static final List<String> UNITS = List.of("A", "B", "C");
    static final int[] SIZES = {5, 5, 3};

    /** station[u][slot] for units A, B, C over two slots; 1 is the teacher station. */
    static StationRotation.Timetable timetable(int[]... station) {
        return new StationRotation.Timetable(station, 2, true, false);
    }

    @Test
    void ordersParseWithoutRegardToCaseAndBadOnesSayWhatIsAllowed() {
        assertThat(TeacherFirst.Order.parse(" Lowest ")).isEqualTo(TeacherFirst.Order.LOWEST);
        assertThat(TeacherFirst.Order.parse("HIGHEST")).isEqualTo(TeacherFirst.Order.HIGHEST);
        assertThat(TeacherFirst.Order.parse("none")).isEqualTo(TeacherFirst.Order.NONE);
        assertThatThrownBy(() -> TeacherFirst.Order.parse("middle")).isInstanceOf(BadInputException.class)
                .hasMessage("--teacher-first 'middle': use lowest, highest or none");
    }

    @Test
    void needIsTheLevelGapWhenKnownElseTheScore() {
        assertThat(TeacherFirst.need(-1.5, 200)).isEqualTo(-1.5);
        assertThat(TeacherFirst.need(Double.NaN, 200)).isEqualTo(200);
    }

    @Test
    void tiesKeepTheUnitsOrderEitherWay() {
        double[] need = {1, 0, 1, 0};
        assertThat(TeacherFirst.needOrder(need, TeacherFirst.Order.LOWEST)).containsExactly(1, 3, 0, 2);
        assertThat(TeacherFirst.needOrder(need, TeacherFirst.Order.HIGHEST)).containsExactly(0, 2, 1, 3);
        assertThat(TeacherFirst.needOrder(need, TeacherFirst.Order.NONE)).isEmpty();
    }

    @Test
    void aChangedOrderIsExplainedSlotBySlot() {
        // A and C meet the teacher in slot 1, B in slot 2: B is needier than C but comes later.
        StationRotation.Timetable t = timetable(new int[] {1, 0}, new int[] {0, 1}, new int[] {1, 0});
        assertThat(TeacherFirst.explanation(new int[] {0, 1, 2}, t, SIZES, UNITS, STATIONS)).isEqualTo(
                "By need the teacher would see A, B, C in that order, but the teacher station seats 8 students at a "
                        + "time, so the order changes: slot 1: A (5) and C (3); slot 2: B (5). This meets the neediest "
                        + "as early as the seats allow.");
        // A needier unit that never meets the teacher while a less needy one does: also a change.
        StationRotation.Timetable skipped = timetable(new int[] {0, 0}, new int[] {1, 0}, new int[] {0, 1});
        assertThat(TeacherFirst.explanation(new int[] {0, 1, 2}, skipped, SIZES, UNITS, STATIONS))
                .startsWith("By need the teacher would see A, B, C in that order").contains("so the order changes: "
                        + "slot 1: B (5); slot 2: C (3).");
    }

    @Test
    void noSentenceWhenTheOrderHoldsOrThereIsNothingToOrder() {
        StationRotation.Timetable inOrder = timetable(new int[] {1, 0}, new int[] {1, 0}, new int[] {0, 1});
        assertThat(TeacherFirst.explanation(new int[] {0, 1, 2}, inOrder, SIZES, UNITS, STATIONS)).isEmpty();
        // The least needy unit never meeting the teacher does not change the order of those who do.
        StationRotation.Timetable lastSkipped = timetable(new int[] {1, 0}, new int[] {0, 1}, new int[] {0, 0});
        assertThat(TeacherFirst.explanation(new int[] {0, 1, 2}, lastSkipped, SIZES, UNITS, STATIONS)).isEmpty();
        StationRotation.Timetable changed = timetable(new int[] {0, 1}, new int[] {1, 0}, new int[] {0, 0});
        assertThat(TeacherFirst.explanation(new int[] {0}, changed, SIZES, UNITS, STATIONS)).isEmpty();
        assertThat(TeacherFirst.explanation(new int[0], changed, SIZES, UNITS, STATIONS)).isEmpty();
        List<StationRotation.Station> noTeacher = List.of(new StationRotation.Station("online", 12, false),
                new StationRotation.Station("collaborative", 8, false));
        assertThat(TeacherFirst.explanation(new int[] {0, 1, 2}, changed, SIZES, UNITS, noTeacher)).isEmpty();
        assertThat(TeacherFirst.explanation(new int[] {0, 1, 2}, changed, SIZES, UNITS, STATIONS)).isNotEmpty();
    }
}
