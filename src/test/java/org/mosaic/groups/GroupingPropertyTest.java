package org.mosaic.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.mosaic.PropertySeed;
import org.mosaic.model.BadInputException;

/** Grouping, keep-apart grouping and regrouping against exhaustive enumeration of small rosters. */
class GroupingPropertyTest {
    /** Every way to split n students into groups with sizes in [min, max]: label arrays in canonical form. */
    static List<int[]> partitions(int n, int min, int max) {
        List<int[]> out = new ArrayList<>();
        enumerate(new int[n], 0, 0, n, min, max, out);
        return out;
    }

    private static void enumerate(int[] label, int i, int groups, int n, int min, int max, List<int[]> out) {
        if (i == n) {
            int[] size = new int[groups];
            for (int l : label) {
                size[l]++;
            }
            for (int s : size) {
                if (s < min || s > max) {
                    return;
                }
            }
            out.add(label.clone());
            return;
        }
        for (int g = 0; g <= groups; g++) {
            label[i] = g;
            enumerate(label, i + 1, Math.max(groups, g + 1), n, min, max, out);
        }
    }

    /** (max range, total range) of a labelling. */
    static double[] objective(double[] x, int[] label) {
        Map<Integer, double[]> span = new HashMap<>();
        for (int i = 0; i < x.length; i++) {
            double[] s = span.computeIfAbsent(label[i], k -> new double[] {Double.MAX_VALUE, -Double.MAX_VALUE});
            s[0] = Math.min(s[0], x[i]);
            s[1] = Math.max(s[1], x[i]);
        }
        double max = 0;
        double total = 0;
        for (double[] s : span.values()) {
            max = Math.max(max, s[1] - s[0]);
            total += s[1] - s[0];
        }
        return new double[] {max, total};
    }

