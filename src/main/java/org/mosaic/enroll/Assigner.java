package org.mosaic.enroll;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The three mechanisms over a {@link Market}. Schools choose among applicants with a choice function: plain schools
 * take the best applicants by (priority class, lottery); schools with seat types fill them in precedence order, each
 * by its own order among eligible applicants (slot-specific priorities, Kominers & Sönmez 2016); controlled choice
 * takes types below their floor first, then types below their ceiling, then anyone (Ehlers et al. 2014). These choice
 * functions are substitutable and satisfy the law of aggregate demand, so deferred acceptance stays stable and
 * strategy-proof with them.
 */
public final class Assigner {
    public static final String OPEN = "open";

    private Assigner() {
    }

    public static Outcome run(Market m, Mechanism mechanism) {
        return switch (mechanism) {
            case DA -> deferredAcceptance(m);
            case BOSTON -> immediateAcceptance(m);
            case TTC -> topTradingCycles(m);
        };
    }

    /** Ordering of applicants at school s for a seat type (null = priority order). */
    static Comparator<Integer> order(Market m, int s, Policy.Order order) {
        Policy.Order o = order == null ? Policy.Order.PRIORITY : order;
        Comparator<Integer> byLottery = Comparator.comparingDouble(i -> m.lottery[i][m.rankOf(i, s)]);
        Comparator<Integer> c = switch (o.kind()) {
            case "lottery" -> byLottery;
            case "score" -> Comparator.<Integer>comparingDouble(i -> {
                double v = m.score(i, o.subject());
                return Double.isNaN(v) ? Double.MAX_VALUE : -v;
            }).thenComparing(byLottery);
            default -> Comparator.<Integer>comparingInt(i -> m.prio[i][m.rankOf(i, s)]).thenComparing(byLottery);
        };
        return c.thenComparingInt(i -> i);
    }

    static boolean plain(Market m, int s) {
        return m.slots[s] == null && m.policy.softBounds().isEmpty();
    }

    /**
     * The school's choice from {@code candidates}: the accepted applicants, each with the seat type it holds.
     * {@code kept} (Boston) are applicants accepted earlier who must stay.
     */
    static List<Pick> choose(Market m, int s, List<Integer> candidates, List<Integer> kept) {
        int cap = m.capacity[s];
        List<Pick> picks = new ArrayList<>();
        boolean[] taken = new boolean[candidates.size()];
        Comparator<Integer> keptFirst = (a, b) -> Boolean.compare(!kept.contains(a), !kept.contains(b));
        if (!m.policy.softBounds().isEmpty()) {
            List<Integer> sorted = new ArrayList<>(candidates);
            sorted.sort(keptFirst.thenComparing(order(m, s, null)));
            int types = m.policy.softBounds().size();
            int[] count = new int[types];
            boolean[] in = new boolean[sorted.size()];
            String[] phase = {"floor", "ceiling", OPEN};
            for (int step = 0; step < 3 && picks.size() < cap; step++) {
                for (int k = 0; k < sorted.size() && picks.size() < cap; k++) {
                    if (in[k]) {
                        continue;
                    }
                    int i = sorted.get(k);
                    int t = m.softType(m.students.get(i));
                    boolean ok = step == 2 || (t >= 0 && (step == 0 ? count[t] < m.softFloor[s][t]
                            : count[t] < m.softCeiling[s][t])) || (t < 0 && step == 1);
                    if (ok || kept.contains(i)) {
                        in[k] = true;
                        if (t >= 0) {
                            count[t]++;
                        }
                        String label = step == 2 ? OPEN : phase[step] + " " + (t >= 0
                                ? m.policy.softBounds().get(t).type() : "other");
                        picks.add(new Pick(i, label));
                    }
                }
            }
            return picks;
        }
        Policy.SlotType[] types = m.slots[s];
        if (types == null) {
            List<Integer> sorted = new ArrayList<>(candidates);
            sorted.sort(keptFirst.thenComparing(order(m, s, null)));
            for (int k = 0; k < sorted.size() && k < cap; k++) {
                picks.add(new Pick(sorted.get(k), OPEN));
            }
            return picks;
        }
        int allocated = 0;
        for (Policy.SlotType t : types) {
            int seats = t.seats(cap, m.policy.revertUnused() ? picks.size() : allocated);
            seats = Math.max(0, Math.min(seats, cap - picks.size()));
            allocated += seats;
            List<Integer> eligible = new ArrayList<>();
            for (int k = 0; k < candidates.size(); k++) {
                if (!taken[k] && t.eligible().test(m.students.get(candidates.get(k)))) {
                    eligible.add(k);
                }
            }
            Comparator<Integer> ord = order(m, s, t.order());
            eligible.sort((a, b) -> keptFirst.thenComparing(ord).compare(candidates.get(a), candidates.get(b)));
            for (int e = 0; e < eligible.size() && e < seats; e++) {
                taken[eligible.get(e)] = true;
                picks.add(new Pick(candidates.get(eligible.get(e)), t.name()));
            }
        }
        // Kept applicants (Boston) never lose a seat, even when the seat types would now rank them out.
        for (int k = 0; k < candidates.size(); k++) {
            if (!taken[k] && kept.contains(candidates.get(k))) {
                picks.add(new Pick(candidates.get(k), OPEN));
            }
        }
        return picks;
    }

