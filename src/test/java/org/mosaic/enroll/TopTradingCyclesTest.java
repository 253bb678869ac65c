package org.mosaic.enroll;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.mosaic.PropertySeed;
import org.mosaic.model.Gender;
import org.mosaic.model.Location;
import org.mosaic.model.Race;
import org.mosaic.model.School;
import org.mosaic.model.SchoolType;
import org.mosaic.model.Student;

/**
 * Top trading cycles as Abdulkadiroğlu & Sönmez (2003) define it: schools point to their highest-priority remaining
 * student whatever she ranked. Checked on the issue's example, by brute force (strategy-proofness against every list
 * of up to three schools, Pareto efficiency against every feasible assignment) and against a second, one-cycle-at-a-
 * time implementation written here.
 */
class TopTradingCyclesTest {

    /** A random market: priorities at every school for every student, ranked or not. */
    record Random(List<Student> students, List<School> schools, int[][] prefs, int[][] priority, TieBreak tieBreak,
                  long seed) {
        Market market() {
            return Market.withFullPriorities(students, schools, 6, prefs, priority, Policy.plain(), tieBreak, seed);
        }

        Random withList(int i, int[] list) {
            int[][] p = prefs.clone();
            p[i] = list;
            return new Random(students, schools, p, priority, tieBreak, seed);
        }
    }

    static Student student(String id) {
        return new Student(id, 6, "", new Location(0, 0), "", "", false, Race.WHITE, Gender.FEMALE, false, false,
                false, 0, false, "", "");
    }

    static School school(String id, int seats) {
        return new School(id, id, SchoolType.NEIGHBORHOOD, "", 6, 8, new Location(0, 0), "", Map.of(6, seats));
    }

