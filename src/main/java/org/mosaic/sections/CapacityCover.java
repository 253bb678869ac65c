package org.mosaic.sections;

import static org.mosaic.sections.rules.StudentKinds.CLUSTERED;
import static org.mosaic.sections.rules.StudentKinds.CO_TAUGHT;
import static org.mosaic.sections.rules.StudentKinds.KINDS;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import org.mosaic.sections.rules.RuleSet;
import org.mosaic.sections.rules.StudentKinds;

/**
 * A bound for the tracked end of the dial that sees the sections' capacity, which the interval covers do not: there a
 * section may span any scores, so a co-taught section that must hold a ninth of the grade's co-taught students (and so
 * spans a ninth of the distribution) is charged no more than one holding a narrow band, and the students of that
 * span it has no seats for cost nothing more either. Here every section takes at most its capacity, co-taught
 * sections at most the co-taught cap of co-taught students and only they take them, only EL-certified sections English
 * learners, and exactly the number of gifted clusters take more than the few gifted students other sections may
 * have, at most the cluster maximum. Clusters spread the grade's top scorers over many sections and so stretch them
 * all: on the 750-student grade they raise this bound by a quarter.
 *
 * <p>The bound is the linear relaxation of choosing one "pattern" per section — the score cells it spans, its size,
 * how many students of each cell and kind it takes — such that every student is taken once, solved by column
 * generation (GLOP for the restricted LP; the best patterns at the LP's prices found exactly by a sweep over cell
 * spans with the best-priced students kept sorted). The prices are smoothed towards the best ones so far (Wentges) so
 * that the degenerate LP still moves. The number reported is the Lagrangian bound at the prices of each round — the
 * students' prices plus each section's cheapest pattern at them — valid whatever the LP did, so the bound holds
 * even if the rounds run out or GLOP stops early.
 *
 * <p>Students of one score cell and kind are interchangeable here, and a section spanning cells a to b is charged
 * only the range between them ({@link ScoreAxis#innerSpan}), so merging cells keeps the bound valid. Requests, locks,
 * levels and a cluster's minimum are relaxed, and gifted co-taught students count only against the co-taught cap.
 * Only for the
 * fully tracked dial, whose objective is ranges and sizes alone.
 */
final class CapacityCover {
    private static final double INF = Double.MAX_VALUE / 4;
    /** Weight of the best prices so far in the smoothed prices each round prices at (Wentges). */
    private static final double SMOOTHING = 0.9;
    /**
     * Patterns added per section type and round, the most improving first. On the 750-student grade (160 cells) 16
     * and smoothing 0.9 reach 8.0 million in 120 rounds (9 s); 8 and 0.8 reached 6.0 million in 160.
     */
    private static final int PER_TYPE = 16;

    private final SectionProblem p;
    private final SectionCost c;
    private final ScoreAxis axis;
    private final int cells;
    /** Each student's kind and score cell, and the students per cell and kind. */
    private final int[] studentKind;
    private final int[] cellOf;
    private final int[][] count;
    /** Sections alike for this bound (capacity, minimum size, co-taught, certified, fair size): one each. */
    private final int[] typeSlot;
    private final int[] typeSections;
    private final int[] typeOfSection;
    private final boolean[][] takes;
    private final long[][] span;
    /** Gifted clusters: how many sections are clusters, and the most gifted a section may take outside one. */
    private final boolean gifted;
    private final int clusters;
    private final int outsideCap;
    /** The rules' shares: the co-taught and EL-certified placement rules and the gifted clusters. */
    private final RuleSet rules;

