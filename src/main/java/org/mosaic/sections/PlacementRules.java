package org.mosaic.sections;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.mosaic.sections.rules.RuleSet;

/**
 * The hard rules checked directly on a placement, independently of the CP-SAT model: which sections each student may
 * join, and which rule families a complete placement breaks. The exchange search keeps every rule through its moves;
 * this check decides whether a draft can start it, and lets tests verify the solver's answers.
 */
final class PlacementRules {
    private PlacementRules() {
    }

    /** Sections each student may join at all: every placement rule of the {@link RuleSet}, locks, levels. */
    static boolean[][] allowed(SectionProblem p, long[] score) {
        int n = p.pupils().size();
        int m = p.sections().size();
        boolean[][] ok = new boolean[n][m];
        RuleSet rules = RuleSet.of(p, score);
        int[] level = p.levels() > 1 ? levelOf(p, score) : null;
        List<String> levels = new ArrayList<>(new LinkedHashSet<>(p.sections().stream()
                .map(SectionProblem.Slot::level).toList()));
        for (int i = 0; i < n; i++) {
            Integer lock = p.locks().get(i);
            for (int s = 0; s < m; s++) {
                SectionProblem.Slot slot = p.sections().get(s);
                ok[i][s] = rules.allows(i, s) && (lock == null || lock == s)
                        && (level == null || levels.indexOf(slot.level()) == level[i]);
            }
        }
        return ok;
    }

    /**
     * Levels mode: the index of the level whose contiguous score band holds each student, bands sized by the levels'
     * seats (the first level listed takes the lowest scores).
     */
    static int[] levelOf(SectionProblem p, long[] score) {
        int n = score.length;
        List<String> levels = new ArrayList<>(new LinkedHashSet<>(p.sections().stream()
                .map(SectionProblem.Slot::level).toList()));
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(score[a], score[b]));
        long totalSeats = p.sections().stream().mapToLong(SectionProblem.Slot::capacity).sum();
        int[] level = new int[n];
        int start = 0;
        for (int l = 0; l < levels.size(); l++) {
            String name = levels.get(l);
            long seats = p.sections().stream().filter(s -> s.level().equals(name))
                    .mapToLong(SectionProblem.Slot::capacity).sum();
            int count = l == levels.size() - 1 ? n - start : (int) Math.round((double) n * seats / totalSeats);
            for (int k = start; k < start + count && k < n; k++) {
                level[order[k]] = l;
            }
            start += count;
        }
        return level;
    }

    /** The rule families a complete placement breaks (empty when it keeps them all). */
    static List<String> violations(SectionProblem p, int[] section) {
        return details(p, section).stream().map(Violation::rule).distinct().toList();
    }

    /**
     * Every breach of a hard rule in a complete placement, with the section and the students concerned, in the order
     * of the rule families: capacity, requests, the rules of {@link RuleSet} (the built-ins, the school's own),
     * locks, levels.
     */
    static List<Violation> details(SectionProblem p, int[] section) {
        int n = p.pupils().size();
        int m = p.sections().size();
        List<Violation> broken = new ArrayList<>();
        int[] size = new int[m];
        for (int i = 0; i < n; i++) {
            if (section[i] < 0 || section[i] >= m) {
                broken.add(new Violation("every student placed", "", List.of(p.pupils().get(i).id()),
                        "not in any of the sections"));
                return broken;
            }
            size[section[i]]++;
        }
        for (int s = 0; s < m; s++) {
            SectionProblem.Slot slot = p.sections().get(s);
            if (size[s] < slot.minSize() || size[s] > slot.capacity()) {
                broken.add(new Violation("capacity and minimum size", slot.id(), List.of(), size[s] + " students; "
                        + (size[s] > slot.capacity() ? "at most " + slot.capacity() : "at least " + slot.minSize())));
            }
        }
        for (int[] q : p.apart()) {
            if (section[q[0]] == section[q[1]]) {
                broken.add(new Violation("keep-apart requests", p.sections().get(section[q[0]]).id(),
                        List.of(p.pupils().get(q[0]).id(), p.pupils().get(q[1]).id()), "asked to be apart"));
            }
        }
        for (int[] q : p.together()) {
            if (section[q[0]] != section[q[1]]) {
                broken.add(new Violation("keep-together requests", "",
                        List.of(p.pupils().get(q[0]).id(), p.pupils().get(q[1]).id()), "asked to be together"));
            }
        }
        broken.addAll(RuleSet.of(p).check(section));
        p.locks().forEach((i, s) -> {
            if (section[i] != s) {
                broken.add(new Violation("locks", p.sections().get(section[i]).id(), List.of(p.pupils().get(i).id()),
                        "locked to " + p.sections().get(s).id()));
            }
        });
        if (p.levels() > 1) {
            long[] score = p.pupils().stream().mapToLong(pu -> Math.round(pu.score() * 10)).toArray();
            int[] level = levelOf(p, score);
            List<String> levels = new ArrayList<>(new LinkedHashSet<>(p.sections().stream()
                    .map(SectionProblem.Slot::level).toList()));
            for (int i = 0; i < n; i++) {
                SectionProblem.Slot slot = p.sections().get(section[i]);
                if (levels.indexOf(slot.level()) != level[i]) {
                    broken.add(new Violation("levels", slot.id(), List.of(p.pupils().get(i).id()),
                            "score belongs to level " + levels.get(level[i])));
                }
            }
        }
        return broken;
    }

    /**
     * The students who must share a section: keep-together requests joined transitively (union-find), everyone else
     * alone; units in the order of their first members, each listing its members in order.
     */
    static List<int[]> togetherUnits(SectionProblem p) {
        int n = p.pupils().size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int[] q : p.together()) {
            int a = root(parent, q[0]);
            int b = root(parent, q[1]);
            parent[Math.max(a, b)] = Math.min(a, b);
        }
        // Each root is its unit's first member, so the roots come in the order of the units.
        Map<Integer, List<Integer>> members = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            members.computeIfAbsent(root(parent, i), k -> new ArrayList<>()).add(i);
        }
        return members.values().stream().map(u -> u.stream().mapToInt(Integer::intValue).toArray()).toList();
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** The hard rules each placement had to satisfy, for the reason column. */
    static Map<Integer, List<String>> reasons(SectionProblem p, int[] section) {
        Map<Integer, List<String>> out = new HashMap<>();
        RuleSet rules = RuleSet.of(p);
        for (int i = 0; i < section.length; i++) {
            SectionProblem.Pupil pu = p.pupils().get(i);
            List<String> why = new ArrayList<>();
            if (p.locks().containsKey(i)) {
                why.add("locked here");
            }
            why.addAll(rules.reasons(i));
            if (pu.accelerated()) {
                why.add("accelerated from the grade below (score cleared the cut)");
            }
            for (int[] pair : p.apart()) {
                if (pair[0] == i || pair[1] == i) {
                    why.add("kept apart from " + p.pupils().get(pair[0] == i ? pair[1] : pair[0]).id());
                }
            }
            for (int[] pair : p.together()) {
                if (pair[0] == i || pair[1] == i) {
                    why.add("kept together with " + p.pupils().get(pair[0] == i ? pair[1] : pair[0]).id());
                }
            }
            out.put(i, why);
        }
        return out;
    }
}
