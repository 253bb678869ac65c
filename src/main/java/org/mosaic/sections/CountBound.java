package org.mosaic.sections;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.IntVar;
import com.google.ortools.sat.LinearExpr;
import com.google.ortools.sat.LinearExprBuilder;
import org.mosaic.sections.rules.ClusterShare;
import org.mosaic.sections.rules.CoTaughtRule;
import org.mosaic.sections.rules.RuleSet;
import org.mosaic.sections.rules.StudentKinds;

/**
 * A lower bound on the count terms of the objective (score bands, demographic balance, sizes) from how many students
 * of each kind each family of sections can take under the hard rules. Balanced classes are often impossible for
 * reasons a principal can count on one hand: eleven English learners in the lowest score band and five EL-certified
 * sections that may hold two of that band each; 94 gifted students, eleven cluster sections holding four of the top
 * two bands each and fourteen others at most three. No search over 750 students proves such a bound quickly (CP-SAT
 * took 8-21 s on a high-school grade, or never), but a model over counts does.
 *
 * <p>Sections that share capacity, minimum size, co-taught, EL-certified and level form a family; each family is
 * split into its gifted cluster sections (how many is a variable; the rule fixes the total) and the rest. Students
 * are counted by group (score band, or whether they have an attribute), by kind ({@link StudentKinds}, from the
 * rules' shares) and by the families they may join; students who must sit together count as one unit. A family of q
 * sections with c students of a group pays at least max(0, c − q·hi, q·lo − c), since each section pays at least its
 * own excess; the co-taught cap, the cluster sizes and the capacities hold summed over the family. Every step only relaxes, so the optimum of the
 * count model, or CP-SAT's proven bound on it, is a lower bound on those terms. The score bands, each balanced
 * attribute and the sizes get a model each; since each bounds a part of the objective no other one does, the bounds
 * add up.
 */
final class CountBound {
    private static final int MAX_FAMILIES = 63;
    private static final int BANDS = SectionCost.TERMS.indexOf("score_bands");
    private static final int BALANCE = SectionCost.TERMS.indexOf("balance");
    private static final int SIZES = SectionCost.TERMS.indexOf("sizes");

    private CountBound() {
    }

    /** A lower bound on the score-band, balance and size terms of any placement that keeps the hard rules. */
    static long lowerBound(SectionProblem p, SectionCost c) {
        long total = 0;
        for (long term : terms(p, c)) {
            total += term;
        }
        return total;
    }

    /**
     * Lower bounds on each term of the objective, in the order of {@link SectionCost#TERMS} (0 for the spread and the
     * means, which the counts do not see): what the hard rules force on any placement. The score bands, each
     * balanced attribute and the sizes get a model each; since each bounds its own term, the bounds add up.
     */
    static long[] terms(SectionProblem p, SectionCost c) {
        Effort effort = Effort.of(p);
        return terms(p, c, effort.countUnits(), new SafetyStop(effort.safetySeconds()));
    }

    /** The same, the band model given {@code bandUnits} of CP-SAT work, the clock only as the recorded stop. */
    static long[] terms(SectionProblem p, SectionCost c, double bandUnits, SafetyStop stop) {
        long[] terms = new long[SectionCost.TERMS.size()];
        if (c.n == 0 || c.m == 0) {
            return terms;
        }
        Families f = new Families(p, c);
        if (f.families.size() > MAX_FAMILIES) {
            // Each student's families are the bits of one long: past 63 kinds of section, no bound is claimed.
            return terms;
        }
        SectionSolver.load();
        // The band model, where the rules bite, gets Effort.countUnits, each of the others a fifth of that: with 60
        // sections of eight capacities (32 families) every model used all it had and proved nothing above 0.
        double otherUnits = bandUnits / 5;
        if (c.bandCoef > 0) {
            long[] coef = new long[c.bands];
            for (int b = 0; b < c.bands; b++) {
                coef[b] = c.perBand[b] > 0 ? c.bandCoef : 0;
            }
            terms[BANDS] = solve(p, c, f, c.band, c.bands, coef, c.bandLo, c.bandHi, false, bandUnits, stop);
        }
        for (int a = 0; a < c.attributes.size(); a++) {
            int[] group = new int[c.n];
            for (int i = 0; i < c.n; i++) {
                group[i] = c.hasAttr[a][i] ? 1 : 0;
            }
            // Only having the attribute is counted; the others are there for the sizes and rules.
            long[][] lo = new long[c.m][2];
            long[][] hi = new long[c.m][2];
            for (int s = 0; s < c.m; s++) {
                lo[s][1] = c.attrLo[a][s];
                hi[s][1] = c.attrHi[a][s];
            }
            terms[BALANCE] += solve(p, c, f, group, 2, new long[] {0, c.attrCoef[a]}, lo, hi, false, otherUnits, stop);
        }
        if (c.sizeCoef > 0) {
            terms[SIZES] = solve(p, c, f, new int[c.n], 1, new long[] {0}, new long[c.m][1], new long[c.m][1], true,
                    otherUnits, stop);
        }
        return terms;
    }

