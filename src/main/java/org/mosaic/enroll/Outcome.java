package org.mosaic.enroll;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.mosaic.model.School;

/**
 * The result of one mechanism run: each applicant's school (−1 unassigned), the choice rank it was (0-based), the seat
 * type held, the round (Boston), and for each school and seat type the admission cutoff — the last admitted
 * applicant's priority class and lottery number (or score) — which is what a family needs to understand a rejection.
 */
public final class Outcome {
    final Market market;
    final Mechanism mechanism;
    final int[] school;
    final int[] rank;
    final String[] slot;
    final int[] round;
    /** TTC: the school whose seat the applicant held as an endowment when her cycle was carried out, else null. */
    final int[] endowment;
    final Map<Integer, Map<String, Cutoff>> cutoffs = new LinkedHashMap<>();

    /** Worst admitted applicant of a school's seat type. {@code score} is NaN unless the type orders by score. */
    public record Cutoff(String slot, int admitted, int priority, double lottery, double score) {
        public String describe() {
            if (!Double.isNaN(score)) {
                return String.format(Locale.ROOT, "cutoff score %.1f", score);
            }
            return String.format(Locale.ROOT, "cutoff priority %s, lottery %.3f", Outcome.priorityText(priority),
                    lottery);
        }
    }

    private Outcome(Market market, Mechanism mechanism, int[] school, String[] slot, int[] round, int[] endowment) {
        this.endowment = endowment;
        this.market = market;
        this.mechanism = mechanism;
        this.school = school;
        this.slot = slot;
        this.round = round;
        this.rank = new int[school.length];
        for (int i = 0; i < school.length; i++) {
            rank[i] = school[i] < 0 ? -1 : market.rankOf(i, school[i]);
        }
        for (int i = 0; i < school.length; i++) {
            if (school[i] < 0) {
                continue;
            }
            int s = school[i];
            int k = rank[i];
            Policy.Order order = orderOf(s, slot[i]);
            double score = order != null && order.kind().equals("score") ? market.score(i, order.subject())
                    : Double.NaN;
            Cutoff c = cutoffs.computeIfAbsent(s, x -> new LinkedHashMap<>()).get(slot[i]);
            boolean worse = c == null || (Double.isNaN(score)
                    ? compare(market.prio[i][k], market.lottery[i][k], c.priority(), c.lottery()) > 0
                    : score < c.score());
            int admitted = c == null ? 1 : c.admitted() + 1;
            if (worse) {
                c = new Cutoff(slot[i], admitted, market.prio[i][k], market.lottery[i][k], score);
            } else {
                c = new Cutoff(c.slot(), admitted, c.priority(), c.lottery(), c.score());
            }
            cutoffs.get(s).put(slot[i], c);
        }
    }

    static Outcome of(Market m, Mechanism mechanism, int[] school, String[] slot, int[] round) {
        return new Outcome(m, mechanism, school, slot, round, null);
    }

    static Outcome of(Market m, Mechanism mechanism, int[] school, String[] slot, int[] round, int[] endowment) {
        return new Outcome(m, mechanism, school, slot, round, endowment);
    }

    /** TTC: the school whose priority the applicant traded (her own school if she kept it), or −1. */
    public int endowmentOf(int i) {
        return endowment == null ? -1 : endowment[i];
    }

    private static int compare(int p1, double l1, int p2, double l2) {
        return p1 != p2 ? Integer.compare(p1, p2) : Double.compare(l1, l2);
    }

    private Policy.Order orderOf(int s, String slotName) {
        Policy.SlotType[] types = market.slots[s];
        if (types == null) {
            return null;
        }
        for (Policy.SlotType t : types) {
            if (t.name().equals(slotName)) {
                return t.order();
            }
        }
        return null;
    }

    static String priorityText(int p) {
        return p >= Policy.NO_PRIORITY ? "none" : Integer.toString(p);
    }

    public Market market() {
        return market;
    }

    public Mechanism mechanism() {
        return mechanism;
    }

    /** School index of applicant i, or −1. */
    public int schoolOf(int i) {
        return school[i];
    }

    /** 0-based rank of the assigned school in i's list, −1 when unassigned. */
    public int rankOf(int i) {
        return rank[i];
    }

    /** The rank number the family wrote for the assigned school (1 = first choice), −1 when unassigned. */
    public int writtenRankOf(int i) {
        return rank[i] < 0 ? -1 : market.writtenRank[i][rank[i]];
    }

    public String slotOf(int i) {
        return slot[i] == null ? "" : slot[i];
    }

    public int assignedTo(int s) {
        int n = 0;
        for (int x : school) {
            n += x == s ? 1 : 0;
        }
        return n;
    }

    public Map<String, Cutoff> cutoffs(int s) {
        return cutoffs.getOrDefault(s, Map.of());
    }

