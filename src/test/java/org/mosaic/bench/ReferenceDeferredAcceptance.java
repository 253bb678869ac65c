package org.mosaic.bench;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

import org.mosaic.enroll.Market;

/**
 * The baseline for the DA benchmark: a textbook implementation with string-keyed maps and a sorted set of held
 * applicants per school — how one would first write it. Gives the same assignment as Mosaic's DA.
 */
public final class ReferenceDeferredAcceptance {
    private ReferenceDeferredAcceptance() {
    }

    record Applicant(String id, int priority, double lottery) {
    }

    public static Map<String, String> run(Market m) {
        Map<String, String[]> prefs = new HashMap<>();
        Map<String, Map<String, Applicant>> rankAt = new HashMap<>();
        Map<String, Integer> capacity = new HashMap<>();
        for (var s : m.schools()) {
            capacity.put(s.id(), s.capacity(m.grade()));
            rankAt.put(s.id(), new HashMap<>());
        }
        for (int i = 0; i < m.applicants(); i++) {
            String id = m.students().get(i).id();
            String[] p = new String[m.choices(i)];
            for (int k = 0; k < p.length; k++) {
                String school = m.schools().get(m.schoolAt(i, k)).id();
                p[k] = school;
                rankAt.get(school).put(id, new Applicant(id, m.priorityAt(i, k), m.lotteryAt(i, k)));
            }
            prefs.put(id, p);
        }
        Comparator<Applicant> order = Comparator.comparingInt(Applicant::priority)
                .thenComparingDouble(Applicant::lottery).thenComparing(Applicant::id);
        Map<String, TreeSet<Applicant>> held = new HashMap<>();
        capacity.keySet().forEach(s -> held.put(s, new TreeSet<>(order)));
        Map<String, Integer> next = new HashMap<>();
        ArrayDeque<String> free = new ArrayDeque<>(prefs.keySet());
        Map<String, String> match = new HashMap<>();
        while (!free.isEmpty()) {
            String a = free.poll();
            int k = next.getOrDefault(a, 0);
            String[] p = prefs.get(a);
            if (k >= p.length) {
                continue;
            }
            next.put(a, k + 1);
            String s = p[k];
            TreeSet<Applicant> set = held.get(s);
            set.add(rankAt.get(s).get(a));
            match.put(a, s);
            if (set.size() > capacity.get(s)) {
                Applicant out = set.pollLast();
                match.remove(out.id());
                free.add(out.id());
            }
        }
        return match;
    }
}
