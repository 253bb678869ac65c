package org.mosaic.sections.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.mosaic.sections.SectionProblem;
import org.mosaic.sections.Violation;

/**
 * Every rule of one problem as rule objects, in the order their breaches are reported: the built-ins (IEP students
 * in co-taught sections, English learners with an EL-certified teacher, gifted clusters), then the school's own
 * {@code section_rules} in the order given, then {@code mean_within}. Everything that judges, models or searches
 * class lists iterates over these.
 */
public final class RuleSet {
    /** The objective's scale (as the balance terms'): a soft rule of weight 1 costs K / n per unit of breach. */
    public static final long K = 100_000_000L;

    private final List<SectionRule> all = new ArrayList<>();
    private final List<CountingRule> counting = new ArrayList<>();
    private final CoTaughtRule coTaught;
    private final ElCertifiedRule elCertified;
    private final GiftedClusterRule gifted;

    private RuleSet(SectionProblem p, long[] score) {
        int n = Math.max(1, p.pupils().size());
        coTaught = new CoTaughtRule(p);
        gifted = new GiftedClusterRule(p);
        elCertified = new ElCertifiedRule(p);
        add(coTaught);
        add(elCertified);
        add(gifted);
        Set<String> names = new HashSet<>();
        for (SectionProblem.AttributeLimit l : p.limits()) {
            String name = l.name();
            for (int k = 2; !names.add(name); k++) {
                name = l.name() + " (" + k + ")";
            }
            add(new AttributeCountRule(p, l, name, coefficient(l.weight(), n)));
        }
        if (p.meanWithin() != null) {
            add(new MeanWithinRule(p, score, p.meanWithin(), coefficient(p.meanWithin().weight(), n)));
        }
    }

    /** The rules of a problem; {@code score}: the students' scores in tenths, the unit the solver works in. */
    public static RuleSet of(SectionProblem p, long[] score) {
        return new RuleSet(p, score);
    }

    /** The same, with scores rounded to tenths here. */
    public static RuleSet of(SectionProblem p) {
        return of(p, p.pupils().stream().mapToLong(pu -> Math.round(pu.score() * 10)).toArray());
    }

    private static long coefficient(double weight, int n) {
        return weight <= 0 ? 0 : Math.max(1, Math.round(K * weight / n));
    }

    private void add(SectionRule rule) {
        all.add(rule);
        if (rule instanceof CountingRule c) {
            counting.add(c);
        }
    }

    /** Every rule, in report order. */
    public List<SectionRule> all() {
        return all;
    }

    /** The hard rules: the model's rule families besides capacity, requests, locks and levels. */
    public List<SectionRule> hard() {
        return all.stream().filter(SectionRule::hard).toList();
    }

    /** The rules on counts per section, hard and soft. */
    public List<CountingRule> counting() {
        return counting;
    }

    public List<CountingRule> hardCounting() {
        return counting.stream().filter(CountingRule::hard).toList();
    }

    public List<CountingRule> soft() {
        return counting.stream().filter(c -> !c.hard()).toList();
    }

    public CoTaughtRule coTaught() {
        return coTaught;
    }

    public GiftedClusterRule gifted() {
        return gifted;
    }

    public ElCertifiedRule elCertified() {
        return elCertified;
    }

    /** The rules that send a kind of student only to a kind of section, in the order of {@link StudentKinds}' bits. */
    public List<PlacementShare> placements() {
        return List.of(coTaught, elCertified);
    }

    /** The placement rules in the order the balance terms list their columns (EL first, as reports always had). */
    public List<PlacementShare> balanceOrder() {
        return List.of(elCertified, coTaught);
    }

    /** The rule that gathers a kind of student into cluster sections. */
    public ClusterShare cluster() {
        return gifted;
    }

    /** Whether any rule singles student i out (places or clusters them), in force or not. */
    public boolean singlesOut(int i) {
        return placements().stream().anyMatch(r -> r.marks(i)) || gifted.marks(i);
    }

    /** Why student i had to sit where they sit, by every rule that bound them. */
    public List<String> reasons(int i) {
        List<String> out = new ArrayList<>();
        for (SectionRule r : all) {
            String why = r.reason(i);
            if (why != null) {
                out.add(why);
            }
        }
        return out;
    }

    /** What two rules cannot do together with these students and sections (each rule's own: {@link #conflicts}). */
    public List<String> pairConflicts() {
        return coTaught.conflictsWith(elCertified);
    }

    /** What the rules cannot do with these students kept together in one section. */
    public List<String> unitConflicts(int[] unit) {
        List<String> out = new ArrayList<>();
        all.forEach(r -> out.addAll(r.unitConflicts(unit)));
        out.addAll(coTaught.unitConflictsWith(elCertified, unit));
        return out;
    }

    /** What the rules cannot do with student i locked into section s. */
    public List<String> lockConflicts(int i, int s) {
        List<String> out = new ArrayList<>();
        all.forEach(r -> out.addAll(r.lockConflicts(i, s)));
        return out;
    }

    /** Whether student i may sit in section s under every placement rule. */
    public boolean allows(int i, int s) {
        for (SectionRule r : all) {
            if (r.restrictsPlacement() && !r.allows(i, s)) {
                return false;
            }
        }
        return true;
    }

    /** Every breach of every hard rule. */
    public List<Violation> check(int[] section) {
        List<Violation> out = new ArrayList<>();
        all.forEach(r -> out.addAll(r.check(section)));
        return out;
    }

    /** The soft rules' share of the objective (the "rules" term). */
    public long softCost(int[] section) {
        long total = 0;
        for (CountingRule c : counting) {
            total += c.cost(section);
        }
        return total;
    }

    /** The count arithmetic of every rule that cannot hold. */
    public List<String> conflicts() {
        List<String> out = new ArrayList<>();
        all.forEach(r -> out.addAll(r.conflicts()));
        return out;
    }
}