    private CapacityCover(SectionProblem p, SectionCost c, int cellLimit) {
        this.p = p;
        this.c = c;
        this.rules = RuleSet.of(p, c.score);
        this.axis = new ScoreAxis(c).coarsened(cellLimit);
        this.cells = axis.distinct;
        boolean coOn = rules.coTaught().on();
        boolean ell = rules.elCertified().on();
        gifted = rules.cluster().on();
        clusters = gifted ? rules.cluster().count(c.m) : 0;
        outsideCap = gifted ? rules.cluster().min() - 1 : 0;
        studentKind = new int[c.n];
        cellOf = new int[c.n];
        int[] kindOf = StudentKinds.of(rules, p.pupils().size());
        count = new int[cells][KINDS];
        for (int cell = 0; cell < cells; cell++) {
            for (int k = axis.from[cell]; k < axis.from[cell + 1]; k++) {
                int i = axis.order[k];
                studentKind[i] = kindOf[i];
                cellOf[i] = cell;
                count[cell][studentKind[i]]++;
            }
        }
        // Fair sizes follow from the capacity, so sections of one family share them too.
        SectionFamilies families = SectionFamilies.of(p, false);
        typeOfSection = families.of();
        typeSlot = families.first();
        typeSections = families.count();
        takes = new boolean[typeSlot.length][KINDS];
        for (int t = 0; t < typeSlot.length; t++) {
            int s = typeSlot[t];
            for (int kind = 0; kind < KINDS; kind++) {
                takes[t][kind] = StudentKinds.allowedIn(kind, coOn && rules.coTaught().opens(s), ell
                        && rules.elCertified().opens(s));
            }
        }
        span = new long[cells][cells];
        for (int a = 0; a < cells; a++) {
            for (int b = a; b < cells; b++) {
                span[a][b] = c.spreadCoef * axis.innerSpan(c.score, a, b);
            }
        }
    }

    /**
     * The bound after at most {@code rounds} rounds of column generation on at most {@code cells} score cells, the
     * LP started from the sections of {@code start} (any placement; null for none); 0 off the tracked end.
     */
    static long lowerBound(SectionProblem p, SectionCost c, int[] start, int rounds, int cells) {
        if (c.n == 0 || c.m == 0 || c.spreadCoef == 0 || c.bandCoef != 0 || c.meanCoef != 0
                || !c.attributes.isEmpty()) {
            return 0;
        }
        return new CapacityCover(p, c, cells).generate(start, rounds);
    }

    /**
     * A section's pattern: the cells it spans, its size, how many of each cell and kind it takes, and whether it is
     * one of the gifted clusters.
     */
    private record Pattern(int type, double cost, int[][] take, boolean cluster) {
    }

    /**
     * Prices: one per cell and kind (rows 0..cells−1) and, in row {@code cells}, column 0, the price of being a gifted
     * cluster (the multiplier of "exactly so many clusters").
     */
    private double[][] prices() {
        return new double[cells + 1][KINDS];
    }

    private long generate(int[] start, int rounds) {
        MPSolver lp = MPSolver.createSolver("GLOP");
        try {
            return generate(lp, start == null ? List.of() : patternsOf(start), rounds);
        } finally {
            lp.delete();
        }
    }