    static double[] roster(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 180 + r.nextInt(60) + (r.nextBoolean() ? 0.5 : 0);
        }
        return x;
    }

    @Property(tries = 120, seed = PropertySeed.FIXED)
    void dynamicProgramIsOptimal(@ForAll long seed, @ForAll @IntRange(min = 2, max = 9) int n,
                                 @ForAll @IntRange(min = 1, max = 3) int min, @ForAll @IntRange(min = 0, max = 3) int extra) {
        double[] x = roster(seed, n);
        int max = min + extra;
        List<int[]> all = partitions(n, min, max);
        if (all.isEmpty()) {
            assertThatThrownBy(() -> SkillGrouping.contiguous(x, min, max, 0)).isInstanceOf(BadInputException.class);
            return;
        }
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE};
        for (int[] p : all) {
            double[] o = objective(x, p);
            if (o[0] < best[0] - 1e-9 || (Math.abs(o[0] - best[0]) < 1e-9 && o[1] < best[1])) {
                best = o;
            }
        }
        SkillGrouping.Partition dp = SkillGrouping.contiguous(x, min, max, 0);
        assertThat(dp.maxRange()).isCloseTo(best[0], org.assertj.core.data.Offset.offset(1e-9));
        assertThat(dp.totalRange()).isCloseTo(best[1], org.assertj.core.data.Offset.offset(1e-9));
        for (int[] g : dp.groups()) {
            assertThat(g.length).isBetween(min, max);
        }
    }

    @Property(tries = 40, seed = PropertySeed.FIXED)
    void keepApartGroupingIsOptimal(@ForAll long seed, @ForAll @IntRange(min = 4, max = 8) int n) {
        double[] x = roster(seed, n);
        SplittableRandom r = new SplittableRandom(seed ^ 99);
        int a = r.nextInt(n);
        int b = (a + 1 + r.nextInt(n - 1)) % n;
        int[][] apart = {{a, b}};
        int min = 2;
        int max = 3;
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE};
        for (int[] p : partitions(n, min, max)) {
            if (p[a] == p[b]) {
                continue;
            }
            double[] o = objective(x, p);
            if (o[0] < best[0] - 1e-9 || (Math.abs(o[0] - best[0]) < 1e-9 && o[1] < best[1])) {
                best = o;
            }
        }
        ConstrainedGrouping.Labelled l = ConstrainedGrouping.group(x, min, max, n / min, apart, 10);
        assertThat(l.group()[a]).isNotEqualTo(l.group()[b]);
        assertThat(l.provenOptimal()).isTrue();
        assertThat(l.maxRange()).isCloseTo(best[0], org.assertj.core.data.Offset.offset(1e-6));
        assertThat(l.totalRange()).isCloseTo(best[1], org.assertj.core.data.Offset.offset(1e-6));
    }

    @Property(tries = 40, seed = PropertySeed.FIXED)
    void regroupingMovesNoMoreStudentsThanNeeded(@ForAll long seed, @ForAll @IntRange(min = 4, max = 8) int n) {
        double[] before = roster(seed, n);
        double[] after = roster(seed + 1, n);
        int labels = 3;
        SkillGrouping.Partition old = SkillGrouping.contiguous(before, 2, 4, 0);
        int[] previous = new int[n];
        for (int g = 0; g < old.groups().size(); g++) {
            for (int i : old.groups().get(g)) {
                previous[i] = g;
            }
        }
        SkillGrouping.Partition freshAfter = SkillGrouping.contiguous(after, 2, 4, 0);
        labels = Math.max(labels, Math.max(old.groups().size(), freshAfter.groups().size()));
        double bound = freshAfter.maxRange();
        // Brute force: every assignment of students to labels meeting sizes and the bound; fewest movers.
        int fewest = Integer.MAX_VALUE;
        int[] label = new int[n];
        int combos = (int) Math.pow(labels, n);
        for (int c = 0; c < combos; c++) {
            int v = c;
            for (int i = 0; i < n; i++) {
                label[i] = v % labels;
                v /= labels;
            }
            int[] size = new int[labels];
            for (int l : label) {
                size[l]++;
            }
            boolean ok = true;
            for (int s : size) {
                ok &= s == 0 || (s >= 2 && s <= 4);
            }
            if (!ok || objective(after, label)[0] > bound + 1e-9) {
                continue;
            }
            int moved = 0;
            for (int i = 0; i < n; i++) {
                moved += label[i] != previous[i] ? 1 : 0;
            }
            fewest = Math.min(fewest, moved);
        }
        ConstrainedGrouping.Labelled l = ConstrainedGrouping.regroup(after, 2, 4, labels, new int[0][], previous,
                bound, 10);
        assertThat(l.moved()).isEqualTo(fewest);
        assertThat(l.maxRange()).isLessThanOrEqualTo(bound + 1e-9);
    }

    @Test
    void impossibleSizesAreExplained() {
        double[] x = roster(1, 9);
        assertThatThrownBy(() -> SkillGrouping.contiguous(x, 4, 4, 0)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("9 students cannot be split into groups of 4 to 4");
        assertThatThrownBy(() -> ConstrainedGrouping.group(roster(2, 4), 2, 2, 2,
                new int[][] {{0, 1}, {0, 2}, {0, 3}}, 5)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("keep-apart");
    }

    @Test
    void badSizesAndFixedGroupCountsAreExplained() {
        assertThatThrownBy(() -> SkillGrouping.contiguous(roster(1, 4), 0, 3, 0)).isInstanceOf(BadInputException.class)
                .hasMessage("group sizes need 1 <= --min <= --max (got 0 and 3)");
        assertThatThrownBy(() -> SkillGrouping.contiguous(roster(1, 4), 3, 2, 0)).isInstanceOf(BadInputException.class)
                .hasMessage("group sizes need 1 <= --min <= --max (got 3 and 2)");
        assertThatThrownBy(() -> SkillGrouping.contiguous(new double[0], 1, 2, 0))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("the roster is empty");
        assertThatThrownBy(() -> SkillGrouping.contiguous(roster(1, 5), 3, 3, 2)).isInstanceOf(BadInputException.class)
                .hasMessage("5 students cannot form 2 groups of 3 to 3: that needs 6 to 6 students; change --groups, "
                        + "--min or --max");
        // Sizes 1 to 6 would allow six single-student groups (range 0); three groups of two are asked for.
        SkillGrouping.Partition three = SkillGrouping.contiguous(new double[] {6, 1, 4, 2, 5, 3}, 1, 6, 3);
        assertThat(three.groups()).hasSize(3);
        assertThat(three.groups().get(0)).containsExactly(1, 3);
        assertThat(three.groups().get(2)).containsExactly(4, 0);
        assertThat(three.maxRange()).isEqualTo(1);
        assertThat(three.totalRange()).isEqualTo(3);
        assertThat(SkillGrouping.range(new double[] {6, 1, 4}, new int[] {0, 2})).isEqualTo(2);
        // Same scores: ties are broken by roster order.
        assertThat(SkillGrouping.contiguous(new double[] {5, 5, 5, 5}, 2, 2, 0).groups().get(0)).containsExactly(0, 1);
    }

    @Test
    void aRegroupingThatCannotKeepTheRangeLimitSaysSo() {
        assertThatThrownBy(() -> ConstrainedGrouping.regroup(new double[] {10, 20, 30, 40}, 2, 2, 2, new int[0][],
                new int[] {0, 0, 1, 1}, 5, 5)).isInstanceOf(BadInputException.class)
                .hasMessage("no regrouping keeps every group's score range within 5.0 with groups of 2 to 2; raise "
                        + "--max-range");
        ConstrainedGrouping.Labelled l = ConstrainedGrouping.regroup(new double[] {10, 20, 30, 40}, 2, 2, 2,
                new int[0][], new int[] {0, 1, 0, 1}, 10, 5);
        // Only {10, 20} and {30, 40} keep the limit; either way round, two students move.
        assertThat(l.group()[0]).isEqualTo(l.group()[1]).isNotEqualTo(l.group()[2]);
        assertThat(l.group()[2]).isEqualTo(l.group()[3]);
        assertThat(l.moved()).isEqualTo(2);
        assertThat(l.maxRange()).isEqualTo(10);
        assertThat(l.totalRange()).isEqualTo(20);
        assertThat(ConstrainedGrouping.byLabel(new int[] {1, 0, 1}, 3)).satisfiesExactly(
                g -> assertThat(g).containsExactly(1), g -> assertThat(g).containsExactly(0, 2),
                g -> assertThat(g).isEmpty());
    }
}
