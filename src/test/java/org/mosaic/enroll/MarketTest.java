package org.mosaic.enroll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.mosaic.bench.ReferenceDeferredAcceptance;
import org.mosaic.model.BadInputException;
import org.mosaic.model.Choice;
import org.mosaic.model.Dataset;
import org.mosaic.model.District;
import org.mosaic.model.Gender;
import org.mosaic.model.Location;
import org.mosaic.model.Priority;
import org.mosaic.model.Race;
import org.mosaic.model.School;
import org.mosaic.model.SchoolType;
import org.mosaic.model.Score;
import org.mosaic.model.Student;

/** A grade's market read from a dataset: who applies, lists as written, priority classes, lottery numbers. */
class MarketTest {
    static Student student(String id, int grade, String school, String zone, boolean frl) {
        return new Student(id, grade, school, new Location(0, 0), zone, "", frl, Race.WHITE, Gender.FEMALE, false,
                false, false, 0, false, "", "");
    }

    static School school(String id, String zone, Map<Integer, Integer> seats, int low, int high) {
        return new School(id, id, SchoolType.NEIGHBORHOOD, "", low, high, new Location(0, 0), zone, seats);
    }

    /**
     * Schools A (zone Z1, 2 seats), B (zone Z2, 1 seat), C (serves grade 6, no seats this year), H (high school).
     * s1 (zone Z2) lists A; s2 (zone Z1, at B now, FRL) lists C first, B second, A third, written out of order.
     * t1 is in grade 7; "ghost" is no student; s3 has no choices.
     */
    static Dataset dataset() {
        List<School> schools = List.of(school("A", "Z1", Map.of(6, 2), 6, 8), school("B", "Z2", Map.of(6, 1), 6, 8),
                school("C", "Z1", Map.of(6, 0, 7, 5), 6, 8), school("H", "Z1", Map.of(9, 50), 9, 12));
        List<Student> students = List.of(student("s2", 6, "B", "Z1", true), student("s1", 6, "", "Z2", false),
                student("s3", 6, "", "Z1", false), student("t1", 7, "", "Z1", false));
        List<Choice> choices = List.of(new Choice("s2", 3, "A"), new Choice("s1", 1, "A"), new Choice("s2", 1, "C"),
                new Choice("ghost", 1, "A"), new Choice("t1", 1, "A"), new Choice("s2", 2, "B"));
        List<Priority> priorities = List.of(new Priority("s1", "A", 5), new Priority("s1", "A", 3),
                new Priority("s2", "B", 9));
        List<Score> scores = List.of(Score.annual("s1", "math", 2025, 210), Score.annual("s1", "math", 2026, 230),
                Score.annual("s2", "reading", 2026, 250));
        return new Dataset(new District("d", "d", schools, List.of(), students), scores, choices, priorities,
                List.of(), List.of(), List.of());
    }

    static Policy rules() {
        return new Policy("rules", List.of(new Policy.PriorityRule("zone", 2),
                new Policy.PriorityRule(" Current_School ", 1), new Policy.PriorityRule("frl = 1", 4)), List.of(),
                Map.of(), true, List.of());
    }

    @Test
    void applicantsAreTheGradesStudentsWithChoicesInIdOrder() {
        Market m = Market.of(dataset(), 6, Policy.plain(), TieBreak.SINGLE, 1);
        assertThat(m.students()).extracting(Student::id).containsExactly("s1", "s2");
        assertThat(m.applicants()).isEqualTo(2);
        assertThat(m.grade()).isEqualTo(6);
        assertThat(m.seed()).isEqualTo(1);
        // Only schools with seats in grade 6 take part; C (no seats) and H (another level) do not.
        assertThat(m.schools()).extracting(School::id).containsExactly("A", "B");
        assertThat(m.capacity).containsExactly(2, 1);
    }

