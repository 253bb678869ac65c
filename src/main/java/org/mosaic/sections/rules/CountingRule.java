package org.mosaic.sections.rules;

import java.util.ArrayList;
import java.util.List;

import com.google.ortools.sat.IntVar;
import com.google.ortools.sat.LinearExpr;
import com.google.ortools.sat.LinearExprBuilder;
import com.google.ortools.sat.Literal;
import org.mosaic.sections.SectionProblem;
import org.mosaic.sections.Violation;

/**
 * A rule on one number per section: the sum of a per-student amount over the section's students (a count of students
 * with an attribute, or their scores' deviation from the grade mean) kept within linear limits that may depend on the
 * section's size. Everything about such a rule follows from its amounts and limits, so the check, the CP-SAT
 * constraints, the local search's test of a move (from each section's running count and size, in O(limits)) and the
 * repair's penalty are written once, here.
 *
 * <p>A hard rule must hold; a soft rule costs {@link #coefficient} per unit of breach (a student beyond a count, a
 * student-point beyond a mean) in the objective's "rules" term, in the solver and the evaluator alike.
 */
public abstract class CountingRule implements SectionRule {
    /**
     * One limit on a section: {@code perCount · count + perSize · size ≤ most}; a breach is counted in whole units
     * of {@code unit} (rounded up), so that a limit on a share counts students too.
     */
    public record Limit(long perCount, long perSize, long most, long unit) {
        long excess(long count, int size) {
            long over = perCount * count + perSize * size - most;
            return over <= 0 ? 0 : (over + unit - 1) / unit;
        }
    }

    protected final SectionProblem p;
    private final long[] amount;
    private final boolean[] applies;
    private final List<Limit> limits;
    private final long coefficient;

    /**
     * @param amount      each student's amount
     * @param applies     the sections the limits apply to
     * @param coefficient the objective's cost per unit of breach for a soft rule; 0 for a hard rule
     */
    protected CountingRule(SectionProblem p, long[] amount, boolean[] applies, List<Limit> limits, long coefficient) {
        this.p = p;
        this.amount = amount;
        this.applies = applies;
        this.limits = List.copyOf(limits);
        this.coefficient = coefficient;
    }

    @Override
    public boolean hard() {
        return coefficient == 0;
    }

    /** Student i's amount. */
    public long amount(int i) {
        return amount[i];
    }

    public boolean applies(int s) {
        return applies[s];
    }

    /** The cost per unit of breach of a soft rule (0: hard). */
    public long coefficient() {
        return coefficient;
    }

    /** Units of breach in section s holding {@code count} (the sum of its students' amounts) and {@code size}. */
    public long excess(int s, long count, int size) {
        if (!applies[s]) {
            return 0;
        }
        long worst = 0;
        for (Limit l : limits) {
            worst = Math.max(worst, l.excess(count, size));
        }
        return worst;
    }

    /** The local search's test: whether section s keeps the rule at this count and size. */
    public boolean fits(int s, long count, int size) {
        return excess(s, count, size) == 0;
    }

    /** What section s adds to the objective at this count and size (0 for a hard rule). */
    public long cost(int s, long count, int size) {
        return coefficient * excess(s, count, size);
    }

    /** Each section's count in a placement. */
    public long[] counts(int[] section) {
        long[] count = new long[p.sections().size()];
        for (int i = 0; i < section.length; i++) {
            count[section[i]] += amount[i];
        }
        return count;
    }

    /** The sum of {@link #cost} over the sections of a placement. */
    public long cost(int[] section) {
        if (coefficient == 0) {
            return 0;
        }
        long[] count = counts(section);
        int[] size = sizes(section);
        long total = 0;
        for (int s = 0; s < count.length; s++) {
            total += cost(s, count[s], size[s]);
        }
        return total;
    }

    @Override
    public List<Violation> check(int[] section) {
        List<Violation> out = new ArrayList<>();
        if (!hard()) {
            return out;
        }
        long[] count = counts(section);
        int[] size = sizes(section);
        for (int s = 0; s < count.length; s++) {
            if (excess(s, count[s], size[s]) > 0) {
                out.add(new Violation(name(), p.sections().get(s).id(), concerned(section, s),
                        describe(s, count[s], size[s])));
            }
        }
        return out;
    }

    /** The count arithmetic of a breach in words ("3 of 40 have support 1; at most 1"). */
    protected abstract String describe(int s, long count, int size);

    /** The students a breach in section s concerns: those with an amount (a rule may name none). */
    protected List<String> concerned(int[] section, int s) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < section.length; i++) {
            if (section[i] == s && amount[i] != 0) {
                ids.add(p.pupils().get(i).id());
            }
        }
        return ids;
    }

    protected int[] sizes(int[] section) {
        int[] size = new int[p.sections().size()];
        for (int s : section) {
            size[s]++;
        }
        return size;
    }

    @Override
    public void model(ModelContext m, Literal enforce) {
        if (!hard() && m.objective() == null) {
            return;
        }
        int n = amount.length;
        long most = 0;
        for (long a : amount) {
            most += Math.abs(a);
        }
        for (int s = 0; s < applies.length; s++) {
            if (!applies[s]) {
                continue;
            }
            long hintCount = 0;
            int hintSize = 0;
            for (int i = 0; i < n; i++) {
                if (m.hint()[i] == s) {
                    hintCount += amount[i];
                    hintSize++;
                }
            }
            IntVar penalty = null;
            for (Limit l : limits) {
                LinearExprBuilder e = LinearExpr.newBuilder();
                for (int i = 0; i < n; i++) {
                    if (amount[i] != 0) {
                        e.addTerm(m.x()[i][s], l.perCount() * amount[i]);
                    }
                }
                e.addTerm(m.size()[s], l.perSize());
                if (hard()) {
                    m.model().addLessOrEqual(e.build(), l.most()).onlyEnforceIf(enforce);
                    continue;
                }
                if (penalty == null) {
                    long top = 0;
                    for (Limit k : limits) {
                        top = Math.max(top, (Math.abs(k.perCount()) * most + Math.abs(k.perSize()) * n
                                + Math.abs(k.most())) / k.unit() + 1);
                    }
                    penalty = m.model().newIntVar(0, Math.max(top, n + 1L), "soft_" + s);
                    m.objective().addTerm(penalty, coefficient);
                    if (m.complete()) {
                        m.model().addHint(penalty, excess(s, hintCount, hintSize));
                    }
                }
                // unit · penalty ≥ perCount · count + perSize · size − most: at the optimum, the breach in whole
                // units.
                e.addTerm(penalty, -l.unit());
                m.model().addLessOrEqual(e.build(), l.most());
            }
        }
    }
}
