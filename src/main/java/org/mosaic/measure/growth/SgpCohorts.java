package org.mosaic.measure.growth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.mosaic.measure.growth.GrowthPercentiles.CohortStudent;
import org.mosaic.measure.growth.GrowthPercentiles.OrderFit;
import org.mosaic.model.Progress;

/**
 * Splits one subject and year into grade cohorts and computes their SGPs. A student's priors are the scores of the
 * consecutive years before, as long as the grade went down by one each year (the SGP package's grade progressions);
 * a missing year or a repeated grade ends them. Students without a grade in the year, without any prior, or in a
 * cohort too small to fit are counted, never dropped silently.
 */
public final class SgpCohorts {
    public static final int DEFAULT_MAX_ORDER = 3;

    private SgpCohorts() {
    }

    public record StudentSgp(String studentId, int grade, int sgp, int order) {
    }

    public record CohortReport(int grade, int students, int withoutPrior, int inTooSmallFits, List<OrderFit> fits) {
    }

    /** A student of the year who got no SGP, and why. */
    public record Excluded(String studentId, Integer grade, String reason) {
    }

    public record Result(int year, int maxOrder, List<StudentSgp> students, List<CohortReport> cohorts,
                         int withoutGrade, List<Excluded> excluded) {
        public int withoutPrior() {
            return cohorts.stream().mapToInt(CohortReport::withoutPrior).sum();
        }

        public int inTooSmallFits() {
            return cohorts.stream().mapToInt(CohortReport::inTooSmallFits).sum();
        }
    }

    /**
     * @param scores   each student's score by year, one subject
     * @param grades   each student's grade by year (from the enrollment history)
     * @param maxOrder the highest order, or 0 for "as many consecutive prior years as the data hold, up to 3"
     */
    public static Result compute(Map<String, Map<Integer, Double>> scores, Map<String, Map<Integer, Integer>> grades,
                                 int year, int maxOrder, Progress progress) {
        int order = maxOrder > 0 ? maxOrder : availablePriorYears(scores, year);
        Map<Integer, List<CohortStudent>> byGrade = new TreeMap<>();
        List<Excluded> excluded = new ArrayList<>();
        for (Map.Entry<String, Map<Integer, Double>> e : scores.entrySet()) {
            Double current = e.getValue().get(year);
            if (current == null) {
                continue;
            }
            Map<Integer, Integer> g = grades.getOrDefault(e.getKey(), Map.of());
            Integer grade = g.get(year);
            if (grade == null) {
                excluded.add(new Excluded(e.getKey(), null, "no grade that year"));
                continue;
            }
            List<Double> priors = new ArrayList<>();
            for (int j = 1; j <= order; j++) {
                Double prior = e.getValue().get(year - j);
                Integer priorGrade = g.get(year - j);
                if (prior == null || (priorGrade != null && priorGrade != grade - j)) {
                    break;
                }
                priors.add(prior);
            }
            byGrade.computeIfAbsent(grade, k -> new ArrayList<>()).add(new CohortStudent(e.getKey(), current,
                    priors.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        // the cohorts are fitted in parallel; each result lands in its own slot, so the output is the same on any
        // number of threads
        List<Map.Entry<Integer, List<CohortStudent>>> cohorts = new ArrayList<>(byGrade.entrySet());
        GrowthPercentiles.CohortResult[] results = new GrowthPercentiles.CohortResult[cohorts.size()];
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        java.util.stream.IntStream.range(0, cohorts.size()).parallel().forEach(c -> {
            results[c] = GrowthPercentiles.compute(cohorts.get(c).getValue(), order);
            progress.update(done.incrementAndGet(), cohorts.size());
        });
        int withoutGrade = excluded.size();
        List<StudentSgp> out = new ArrayList<>();
        List<CohortReport> reports = new ArrayList<>();
        for (int c = 0; c < cohorts.size(); c++) {
            int grade = cohorts.get(c).getKey();
            GrowthPercentiles.CohortResult r = results[c];
            r.withoutPriorIds().forEach(id -> excluded.add(new Excluded(id, grade, "no prior score")));
            r.tooSmallIds().forEach(id -> excluded.add(new Excluded(id, grade, "cohort too small")));
            for (GrowthPercentiles.StudentGrowth g : r.growth()) {
                out.add(new StudentSgp(g.id(), grade, g.sgp(), g.order()));
            }
            reports.add(new CohortReport(grade, cohorts.get(c).getValue().size(), r.withoutPrior(),
                    r.inCohortsTooSmall(), r.fits()));
        }
        out.sort((a, b) -> a.studentId().compareTo(b.studentId()));
        excluded.sort((a, b) -> a.studentId().compareTo(b.studentId()));
        return new Result(year, order, out, reports, withoutGrade, List.copyOf(excluded));
    }

    /** Consecutive years before {@code year} in which anyone has a score, up to {@link #DEFAULT_MAX_ORDER}. */
    static int availablePriorYears(Map<String, Map<Integer, Double>> scores, int year) {
        int k = 0;
        while (k < DEFAULT_MAX_ORDER) {
            int y = year - k - 1;
            boolean any = scores.values().stream().anyMatch(m -> m.containsKey(y));
            if (!any) {
                break;
            }
            k++;
        }
        return Math.max(1, k);
    }
}