    private long generate(MPSolver lp, List<Pattern> startPatterns, int rounds) {
        long startClusters = startPatterns.stream().filter(Pattern::cluster).count();
        boolean slacks = startPatterns.size() < c.m || startClusters != clusters;
        MPObjective objective = lp.objective();
        objective.setMinimization();
        MPConstraint[][] row = new MPConstraint[cells + 1][KINDS];
        MPConstraint[] typeRow = new MPConstraint[typeSlot.length];
        // Without a start that covers everyone, slack on every row at a price above any section's cost keeps the
        // restricted LP feasible; it only shapes the early prices, never the bound. A start needs none (and the
        // LP's numbers stay tame: GLOP gave up on the penalised LP of the high school).
        double penalty = 2.0 * (c.spreadCoef * (double) c.range + c.sizeCoef * (double) c.n);
        for (int cell = 0; cell < cells; cell++) {
            for (int kind = 0; kind < KINDS; kind++) {
                if (count[cell][kind] > 0) {
                    row[cell][kind] = lp.makeConstraint(count[cell][kind], count[cell][kind]);
                    if (slacks) {
                        MPVariable slack = lp.makeNumVar(0, Double.POSITIVE_INFINITY, "");
                        row[cell][kind].setCoefficient(slack, 1);
                        objective.setCoefficient(slack, penalty);
                    }
                }
            }
        }
        if (gifted) {
            row[cells][0] = lp.makeConstraint(clusters, clusters);
            if (slacks) {
                MPVariable slack = lp.makeNumVar(0, Double.POSITIVE_INFINITY, "");
                row[cells][0].setCoefficient(slack, 1);
                objective.setCoefficient(slack, penalty);
            }
        }
        for (int t = 0; t < typeSlot.length; t++) {
            typeRow[t] = lp.makeConstraint(typeSections[t], typeSections[t]);
            if (slacks) {
                MPVariable slack = lp.makeNumVar(0, Double.POSITIVE_INFINITY, "");
                typeRow[t].setCoefficient(slack, 1);
                objective.setCoefficient(slack, penalty * p.sections().get(typeSlot[t]).capacity());
            }
        }
        for (Pattern pattern : startPatterns) {
            add(lp, objective, row, typeRow, pattern);
        }
        double[][] bestPrices = firstCentre();
        double best = Math.max(0, evaluate(bestPrices, null));
        for (int round = 0; round < rounds; round++) {
            MPSolver.ResultStatus status = lp.solve();
            if (status != MPSolver.ResultStatus.OPTIMAL) {
                break;
            }
            double lpValue = objective.value();
            double[][] dual = prices();
            for (int r = 0; r <= cells; r++) {
                for (int kind = 0; kind < KINDS; kind++) {
                    dual[r][kind] = row[r][kind] == null ? 0 : row[r][kind].dualValue();
                }
            }
            double[] typeDual = new double[typeSlot.length];
            for (int t = 0; t < typeSlot.length; t++) {
                typeDual[t] = typeRow[t].dualValue();
            }
            // Price at the smoothed prices; if they offer no improving pattern (a mis-price), at the LP's own.
            double[][] priced = mix(bestPrices, dual);
            List<Pattern> found = new ArrayList<>();
            double value = evaluate(priced, found);
            if (value > best) {
                best = value;
                bestPrices = priced;
            }
            boolean improving = addImproving(lp, objective, row, typeRow, found, dual, typeDual);
            if (!improving) {
                found.clear();
                double exact = evaluate(dual, found);
                if (exact > best) {
                    best = exact;
                    bestPrices = dual;
                }
                improving = addImproving(lp, objective, row, typeRow, found, dual, typeDual);
            }
            if (!improving || best >= lpValue * (1 - 1e-9)) {
                break;
            }
        }
        // Doubles carry the prices; the integer bound is rounded down with a margin for their rounding.
        return Math.max(0, (long) Math.floor(best - 1e-7 * Math.abs(best) - 1));
    }

    /**
     * The smoothing's first centre: the best single price for every student, then the best factor on it for co-taught
     * students (who force co-taught sections wide), then the price again (concave searches in one variable each). It
     * already charges each section for its seats; the LP's first prices, at the start's vertex, are degenerate. (A
     * factor for gifted students too made a better centre on the high school but a slower climb: 10.40 against
     * 10.41 million after 180 rounds.)
     */
    private double[][] firstCentre() {
        double price = 0;
        double factor = 1;
        double top = 2.0 * (c.spreadCoef * (double) c.range + c.sizeCoef) / Math.max(1, c.n) * c.m;
        for (int pass = 0; pass < 3; pass++) {
            boolean onFactor = pass == 1;
            double lo = 0;
            double hi = onFactor ? 20 : top;
            for (int step = 0; step < 20; step++) {
                double v1 = lo + (hi - lo) / 3;
                double v2 = hi - (hi - lo) / 3;
                double f1 = evaluate(onFactor ? uniform(price, v1) : uniform(v1, factor), null);
                double f2 = evaluate(onFactor ? uniform(price, v2) : uniform(v2, factor), null);
                if (f1 < f2) {
                    lo = v1;
                } else {
                    hi = v2;
                }
            }
            if (onFactor) {
                factor = lo;
            } else {
                price = lo;
            }
        }
        return uniform(price, factor);
    }

    /** Every student at one price, co-taught students (under the rule) at {@code coFactor} times it; clusters free. */
    private double[][] uniform(double price, double coFactor) {
        double[][] u = prices();
        for (int cell = 0; cell < cells; cell++) {
            for (int kind = 0; kind < KINDS; kind++) {
                u[cell][kind] = (kind & CO_TAUGHT) != 0 ? price * coFactor : price;
            }
        }
        return u;
    }

    private double[][] mix(double[][] center, double[][] dual) {
        double[][] m = prices();
        for (int r = 0; r <= cells; r++) {
            for (int kind = 0; kind < KINDS; kind++) {
                m[r][kind] = SMOOTHING * center[r][kind] + (1 - SMOOTHING) * dual[r][kind];
            }
        }
        return m;
    }