    @Test
    void listsKeepTheFamilysOrderAndRankNumbersAndSetAsideSchoolsWithoutSeats() {
        Market m = Market.of(dataset(), 6, Policy.plain(), TieBreak.SINGLE, 1);
        int s2 = 1;
        assertThat(m.choices(s2)).isEqualTo(2);
        assertThat(m.schools().get(m.schoolAt(s2, 0)).id()).isEqualTo("B");
        assertThat(m.schools().get(m.schoolAt(s2, 1)).id()).isEqualTo("A");
        assertThat(m.writtenRank(s2, 0)).isEqualTo(2);
        assertThat(m.writtenRank(s2, 1)).isEqualTo(3);
        assertThat(m.choicesWithoutSeats(s2)).containsExactly(new Choice("s2", 1, "C"));
        assertThat(m.choicesWithoutSeats(0)).isEmpty();
        assertThat(m.rankOfSchool(s2, 0)).isEqualTo(1);
        assertThat(m.rankOfSchool(0, 1)).isEqualTo(-1);
        Outcome o = Assigner.run(m, Mechanism.DA);
        assertThat(o.writtenRankOf(s2)).isEqualTo(2);
        assertThat(o.reason(s2)).startsWith("Placed at your 2nd choice, B, in an open seat. Your 1st choice, C, "
                + "has no seats in this grade.");
    }

    @Test
    void aPriorityClassIsTheSmallestOfTheFileRowsAndEveryMatchingRule() {
        Market plain = Market.of(dataset(), 6, Policy.plain(), TieBreak.SINGLE, 1);
        assertThat(plain.priorityAt(0, 0)).as("s1 at A: the smaller of two file rows").isEqualTo(3);
        assertThat(plain.priorityAt(1, 0)).as("s2 at B: file row").isEqualTo(9);
        assertThat(plain.priorityAt(1, 1)).as("s2 at A: nothing").isEqualTo(Policy.NO_PRIORITY);

        Market m = Market.of(dataset(), 6, rules(), TieBreak.SINGLE, 1);
        assertThat(m.priorityAt(0, 0)).as("s1 at A: file 3, other zone").isEqualTo(3);
        assertThat(m.priorityAt(1, 0)).as("s2 at B: her current school").isEqualTo(1);
        assertThat(m.priorityAt(1, 1)).as("s2 at A: her zone beats the FRL rule").isEqualTo(2);
        // Top trading cycles needs classes at unranked schools too: s1 lives in B's zone.
        assertThat(m.anyPriority.of(0, 1)).isEqualTo(2);
        assertThat(m.anyPriority.of(1, 1)).isEqualTo(1);
        assertThat(m.priorityOrder(1)).containsExactly(1, 0);
        assertThat(m.priorityOrder(0)).containsExactly(1, 0);

        Market frlOnly = Market.of(dataset(), 6, new Policy("frl", List.of(new Policy.PriorityRule("frl = 1", 4)),
                List.of(), Map.of(), true, List.of()), TieBreak.SINGLE, 1);
        assertThat(frlOnly.priorityAt(1, 1)).isEqualTo(4);
        assertThat(frlOnly.priorityAt(0, 0)).isEqualTo(3);
        assertThat(frlOnly.priorityOrder(0)).containsExactly(0, 1);
    }

    @Test
    void aStudentWithoutAZoneIsNeverInTheSchoolsZone() {
        School a = school("A", "", Map.of(6, 1), 6, 8);
        Student noZone = student("x", 6, "", "", false);
        Dataset d = new Dataset(new District("d", "d", List.of(a), List.of(), List.of(noZone)), List.of(),
                List.of(new Choice("x", 1, "A")), List.of(), List.of(), List.of(), List.of());
        Market m = Market.of(d, 6, new Policy("zone", List.of(new Policy.PriorityRule("zone", 2)), List.of(), Map.of(),
                true, List.of()), TieBreak.SINGLE, 1);
        assertThat(m.priorityAt(0, 0)).isEqualTo(Policy.NO_PRIORITY);
    }

