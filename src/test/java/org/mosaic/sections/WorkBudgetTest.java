package org.mosaic.sections;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/**
 * {@code --time-limit} is one budget of counted work that every phase spends from (issue #19): no phase past it,
 * whatever the dial and limit, and the same classes however busy the machine is. Work is counted (moves, CP-SAT work
 * units, bound steps and rounds), never timed, so nothing here depends on the machine's speed.
 */
class WorkBudgetTest {
    private static final List<String> REQUIRED = List.of("range bound", "rule repair", "exchange search",
            "CP-SAT repair");

    /** A mid-size grade with every rule on: 240 students, 8 sections, IEP, EL and gifted students. */
    private static SectionProblem grade(double dial, double limit) {
        List<SectionProblem.Pupil> pupils = SectionSolverTest.pupils(240, 17, 24, 20, 16);
        List<SectionProblem.Slot> slots = SectionSolverTest.slots(8, 32, 2, 2);
        return SectionProblem.builder(pupils, slots).tracking(dial).apart(List.of(new int[] {3, 40}))
                .together(List.of(new int[] {5, 6})).timeLimit(limit).workers(2).seed(11).build();
    }

    @Test
    void noPhaseSpendsPastTheBudgetAtAnyDialOrLimit() {
        for (double limit : new double[] {0.01, 0.1, 1, 3}) {
            for (double dial : new double[] {0, 0.5, 1}) {
                SectionProblem p = grade(dial, limit);
                WorkBudget budget = new WorkBudget(Effort.of(p).seconds());
                SectionSolver.Solution s = SectionSolver.solve(p, null, Effort.of(p).safetySeconds(), budget);
                String where = "dial " + dial + ", limit " + limit + ": " + budget;
                assertThat(IndependentRules.broken(p, s.section())).as(where).isEmpty();
                // Summed here from the ledger, not taken from the budget's own total.
                double required = sum(budget.requiredPhases());
                double optional = sum(budget.optionalPhases());
                assertThat(budget.requiredPhases().keySet()).as(where).isSubsetOf(REQUIRED);
                // The first rule-keeping classes are paid whatever the limit; everything else fits what is left.
                assertThat(optional).as(where).isLessThanOrEqualTo(Math.max(0, limit - required) + 1e-9);
                assertThat(required + optional).as(where).isLessThanOrEqualTo(Math.max(limit, required) + 1e-9);
                assertThat(budget.optionalPhases().values()).as(where).allMatch(v -> v >= 0);
            }
        }
    }

    @Test
    void aLimitTooSmallForTheBoundsSaysSoAndALargerOneRunsThem() {
        SectionProblem tiny = grade(0.5, 0.01);
        WorkBudget small = new WorkBudget(Effort.of(tiny).seconds());
        SectionSolver.Solution s = SectionSolver.solve(tiny, null, 60, small);
        assertThat(small.optionalPhases()).isEmpty();
        assertThat(s.status()).isEqualTo("FEASIBLE");
        assertThat(s.skipped()).contains("count bound", "interval cover", "CP-SAT");
        SectionProblem ample = grade(0.5, 3);
        WorkBudget large = new WorkBudget(Effort.of(ample).seconds());
        SectionSolver.Solution t = SectionSolver.solve(ample, null, 60, large);
        assertThat(large.optionalPhases()).containsKeys("count bound", "interval cover");
        assertThat(t.skipped()).doesNotContain("count bound", "interval cover");
        assertThat(t.bound()).isGreaterThanOrEqualTo(s.bound());
    }

    @Test
    void theSameSeedGivesTheSameAnswerOnABusyMachine() throws InterruptedException {
        for (double dial : new double[] {0, 0.5, 1}) {
            SectionProblem p = grade(dial, 0.5);
            String quiet = answer(SectionSolver.solve(p));
            // Two threads spinning on the two cores: every phase takes longer in wall time, none does other work.
            AtomicBoolean busy = new AtomicBoolean(true);
            List<Thread> hogs = new ArrayList<>();
            for (int k = 0; k < 2; k++) {
                Thread hog = new Thread(() -> {
                    long x = 0;
                    while (busy.get()) {
                        x += Long.numberOfTrailingZeros(x + 1);
                    }
                    if (x == 42) {
                        System.out.print("");
                    }
                });
                hog.setDaemon(true);
                hog.start();
                hogs.add(hog);
            }
            String loaded;
            try {
                loaded = answer(SectionSolver.solve(p));
            } finally {
                busy.set(false);
                for (Thread hog : hogs) {
                    hog.join();
                }
            }
            assertThat(loaded).as("dial " + dial).isEqualTo(quiet);
        }
    }

    /** Everything a run reports but its seconds: the bytes that must repeat. */
    private static String answer(SectionSolver.Solution s) {
        return Arrays.toString(s.section()) + " " + s.status() + " " + s.objective() + " " + s.bound() + " "
                + s.gap() + " " + s.unavoidable() + " " + s.stoppedBy() + " " + s.skipped() + " " + s.rulesApplied();
    }

    private static double sum(Map<String, Double> phases) {
        return phases.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
