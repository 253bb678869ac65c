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

    /**
     * The seat type applicant i holds, or "" when unassigned: the mechanisms leave the last tentatively held type in
     * place when an applicant is bumped, so an unplaced applicant must not report it.
     */
    public String slotOf(int i) {
        return school[i] < 0 || slot[i] == null ? "" : slot[i];
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

    /**
     * Sentences a family can read: where the child was placed and how, then why each school the family ranked higher
     * said no, and how priority groups and lottery numbers decide. Uses the rank numbers the family wrote.
     */
    public String reason(int i) {
        int[] prefs = market.prefs[i];
        List<String> sentences = new ArrayList<>();
        int upTo = school[i] < 0 ? prefs.length : rank[i];
        int assignedRank = writtenRankOf(i);
        if (school[i] >= 0) {
            String id = market.schools.get(school[i]).id();
            String how = mechanism == Mechanism.TTC ? tradeText(i) : seatText(slot[i]);
            String when = round == null ? "" : " in round " + round[i] + " (round r serves the r-th choice of every "
                    + "family not yet placed)";
            sentences.add("Placed at your " + ordinal(assignedRank) + " choice, " + id + ", " + how + when + ".");
        } else if (prefs.length == 0) {
            sentences.add("Not placed: none of the schools you ranked has seats in this grade.");
        } else {
            sentences.add("Not placed: every school you ranked was full before your turn.");
        }
        List<org.mosaic.model.Choice> noSeats = market.withoutSeats.get(i);
        int shown = 0;
        boolean lotteryRule = false;
        boolean scoreRule = false;
        for (int k = 0; k < upTo; k++) {
            int s = prefs[k];
            int written = market.writtenRank[i][k];
            while (shown < noSeats.size() && noSeats.get(shown).rank() < written) {
                sentences.add(noSeatsText(noSeats.get(shown++)));
            }
            String yourChoice = "Your " + ordinal(written) + " choice, " + market.schools.get(s).id() + ", ";
            String you = "you had " + priorityWords(market.prio[i][k]) + " and lottery number "
                    + lotteryText(market.lottery[i][k]);
            if (mechanism == Mechanism.TTC) {
                sentences.add(yourChoice + "gave all its seats, through top trading cycles, to students with a "
                        + "higher priority there or to students they traded with; " + you + ".");
                lotteryRule = true;
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
                    sentences.add(yourChoice + "was full after round " + fillRound + ", taken by families who "
                            + "ranked it higher on their lists.");
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
                sentences.add(yourChoice + "was full: its seats went to students in groups the seats are reserved "
                        + "for, and you are not in those groups.");
            } else if (!Double.isNaN(binding.score())) {
                Policy.Order order = orderOf(s, binding.slot());
                double mine = market.score(i, order.subject());
                sentences.add(String.format(Locale.ROOT, "%swas full: its %s seats go by %s score, highest first; "
                        + "the lowest score admitted was %.1f, and %s.", yourChoice, binding.slot(), order.subject(),
                        binding.score(), Double.isNaN(mine) ? "you have no " + order.subject() + " score on file"
                                : String.format(Locale.ROOT, "yours was %.1f", mine)));
                scoreRule = true;
            } else {
                sentences.add(yourChoice + "was full: the last student admitted" + (cs.size() > 1 ? " to its "
                        + binding.slot() + " seats" : "") + " had " + priorityWords(binding.priority())
                        + " and lottery number " + lotteryText(binding.lottery()) + "; " + you + ".");
                lotteryRule = true;
            }
        }
        while (shown < noSeats.size() && (school[i] < 0 || noSeats.get(shown).rank() < assignedRank)) {
            sentences.add(noSeatsText(noSeats.get(shown++)));
        }
        if (lotteryRule) {
            sentences.add(HOW_PRIORITY_WORKS);
        }
        if (scoreRule && !lotteryRule) {
            sentences.add("Equal scores are decided by lottery number, lower first.");
        }
        return String.join(" ", sentences);
    }

    /** How a school orders its applicants, said once per reason. */
    static final String HOW_PRIORITY_WORKS = "Students in a priority group are admitted before students without one, "
            + "group 1 before group 2; within the same group, a lower lottery number is admitted first.";

    private static String noSeatsText(org.mosaic.model.Choice c) {
        return "Your " + ordinal(c.rank()) + " choice, " + c.schoolId() + ", has no seats in this grade.";
    }

    static String priorityWords(int p) {
        return p >= Policy.NO_PRIORITY ? "no priority group" : "priority group " + p;
    }

    private static String lotteryText(double lottery) {
        return String.format(Locale.ROOT, "%.3f", lottery);
    }

    /** A seat type in words: open seats, reserved seats, or the floors and ceilings of controlled choice. */
    static String seatText(String slot) {
        if (slot == null || slot.equals(Assigner.OPEN)) {
            return "in an open seat";
        }
        if (slot.startsWith("floor ")) {
            return "in a seat held for " + studentsOfType(slot.substring(6)) + " until the school reaches its "
                    + "minimum share of them";
        }
        if (slot.equals("ceiling other")) {
            return "in a seat open to students outside the balanced groups";
        }
        if (slot.startsWith("ceiling ")) {
            return "in a seat open to " + studentsOfType(slot.substring(8)) + " while the school is below its "
                    + "maximum share of them";
        }
        return "in a seat reserved for " + slot;
    }

    /** A policy's student type in words; the shipped policies' FRL types get their meaning spelled out. */
    static String studentsOfType(String type) {
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "frl" -> "students eligible for free or reduced-price lunch";
            case "not_frl", "non_frl" -> "students not eligible for free or reduced-price lunch";
            default -> type.replace('_', ' ') + " students";
        };
    }

    private String tradeText(int i) {
        int e = endowment == null ? -1 : endowment[i];
        if (e < 0 || e == school[i]) {
            return "with your own priority there (top trading cycles)";
        }
        return "traded through top trading cycles: your priority at " + market.schools.get(e).id()
                + " went to a student who ranked it, and a seat that another student's priority held here came to you";
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
