package org.mosaic.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mosaic.sections.BrokenRules;
import org.mosaic.sections.SectionProblem;
import org.mosaic.sections.SectionSolver;

/**
 * Scores a hand-edited placement with the solver's own cost and rule check: the one place where the web calls into
 * org.mosaic.sections for evaluation, so that an incremental evaluator can replace these calls without touching the
 * pages. The class statistics (mean, SD, shares) are only what the page shows; the objective and the broken rules
 * come from the sections code.
 */
public final class SectionScorer {
    /** Plain words for each rule family the solver reports, for the principal who broke it by hand. */
    private static final Map<String, String> REASONS = Map.of(
            "every student placed", "every student must be in a class",
            "capacity and minimum size", "a class is over its capacity or under its minimum size",
            "keep-apart requests", "two students asked to be kept apart are in one class",
            "keep-together requests", "two students asked to be kept together are in different classes",
            "IEP students in co-taught sections (cap)", "an IEP student is outside a co-taught class, or a "
                    + "co-taught class is over the IEP cap",
            "English learners with an EL-certified teacher", "an English learner is in a class without an "
                    + "EL-certified teacher",
            "gifted cluster grouping", "gifted students are not in the planned clusters (count or size)",
            "locks", "a locked student is not in the class they were locked to",
            "levels", "a student is outside their level's score band");

    private SectionScorer() {
    }

    /** A broken rule family and why it matters. */
    public record Broken(String rule, String reason) {
    }

    /** One class as the board shows it. {@code overCapacity}/{@code underMinimum} mark the size in red. */
    public record ClassMetrics(String sectionId, int size, int capacity, int minSize, double mean, double sd,
                               double frlShare, double femaleShare, int iep, int ell, int gifted, boolean coTaught,
                               boolean ellCertified) {
        public boolean overCapacity() {
            return size > capacity;
        }

        public boolean underMinimum() {
            return size < minSize;
        }
    }

    /** The placement's objective (lower is better), its terms, the rules it breaks, and each class. */
    public record Score(long objective, Map<String, Long> terms, List<Broken> broken, List<ClassMetrics> classes) {
    }

    public static Score score(SectionProblem p, int[] section) {
        Map<String, Long> terms = new LinkedHashMap<>(SectionSolver.objectiveTerms(p, section));
        long objective = terms.values().stream().mapToLong(Long::longValue).sum();
        List<Broken> broken = new ArrayList<>();
        for (String rule : BrokenRules.of(p, section)) {
            broken.add(new Broken(rule, REASONS.getOrDefault(rule, rule)));
        }
        return new Score(objective, terms, broken, classes(p, section));
    }

    private static List<ClassMetrics> classes(SectionProblem p, int[] section) {
        int m = p.sections().size();
        int[] size = new int[m];
        double[] sum = new double[m];
        double[] sq = new double[m];
        int[] frl = new int[m];
        int[] female = new int[m];
        int[] iep = new int[m];
        int[] ell = new int[m];
        int[] gifted = new int[m];
        for (int i = 0; i < section.length; i++) {
            int s = section[i];
            if (s < 0 || s >= m) {
                continue;
            }
            SectionProblem.Pupil pu = p.pupils().get(i);
            size[s]++;
            sum[s] += pu.score();
            sq[s] += pu.score() * pu.score();
            frl[s] += pu.frl() ? 1 : 0;
            female[s] += pu.gender().equals("female") ? 1 : 0;
            iep[s] += pu.iep() ? 1 : 0;
            ell[s] += pu.ell() ? 1 : 0;
            gifted[s] += pu.gifted() ? 1 : 0;
        }
        List<ClassMetrics> out = new ArrayList<>();
        for (int s = 0; s < m; s++) {
            SectionProblem.Slot slot = p.sections().get(s);
            double mean = size[s] == 0 ? 0 : sum[s] / size[s];
            double sd = size[s] == 0 ? 0 : Math.sqrt(Math.max(0, sq[s] / size[s] - mean * mean));
            out.add(new ClassMetrics(slot.id(), size[s], slot.capacity(), slot.minSize(), mean, sd,
                    size[s] == 0 ? 0 : frl[s] / (double) size[s], size[s] == 0 ? 0 : female[s] / (double) size[s],
                    iep[s], ell[s], gifted[s], slot.coTaught(), slot.ellCertified()));
        }
        return out;
    }
}
