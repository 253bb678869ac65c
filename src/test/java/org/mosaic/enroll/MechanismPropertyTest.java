package org.mosaic.enroll;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.mosaic.PropertySeed;
import org.mosaic.model.Gender;
import org.mosaic.model.Location;
import org.mosaic.model.Race;
import org.mosaic.model.School;
import org.mosaic.model.SchoolType;
import org.mosaic.model.Student;

/** DA, TTC and Boston against brute force on every possible assignment of tiny random markets. */
class MechanismPropertyTest {
    @Provide
    Arbitrary<Market> markets() {
        return Arbitraries.longs().map(MechanismPropertyTest::randomMarket);
    }

    static Market randomMarket(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 2 + r.nextInt(4);
        int m = 1 + r.nextInt(3);
        List<School> schools = new ArrayList<>();
        for (int s = 0; s < m; s++) {
            schools.add(new School("s" + s, "s" + s, SchoolType.NEIGHBORHOOD, "", 6, 8, new Location(0, 0), "",
                    Map.of(6, 1 + r.nextInt(2))));
        }
        List<Student> students = new ArrayList<>();
        int[][] prefs = new int[n][];
        int[][] prio = new int[n][];
        for (int i = 0; i < n; i++) {
            students.add(new Student("i" + i, 6, "", new Location(0, 0), "", "", r.nextBoolean(), Race.WHITE,
                    Gender.FEMALE, false, false, false, 0, false, "", ""));
            List<Integer> all = new ArrayList<>();
            for (int s = 0; s < m; s++) {
                all.add(s);
            }
            java.util.Collections.shuffle(all, new java.util.Random(r.nextLong()));
            int len = 1 + r.nextInt(m);
            prefs[i] = all.subList(0, len).stream().mapToInt(Integer::intValue).toArray();
            prio[i] = new int[len];
            for (int k = 0; k < len; k++) {
                prio[i][k] = 1 + r.nextInt(2);
            }
        }
        return Market.of(students, schools, 6, prefs, prio, Policy.plain(),
                r.nextBoolean() ? TieBreak.SINGLE : TieBreak.MULTIPLE, r.nextLong());
    }

    /** Every feasible assignment: each applicant to one of their ranked schools or to none, within capacities. */
    static List<int[]> allAssignments(Market m) {
        List<int[]> out = new ArrayList<>();
        enumerate(m, 0, new int[m.applicants()], new int[m.schools().size()], out);
        return out;
    }

    private static void enumerate(Market m, int i, int[] a, int[] used, List<int[]> out) {
        if (i == m.applicants()) {
            out.add(a.clone());
            return;
        }
        a[i] = -1;
        enumerate(m, i + 1, a, used, out);
        for (int k = 0; k < m.choices(i); k++) {
            int s = m.schoolAt(i, k);
            if (used[s] < m.capacity[s]) {
                used[s]++;
                a[i] = s;
                enumerate(m, i + 1, a, used, out);
                used[s]--;
            }
        }
        a[i] = -1;
    }

    static int rank(Market m, int i, int s) {
        return s < 0 ? Integer.MAX_VALUE : m.rankOfSchool(i, s);
    }

    /** i ranks ahead of j at school s (priority class, then lottery). */
    static boolean better(Market m, int i, int j, int s) {
        int ki = m.rankOfSchool(i, s);
        int kj = m.rankOfSchool(j, s);
        if (m.priorityAt(i, ki) != m.priorityAt(j, kj)) {
            return m.priorityAt(i, ki) < m.priorityAt(j, kj);
        }
        return m.lotteryAt(i, ki) < m.lotteryAt(j, kj);
    }

