package org.mosaic.sections.rules;

import java.util.ArrayList;
import java.util.List;

import com.google.ortools.sat.Literal;
import org.mosaic.sections.SectionProblem;
import org.mosaic.sections.Violation;

/**
 * Built-in: English learners only in sections with an EL-certified teacher. A placement rule; on only while the rule
 * is on and some section is EL-certified.
 */
public final class ElCertifiedRule implements SectionRule, PlacementShare {
    public static final String NAME = "English learners with an EL-certified teacher";

    private final SectionProblem p;
    private final boolean active;

    ElCertifiedRule(SectionProblem p) {
        this.p = p;
        this.active = active(p);
    }

    public static boolean active(SectionProblem p) {
        return p.rules().clusterEll() && p.sections().stream().anyMatch(SectionProblem.Slot::ellCertified);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean hard() {
        return true;
    }

    @Override
    public boolean on() {
        return active;
    }

    @Override
    public boolean asked() {
        return p.rules().clusterEll();
    }

    @Override
    public boolean marks(int i) {
        return p.pupils().get(i).ell();
    }

    @Override
    public boolean opens(int s) {
        return p.sections().get(s).ellCertified();
    }

    /** No cap: a certified section may be all English learners. */
    @Override
    public int most(int z) {
        return z;
    }

    @Override
    public int cap() {
        return Integer.MAX_VALUE;
    }

    @Override
    public String column() {
        return "ell";
    }

    @Override
    public double weight(SectionProblem.Weights w) {
        return w.ell();
    }

    /** Asked for, with seats under an EL-certified teacher (the conflict messages' condition). */
    boolean seated() {
        return asked() && p.sections().stream().filter(SectionProblem.Slot::ellCertified)
                .mapToLong(SectionProblem.Slot::capacity).sum() > 0;
    }

    @Override
    public String reason(int i) {
        return active && marks(i) ? "English learner: EL-certified teacher" : null;
    }

    @Override
    public List<String> lockConflicts(int i, int s) {
        return seated() && marks(i) && !opens(s) ? List.of("lock puts English learner " + p.pupils().get(i).id()
                + " in " + p.sections().get(s).id() + ", which has no EL-certified teacher") : List.of();
    }

    @Override
    public boolean restrictsPlacement() {
        return active;
    }

    @Override
    public boolean allows(int i, int s) {
        return !active || !p.pupils().get(i).ell() || p.sections().get(s).ellCertified();
    }

    @Override
    public List<Violation> check(int[] section) {
        List<Violation> out = new ArrayList<>();
        for (int i = 0; i < section.length && active; i++) {
            SectionProblem.Slot slot = p.sections().get(section[i]);
            if (!allows(i, section[i])) {
                out.add(new Violation(NAME, slot.id(), List.of(p.pupils().get(i).id()),
                        "English learner without an EL-certified teacher"));
            }
        }
        return out;
    }

    @Override
    public void model(ModelContext m, Literal enforce) {
        for (int i = 0; i < p.pupils().size() && active; i++) {
            for (int s = 0; s < p.sections().size(); s++) {
                if (!allows(i, s)) {
                    m.model().addEquality(m.x()[i][s], 0).onlyEnforceIf(enforce);
                }
            }
        }
    }

    @Override
    public List<String> conflicts() {
        if (!active) {
            return List.of();
        }
        long seats = p.sections().stream().filter(SectionProblem.Slot::ellCertified)
                .mapToLong(SectionProblem.Slot::capacity).sum();
        long ell = p.pupils().stream().filter(SectionProblem.Pupil::ell).count();
        return ell > seats ? List.of(ell + " English learners but " + seats + " seats with an EL-certified teacher; "
                + "certify more sections") : List.of();
    }
}