    /** Adds the patterns whose reduced cost at the LP's own prices is negative; whether there was one. */
    private boolean addImproving(MPSolver lp, MPObjective objective, MPConstraint[][] row, MPConstraint[] typeRow,
                                 List<Pattern> found, double[][] dual, double[] typeDual) {
        boolean any = false;
        List<double[]> ranked = new ArrayList<>();
        for (int f = 0; f < found.size(); f++) {
            Pattern pattern = found.get(f);
            double reduced = pattern.cost() - typeDual[pattern.type()] - (pattern.cluster() ? dual[cells][0] : 0);
            for (int cell = 0; cell < cells; cell++) {
                for (int kind = 0; kind < KINDS; kind++) {
                    if (pattern.take()[cell][kind] > 0) {
                        reduced -= pattern.take()[cell][kind] * dual[cell][kind];
                    }
                }
            }
            if (reduced < -1e-6 * Math.max(1, Math.abs(pattern.cost()))) {
                ranked.add(new double[] {reduced, f});
            }
        }
        // The most improving few of each type: all of them would swamp the LP with near-copies.
        ranked.sort((u, v) -> Double.compare(u[0], v[0]));
        int[] added = new int[typeSlot.length];
        for (double[] r : ranked) {
            Pattern pattern = found.get((int) r[1]);
            if (added[pattern.type()] < PER_TYPE) {
                added[pattern.type()]++;
                add(lp, objective, row, typeRow, pattern);
                any = true;
            }
        }
        return any;
    }

    private void add(MPSolver lp, MPObjective objective, MPConstraint[][] row, MPConstraint[] typeRow,
                     Pattern pattern) {
        MPVariable v = lp.makeNumVar(0, Double.POSITIVE_INFINITY, "");
        objective.setCoefficient(v, pattern.cost());
        typeRow[pattern.type()].setCoefficient(v, 1);
        if (pattern.cluster()) {
            row[cells][0].setCoefficient(v, 1);
        }
        for (int cell = 0; cell < cells; cell++) {
            for (int kind = 0; kind < KINDS; kind++) {
                if (pattern.take()[cell][kind] > 0) {
                    row[cell][kind].setCoefficient(v, pattern.take()[cell][kind]);
                }
            }
        }
    }

    /**
     * The gifted students outside the co-taught rule a section of size z may take: at most {@link #outsideCap} unless
     * it is
     * a cluster, then at most the cluster maximum and share. Gifted co-taught students count against the co-taught
     * cap only and a
     * cluster's minimum is dropped: both relax the rule, so the bound stays valid, and keep the pricing a choice
     * from three sorted lists.
     */
    private int giftedCap(boolean cluster, int z) {
        if (!gifted) {
            return 0;
        }
        return cluster ? rules.cluster().limit(z) : outsideCap;
    }

    /** The sections of a placement as patterns (the LP's first columns, so it starts from real classes). */
    private List<Pattern> patternsOf(int[] section) {
        List<Pattern> patterns = new ArrayList<>();
        for (int s = 0; s < c.m; s++) {
            int type = typeOfSection[s];
            int[][] take = new int[cells][KINDS];
            int lo = Integer.MAX_VALUE;
            int hi = -1;
            int size = 0;
            int giftedHere = 0;
            int giftedOutsideCo = 0;
            boolean fits = true;
            for (int i = 0; i < c.n; i++) {
                if (section[i] == s) {
                    int kind = studentKind[i];
                    take[cellOf[i]][kind]++;
                    fits &= takes[type][kind];
                    giftedHere += (kind & CLUSTERED) != 0 ? 1 : 0;
                    giftedOutsideCo += (kind & CLUSTERED) != 0 && (kind & CO_TAUGHT) == 0 ? 1 : 0;
                    lo = Math.min(lo, cellOf[i]);
                    hi = Math.max(hi, cellOf[i]);
                    size++;
                }
            }
            boolean cluster = gifted && giftedHere >= rules.cluster().min();
            fits &= giftedOutsideCo <= giftedCap(cluster, size);
            if (fits && size > 0) {
                patterns.add(new Pattern(type, costOf(typeSlot[type], lo, hi, size), take, cluster));
            }
        }
        return patterns;
    }

    private double costOf(int s, int a, int b, int z) {
        return span[a][b] + c.sizeCoef * SectionCost.out(z, c.sizeLo[s], c.sizeHi[s]);
    }