    public boolean filled(int s, int assigned) {
        return assigned >= market.capacity[s];
    }

    /** A sentence a parent can read: where the child was placed and why each better-ranked school said no. */
    public String reason(int i) {
        int[] prefs = market.prefs[i];
        List<String> parts = new ArrayList<>();
        int[] counts = new int[market.schools.size()];
        for (int x : school) {
            if (x >= 0) {
                counts[x]++;
            }
        }
        int upTo = school[i] < 0 ? prefs.length : rank[i];
        int assignedRank = writtenRankOf(i);
        if (school[i] >= 0) {
            School s = market.schools.get(school[i]);
            String how = mechanism == Mechanism.TTC ? tradeText(i) : slot[i] + " seat";
            parts.add(ordinal(assignedRank) + " choice " + s.id() + ", " + how
                    + (round != null ? " (round " + round[i] + ")" : ""));
        } else if (prefs.length == 0) {
            return "not assigned: no school with seats in this grade was ranked";
        } else {
            parts.add("not assigned: every ranked school filled");
        }
        List<org.mosaic.model.Choice> noSeats = market.withoutSeats.get(i);
        int shown = 0;
        for (int k = 0; k < upTo; k++) {
            int s = prefs[k];
            String id = market.schools.get(s).id();
            int written = market.writtenRank[i][k];
            while (shown < noSeats.size() && noSeats.get(shown).rank() < written) {
                parts.add(ordinal(noSeats.get(shown).rank()) + " choice " + noSeats.get(shown).schoolId()
                        + " has no seats in this grade");
                shown++;
            }
            String yours = String.format(Locale.ROOT, "yours priority %s, lottery %.3f",
                    priorityText(market.prio[i][k]), market.lottery[i][k]);
            if (market.capacity[s] == 0) {
                parts.add(ordinal(written) + " choice " + id + " has no seats in this grade");
                continue;
            }
            if (mechanism == Mechanism.TTC) {
                parts.add(ordinal(written) + " choice " + id + " gave its seats, through top trading cycles, to "
                        + "students with higher priority there or to students they traded with, before your turn; "
                        + yours);
                continue;
            }
            if (mechanism == Mechanism.BOSTON && round != null) {
                int fillRound = 0;
                for (int j = 0; j < school.length; j++) {
                    if (school[j] == s) {
                        fillRound = Math.max(fillRound, round[j]);
                    }
                }
                if (fillRound > 0 && fillRound < k + 1) {
                    parts.add(ordinal(written) + " choice " + id + " filled in round " + fillRound
                            + " by families who ranked it higher");
                    continue;
                }
            }
            Map<String, Cutoff> cs = cutoffs(s);
            Cutoff binding = null;
            for (Cutoff c : cs.values()) {
                if (eligibleFor(i, s, c.slot())) {
                    binding = c;
                }
            }
            if (binding == null) {
                parts.add(ordinal(written) + " choice " + id + " filled by applicants in seat types you are not "
                        + "eligible for");
            } else if (!Double.isNaN(binding.score())) {
                double mine = market.score(i, orderOf(s, binding.slot()).subject());
                parts.add(String.format(Locale.ROOT, "%s choice %s filled: %s (%s seats); yours %s", ordinal(written),
                        id, binding.describe(), binding.slot(), Double.isNaN(mine) ? "no score"
                                : String.format(Locale.ROOT, "%.1f", mine)));
            } else {
                parts.add(ordinal(written) + " choice " + id + " filled: " + binding.describe()
                        + (cs.size() > 1 ? " (" + binding.slot() + " seats)" : "") + "; " + yours);
            }
        }
        while (shown < noSeats.size() && (school[i] < 0 || noSeats.get(shown).rank() < assignedRank)) {
            parts.add(ordinal(noSeats.get(shown).rank()) + " choice " + noSeats.get(shown).schoolId()
                    + " has no seats in this grade");
            shown++;
        }
        return String.join("; ", parts);
    }

    private String tradeText(int i) {
        int e = endowment == null ? -1 : endowment[i];
        if (e < 0 || e == school[i]) {
            return "with your own priority there (top trading cycles)";
        }
        return "traded through top trading cycles: your priority at " + market.schools.get(e).id()
                + " went to a student who ranked it, and a seat held by another student's priority here came to you";
    }

    private boolean eligibleFor(int i, int s, String slotName) {
        Policy.SlotType[] types = market.slots[s];
        if (types == null) {
            return true;
        }
        for (Policy.SlotType t : types) {
            if (t.name().equals(slotName)) {
                return t.eligible().test(market.students.get(i));
            }
        }
        return true;
    }

    static String ordinal(int n) {
        int mod100 = n % 100;
        String suffix = mod100 >= 11 && mod100 <= 13 ? "th"
                : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
        return n + suffix;
    }
}
