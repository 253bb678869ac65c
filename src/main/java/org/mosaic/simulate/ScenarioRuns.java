package org.mosaic.simulate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.mosaic.model.Progress;

/**
 * Every scenario over the same Monte Carlo draws, as {@code mosaic simulate --scenario} and the web's scenarios page
 * run them: each scenario uses the same draw seeds (the same lottery numbers and the same luck), so that scenarios
 * differ only by what they change.
 */
public final class ScenarioRuns {
    /** One scenario's draws; {@link #intervals} summarises each outcome over them. */
    public record Run(DistrictSimulation.Scenario scenario, List<DistrictSimulation.Outcomes> draws) {
        public Run {
            draws = List.copyOf(draws);
        }

        /** Each outcome of {@link DistrictSimulation#named}, as its mean and 95 % of the draws. */
        public Map<String, Interval> intervals() {
            Map<String, Interval> m = new LinkedHashMap<>();
            for (String key : DistrictSimulation.named(draws.get(0)).keySet()) {
                m.put(key, Interval.of(draws.stream().mapToDouble(o -> DistrictSimulation.named(o).get(key))
                        .toArray()));
            }
            return m;
        }
    }

    private ScenarioRuns() {
    }

    /** Runs {@code draws} draws of each scenario in order; {@code progress} counts draws over all scenarios. */
    public static List<Run> run(DistrictSimulation.Cohorts cohorts, List<DistrictSimulation.Scenario> scenarios,
                                int draws, long seed, int threads, Progress progress) {
        List<Run> runs = new ArrayList<>();
        long total = (long) draws * scenarios.size();
        AtomicLong done = new AtomicLong();
        for (DistrictSimulation.Scenario sc : scenarios) {
            List<DistrictSimulation.Outcomes> outcomes = Draws.run(draws, threads,
                    (d, n) -> progress.update(done.incrementAndGet(), total),
                    i -> DistrictSimulation.draw(cohorts, sc, Draws.seed(seed, i)));
            runs.add(new Run(sc, outcomes));
        }
        return runs;
    }
}
