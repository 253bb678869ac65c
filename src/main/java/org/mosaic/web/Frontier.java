package org.mosaic.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.mosaic.measure.GroupUnitTable;
import org.mosaic.measure.Segregation;
import org.mosaic.model.Dataset;

/**
 * The tracking frontier of one set-up, as {@code mosaic sections --frontier} traces it: the classes solved at each
 * dial value from tracked (1) down to mixed (0), each solve starting from its neighbour's classes, and for each the
 * spread a teacher faces (the mean within-class SD of scores, weighted by class size) against income segregation
 * between the classrooms (Theil's H by FRL). The chart puts the two on their own axes, so the rise in H is visible.
 */
public record Frontier(ClassSetup setup, List<Point> points) {
    /** The dials swept: the quarters, plus the principal's own dial. */
    static final List<Double> DIALS = List.of(0.0, 0.25, 0.5, 0.75, 1.0);

    public record Point(double dial, double withinSd, double hFrl, boolean chosen) {
        public String label() {
            return "t=" + Format.dial(dial);
        }
    }

    static List<Double> dials(double chosen) {
        TreeSet<Double> d = new TreeSet<>(DIALS);
        d.add(chosen);
        return new ArrayList<>(d.descendingSet());
    }

    /** A task for the job line: one CP-SAT solve per dial; progress is the share of dials done. */
    static SolveJobs.Task task(Dataset d, ClassSetup setup) {
        return progress -> {
            List<Double> dials = dials(setup.tracking());
            List<Point> points = new ArrayList<>();
            int[] previous = null;
            for (int k = 0; k < dials.size(); k++) {
                double dial = dials.get(k);
                ClassFormation f = ClassFormation.of(d, setup.withTracking(dial));
                Board b = SolveJobs.solveWithCpSat(f, previous);
                previous = b.placement();
                points.add(0, point(f, previous, dial, dial == setup.tracking()));
                progress.report((k + 1) / (double) dials.size());
            }
            return new Frontier(setup, List.copyOf(points));
        };
    }

    /** The point of one placement: size-weighted mean SD of the classes' scores, and H by FRL between them. */
    static Point point(ClassFormation f, int[] placement, double dial, boolean chosen) {
        SectionScorer.Score score = SectionScorer.score(f.problem(), placement);
        double sd = 0;
        int n = 0;
        for (SectionScorer.ClassMetrics c : score.classes()) {
            sd += c.size() * c.sd();
            n += c.size();
        }
        GroupUnitTable.Builder frl = GroupUnitTable.builder();
        for (int i = 0; i < placement.length; i++) {
            frl.add(f.sections().get(placement[i]).id(), f.problem().pupils().get(i).frl() ? "frl" : "not_frl", 1);
        }
        return new Point(dial, sd / Math.max(1, n), Segregation.theilH(frl.build()), chosen);
    }

    /** Scatter data for mosaic.js: SD on x, H on y, one labelled point per dial, the chosen one marked. */
    public String chart() {
        List<Map<String, Object>> pts = new ArrayList<>();
        for (Point p : points) {
            pts.add(Map.of("x", Math.round(p.withinSd() * 100) / 100.0, "y", Math.round(p.hFrl() * 10000) / 10000.0,
                    "label", p.label(), "chosen", p.chosen()));
        }
        return Format.json(Map.of("kind", "scatter", "xName", "mean within-class SD of scores (points)", "yName",
                "classroom segregation by FRL (Theil's H)", "seriesName", "tracking dial", "points", pts));
    }

    public String reading() {
        Point mixed = points.get(0);
        Point tracked = points.get(points.size() - 1);
        return String.format(Locale.ROOT, "From %s to %s the spread a teacher faces goes from %.1f to %.1f points, "
                + "and income segregation between the classrooms from H = %.3f to %.3f.", mixed.label(),
                tracked.label(), mixed.withinSd(), tracked.withinSd(), mixed.hFrl(), tracked.hFrl());
    }
}
