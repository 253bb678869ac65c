package org.mosaic.sections;

import java.util.Arrays;
import java.util.List;

import org.mosaic.sections.rules.ClusterShare;
import org.mosaic.sections.rules.PlacementShare;
import org.mosaic.sections.rules.RuleSet;

/**
 * The starting placements: the snake deal principals make by hand (the mixed end's start) and consecutive score
 * bands (the tracked end's), each honouring the placement rules where it can; and the relabelling of
 * interchangeable sections into the order the model's symmetry breaking asks for.
 */
final class Drafts {
    private Drafts() {
    }

    /**
     * What principals do by hand, used as the solver's starting hint and as the benchmark baseline: students who
     * must go to co-taught or EL-certified sections are dealt into those first (keeping the co-taught cap), gifted students
     * into as few cluster sections as the cluster size allows, then everyone else is dealt by score rank in a snake
     * order (1, 2, …, m, m, …, 1) into sections with seats left. Locks are honoured; requests are not checked.
     */
    public static int[] snakeDraft(SectionProblem p) {
        int n = p.pupils().size();
        int m = p.sections().size();
        int[] section = new int[n];
        Arrays.fill(section, -1);
        int[] size = new int[m];
        RuleSet rules = RuleSet.of(p);
        List<PlacementShare> placed = rules.placements();
        // Per placement rule: whether any section is of its kind, and each section's count of its students.
        boolean[] anyOpen = new boolean[placed.size()];
        int[][] marked = new int[placed.size()][m];
        for (int r = 0; r < placed.size(); r++) {
            for (int s = 0; s < m; s++) {
                anyOpen[r] |= placed.get(r).opens(s);
            }
        }
        ClusterShare cluster = rules.cluster();
        p.locks().forEach((i, sec) -> {
            section[i] = sec;
            size[sec]++;
        });
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(p.pupils().get(b).score(), p.pupils().get(a).score()));
        int clusters = cluster.on() ? cluster.count(m) : 0;
        int[] clustered = new int[m];
        boolean[] need = new boolean[placed.size()];
        int turn = 0;
        for (int pass = 0; pass < 4; pass++) {
            for (int k = 0; k < n; k++) {
                int i = order[k];
                if (section[i] >= 0) {
                    continue;
                }
                int needs = 0;
                for (int r = 0; r < placed.size(); r++) {
                    need[r] = placed.get(r).marks(i) && placed.get(r).asked();
                    needs += need[r] ? 1 : 0;
                }
                // Students several placement rules place go first, then those one rule places, then clusters.
                boolean isPass = pass == 0 ? needs > 1 : pass == 1 ? needs > 0
                        : pass == 2 ? cluster.marks(i) && clusters > 0 : true;
                if (!isPass) {
                    continue;
                }
                int best = -1;
                for (int tries = 0; tries < 2 * m && best < 0; tries++) {
                    int cycle = turn / m;
                    int sec = cycle % 2 == 0 ? turn % m : m - 1 - turn % m;
                    turn++;
                    SectionProblem.Slot slot = p.sections().get(sec);
                    boolean ok = size[sec] < slot.capacity();
                    for (int r = 0; r < placed.size() && ok; r++) {
                        ok = !need[r] || (placed.get(r).opens(sec) || !anyOpen[r])
                                && marked[r][sec] < placed.get(r).cap();
                    }
                    ok = ok && (pass != 2 || (sec < clusters
                            ? clustered[sec] < cluster.dealLimit(Math.min(slot.capacity(), n / m))
                            : clustered[sec] < cluster.min() - 1));
                    if (ok) {
                        best = sec;
                    }
                }
                if (best < 0) {
                    for (int sec = 0; sec < m && best < 0; sec++) {
                        if (size[sec] < p.sections().get(sec).capacity()) {
                            best = sec;
                        }
                    }
                }
                if (best < 0) {
                    best = 0;
                }
                section[i] = best;
                size[best]++;
                for (int r = 0; r < placed.size(); r++) {
                    marked[r][best] += placed.get(r).marks(i) ? 1 : 0;
                }
                clustered[best] += cluster.marks(i) ? 1 : 0;
            }
        }
        for (int[] pair : p.together()) {
            if (section[pair[1]] != section[pair[0]] && !p.locks().containsKey(pair[1])) {
                size[section[pair[1]]]--;
                section[pair[1]] = section[pair[0]];
                size[section[pair[0]]]++;
            }
        }
        separateApart(p, section);
        return section;
    }

    /**
     * The tracked counterpart of {@link #snakeDraft}: consecutive score bands filled section by section, then each
     * student who needs a co-taught or EL-certified section swapped with the closest-scoring student who does not,
     * in the nearest such section. The starting hint for dials of 0.5 and up.
     */
    static int[] bandDraft(SectionProblem p) {
        int n = p.pupils().size();
        int m = p.sections().size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(p.pupils().get(a).score(), p.pupils().get(b).score()));
        int[] section = new int[n];
        long seats = p.sections().stream().mapToLong(SectionProblem.Slot::capacity).sum();
        int k = 0;
        for (int s = 0; s < m; s++) {
            int take = s == m - 1 ? n - k : (int) Math.round((double) n * p.sections().get(s).capacity() / seats);
            for (int q = 0; q < take && k < n; q++) {
                section[order[k++]] = s;
            }
        }
        while (k < n) {
            section[order[k++]] = m - 1;
        }
        List<PlacementShare> placed = RuleSet.of(p).placements();
        for (int i = 0; i < n; i++) {
            SectionProblem.Pupil pu = p.pupils().get(i);
            if (!fits(placed, i, section[i])) {
                int best = -1;
                for (int j = 0; j < n; j++) {
                    SectionProblem.Pupil other = p.pupils().get(j);
                    if (fits(placed, i, section[j]) && fits(placed, j, section[i])
                            && (best < 0 || Math.abs(other.score() - pu.score())
                            < Math.abs(p.pupils().get(best).score() - pu.score()))) {
                        best = j;
                    }
                }
                if (best >= 0) {
                    int t = section[i];
                    section[i] = section[best];
                    section[best] = t;
                }
            }
        }
        separateApart(p, section);
        p.locks().forEach((i, sec) -> section[i] = sec);
        return section;
    }

    /**
     * Keep-apart pairs in one section: the second student trades places with the closest-scoring plain student (no
     * placement rule, request or lock) of another section.
     */
    private static void separateApart(SectionProblem p, int[] section) {
        int n = section.length;
        RuleSet rules = RuleSet.of(p);
        java.util.Set<Integer> requested = new java.util.HashSet<>();
        p.apart().forEach(q -> {
            requested.add(q[0]);
            requested.add(q[1]);
        });
        p.together().forEach(q -> {
            requested.add(q[0]);
            requested.add(q[1]);
        });
        for (int[] pair : p.apart()) {
            if (section[pair[0]] != section[pair[1]] || p.locks().containsKey(pair[1])) {
                continue;
            }
            int b = pair[1];
            SectionProblem.Pupil pb = p.pupils().get(b);
            if (rules.singlesOut(b)) {
                b = pair[0];
                pb = p.pupils().get(b);
            }
            int best = -1;
            for (int j = 0; j < n; j++) {
                SectionProblem.Pupil o = p.pupils().get(j);
                boolean plain = !rules.singlesOut(j) && !p.locks().containsKey(j)
                        && !requested.contains(j);
                if (section[j] != section[b] && plain && (best < 0 || Math.abs(o.score() - pb.score())
                        < Math.abs(p.pupils().get(best).score() - pb.score()))) {
                    best = j;
                }
            }
            if (best >= 0 && !rules.singlesOut(b)) {
                int t = section[best];
                section[best] = section[b];
                section[b] = t;
            }
        }
    }

    /** Whether section s may take student i under every placement rule in force. */
    private static boolean fits(List<PlacementShare> placed, int i, int s) {
        for (PlacementShare r : placed) {
            if (r.on() && r.marks(i) && !r.opens(s)) {
                return false;
            }
        }
        return true;
    }

    /** Whether sections s and s + 1 are interchangeable: same seats and attributes, neither holding a lock. */
    static boolean interchangeable(SectionProblem p, int s) {
        return interchangeable(p, RuleSet.of(p).placements(), s);
    }

    private static boolean interchangeable(SectionProblem p, List<PlacementShare> placed, int s) {
        SectionProblem.Slot a = p.sections().get(s);
        SectionProblem.Slot b = p.sections().get(s + 1);
        boolean same = a.capacity() == b.capacity() && a.minSize() == b.minSize() && a.level().equals(b.level());
        for (PlacementShare r : placed) {
            same &= r.opens(s) == r.opens(s + 1);
        }
        return same && !p.locks().containsValue(s) && !p.locks().containsValue(s + 1);
    }

    /**
     * The same classes with interchangeable sections relabelled in the order the symmetry breaking asks for (by score
     * total), so that a start from the exchange search is a solution of the model as stated.
     */
    static int[] canonical(SectionProblem p, long[] score, int[] section) {
        int m = p.sections().size();
        long[] total = new long[m];
        for (int i = 0; i < section.length; i++) {
            total[section[i]] += score[i];
        }
        List<PlacementShare> placed = RuleSet.of(p).placements();
        int[] relabel = new int[m];
        for (int s = 0; s < m; s++) {
            relabel[s] = s;
        }
        for (int from = 0; from < m; ) {
            int to = from;
            while (to + 1 < m && interchangeable(p, placed, to)) {
                to++;
            }
            Integer[] run = new Integer[to - from + 1];
            for (int k = 0; k < run.length; k++) {
                run[k] = from + k;
            }
            Arrays.sort(run, (a, b) -> Long.compare(total[a], total[b]));
            for (int k = 0; k < run.length; k++) {
                relabel[run[k]] = from + k;
            }
            from = to + 1;
        }
        int[] out = new int[section.length];
        for (int i = 0; i < section.length; i++) {
            out[i] = relabel[section[i]];
        }
        return out;
    }
}