    /** The documented example (docs/enroll.md): seed 1 gives student i1 the single lottery number 0.041683. */
    @Test
    void lotteryNumbersAreTheDocumentedHashOfSeedStudentAndSchool() {
        assertThat(Market.lotteryNumber(1, "i1", "")).isCloseTo(0.041683, within(5e-7));
        // Further values of the formula, from an independent implementation (Python integers, 64-bit wrap-around).
        assertThat(Market.lotteryNumber(1, "i1", "")).isEqualTo(2864428072L / 0x1.0p36);
        assertThat(Market.lotteryNumber(1, "i2", "")).isEqualTo(19191113692L / 0x1.0p36);
        assertThat(Market.lotteryNumber(42, "S000123", "M01")).isEqualTo(43615684366L / 0x1.0p36);
        assertThat(Market.lotteryNumber(-7, "kid", "A")).isEqualTo(30342365032L / 0x1.0p36);

        Market single = Market.of(dataset(), 6, Policy.plain(), TieBreak.SINGLE, 42);
        assertThat(single.lotteryAt(1, 0)).isEqualTo(Market.lotteryNumber(42, "s2", ""))
                .isEqualTo(single.lotteryAt(1, 1));
        Market multiple = Market.of(dataset(), 6, Policy.plain(), TieBreak.MULTIPLE, 42);
        assertThat(multiple.lotteryAt(1, 0)).isEqualTo(Market.lotteryNumber(42, "s2", "B"));
        assertThat(multiple.lotteryAt(1, 1)).isEqualTo(Market.lotteryNumber(42, "s2", "A"));
        assertThat(multiple.lotteryAt(0, 0)).isEqualTo(Market.lotteryNumber(42, "s1", "A"));

        Market redrawn = multiple.withSeed(7);
        assertThat(redrawn.seed()).isEqualTo(7);
        assertThat(redrawn.lotteryAt(1, 1)).isEqualTo(Market.lotteryNumber(7, "s2", "A"));
        assertThat(redrawn.priorityAt(0, 0)).isEqualTo(multiple.priorityAt(0, 0));
        assertThat(single.withSeed(7).lotteryAt(1, 1)).isEqualTo(Market.lotteryNumber(7, "s2", ""));
    }

    @Test
    void scoreSeatsReadTheLatestScoreOfTheirSubject() {
        Policy screened = new Policy("screened", List.of(), List.of(
                new Policy.SlotType("screened", -1, 1, EligibilityRule.ANY, Policy.Order.score("math")),
                new Policy.SlotType("open", -1, -1, EligibilityRule.ANY, Policy.Order.PRIORITY)), Map.of(), true,
                List.of());
        Market m = Market.of(dataset(), 6, screened, TieBreak.SINGLE, 1);
        assertThat(m.score(0, "math")).isEqualTo(230);
        assertThat(m.score(1, "math")).isNaN();
        assertThat(m.score(1, "reading")).isNaN();
    }

    @Test
    void aGradeWithoutApplicantsIsAnInputError() {
        Market m = Market.of(dataset(), 8, Policy.plain(), TieBreak.SINGLE, 1);
        assertThatThrownBy(m::requireSomeApplicants).isInstanceOf(BadInputException.class)
                .hasMessage("no applicants in grade 8: choices.csv has no rows for students in that grade");
        Market.of(dataset(), 6, Policy.plain(), TieBreak.SINGLE, 1).requireSomeApplicants();
    }

