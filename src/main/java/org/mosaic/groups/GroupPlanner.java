package org.mosaic.groups;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.mosaic.model.BadInputException;
import org.mosaic.model.PlacementRequest;
import org.mosaic.model.RequestKind;

/**
 * Plans a class's small groups: who is above grade level (routed to above-grade work when asked), the skill groups
 * of everyone else — fresh, or regrouped from the previous groups moving as few students as possible — and a reason
 * for each student a teacher can say out loud.
 */
public final class GroupPlanner {
    private GroupPlanner() {
    }

    /** One student of the roster: id, current score, grade-equivalent (NaN if unknown), enrolled grade. */
    public record Member(String id, double score, double gradeEquivalent, int grade) {
        /** Years above (+) or below (−) grade level at the spring of the enrolled grade; NaN when unknown. */
        public double levelGap() {
            return Double.isNaN(gradeEquivalent) ? Double.NaN : gradeEquivalent - (grade + 0.7);
        }
    }

    /**
     * The dataset's keep-apart requests as index pairs into {@code roster}; a request naming a student outside it is
     * not this section's to keep.
     */
    public static List<int[]> apartPairs(List<Member> roster, List<PlacementRequest> requests) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < roster.size(); i++) {
            index.put(roster.get(i).id(), i);
        }
        List<int[]> apart = new ArrayList<>();
        for (PlacementRequest r : requests) {
            if (r.kind() == RequestKind.APART && index.containsKey(r.studentA()) && index.containsKey(r.studentB())) {
                apart.add(new int[] {index.get(r.studentA()), index.get(r.studentB())});
            }
        }
        return apart;
    }

    /** Sizes, how many groups (0 = free), keep-apart pairs (roster indices), acceleration and regrouping inputs. */
    public record Options(int min, int max, int groups, List<int[]> apart, boolean accelerate, double aboveGradeYears,
                          Map<String, String> previousGroup, Map<String, Double> previousScore, double maxRange,
                          double timeLimit) {
        public static Options fresh(int min, int max) {
            return new Options(min, max, 0, List.of(), false, 1.0, Map.of(), Map.of(), Double.NaN, 10);
        }
    }

    public record PlannedGroup(String id, List<String> members, double low, double high, double meanScore,
                               double meanLevelGap, boolean aboveGrade) {
    }

    /**
     * The groups in score order (lowest mean first, above-grade last), each student's group and reason, the ranges,
     * whether the search proved its answer optimal, who moved, and whether a search ended on the wall-clock safety net
     * (then the groups may not reproduce).
     */
    public record Plan(List<PlannedGroup> groups, Map<String, String> groupOf, Map<String, String> reason,
                       List<String> aboveGrade, double maxRange, double totalRange, boolean provenOptimal,
                       List<String> moved, boolean regrouped, double rangeLimit, boolean stoppedByWallClock) {
        /** Two groups' score ranges overlap (regrouping keeps students in place, so ranges may overlap). */
        public boolean rangesOverlap() {
            for (int a = 0; a + 1 < groups.size(); a++) {
                PlannedGroup x = groups.get(a);
                PlannedGroup y = groups.get(a + 1);
                if (!x.aboveGrade() && !y.aboveGrade() && y.low() < x.high()) {
                    return true;
                }
            }
            return false;
        }
    }

    public static Plan plan(List<Member> roster, Options o) {
        List<Member> grouped = new ArrayList<>();
        List<Member> above = new ArrayList<>();
        for (Member m : roster) {
            boolean isAbove = !Double.isNaN(m.levelGap()) && m.levelGap() >= o.aboveGradeYears();
            (o.accelerate() && isAbove ? above : grouped).add(m);
        }
        if (!above.isEmpty() && above.size() < o.min() && o.accelerate()) {
            // Too few for their own group: they stay in skill groups (flagged) rather than forming an undersized one.
            grouped.addAll(above);
            above.clear();
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < grouped.size(); i++) {
            index.put(grouped.get(i).id(), i);
        }
        double[] scores = grouped.stream().mapToDouble(Member::score).toArray();
        int[][] apart = o.apart().stream()
                .filter(p -> p[0] < roster.size() && p[1] < roster.size())
                .map(p -> new int[] {index.getOrDefault(roster.get(p[0]).id(), -1),
                        index.getOrDefault(roster.get(p[1]).id(), -1)})
                .filter(p -> p[0] >= 0 && p[1] >= 0)
                .toArray(int[][]::new);
        boolean regroup = !o.previousGroup().isEmpty();
        List<int[]> groups;
        double maxRange;
        double totalRange;
        boolean proven;
        boolean wallClock = false;
        double rangeLimit = Double.NaN;
        List<String> moved = new ArrayList<>();
        Map<Integer, String> labelNames = new HashMap<>();
        SkillGrouping.Partition fresh = SkillGrouping.contiguous(scores, o.min(), o.max(), o.groups());
        boolean apartHonoured = respectsApart(fresh.groups(), apart);
        if (!regroup) {
            if (apartHonoured) {
                groups = fresh.groups();
                maxRange = fresh.maxRange();
                totalRange = fresh.totalRange();
                proven = true;
            } else {
                int labels = o.groups() > 0 ? o.groups() : Math.max(1, scores.length / o.min());
                ConstrainedGrouping.Labelled l = ConstrainedGrouping.group(scores, o.min(), o.max(), labels, apart,
                        o.timeLimit());
                groups = nonEmpty(ConstrainedGrouping.byLabel(l.group(), labels));
                maxRange = l.maxRange();
                totalRange = l.totalRange();
                proven = l.provenOptimal();
                wallClock = l.stoppedByWallClock();
            }
        } else {
            List<String> oldLabels = o.previousGroup().values().stream().distinct().sorted().toList();
            int labels = Math.max(oldLabels.size(), fresh.groups().size());
            labels = Math.max(labels, o.groups());
            int[] previous = new int[scores.length];
            for (int i = 0; i < scores.length; i++) {
                String g = o.previousGroup().get(grouped.get(i).id());
                previous[i] = g == null ? -1 : oldLabels.indexOf(g);
            }
            double bound = o.maxRange();
            if (Double.isNaN(bound) && apartHonoured) {
                bound = fresh.maxRange();
            } else if (Double.isNaN(bound)) {
                ConstrainedGrouping.Labelled narrowest = ConstrainedGrouping.group(scores, o.min(), o.max(), labels,
                        apart, o.timeLimit());
                bound = narrowest.maxRange();
                wallClock = narrowest.stoppedByWallClock();
            }
            rangeLimit = bound;
            ConstrainedGrouping.Labelled l = ConstrainedGrouping.regroup(scores, o.min(), o.max(), labels, apart,
                    previous, bound, o.timeLimit());
            List<int[]> byLabel = ConstrainedGrouping.byLabel(l.group(), labels);
            groups = new ArrayList<>();
            for (int g = 0; g < labels; g++) {
                if (byLabel.get(g).length > 0) {
                    labelNames.put(groups.size(), g < oldLabels.size() ? oldLabels.get(g) : null);
                    groups.add(byLabel.get(g));
                }
            }
            maxRange = l.maxRange();
            totalRange = l.totalRange();
            proven = l.provenOptimal();
            wallClock |= l.stoppedByWallClock();
            for (int i = 0; i < scores.length; i++) {
                if (previous[i] >= 0 && previous[i] != l.group()[i]) {
                    moved.add(grouped.get(i).id());
                }
            }
        }
        // Groups are listed in score order: lowest mean first, then lowest score. New names A, B, ... follow that
        // order; regrouping keeps the old names, so after a regrouping the names need not be alphabetical.
        List<Integer> order = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            order.add(g);
        }
        List<int[]> gs = groups;
        order.sort(Comparator.<Integer>comparingDouble(g -> Arrays.stream(gs.get(g)).mapToDouble(i -> scores[i])
                .average().orElse(0)).thenComparingDouble(g -> Arrays.stream(gs.get(g)).mapToDouble(i -> scores[i])
                .min().orElse(0)));
        List<PlannedGroup> planned = new ArrayList<>();
        Map<String, String> groupOf = new LinkedHashMap<>();
        java.util.Set<String> usedNames = new java.util.HashSet<>(labelNames.values());
        char nextName = 'A';
        for (int g : order) {
            String name = labelNames.get(g);
            if (name == null) {
                while (usedNames.contains(String.valueOf(nextName))) {
                    nextName++;
                }
                name = String.valueOf(nextName++);
                usedNames.add(name);
            }
            planned.add(summarize(name, gs.get(g), grouped, false));
            for (int i : gs.get(g)) {
                groupOf.put(grouped.get(i).id(), name);
            }
        }
        if (!above.isEmpty()) {
            int[] all = new int[above.size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            planned.add(summarize("above-grade", all, above, true));
            above.forEach(m -> groupOf.put(m.id(), "above-grade"));
        }
        Map<String, PlannedGroup> byName = new HashMap<>();
        planned.forEach(p -> byName.put(p.id(), p));
        Map<String, String> reasons = new LinkedHashMap<>();
        for (Member m : roster) {
            PlannedGroup p = byName.get(groupOf.get(m.id()));
            String base = p.aboveGrade()
                    ? String.format(Locale.ROOT, "%.1f years above grade level: above-grade work", m.levelGap())
                    : String.format(Locale.ROOT, "group %s covers %s-%s", p.id(), num(p.low()), num(p.high()));
            if (regroup && moved.contains(m.id())) {
                base = moveReason(m, p, byName, o, rangeLimit);
            } else if (regroup && o.previousGroup().containsKey(m.id())) {
                base = "stays: " + base;
            } else if (regroup) {
                base = "new to the class: " + base;
            }
            if (!p.aboveGrade() && !Double.isNaN(m.levelGap()) && m.levelGap() >= o.aboveGradeYears()) {
                base += String.format(Locale.ROOT, " (flag: %.1f years above grade level)", m.levelGap());
            }
            reasons.put(m.id(), base);
        }
        return new Plan(planned, groupOf, reasons, above.stream().map(Member::id).toList(), maxRange, totalRange,
                proven, moved, regroup, rangeLimit, wallClock);
    }

    /**
     * Why a student moved, checked against the new groups: her score changed (or not), and what keeping her in her old
     * group would have broken — its range over the limit, its size over the maximum, or the new group under the
     * minimum; otherwise she moved so that fewer students in total had to.
     */
    static String moveReason(Member m, PlannedGroup to, Map<String, PlannedGroup> byName, Options o,
                             double rangeLimit) {
        Double before = o.previousScore().get(m.id());
        String was = o.previousGroup().get(m.id());
        String score;
        if (before == null) {
            score = String.format(Locale.ROOT, "new score %s", num(m.score()));
        } else if (Math.abs(m.score() - before) < 0.05) {
            score = String.format(Locale.ROOT, "score unchanged at %s", num(m.score()));
        } else {
            score = String.format(Locale.ROOT, "score %s from %s to %s", m.score() > before ? "rose" : "fell",
                    num(before), num(m.score()));
        }
        PlannedGroup old = byName.get(was);
        String why;
        if (old == null || old.aboveGrade()) {
            why = "group " + was + " was not kept";
        } else {
            double lo = Math.min(old.low(), m.score());
            double hi = Math.max(old.high(), m.score());
            if (!Double.isNaN(rangeLimit) && hi - lo > rangeLimit + 1e-9) {
                why = String.format(Locale.ROOT, "staying in group %s would stretch it to %s points, over the limit of "
                        + "%s", was, num(hi - lo), num(rangeLimit));
            } else if (old.members().size() + 1 > o.max()) {
                why = "group " + was + " already has the largest size allowed, " + o.max();
            } else if (to.members().size() - 1 < o.min()) {
                why = "group " + to.id() + " needs at least " + o.min() + " students";
            } else {
                why = "this move lets other students stay in their groups (the fewest moves in total that keep every "
                        + "group within the range limit and the sizes)";
            }
        }
        return score + "; moved from group " + was + " to group " + to.id() + ", which covers " + num(to.low()) + "-"
                + num(to.high()) + ", because " + why;
    }

    private static List<int[]> nonEmpty(List<int[]> groups) {
        return groups.stream().filter(g -> g.length > 0).toList();
    }

    static boolean respectsApart(List<int[]> groups, int[][] apart) {
        int n = 0;
        for (int[] g : groups) {
            for (int i : g) {
                n = Math.max(n, i + 1);
            }
        }
        int[] label = new int[n];
        for (int g = 0; g < groups.size(); g++) {
            for (int i : groups.get(g)) {
                label[i] = g;
            }
        }
        for (int[] p : apart) {
            if (label[p[0]] == label[p[1]]) {
                return false;
            }
        }
        return true;
    }

    private static PlannedGroup summarize(String name, int[] members, List<Member> pool, boolean aboveGrade) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double sum = 0;
        double gap = 0;
        int gapN = 0;
        List<String> ids = new ArrayList<>();
        for (int i : members) {
            Member m = pool.get(i);
            ids.add(m.id());
            lo = Math.min(lo, m.score());
            hi = Math.max(hi, m.score());
            sum += m.score();
            if (!Double.isNaN(m.levelGap())) {
                gap += m.levelGap();
                gapN++;
            }
        }
        if (members.length == 0) {
            throw new BadInputException("empty group");
        }
        return new PlannedGroup(name, ids, lo, hi, sum / members.length, gapN == 0 ? Double.NaN : gap / gapN,
                aboveGrade);
    }

    static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