    static Random random(long seed, int maxStudents, int maxSchools, int maxSeats) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 2 + r.nextInt(maxStudents - 1);
        int m = 1 + r.nextInt(maxSchools);
        List<School> schools = new ArrayList<>();
        for (int s = 0; s < m; s++) {
            schools.add(school("s" + s, 1 + r.nextInt(maxSeats)));
        }
        List<Student> students = new ArrayList<>();
        int[][] prefs = new int[n][];
        int[][] priority = new int[n][m];
        for (int i = 0; i < n; i++) {
            students.add(student("i" + i));
            List<Integer> all = new ArrayList<>();
            for (int s = 0; s < m; s++) {
                all.add(s);
                priority[i][s] = 1 + r.nextInt(3);
            }
            java.util.Collections.shuffle(all, new java.util.Random(r.nextLong()));
            prefs[i] = all.subList(0, r.nextInt(m + 1)).stream().mapToInt(Integer::intValue).toArray();
        }
        return new Random(students, schools, prefs, priority, r.nextBoolean() ? TieBreak.SINGLE : TieBreak.MULTIPLE,
                r.nextLong());
    }

    static int[] ttc(Random market) {
        Outcome o = Assigner.run(market.market(), Mechanism.TTC);
        int[] a = new int[market.students().size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = o.schoolOf(i);
        }
        return a;
    }

    /** Position of school s in a list, or a number past every position (unassigned or unacceptable). */
    static int position(int[] list, int s) {
        for (int k = 0; k < list.length; k++) {
            if (list[k] == s) {
                return k;
            }
        }
        return Integer.MAX_VALUE;
    }

    @Test
    void theIssuesExampleGivesSHerOnlyChoiceWithoutListingAnotherSchool() {
        // Schools c and d, one seat each; priorities c: s > t > u, d: u > s > t; lists s: d · t: c · u: c, d.
        List<School> schools = List.of(school("c", 1), school("d", 1));
        List<Student> students = List.of(student("s"), student("t"), student("u"));
        int[][] priority = {{1, 2}, {2, 3}, {3, 1}};
        int[][] prefs = {{1}, {0}, {0, 1}};
        Random truthful = new Random(students, schools, prefs, priority, TieBreak.SINGLE, 7);
        // c points to s (its top priority, though she did not rank c), d to u; s → d → u → c → s is a cycle.
        assertThat(ttc(truthful)).containsExactly(1, -1, 0);
        Outcome o = Assigner.run(truthful.market(), Mechanism.TTC);
        assertThat(o.endowmentOf(0)).isEqualTo(0);
        assertThat(o.reason(0)).contains("traded through top trading cycles: your priority at c went to a student "
                + "who ranked it");
        assertThat(o.reason(2)).contains("traded through top trading cycles: your priority at d went to a student "
                + "who ranked it");
        // Listing c as well does not change anything for s: she already gets d.
        assertThat(ttc(truthful.withList(0, new int[] {1, 0}))).containsExactly(1, -1, 0);
    }

    @Test
    void aStudentWhoKeepsHerOwnPriorityIsToldSo() {
        List<School> schools = List.of(school("c", 1));
        List<Student> students = List.of(student("s"), student("t"));
        Random market = new Random(students, schools, new int[][] {{0}, {0}}, new int[][] {{2}, {1}},
                TieBreak.SINGLE, 7);
        Outcome o = Assigner.run(market.market(), Mechanism.TTC);
        assertThat(o.schoolOf(1)).isEqualTo(0);
        assertThat(o.reason(1)).contains("with your own priority there");
        assertThat(o.schoolOf(0)).isEqualTo(-1);
        assertThat(o.reason(0)).contains("through top trading cycles");
    }

    @Property(tries = 300, seed = PropertySeed.FIXED)
    void noStudentGainsByListingAnyOtherListOfUpToThreeSchools(@ForAll long seed) {
        Random market = random(seed, 5, 3, 2);
        int[] truthful = ttc(market);
        int m = market.schools().size();
        for (int i = 0; i < truthful.length; i++) {
            int[] truth = market.prefs()[i];
            int honest = position(truth, truthful[i]);
            for (int[] list : listsOfUpToThree(m)) {
                int got = ttc(market.withList(i, list))[i];
                assertThat(position(truth, got)).as("student %d lists %s instead of %s", i, Arrays.toString(list),
                        Arrays.toString(truth)).isGreaterThanOrEqualTo(honest);
            }
        }
    }

    @Property(tries = 300, seed = PropertySeed.FIXED)
    void theOutcomeIsParetoEfficient(@ForAll long seed) {
        Random market = random(seed, 5, 3, 2);
        int[] a = ttc(market);
        int n = a.length;
        int[] cap = new int[market.schools().size()];
        for (int s = 0; s < cap.length; s++) {
            cap[s] = market.schools().get(s).capacity(6);
        }
        assertThat(dominated(market.prefs(), a, cap, 0, new int[n], new int[cap.length], false)).isFalse();
    }

    /** Some feasible assignment gives everyone a school at least as good as in a and someone a better one. */
    private static boolean dominated(int[][] prefs, int[] a, int[] cap, int i, int[] b, int[] used, boolean better) {
        if (i == a.length) {
            return better;
        }
        int mine = position(prefs[i], a[i]);
        if (a[i] < 0 && dominated(prefs, a, cap, i + 1, b, used, better)) {
            return true;
        }
        for (int k = 0; k < prefs[i].length && k <= mine; k++) {
            int s = prefs[i][k];
            if (used[s] < cap[s]) {
                used[s]++;
                boolean found = dominated(prefs, a, cap, i + 1, b, used, better || k < mine);
                used[s]--;
                if (found) {
                    return true;
                }
            }
        }
        return false;
    }

    static List<int[]> listsOfUpToThree(int m) {
        List<int[]> out = new ArrayList<>();
        out.add(new int[0]);
        for (int a = 0; a < m; a++) {
            out.add(new int[] {a});
            for (int b = 0; b < m; b++) {
                if (b == a) {
                    continue;
                }
                out.add(new int[] {a, b});
                for (int c = 0; c < m; c++) {
                    if (c != a && c != b) {
                        out.add(new int[] {a, b, c});
                    }
                }
            }
        }
        return out;
    }

    @Test
    void agreesWithAOneCycleAtATimeImplementationOn100RandomMarkets() {
        for (long seed = 0; seed < 100; seed++) {
            Random market = random(seed * 7919 + 1, 40, 8, 5);
            assertThat(ttc(market)).as("market %d", seed).containsExactly(reference(market));
        }
    }

    /**
     * The textbook loop, written independently: each round rebuilds both pointer sets from scratch, follows pointers
     * from the lowest-numbered remaining student to the first repeated student, and carries out that one cycle.
     */
    static int[] reference(Random market) {
        int n = market.students().size();
        int m = market.schools().size();
        int[] seats = new int[m];
        for (int s = 0; s < m; s++) {
            seats[s] = market.schools().get(s).capacity(6);
        }
        int[] assigned = new int[n];
        Arrays.fill(assigned, -1);
        boolean[] gone = new boolean[n];
        while (true) {
            int[] wants = new int[n];
            for (int i = 0; i < n; i++) {
                wants[i] = -1;
                if (gone[i]) {
                    continue;
                }
                for (int s : market.prefs()[i]) {
                    if (seats[s] > 0) {
                        wants[i] = s;
                        break;
                    }
                }
                if (wants[i] < 0) {
                    gone[i] = true;
                }
            }
            int first = -1;
            for (int i = 0; i < n && first < 0; i++) {
                first = gone[i] ? -1 : i;
            }
            if (first < 0) {
                return assigned;
            }
            int[] top = new int[m];
            for (int s = 0; s < m; s++) {
                top[s] = -1;
                for (int i = 0; i < n; i++) {
                    if (!gone[i] && seats[s] > 0 && (top[s] < 0 || ahead(market, i, top[s], s))) {
                        top[s] = i;
                    }
                }
            }
            List<Integer> path = new ArrayList<>();
            int i = first;
            while (!path.contains(i)) {
                path.add(i);
                i = top[wants[i]];
            }
            for (int c : path.subList(path.indexOf(i), path.size())) {
                assigned[c] = wants[c];
                seats[wants[c]]--;
                gone[c] = true;
            }
        }
    }

    /** Student i comes before j in school s's priority: class, then lottery number at s, then index. */
    static boolean ahead(Random market, int i, int j, int s) {
        if (market.priority()[i][s] != market.priority()[j][s]) {
            return market.priority()[i][s] < market.priority()[j][s];
        }
        String at = market.tieBreak() == TieBreak.SINGLE ? "" : market.schools().get(s).id();
        double li = Market.lotteryNumber(market.seed(), market.students().get(i).id(), at);
        double lj = Market.lotteryNumber(market.seed(), market.students().get(j).id(), at);
        return li != lj ? li < lj : i < j;
    }
}