    static boolean stable(Market m, int[] a) {
        int[] load = new int[m.schools().size()];
        for (int s : a) {
            if (s >= 0) {
                load[s]++;
            }
        }
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < m.choices(i); k++) {
                int s = m.schoolAt(i, k);
                if (rank(m, i, s) >= rank(m, i, a[i])) {
                    break;
                }
                if (load[s] < m.capacity[s]) {
                    return false; // wasteful: an empty seat i wants
                }
                for (int j = 0; j < a.length; j++) {
                    if (a[j] == s && better(m, i, j, s)) {
                        return false; // justified envy
                    }
                }
            }
        }
        return true;
    }

    static int[] assignment(Outcome o) {
        int[] a = new int[o.market().applicants()];
        for (int i = 0; i < a.length; i++) {
            a[i] = o.schoolOf(i);
        }
        return a;
    }

    @Property(tries = 300, seed = PropertySeed.FIXED)
    void deferredAcceptanceIsStableNonWastefulAndStudentOptimal(@ForAll("markets") Market m) {
        int[] da = assignment(Assigner.run(m, Mechanism.DA));
        assertThat(stable(m, da)).isTrue();
        for (int[] other : allAssignments(m)) {
            if (stable(m, other)) {
                for (int i = 0; i < da.length; i++) {
                    assertThat(rank(m, i, da[i])).isLessThanOrEqualTo(rank(m, i, other[i]));
                }
            }
        }
    }

    @Property(tries = 300, seed = PropertySeed.FIXED)
    void topTradingCyclesIsParetoEfficient(@ForAll("markets") Market m) {
        int[] ttc = assignment(Assigner.run(m, Mechanism.TTC));
        int[] load = new int[m.schools().size()];
        for (int s : ttc) {
            if (s >= 0) {
                load[s]++;
            }
        }
        for (int s = 0; s < load.length; s++) {
            assertThat(load[s]).isLessThanOrEqualTo(m.capacity[s]);
        }
        for (int[] other : allAssignments(m)) {
            boolean weaklyBetter = true;
            boolean strictly = false;
            for (int i = 0; i < ttc.length; i++) {
                int a = rank(m, i, other[i]);
                int b = rank(m, i, ttc[i]);
                weaklyBetter &= a <= b;
                strictly |= a < b;
            }
            assertThat(weaklyBetter && strictly).as("a Pareto improvement exists").isFalse();
        }
    }

    @Property(tries = 200, seed = PropertySeed.FIXED)
    void bostonRespectsCapacityAndServesFirstChoicesFirst(@ForAll("markets") Market m) {
        Outcome o = Assigner.run(m, Mechanism.BOSTON);
        int[] a = assignment(o);
        int[] firstChoiceSeats = new int[m.schools().size()];
        for (int i = 0; i < a.length; i++) {
            if (a[i] >= 0 && o.rankOf(i) == 0) {
                firstChoiceSeats[a[i]]++;
            }
        }
        // A school with a rejected first-choice applicant is full of first-choice applicants.
        for (int i = 0; i < a.length; i++) {
            int first = m.schoolAt(i, 0);
            if (a[i] != first) {
                assertThat(firstChoiceSeats[first]).isEqualTo(m.capacity[first]);
            }
        }
    }

    @Property(tries = 200, seed = PropertySeed.FIXED)
    void reservedSeatsGoOnlyToEligibleApplicantsAndCapacitiesHold(@ForAll("markets") Market plain,
                                                                  @ForAll boolean revert) {
        Policy policy = new Policy("reserve", List.of(), List.of(
                new Policy.SlotType("frl", -1, 1, EligibilityRule.parse("frl = 1"), Policy.Order.PRIORITY),
                new Policy.SlotType("open", -1, -1, EligibilityRule.ANY, Policy.Order.PRIORITY)), Map.of(), revert,
                List.of());
        int[][] prefs = new int[plain.applicants()][];
        int[][] prio = new int[plain.applicants()][];
        for (int i = 0; i < prefs.length; i++) {
            prefs[i] = plain.prefs[i];
            prio[i] = plain.prio[i];
        }
        Market m = Market.of(plain.students(), plain.schools(), 6, prefs, prio, policy, plain.tieBreak, plain.seed());
        Outcome o = Assigner.run(m, Mechanism.DA);
        int[] frlSeats = new int[m.schools().size()];
        int[] total = new int[m.schools().size()];
        for (int i = 0; i < m.applicants(); i++) {
            if (o.schoolOf(i) >= 0) {
                total[o.schoolOf(i)]++;
                if (o.slotOf(i).equals("frl")) {
                    assertThat(m.students().get(i).frl()).isTrue();
                    frlSeats[o.schoolOf(i)]++;
                }
            }
        }
        for (int s = 0; s < total.length; s++) {
            assertThat(frlSeats[s]).isLessThanOrEqualTo(1);
            int open = revert ? m.capacity[s] : m.capacity[s] - 1;
            assertThat(total[s] - frlSeats[s]).isLessThanOrEqualTo(open);
            assertThat(total[s]).isLessThanOrEqualTo(m.capacity[s]);
        }
    }
}