    record Pick(int student, String slot) {
    }

    /**
     * Student-proposing deferred acceptance. Plain schools hold their applicants in a primitive heap of packed keys
     * (priority rank, lottery rank, student), worst on top, so a NYC-sized market runs without boxing; schools with
     * seat types or soft bounds re-run their choice function on each proposal.
     */
    static Outcome deferredAcceptance(Market m) {
        int n = m.applicants();
        int schools = m.schools.size();
        long[][] key = m.packedKeys();
        int[] next = new int[n];
        int[] held = new int[n];
        Arrays.fill(held, -1);
        String[] slot = new String[n];
        long[][] heap = new long[schools][];
        int[] heapSize = new int[schools];
        List<List<Integer>> holding = new ArrayList<>(schools);
        for (int s = 0; s < schools; s++) {
            heap[s] = key != null && plain(m, s) ? new long[Math.max(1, m.capacity[s])] : null;
            holding.add(new ArrayList<>());
        }
        int[] free = new int[n];
        int top = 0;
        for (int i = n - 1; i >= 0; i--) {
            free[top++] = i;
        }
        while (top > 0) {
            int i = free[--top];
            if (next[i] >= m.prefs[i].length) {
                continue;
            }
            int k = next[i]++;
            int s = m.prefs[i][k];
            long[] h = heap[s];
            if (h != null) {
                int cap = m.capacity[s];
                long mine = key[i][k];
                if (cap == 0) {
                    free[top++] = i;
                } else if (heapSize[s] < cap) {
                    LongMaxHeap.push(h, heapSize[s]++, mine);
                    held[i] = s;
                    slot[i] = OPEN;
                } else if (mine < h[0]) {
                    int worst = (int) (h[0] & STUDENT_MASK);
                    LongMaxHeap.replaceTop(h, heapSize[s], mine);
                    held[i] = s;
                    slot[i] = OPEN;
                    held[worst] = -1;
                    free[top++] = worst;
                } else {
                    free[top++] = i;
                }
            } else {
                List<Integer> cand = holding.get(s);
                cand.add(i);
                List<Pick> picks = choose(m, s, cand, List.of());
                java.util.Set<Integer> keep = new java.util.HashSet<>();
                List<Integer> kept = new ArrayList<>();
                for (Pick p : picks) {
                    keep.add(p.student());
                    kept.add(p.student());
                    held[p.student()] = s;
                    slot[p.student()] = p.slot();
                }
                for (int c : cand) {
                    if (!keep.contains(c)) {
                        held[c] = -1;
                        free[top++] = c;
                    }
                }
                holding.set(s, kept);
            }
        }
        return Outcome.of(m, Mechanism.DA, held, slot, null);
    }

    static final long STUDENT_MASK = (1L << 20) - 1;

    /** A binary max-heap of longs in an array (the worst held applicant on top). */
    static final class LongMaxHeap {
        private LongMaxHeap() {
        }

        static void push(long[] h, int size, long v) {
            int i = size;
            h[i] = v;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (h[parent] >= h[i]) {
                    break;
                }
                long t = h[parent];
                h[parent] = h[i];
                h[i] = t;
                i = parent;
            }
        }

