package org.mosaic.sections;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Every hard rule of docs/sections.md's table, recomputed from the problem's raw data and the table's words, for tests.
 * It shares no code with production (not {@code PlacementRules}, not the solver's helpers), so a wrong rule definition
 * in production disagrees with it instead of agreeing with itself. Keys are the rule families' names as the solver
 * reports them; values say which section or student broke the rule.
 */
final class IndependentRules {
    static final String CAPACITY = "capacity and minimum size";
    static final String APART = "keep-apart requests";
    static final String TOGETHER = "keep-together requests";
    static final String IEP = "IEP students in co-taught sections (cap)";
    static final String EL = "English learners with an EL-certified teacher";
    static final String GIFTED = "gifted cluster grouping";
    static final String LOCKS = "locks";
    static final String LEVELS = "levels";

    private IndependentRules() {
    }

    /** The rules {@code section} breaks, with what broke them; empty when it keeps every one. */
    static Map<String, List<String>> broken(SectionProblem p, int[] section) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<SectionProblem.Pupil> kids = p.pupils();
        List<SectionProblem.Slot> slots = p.sections();
        int m = slots.size();
        int[] size = new int[m];
        int[] iep = new int[m];
        int[] gifted = new int[m];
        for (int i = 0; i < kids.size(); i++) {
            if (section[i] < 0 || section[i] >= m) {
                add(out, "every student placed", kids.get(i).id());
                return out;
            }
            size[section[i]]++;
            iep[section[i]] += kids.get(i).iep() ? 1 : 0;
            gifted[section[i]] += kids.get(i).gifted() ? 1 : 0;
        }
        // Capacity: no section above its seats or below its minimum size.
        for (int s = 0; s < m; s++) {
            if (size[s] > slots.get(s).capacity() || size[s] < slots.get(s).minSize()) {
                add(out, CAPACITY, slots.get(s).id() + " has " + size[s]);
            }
        }
        for (int[] q : p.apart()) {
            if (section[q[0]] == section[q[1]]) {
                add(out, APART, kids.get(q[0]).id() + "+" + kids.get(q[1]).id());
            }
        }
        for (int[] q : p.together()) {
            if (section[q[0]] != section[q[1]]) {
                add(out, TOGETHER, kids.get(q[0]).id() + "+" + kids.get(q[1]).id());
            }
        }
        SectionProblem.Rules r = p.rules();
        // IEP: on when the rule is on and some section is co-taught; every IEP student in a co-taught section, which
        // holds at most iepMax of them and at most iepShare of its students.
        if (r.clusterIep() && slots.stream().anyMatch(SectionProblem.Slot::coTaught)) {
            for (int i = 0; i < kids.size(); i++) {
                if (kids.get(i).iep() && !slots.get(section[i]).coTaught()) {
                    add(out, IEP, kids.get(i).id() + " not co-taught");
                }
            }
            for (int s = 0; s < m; s++) {
                if (slots.get(s).coTaught() && (iep[s] > r.iepMax() || iep[s] > r.iepShare() * size[s] + 1e-9)) {
                    add(out, IEP, slots.get(s).id() + " has " + iep[s] + " of " + size[s]);
                }
            }
        }
        if (r.clusterEll() && slots.stream().anyMatch(SectionProblem.Slot::ellCertified)) {
            for (int i = 0; i < kids.size(); i++) {
                if (kids.get(i).ell() && !slots.get(section[i]).ellCertified()) {
                    add(out, EL, kids.get(i).id());
                }
            }
        }
        // Gifted clusters: on when at least giftedMin students are gifted; max(1, ⌊g / giftedMax⌋) sections (at most
        // all of them) hold giftedMin..giftedMax gifted each, at most giftedShare of the section; the others fewer
        // than giftedMin.
        long g = kids.stream().filter(SectionProblem.Pupil::gifted).count();
        if (r.clusterGifted() && g >= r.giftedMin()) {
            long wanted = Math.min(m, Math.max(1, g / r.giftedMax()));
            int clusters = 0;
            for (int s = 0; s < m; s++) {
                if (gifted[s] >= r.giftedMin()) {
                    clusters++;
                    if (gifted[s] > r.giftedMax() || gifted[s] > r.giftedShare() * size[s] + 1e-9) {
                        add(out, GIFTED, slots.get(s).id() + " has " + gifted[s] + " of " + size[s]);
                    }
                }
            }
            if (clusters != wanted) {
                add(out, GIFTED, clusters + " cluster sections, not " + wanted);
            }
        }
        p.locks().forEach((i, s) -> {
            if (section[i] != s) {
                add(out, LOCKS, kids.get(i).id());
            }
        });
        if (p.levels() > 1) {
            levels(p, section, out);
        }
        return out;
    }

    /**
     * Levels: the levels in the order the sections first name them, each a contiguous score band (no student of a
     * lower level above one of a higher level) holding round(n · its seats / all seats) students, the last the rest.
     */
    private static void levels(SectionProblem p, int[] section, Map<String, List<String>> out) {
        List<String> names = new ArrayList<>(new LinkedHashSet<>(p.sections().stream()
                .map(SectionProblem.Slot::level).toList()));
        int levels = names.size();
        int n = section.length;
        int[] count = new int[levels];
        double[] lo = new double[levels];
        double[] hi = new double[levels];
        Arrays.fill(lo, Double.MAX_VALUE);
        Arrays.fill(hi, -Double.MAX_VALUE);
        for (int i = 0; i < n; i++) {
            int l = names.indexOf(p.sections().get(section[i]).level());
            double v = p.pupils().get(i).score();
            count[l]++;
            lo[l] = Math.min(lo[l], v);
            hi[l] = Math.max(hi[l], v);
        }
        long all = p.sections().stream().mapToLong(SectionProblem.Slot::capacity).sum();
        int placed = 0;
        for (int l = 0; l < levels; l++) {
            String name = names.get(l);
            long seats = p.sections().stream().filter(s -> s.level().equals(name))
                    .mapToLong(SectionProblem.Slot::capacity).sum();
            int want = l == levels - 1 ? n - placed : (int) Math.round((double) n * seats / all);
            placed += want;
            if (count[l] != want) {
                add(out, LEVELS, name + " has " + count[l] + ", not " + want);
            }
            if (l > 0 && count[l] > 0 && count[l - 1] > 0 && hi[l - 1] > lo[l]) {
                add(out, LEVELS, names.get(l - 1) + " reaches above " + name);
            }
        }
    }

    private static void add(Map<String, List<String>> out, String rule, String what) {
        out.computeIfAbsent(rule, k -> new ArrayList<>()).add(what);
    }
}