    /**
     * Soft bounds from the district's share: 1 of 4 applicants is FRL (25 %), band 10 points, so floor 15 % and
     * ceiling 35 % of 10 seats: 1 and 4 seats. Fixed shares 30 % and 50 % give exactly 3 and 5.
     */
    @Test
    void controlledChoiceBoundsAreSharesOfEachSchoolsSeats() {
        List<Student> students = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            students.add(student("s" + i, 6, "", "", i == 0));
        }
        List<School> schools = List.of(school("A", "", Map.of(6, 10), 6, 8), school("B", "", Map.of(6, 3), 6, 8));
        EligibilityRule frl = EligibilityRule.parse("frl = 1");
        Policy banded = new Policy("cc", List.of(), List.of(), Map.of(), true,
                List.of(new Policy.SoftBound("frl", frl, -1, -1, 0.10)));
        int[][] prefs = {{0}, {0}, {0}, {0}};
        int[][] prio = {{1}, {1}, {1}, {1}};
        Market m = Market.of(students, schools, 6, prefs, prio, banded, TieBreak.SINGLE, 1);
        assertThat(m.softFloor[0][0]).isEqualTo(1);
        assertThat(m.softCeiling[0][0]).isEqualTo(4);
        assertThat(m.softFloor[1][0]).isZero();
        assertThat(m.softCeiling[1][0]).isEqualTo(2);
        Policy fixed = new Policy("cc", List.of(), List.of(), Map.of(), true,
                List.of(new Policy.SoftBound("frl", frl, 0.3, 0.5, 0)));
        Market f = Market.of(students, schools, 6, prefs, prio, fixed, TieBreak.SINGLE, 1);
        assertThat(f.softFloor[0][0]).isEqualTo(3);
        assertThat(f.softCeiling[0][0]).isEqualTo(5);
        Policy wide = new Policy("cc", List.of(), List.of(), Map.of(), true,
                List.of(new Policy.SoftBound("frl", frl, -1, -1, 0.9)));
        Market w = Market.of(students, schools, 6, prefs, prio, wide, TieBreak.SINGLE, 1);
        assertThat(w.softFloor[0][0]).isZero();
        assertThat(w.softCeiling[0][0]).isEqualTo(10);
        assertThat(m.softType(students.get(0))).isZero();
        assertThat(m.softType(students.get(1))).isEqualTo(-1);
    }

    /**
     * More than 127 priority classes do not fit the packed sort keys: DA and TTC take their general paths and still
     * agree with the textbook implementations.
     */
    @Test
    void marketsWithManyPriorityClassesTakeTheGeneralPathAndAgreeWithTheReferences() {
        for (long seed = 1; seed <= 5; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            // 200 applicants with classes drawn from 1-1000: well over 127 distinct classes at every school.
            int n = 200;
            int schools = 4;
            List<School> list = new ArrayList<>();
            for (int s = 0; s < schools; s++) {
                list.add(school("s" + s, "", Map.of(6, 10 + r.nextInt(30)), 6, 8));
            }
            List<Student> students = new ArrayList<>();
            int[][] prefs = new int[n][];
            int[][] priority = new int[n][schools];
            for (int i = 0; i < n; i++) {
                students.add(student("i" + i, 6, "", "", false));
                List<Integer> all = new ArrayList<>(List.of(0, 1, 2, 3));
                java.util.Collections.shuffle(all, new java.util.Random(r.nextLong()));
                prefs[i] = all.subList(0, 1 + r.nextInt(schools)).stream().mapToInt(Integer::intValue).toArray();
                for (int s = 0; s < schools; s++) {
                    priority[i][s] = 1 + r.nextInt(1000);
                }
            }
            TieBreak tb = seed % 2 == 0 ? TieBreak.SINGLE : TieBreak.MULTIPLE;
            Market m = Market.withFullPriorities(students, list, 6, prefs, priority, Policy.plain(), tb, seed);
            assertThat(m.packedKeys()).isNull();
            Outcome da = Assigner.run(m, Mechanism.DA);
            Map<String, String> ref = ReferenceDeferredAcceptance.run(m);
            for (int i = 0; i < n; i++) {
                String mine = da.schoolOf(i) < 0 ? null : list.get(da.schoolOf(i)).id();
                assertThat(mine).as("DA, market %d, applicant %d", seed, i).isEqualTo(ref.get("i" + i));
            }
            TopTradingCyclesTest.Random same = new TopTradingCyclesTest.Random(students, list, prefs, priority, tb,
                    seed);
            assertThat(TopTradingCyclesTest.ttc(same)).as("TTC, market %d", seed)
                    .containsExactly(TopTradingCyclesTest.reference(same));
        }
    }

    @Test
    void packedKeysOrderLikePriorityThenLotteryThenApplicant() {
        Market m = MechanismPropertyTest.randomMarket(11);
        long[][] key = m.packedKeys();
        List<long[]> all = new ArrayList<>();
        for (int i = 0; i < m.applicants(); i++) {
            for (int k = 0; k < m.choices(i); k++) {
                all.add(new long[] {key[i][k], m.priorityAt(i, k), Double.doubleToLongBits(m.lotteryAt(i, k)), i});
                assertThat(key[i][k] & Assigner.STUDENT_MASK).isEqualTo(i);
            }
        }
        for (long[] a : all) {
            for (long[] b : all) {
                int byKey = Long.compare(a[0], b[0]);
                int byHand = a[1] != b[1] ? Long.compare(a[1], b[1])
                        : a[2] != b[2] ? Double.compare(Double.longBitsToDouble(a[2]), Double.longBitsToDouble(b[2]))
                        : Long.compare(a[3], b[3]);
                assertThat(Integer.signum(byKey)).isEqualTo(Integer.signum(byHand));
            }
        }
        assertThat(Arrays.stream(key).mapToInt(k -> k.length).sum()).isEqualTo(all.size());
    }
}
