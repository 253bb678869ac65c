package org.mosaic.sections.rules;

import java.util.ArrayList;
import java.util.List;

import com.google.ortools.sat.Literal;
import org.mosaic.sections.SectionProblem;
import org.mosaic.sections.Violation;

/**
 * Built-in: students with an IEP only in co-taught sections, at most {@code iepMax} of them and at most
 * {@code iepShare} of each co-taught section (New York's ICT rule: 12 and 40 %). A placement rule (where IEP students
 * may go) and a counting rule on the co-taught sections. On only while the rule is on and some section is co-taught.
 */
public final class CoTaughtRule extends CountingRule implements PlacementShare {
    public static final String NAME = "IEP students in co-taught sections (cap)";

    private final SectionProblem.Rules r;
    private final boolean active;

    CoTaughtRule(SectionProblem p) {
        super(p, amounts(p), coTaught(p), limits(p.rules()), 0);
        this.r = p.rules();
        this.active = active(p);
    }

    /** Whether the rule is in force: asked for, and some section is co-taught. */
    public static boolean active(SectionProblem p) {
        return p.rules().clusterIep() && p.sections().stream().anyMatch(SectionProblem.Slot::coTaught);
    }

    private static long[] amounts(SectionProblem p) {
        return p.pupils().stream().mapToLong(pu -> pu.iep() ? 1 : 0).toArray();
    }

    private static boolean[] coTaught(SectionProblem p) {
        boolean on = active(p);
        boolean[] b = new boolean[p.sections().size()];
        for (int s = 0; s < b.length; s++) {
            b[s] = on && p.sections().get(s).coTaught();
        }
        return b;
    }

    /** At most iepMax, and 100 · iep ≤ round(100 · share) · size. */
    private static List<Limit> limits(SectionProblem.Rules r) {
        return List.of(new Limit(1, 0, r.iepMax(), 1), new Limit(100, -Math.round(100 * r.iepShare()), 0, 100));
    }

    /** The co-taught cap in the model's integer form. */
    public static boolean fits(SectionProblem.Rules r, int iep, int size) {
        return iep <= r.iepMax() && 100L * iep <= Math.round(100 * r.iepShare()) * size;
    }