        static void replaceTop(long[] h, int size, long v) {
            h[0] = v;
            int i = 0;
            while (true) {
                int l = 2 * i + 1;
                if (l >= size) {
                    return;
                }
                int r = l + 1;
                int c = r < size && h[r] > h[l] ? r : l;
                if (h[i] >= h[c]) {
                    return;
                }
                long t = h[c];
                h[c] = h[i];
                h[i] = t;
                i = c;
            }
        }
    }

    /** Immediate acceptance: round r serves r-th choices, and a seat once given is never taken back. */
    static Outcome immediateAcceptance(Market m) {
        int n = m.applicants();
        int[] held = new int[n];
        Arrays.fill(held, -1);
        String[] slot = new String[n];
        int[] round = new int[n];
        List<List<Integer>> accepted = new ArrayList<>();
        for (int s = 0; s < m.schools.size(); s++) {
            accepted.add(new ArrayList<>());
        }
        int maxLen = 0;
        for (int[] p : m.prefs) {
            maxLen = Math.max(maxLen, p.length);
        }
        for (int r = 0; r < maxLen; r++) {
            List<List<Integer>> applying = new ArrayList<>();
            for (int s = 0; s < m.schools.size(); s++) {
                applying.add(new ArrayList<>());
            }
            for (int i = 0; i < n; i++) {
                if (held[i] < 0 && r < m.prefs[i].length) {
                    applying.get(m.prefs[i][r]).add(i);
                }
            }
            for (int s = 0; s < m.schools.size(); s++) {
                if (applying.get(s).isEmpty()) {
                    continue;
                }
                List<Integer> cand = new ArrayList<>(accepted.get(s));
                cand.addAll(applying.get(s));
                List<Pick> picks = choose(m, s, cand, accepted.get(s));
                List<Integer> now = new ArrayList<>();
                for (Pick p : picks) {
                    now.add(p.student());
                    if (held[p.student()] < 0) {
                        held[p.student()] = s;
                        slot[p.student()] = p.slot();
                        round[p.student()] = r + 1;
                    }
                }
                accepted.set(s, now);
            }
        }
        return Outcome.of(m, Mechanism.BOSTON, held, slot, round);
    }

    /**
     * Top trading cycles as published (Abdulkadiroğlu & Sönmez 2003, section 3.2): every school with seats left points
     * to its highest-priority remaining student, whatever that student ranked — a priority is an endowment its holder
     * may trade; every remaining student points to her best-ranked school with seats left, and leaves unassigned once
     * none is left. Every cycle is carried out (each student in it gets the school she points to) and the loop repeats.
     * Seat types and soft bounds do not apply: TTC trades the schools' base priorities. Pointing at students who did
     * not rank the school is what makes the mechanism strategy-proof: pointing only at applicants would let a family
     * gain by listing a school it does not want, just to have a priority to trade.
     */
    static Outcome topTradingCycles(Market m) {
        int n = m.applicants();
        int schools = m.schools.size();
        int[] held = new int[n];
        Arrays.fill(held, -1);
        int[] endowment = new int[n];
        Arrays.fill(endowment, -1);
        String[] slot = new String[n];
        int[] seats = m.capacity.clone();
        boolean[] done = new boolean[n];
        int[] next = new int[n];
        int[][] order = new int[schools][];
        int[] head = new int[schools];
        int remaining = n;
        int[] studentPoints = new int[n];
        int[] schoolPoints = new int[schools];
        // 0 = not reached this round, otherwise the walk that reached the student first.
        int[] walk = new int[n];
        while (remaining > 0) {
            for (int i = 0; i < n; i++) {
                if (done[i]) {
                    continue;
                }
                while (next[i] < m.prefs[i].length && seats[m.prefs[i][next[i]]] == 0) {
                    next[i]++;
                }
                if (next[i] >= m.prefs[i].length) {
                    done[i] = true;
                    remaining--;
                } else {
                    studentPoints[i] = m.prefs[i][next[i]];
                }
            }
            if (remaining == 0) {
                break;
            }
            for (int s = 0; s < schools; s++) {
                if (seats[s] == 0) {
                    schoolPoints[s] = -1;
                    continue;
                }
                if (order[s] == null) {
                    order[s] = m.priorityOrder(s);
                }
                while (done[order[s][head[s]]]) {
                    head[s]++;
                }
                schoolPoints[s] = order[s][head[s]];
            }
            // Student → school → student is a function on the remaining students, so every walk ends on a cycle;
            // cycles are disjoint, so all of this round's are carried out together.
            Arrays.fill(walk, 0);
            int walks = 0;
            for (int start = 0; start < n; start++) {
                if (done[start] || walk[start] != 0) {
                    continue;
                }
                walks++;
                int i = start;
                while (walk[i] == 0) {
                    walk[i] = walks;
                    i = schoolPoints[studentPoints[i]];
                }
                if (walk[i] != walks || done[i]) {
                    continue;
                }
                int c = i;
                do {
                    int s = studentPoints[c];
                    int nextStudent = schoolPoints[s];
                    held[c] = s;
                    slot[c] = OPEN;
                    seats[s]--;
                    endowment[nextStudent] = s;
                    done[c] = true;
                    remaining--;
                    c = nextStudent;
                } while (c != i);
            }
        }
        return Outcome.of(m, Mechanism.TTC, held, slot, null, endowment);
    }
}
