package org.mosaic.sections.rules;

import java.util.ArrayList;
import java.util.List;

import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.LinearExpr;
import com.google.ortools.sat.LinearExprBuilder;
import com.google.ortools.sat.Literal;
import org.mosaic.sections.SectionProblem;
import org.mosaic.sections.Violation;

/**
 * Built-in: gifted students clustered, {@code giftedMin}-{@code giftedMax} in each of {@link #clusterCount} cluster
 * sections (at most {@code giftedShare} of the section), fewer than a cluster's minimum in any other section. A rule
 * on the whole grade (how many sections are clusters), so the local search and the repair keep their own incremental
 * form of it (a histogram of gifted counts); this class is its check, model and numbers.
 */
public final class GiftedClusterRule implements SectionRule, ClusterShare {
    public static final String NAME = "gifted cluster grouping";

    private final SectionProblem p;
    private final SectionProblem.Rules r;
    private final boolean active;

    GiftedClusterRule(SectionProblem p) {
        this.p = p;
        this.r = p.rules();
        this.active = active(p);
    }

    public static int gifted(SectionProblem p) {
        return (int) p.pupils().stream().filter(SectionProblem.Pupil::gifted).count();
    }

    /** Asked for, and enough gifted students for one cluster. */
    public static boolean active(SectionProblem p) {
        return p.rules().clusterGifted() && gifted(p) >= p.rules().giftedMin();
    }

    /** Full clusters where possible: ⌊gifted / max⌋ sections (at least one), never more than there are sections. */
    public static int clusterCount(int gifted, int sections, SectionProblem.Rules r) {
        return Math.max(1, Math.min(sections, gifted / r.giftedMax()));
    }

    /** The most gifted students {@link #fits} allows in a cluster section of z students. */
    public static int limit(SectionProblem.Rules r, int z) {
        return (int) Math.min(r.giftedMax(), Math.round(100 * r.giftedShare()) * Math.max(0, z) / 100);
    }

    /** A cluster section's gifted count: giftedMin..giftedMax and at most giftedShare of the section. */
    public static boolean fits(SectionProblem.Rules r, int gifted, int size) {
        return gifted >= r.giftedMin() && gifted <= r.giftedMax()
                && 100L * gifted <= Math.round(100 * r.giftedShare()) * size;
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
        return r.clusterGifted();
    }

    @Override
    public boolean marks(int i) {
        return p.pupils().get(i).gifted();
    }

    @Override
    public int marked() {
        return gifted(p);
    }

    @Override
    public int min() {
        return r.giftedMin();
    }

    @Override
    public int max() {
        return r.giftedMax();
    }

    @Override
    public int count(int sections) {
        return clusterCount(gifted(p), sections, r);
    }

    @Override
    public int limit(int z) {
        return limit(r, z);
    }

    @Override
    public boolean fits(int count, int size) {
        return fits(r, count, size);
    }

    @Override
    public long percent() {
        return Math.round(100 * r.giftedShare());
    }

    @Override
    public int dealLimit(int z) {
        return Math.min(r.giftedMax(), (int) (r.giftedShare() * z));
    }

    @Override
    public String reason(int i) {
        return asked() && marks(i) ? "gifted cluster" : null;
    }

    @Override
    public List<Violation> check(int[] section) {
        List<Violation> out = new ArrayList<>();
        if (!active) {
            return out;
        }
        int m = p.sections().size();
        int[] size = new int[m];
        int[] gifted = new int[m];
        for (int i = 0; i < section.length; i++) {
            size[section[i]]++;
            gifted[section[i]] += p.pupils().get(i).gifted() ? 1 : 0;
        }
        int clusters = 0;
        for (int s = 0; s < m; s++) {
            if (gifted[s] >= r.giftedMin()) {
                clusters++;
                if (!fits(r, gifted[s], size[s])) {
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < section.length; i++) {
                        if (section[i] == s && p.pupils().get(i).gifted()) {
                            ids.add(p.pupils().get(i).id());
                        }
                    }
                    out.add(new Violation(NAME, p.sections().get(s).id(), ids, gifted[s] + " of " + size[s]
                            + " gifted; a cluster holds " + r.giftedMin() + "-" + limit(r, size[s])));
                }
            }
        }
        int wanted = clusterCount(gifted(p), m, r);
        if (clusters != wanted) {
            out.add(new Violation(NAME, "", List.of(), clusters + " cluster sections (" + r.giftedMin()
                    + " or more gifted); the rule asks for " + wanted));
        }
        return out;
    }

    @Override
    public void model(ModelContext c, Literal on) {
        if (!active) {
            return;
        }
        int n = p.pupils().size();
        int m = p.sections().size();
        int clusters = clusterCount(gifted(p), m, r);
        LinearExprBuilder clusterCount = LinearExpr.newBuilder();
        for (int s = 0; s < m; s++) {
            BoolVar isCluster = c.model().newBoolVar("cluster" + s);
            clusterCount.add(isCluster);
            int hintedGifted = 0;
            for (int i = 0; i < n; i++) {
                hintedGifted += c.hint()[i] == s && p.pupils().get(i).gifted() ? 1 : 0;
            }
            if (c.complete()) {
                c.model().addHint(isCluster, hintedGifted >= r.giftedMin() ? 1 : 0);
            }
            LinearExprBuilder g = LinearExpr.newBuilder();
            LinearExprBuilder share = LinearExpr.newBuilder();
            for (int i = 0; i < n; i++) {
                if (p.pupils().get(i).gifted()) {
                    g.add(c.x()[i][s]);
                    share.addTerm(c.x()[i][s], 100);
                }
            }
            share.addTerm(c.size()[s], -Math.round(100 * r.giftedShare()));
            c.model().addLessOrEqual(share.build(), 0).onlyEnforceIf(new Literal[] {on, isCluster});
            c.model().addLinearConstraint(g.build(), r.giftedMin(), r.giftedMax())
                    .onlyEnforceIf(new Literal[] {on, isCluster});
            c.model().addLessOrEqual(g.build(), r.giftedMin() - 1).onlyEnforceIf(new Literal[] {on, isCluster.not()});
        }
        c.model().addEquality(clusterCount.build(), clusters).onlyEnforceIf(on);
    }
}