    /** What every count model of one problem shares: the families, who may join which, kinds and units. */
    private static final class Families {
        final RuleSet rules;
        final SectionFamilies families;
        /** For each student, the bit set of families holding a section the student may join. */
        final long[] reach;
        final int[] kind;
        /**
         * Students who must share a section ({@link PlacementRules#togetherUnits}). A unit goes to one section, so to
         * one family: a student who must sit with a co-taught English learner goes where that student goes (a
         * high-school draw was one band count off for that alone).
         */
        final List<int[]> units;

        Families(SectionProblem p, SectionCost c) {
            rules = RuleSet.of(p, c.score);
            families = SectionFamilies.of(p, p.levels() > 1);
            reach = new long[c.n];
            kind = StudentKinds.of(rules, c.n);
            units = PlacementRules.togetherUnits(p);
            if (families.size() > MAX_FAMILIES) {
                return;
            }
            boolean[][] allowed = PlacementRules.allowed(p, c.score);
            for (int i = 0; i < c.n; i++) {
                for (int s = 0; s < c.m; s++) {
                    if (allowed[i][s]) {
                        reach[i] |= 1L << families.of()[s];
                    }
                }
            }
        }
    }

    /** Units alike for one count model: how many, where they may go, and what each adds to a section's counts. */
    private record Alike(int[] count, long reach, int size, int coTaught, int clustered, int[] inGroup) {
    }

