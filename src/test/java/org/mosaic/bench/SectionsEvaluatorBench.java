package org.mosaic.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.mosaic.sections.SectionEvaluator;
import org.mosaic.sections.SectionProblem;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The class builder's cost of one hand move: re-scoring a 750-student grade (the high-school benchmark, 25 sections,
 * every rule on) after one student moves, incrementally ({@link SectionEvaluator#move}); and, for comparison, the
 * whole evaluation with every rule's violations and the sections' statistics.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
@State(Scope.Benchmark)
public class SectionsEvaluatorBench {
    @Param({"0", "0.5", "1"})
    public double dial;

    private SectionEvaluator evaluator;
    private int n;
    private int m;
    private final SplittableRandom random = new SplittableRandom(11);

    @Setup
    public void setUp() {
        SectionProblem p = SectionsHighSchool.problem(dial, 30, 1, "all");
        n = p.pupils().size();
        m = p.sections().size();
        int[] dealt = new int[n];
        for (int i = 0; i < n; i++) {
            dealt[i] = i % m;
        }
        evaluator = SectionEvaluator.of(p, dealt);
    }

    @Benchmark
    public long moveOneStudent() {
        return evaluator.move(random.nextInt(n), random.nextInt(m));
    }

    @Benchmark
    public SectionEvaluator.Evaluation wholeEvaluation() {
        return evaluator.evaluate();
    }
}