    /** The most IEP students {@link #fits} allows in a co-taught section of z students. */
    public static int limit(SectionProblem.Rules r, int z) {
        return (int) Math.min(Math.min(r.iepMax(), Math.max(0, z)), Math.round(100 * r.iepShare()) * Math.max(0, z)
                / 100);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean on() {
        return active;
    }

    @Override
    public boolean asked() {
        return r.clusterIep();
    }

    @Override
    public boolean marks(int i) {
        return p.pupils().get(i).iep();
    }

    @Override
    public boolean opens(int s) {
        return p.sections().get(s).coTaught();
    }

    @Override
    public int most(int z) {
        return limit(r, z);
    }

    @Override
    public int cap() {
        return r.iepMax();
    }

    @Override
    public String column() {
        return "iep";
    }

    @Override
    public double weight(SectionProblem.Weights w) {
        return w.iep();
    }

    /** The share of a co-taught section that may have an IEP, in whole percent. */
    public long percent() {
        return Math.round(100 * r.iepShare());
    }

    @Override
    public String reason(int i) {
        return active && marks(i) ? "IEP: co-taught section" : null;
    }

    @Override
    public List<String> unitConflicts(int[] unit) {
        long inUnit = java.util.Arrays.stream(unit).filter(this::marks).count();
        if (!active || inUnit <= r.iepMax()) {
            return List.of();
        }
        long coTaught = p.sections().stream().filter(SectionProblem.Slot::coTaught).count();
        return List.of("keep-together group of " + inUnit + " IEP students cannot fit: co-taught cap " + r.iepMax()
                + " with " + coTaught + " co-taught sections");
    }

    @Override
    public List<String> lockConflicts(int i, int s) {
        return active && marks(i) && !opens(s) ? List.of("lock puts IEP student " + p.pupils().get(i).id() + " in "
                + p.sections().get(s).id() + ", which is not co-taught") : List.of();
    }

    /**
     * What this rule and the EL-certified one cannot do together: students with an IEP who are also English learners
     * need sections that are both, and those sections' co-taught caps must hold them all.
     */
    List<String> conflictsWith(ElCertifiedRule el) {
        long needBoth = java.util.stream.IntStream.range(0, p.pupils().size()).filter(i -> marks(i) && el.marks(i))
                .count();
        if (needBoth == 0 || !active || !el.seated()) {
            return List.of();
        }
        List<SectionProblem.Slot> both = p.sections().stream().filter(s -> s.coTaught() && s.ellCertified()).toList();
        if (both.isEmpty()) {
            return List.of(needBoth + " student(s) with an IEP who are also English learners need a section that is "
                    + "both co-taught and EL-certified; there is none");
        }
        long capBoth = both.stream().mapToLong(s -> limit(r, s.capacity())).sum();
        if (needBoth > capBoth) {
            return List.of(needBoth + " students with an IEP who are also English learners cannot fit: they need "
                    + "co-taught EL-certified sections, and co-taught cap " + r.iepMax() + " with " + both.size()
                    + " such section" + (both.size() == 1 ? "" : "s") + " allows " + capBoth
                    + "; certify more co-taught sections");
        }
        return List.of();
    }

    /**
     * A keep-together group with students this rule and the EL-certified one both place needs a section that is both.
     */
    List<String> unitConflictsWith(ElCertifiedRule el, int[] unit) {
        boolean hasCo = active && java.util.Arrays.stream(unit).anyMatch(this::marks);
        boolean hasEl = el.seated() && java.util.Arrays.stream(unit).anyMatch(el::marks);
        if (hasCo && hasEl && p.sections().stream().noneMatch(s -> s.coTaught() && s.ellCertified())) {
            return List.of("keep-together group with IEP students and English learners (" + p.pupils().get(unit[0]).id()
                    + ", ...) needs a section that is both co-taught and EL-certified; there is none");
        }
        return List.of();
    }

    @Override
    public boolean restrictsPlacement() {
        return active;
    }

    @Override
    public boolean allows(int i, int s) {
        return !active || !p.pupils().get(i).iep() || p.sections().get(s).coTaught();
    }

    @Override
    public List<Violation> check(int[] section) {
        List<Violation> out = new ArrayList<>();
        if (!active) {
            return out;
        }
        for (int i = 0; i < section.length; i++) {
            SectionProblem.Slot slot = p.sections().get(section[i]);
            if (p.pupils().get(i).iep() && !slot.coTaught()) {
                out.add(new Violation(NAME, slot.id(), List.of(p.pupils().get(i).id()),
                        "IEP student in a section that is not co-taught"));
            }
        }
        out.addAll(super.check(section));
        return out;
    }

    @Override
    protected String describe(int s, long count, int size) {
        return count + " of " + size + " have an IEP; at most " + limit(r, size) + " (cap " + r.iepMax() + ", "
                + Math.round(100 * r.iepShare()) + " %)";
    }

    @Override
    public void model(ModelContext m, Literal enforce) {
        if (!active) {
            return;
        }
        for (int i = 0; i < p.pupils().size(); i++) {
            for (int s = 0; s < p.sections().size(); s++) {
                if (!allows(i, s)) {
                    m.model().addEquality(m.x()[i][s], 0).onlyEnforceIf(enforce);
                }
            }
        }
        super.model(m, enforce);
    }

    @Override
    public List<String> conflicts() {
        List<String> out = new ArrayList<>();
        if (!active) {
            return out;
        }
        long coTaught = p.sections().stream().filter(SectionProblem.Slot::coTaught).count();
        long iep = p.pupils().stream().filter(SectionProblem.Pupil::iep).count();
        long capIep = p.sections().stream().filter(SectionProblem.Slot::coTaught)
                .mapToLong(s -> limit(r, s.capacity())).sum();
        if (iep > capIep) {
            out.add(iep + " IEP students cannot fit: co-taught cap " + r.iepMax() + " (and "
                    + Math.round(100 * r.iepShare()) + "% of a section) with " + coTaught + " co-taught section"
                    + (coTaught == 1 ? "" : "s") + " allows " + capIep + "; add co-taught sections");
        }
        return out;
    }
}