    private static long solve(SectionProblem p, SectionCost c, Families f, int[] group, int groups, long[] coef,
                              long[][] lo, long[][] hi, boolean sizes, double units, SafetyStop stop) {
        CoTaughtRule co = f.rules.coTaught();
        ClusterShare cluster = f.rules.cluster();
        boolean coRule = co.on();
        boolean giftedRule = cluster.on();
        int[] kind = f.kind;
        int families = f.families.size();
        // Units alike for this model: a lone student by group, kind and reachable families; a keep-together unit
        // by itself, reaching only the families all its members may join.
        Map<String, Alike> alike = new LinkedHashMap<>();
        for (int[] unit : f.units) {
            long reach = -1L;
            int placed = 0;
            int gifted = 0;
            int[] inGroup = new int[groups];
            for (int i : unit) {
                reach &= f.reach[i];
                placed += (kind[i] & StudentKinds.CO_TAUGHT) != 0 ? 1 : 0;
                gifted += (kind[i] & StudentKinds.CLUSTERED) != 0 ? 1 : 0;
                inGroup[group[i]]++;
            }
            int i = unit[0];
            String key = unit.length > 1 ? "unit " + i : group[i] + "/" + kind[i] + "/" + reach;
            Alike a = alike.get(key);
            if (a == null) {
                a = new Alike(new int[1], reach, unit.length, placed, gifted, inGroup);
                alike.put(key, a);
            }
            a.count()[0]++;
        }
        List<Alike> classes = new ArrayList<>(alike.values());
        CpModel model = new CpModel();
        // Parts: each family's gifted cluster sections (part 2·fam + 1) and its other sections (part 2·fam); how
        // many sections each part has is a variable when the gifted rule is on.
        int parts = 2 * families;
        IntVar[] sections = new IntVar[parts];
        LinearExprBuilder clusterTotal = LinearExpr.newBuilder();
        for (int fam = 0; fam < families; fam++) {
            int q = f.families.count()[fam];
            sections[2 * fam + 1] = model.newIntVar(0, giftedRule ? q : 0, "clusters" + fam);
            sections[2 * fam] = model.newIntVar(giftedRule ? 0 : q, q, "others" + fam);
            model.addEquality(LinearExpr.sum(new IntVar[] {sections[2 * fam], sections[2 * fam + 1]}), q);
            clusterTotal.add(sections[2 * fam + 1]);
        }
        if (giftedRule) {
            model.addEquality(clusterTotal, cluster.count(c.m));
        }
        LinearExprBuilder[][] inGroup = new LinearExprBuilder[parts][groups];
        LinearExprBuilder[] size = new LinearExprBuilder[parts];
        LinearExprBuilder[] coTaught = new LinearExprBuilder[parts];
        LinearExprBuilder[] gifted = new LinearExprBuilder[parts];
        for (int u = 0; u < parts; u++) {
            size[u] = LinearExpr.newBuilder();
            coTaught[u] = LinearExpr.newBuilder();
            gifted[u] = LinearExpr.newBuilder();
            for (int g = 0; g < groups; g++) {
                inGroup[u][g] = LinearExpr.newBuilder();
            }
        }
        for (Alike a : classes) {
            LinearExprBuilder placed = LinearExpr.newBuilder();
            for (int u = 0; u < parts; u++) {
                if ((a.reach() & (1L << (u / 2))) == 0 || (u % 2 == 1 && !giftedRule)) {
                    continue;
                }
                IntVar y = model.newIntVar(0, a.count()[0], "y");
                placed.add(y);
                size[u].addTerm(y, a.size());
                if (a.coTaught() > 0) {
                    coTaught[u].addTerm(y, a.coTaught());
                }
                if (a.clustered() > 0) {
                    gifted[u].addTerm(y, a.clustered());
                }
                for (int g = 0; g < groups; g++) {
                    if (a.inGroup()[g] > 0) {
                        inGroup[u][g].addTerm(y, a.inGroup()[g]);
                    }
                }
            }
            model.addEquality(placed, a.count()[0]);
        }
        LinearExprBuilder objective = LinearExpr.newBuilder();
        for (int u = 0; u < parts; u++) {
            int q = f.families.count()[u / 2];
            int s = f.families.first()[u / 2];
            SectionProblem.Slot slot = p.sections().get(s);
            IntVar k = sections[u];
            LinearExpr z = size[u].build();
            model.addGreaterOrEqual(z, LinearExpr.term(k, slot.minSize()));
            model.addLessOrEqual(z, LinearExpr.term(k, slot.capacity()));
            if (coRule && co.opens(s)) {
                // The co-taught cap per section and 100 · count ≤ its percent · size, summed over the sections.
                LinearExpr i = coTaught[u].build();
                model.addLessOrEqual(i, LinearExpr.term(k, co.cap()));
                model.addLessOrEqual(LinearExpr.term(i, 100), LinearExpr.term(z, co.percent()));
            }
            if (giftedRule) {
                LinearExpr g = gifted[u].build();
                if (u % 2 == 1) {
                    model.addGreaterOrEqual(g, LinearExpr.term(k, cluster.min()));
                    model.addLessOrEqual(g, LinearExpr.term(k, cluster.max()));
                    model.addLessOrEqual(LinearExpr.term(g, 100), LinearExpr.term(z, cluster.percent()));
                } else {
                    model.addLessOrEqual(g, LinearExpr.term(k, cluster.min() - 1L));
                }
            }
            for (int g = 0; g < groups; g++) {
                if (coef[g] > 0) {
                    objective.addTerm(outside(model, inGroup[u][g].build(), k, lo[s][g], hi[s][g], c.n + q * lo[s][g]),
                            coef[g]);
                }
            }
            if (sizes && c.sizeCoef > 0) {
                objective.addTerm(outside(model, z, k, c.sizeLo[s], c.sizeHi[s], c.n + q * c.sizeLo[s]), c.sizeCoef);
            }
        }
        model.minimize(objective);
        CpSolver solver = new CpSolver();
        stop.limit(solver, units);
        solver.getParameters().setNumWorkers(1);
        solver.getParameters().setRandomSeed((int) (p.seed() & 0x7fffffff));
        CpSolverStatus status = solver.solve(model);
        stop.note(status);
        if (status == CpSolverStatus.INFEASIBLE) {
            // The rules cannot all hold; the solver explains that elsewhere, and no bound is claimed here.
            return 0;
        }
        if (status == CpSolverStatus.MODEL_INVALID) {
            throw new IllegalStateException("count model invalid: " + model.validate());
        }
        return Math.max(0, (long) Math.ceil(solver.bestObjectiveBound() - 1e-6));
    }

    /**
     * What k sections with {@code count} students of a group pay at least, summed: count − k·hi above their fair
     * shares, or k·lo − count below (each section pays at least its own excess or shortfall).
     */
    private static IntVar outside(CpModel model, LinearExpr count, IntVar k, long lo, long hi, long most) {
        IntVar pay = model.newIntVar(0, most, "pay");
        model.addGreaterOrEqual(LinearExpr.weightedSum(new IntVar[] {pay, k}, new long[] {1, hi}), count);
        model.addGreaterOrEqual(LinearExpr.newBuilder().add(pay).add(count).build(), LinearExpr.term(k, lo));
        return pay;
    }
}