    /**
     * The Lagrangian bound at prices λ: the students' prices and the clusters' price, plus, for every section, its
     * cheapest pattern less the prices it takes. {@code found}, unless null, receives each type's cheapest patterns
     * per first cell (the next columns).
     */
    private double evaluate(double[][] lambda, List<Pattern> found) {
        double total = lambda[cells][0] * clusters;
        for (int cell = 0; cell < cells; cell++) {
            for (int kind = 0; kind < KINDS; kind++) {
                total += lambda[cell][kind] * count[cell][kind];
            }
        }
        for (int t = 0; t < typeSlot.length; t++) {
            double cheapest = cheapest(t, lambda, found);
            if (cheapest >= INF) {
                return 0;
            }
            total += typeSections[t] * cheapest;
        }
        return total;
    }

    /** Which of the three sorted lists a kind's students join: co-taught students, other gifted students, the rest. */
    private static int group(int kind) {
        return (kind & CO_TAUGHT) != 0 ? 0 : (kind & CLUSTERED) != 0 ? 1 : 2;
    }

    /**
     * The least pattern cost less prices for a section of type t: over the cells a ≤ b it spans, its size z and
     * whether it is a cluster, its range and size cost less the best z prices it may take there — at most the co-taught
     * cap of them co-taught students, at most the gifted cap other gifted students.
     */
    private double cheapest(int t, double[][] lambda, List<Pattern> found) {
        int s = typeSlot[t];
        SectionProblem.Slot slot = p.sections().get(s);
        int zMax = slot.capacity();
        int zMin = slot.minSize();
        double clusterPrice = lambda[cells][0];
        int[] coLimit = new int[zMax + 1];
        for (int z = 0; z <= zMax; z++) {
            coLimit[z] = rules.coTaught().most(z);
        }
        double best = zMin == 0 ? c.sizeCoef * SectionCost.out(0, c.sizeLo[s], c.sizeHi[s]) : INF;
        // The gifted caps a section of this type can have, each with the best sums of the capped gifted and the
        // other students merged.
        int[] capOf = new int[2 * (zMax + 1)];
        List<Integer> caps = new ArrayList<>();
        for (int variant = 0; variant < (gifted ? 2 : 1); variant++) {
            for (int z = Math.max(1, zMin); z <= zMax; z++) {
                int cap = giftedCap(variant == 1, z);
                if (!caps.contains(cap)) {
                    caps.add(cap);
                }
                capOf[variant * (zMax + 1) + z] = caps.indexOf(cap);
            }
        }
        // The best zMax prices of each list in the cells spanned, kept sorted as b grows.
        double[][] top = new double[3][zMax];
        int[] len = new int[3];
        double[] coSum = new double[zMax + 1];
        double[][] restSum = new double[caps.size()][zMax + 1];
        int[] restLen = new int[caps.size()];
        int[] restOf = new int[caps.size()];
        // No pattern can take more than the best zMax prices of all the students this type may take, so once a
        // span costs that much more than the best pattern starting at a, wider spans from a are no better.
        double[] allTop = new double[zMax];
        int allLen = 0;
        for (int cell = 0; cell < cells; cell++) {
            for (int kind = 0; kind < KINDS; kind++) {
                if (takes[t][kind] && count[cell][kind] > 0) {
                    allLen = insert(allTop, allLen, lambda[cell][kind], count[cell][kind]);
                }
            }
        }
        double mostTaken = Math.max(0, clusterPrice);
        for (int k = 0; k < allLen; k++) {
            mostTaken += Math.max(0, allTop[k]);
        }
        for (int a = 0; a < cells; a++) {
            Arrays.fill(len, 0);
            double bestHere = INF;
            int[] choice = null;
            double bestCluster = INF;
            int[] clusterChoice = null;
            for (int b = a; b < cells; b++) {
                for (int kind = 0; kind < KINDS; kind++) {
                    if (takes[t][kind] && count[b][kind] > 0) {
                        int g = group(kind);
                        len[g] = insert(top[g], len[g], lambda[b][kind], count[b][kind]);
                    }
                }
                double toBeat = gifted ? Math.max(bestHere, bestCluster) : bestHere;
                if (toBeat < INF && span[a][b] - mostTaken >= toBeat) {
                    break;
                }
                if (len[0] + len[1] + len[2] < Math.max(1, zMin)) {
                    continue;
                }
                for (int k = 0; k < len[0]; k++) {
                    coSum[k + 1] = coSum[k] + top[0][k];
                }
                // Caps above the gifted students at hand merge the same lists: merged once.
                for (int q = 0; q < caps.size(); q++) {
                    int taken = Math.min(len[1], caps.get(q));
                    restOf[q] = q;
                    for (int e = 0; e < q; e++) {
                        if (restOf[e] == e && Math.min(len[1], caps.get(e)) == taken) {
                            restOf[q] = e;
                            break;
                        }
                    }
                    if (restOf[q] == q) {
                        restLen[q] = merge(top[1], taken, top[2], len[2], restSum[q]);
                    }
                }
                for (int z = Math.max(1, zMin); z <= zMax; z++) {
                    double fixed = costOf(s, a, b, z);
                    for (int variant = 0; variant < (gifted ? 2 : 1); variant++) {
                        int q = restOf[capOf[variant * (zMax + 1) + z]];
                        int coMost = Math.min(len[0], coLimit[z]);
                        for (int placed = Math.max(0, z - restLen[q]); placed <= coMost; placed++) {
                            double cost = fixed - coSum[placed] - restSum[q][z - placed];
                            if (variant == 0 && cost < bestHere) {
                                bestHere = cost;
                                choice = new int[] {b, z, placed};
                            } else if (variant == 1 && cost - clusterPrice < bestCluster) {
                                bestCluster = cost - clusterPrice;
                                clusterChoice = new int[] {b, z, placed};
                            }
                        }
                    }
                }
            }
            best = Math.min(best, Math.min(bestHere, bestCluster));
            if (found != null) {
                if (choice != null) {
                    found.add(pattern(t, a, choice[0], choice[1], choice[2], false, lambda));
                }
                if (clusterChoice != null) {
                    found.add(pattern(t, a, clusterChoice[0], clusterChoice[1], clusterChoice[2], true, lambda));
                }
            }
        }
        return best;
    }

