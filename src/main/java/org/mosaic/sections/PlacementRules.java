package org.mosaic.sections;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The hard rules checked directly on a placement, independently of the CP-SAT model: which sections each student may
 * join, and which rule families a complete placement breaks. The exchange search keeps every rule through its moves;
 * this check decides whether a draft can start it, and lets tests verify the solver's answers.
 */
final class PlacementRules {
    private PlacementRules() {
    }

    static boolean iepActive(SectionProblem p) {
        return p.rules().clusterIep() && p.sections().stream().anyMatch(SectionProblem.Slot::coTaught);
    }

    static boolean ellActive(SectionProblem p) {
        return p.rules().clusterEll() && p.sections().stream().anyMatch(SectionProblem.Slot::ellCertified);
    }

    static int gifted(SectionProblem p) {
        return (int) p.pupils().stream().filter(SectionProblem.Pupil::gifted).count();
    }

    static boolean giftedActive(SectionProblem p) {
        return p.rules().clusterGifted() && gifted(p) >= p.rules().giftedMin();
    }

    /** Sections each student may join at all: co-taught for IEP, certified for English learners, locks, levels. */
    static boolean[][] allowed(SectionProblem p, long[] score) {
        int n = p.pupils().size();
        int m = p.sections().size();
        boolean[][] ok = new boolean[n][m];
        boolean iep = iepActive(p);
        boolean ell = ellActive(p);
        int[] level = p.levels() > 1 ? levelOf(p, score) : null;
        List<String> levels = new ArrayList<>(new LinkedHashSet<>(p.sections().stream()
                .map(SectionProblem.Slot::level).toList()));
        for (int i = 0; i < n; i++) {
            SectionProblem.Pupil pu = p.pupils().get(i);
            Integer lock = p.locks().get(i);
            for (int s = 0; s < m; s++) {
                SectionProblem.Slot slot = p.sections().get(s);
                ok[i][s] = (!iep || !pu.iep() || slot.coTaught()) && (!ell || !pu.ell() || slot.ellCertified())
                        && (lock == null || lock == s)
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
     * of the rule families: capacity, requests, IEP, EL, gifted, locks, levels.
     */
    static List<Violation> details(SectionProblem p, int[] section) {
        int n = p.pupils().size();
        int m = p.sections().size();
        List<Violation> broken = new ArrayList<>();
        int[] size = new int[m];
        int[] iep = new int[m];
        int[] gifted = new int[m];
        for (int i = 0; i < n; i++) {
            if (section[i] < 0 || section[i] >= m) {
                broken.add(new Violation("every student placed", "", List.of(p.pupils().get(i).id()),
                        "not in any of the sections"));
                return broken;
            }
            size[section[i]]++;
            iep[section[i]] += p.pupils().get(i).iep() ? 1 : 0;
            gifted[section[i]] += p.pupils().get(i).gifted() ? 1 : 0;
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
        SectionProblem.Rules r = p.rules();
        String iepRule = "IEP students in co-taught sections (cap)";
        if (iepActive(p)) {
            for (int i = 0; i < n; i++) {
                SectionProblem.Slot slot = p.sections().get(section[i]);
                if (p.pupils().get(i).iep() && !slot.coTaught()) {
                    broken.add(new Violation(iepRule, slot.id(), List.of(p.pupils().get(i).id()),
                            "IEP student in a section that is not co-taught"));
                }
            }
            for (int s = 0; s < m; s++) {
                SectionProblem.Slot slot = p.sections().get(s);
                if (slot.coTaught() && !iepFits(r, iep[s], size[s])) {
                    broken.add(new Violation(iepRule, slot.id(), idsIn(p, section, s, SectionProblem.Pupil::iep),
                            iep[s] + " of " + size[s] + " have an IEP; at most " + iepLimit(r, size[s])
                                    + " (cap " + r.iepMax() + ", " + Math.round(100 * r.iepShare()) + " %)"));
                }
            }
        }
        if (ellActive(p)) {
            for (int i = 0; i < n; i++) {
                SectionProblem.Slot slot = p.sections().get(section[i]);
                if (p.pupils().get(i).ell() && !slot.ellCertified()) {
                    broken.add(new Violation("English learners with an EL-certified teacher", slot.id(),
                            List.of(p.pupils().get(i).id()), "English learner without an EL-certified teacher"));
                }
            }
        }
        if (giftedActive(p)) {
            String rule = "gifted cluster grouping";
            int clusters = 0;
            for (int s = 0; s < m; s++) {
                if (gifted[s] >= r.giftedMin()) {
                    clusters++;
                    if (!giftedFits(r, gifted[s], size[s])) {
                        broken.add(new Violation(rule, p.sections().get(s).id(),
                                idsIn(p, section, s, SectionProblem.Pupil::gifted), gifted[s] + " of " + size[s]
                                + " gifted; a cluster holds " + r.giftedMin() + "-" + clusterLimit(r, size[s])));
                    }
                }
            }
            int wanted = SectionSolver.clusterCount(gifted(p), m, r);
            if (clusters != wanted) {
                broken.add(new Violation(rule, "", List.of(), clusters + " cluster sections (" + r.giftedMin()
                        + " or more gifted); the rule asks for " + wanted));
            }
        }
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

    private static List<String> idsIn(SectionProblem p, int[] section, int s,
                                      java.util.function.Predicate<SectionProblem.Pupil> which) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < section.length; i++) {
            if (section[i] == s && which.test(p.pupils().get(i))) {
                ids.add(p.pupils().get(i).id());
            }
        }
        return ids;
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

    /** The co-taught cap in the model's integer form: at most iepMax, and 100 · iep ≤ round(100 · share) · size. */
    static boolean iepFits(SectionProblem.Rules r, int iep, int size) {
        return iep <= r.iepMax() && 100L * iep <= Math.round(100 * r.iepShare()) * size;
    }

    /** The most IEP students {@link #iepFits} allows in a co-taught section of z students. */
    static int iepLimit(SectionProblem.Rules r, int z) {
        return (int) Math.min(Math.min(r.iepMax(), Math.max(0, z)), Math.round(100 * r.iepShare()) * Math.max(0, z)
                / 100);
    }

    /** The most gifted students {@link #giftedFits} allows in a cluster section of z students. */
    static int clusterLimit(SectionProblem.Rules r, int z) {
        return (int) Math.min(r.giftedMax(), Math.round(100 * r.giftedShare()) * Math.max(0, z) / 100);
    }

    /** A cluster section's gifted count: giftedMin..giftedMax and at most giftedShare of the section. */
    static boolean giftedFits(SectionProblem.Rules r, int gifted, int size) {
        return gifted >= r.giftedMin() && gifted <= r.giftedMax()
                && 100L * gifted <= Math.round(100 * r.giftedShare()) * size;
    }
}