    /**
     * Merges the first {@code la} of {@code a} and {@code lb} of {@code b} (both descending) into prefix sums
     * {@code sum[0..]}, as far as sum's length allows; returns how many were merged.
     */
    private static int merge(double[] a, int la, double[] b, int lb, double[] sum) {
        int length = Math.min(sum.length - 1, la + lb);
        int i = 0;
        int j = 0;
        for (int k = 0; k < length; k++) {
            double next = j >= lb || (i < la && a[i] >= b[j]) ? a[i++] : b[j++];
            sum[k + 1] = sum[k] + next;
        }
        return length;
    }

    /** Adds {@code copies} of a price to a descending top list of fixed length; returns its new length. */
    private static int insert(double[] top, int length, double value, int copies) {
        int keep = top.length;
        for (int u = 0; u < copies; u++) {
            if (length == keep && top[length - 1] >= value) {
                return length;
            }
            int at = Math.min(length, keep - 1);
            while (at > 0 && top[at - 1] < value) {
                top[at] = top[at - 1];
                at--;
            }
            top[at] = value;
            length = Math.min(keep, length + 1);
        }
        return length;
    }

    /**
     * The pattern on cells a..b of size z with {@code placed} co-taught students, a cluster or not: the best-priced
     * co-taught
     * students, then the best-priced of the rest with at most the gifted cap of other gifted students.
     */
    private Pattern pattern(int t, int a, int b, int z, int placed, boolean cluster, double[][] lambda) {
        int[][] take = new int[cells][KINDS];
        int giftedLeft = giftedCap(cluster, z);
        for (int pass = 0; pass < 2; pass++) {
            int want = pass == 0 ? placed : z - placed;
            List<int[]> units = new ArrayList<>();
            for (int cell = a; cell <= b; cell++) {
                for (int kind = 0; kind < KINDS; kind++) {
                    if (takes[t][kind] && (group(kind) == 0) == (pass == 0) && count[cell][kind] > 0) {
                        units.add(new int[] {cell, kind});
                    }
                }
            }
            units.sort((u, v) -> Double.compare(lambda[v[0]][v[1]], lambda[u[0]][u[1]]));
            for (int[] u : units) {
                boolean isGifted = group(u[1]) == 1;
                int n = Math.min(want, count[u[0]][u[1]]);
                if (isGifted) {
                    n = Math.min(n, giftedLeft);
                    giftedLeft -= n;
                }
                take[u[0]][u[1]] += n;
                want -= n;
            }
        }
        return new Pattern(t, costOf(typeSlot[t], a, b, z), take, cluster);
    }
}
