package org.mosaic.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.mosaic.enroll.Assigner;
import org.mosaic.enroll.Market;
import org.mosaic.enroll.Mechanism;
import org.mosaic.enroll.Outcome;
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

/** One deferred-acceptance run at NYC and Chile scale, Mosaic's against the textbook reference. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx6g"})
@State(Scope.Benchmark)
public class EnrollBench {
    @Param({"nyc", "chile"})
    public String instance;

    private Market market;

    @Setup
    public void setUp() {
        market = (instance.equals("nyc") ? EnrollInstances.nyc(1) : EnrollInstances.chile(1)).market(7);
    }

    @Benchmark
    public Outcome mosaicDeferredAcceptance() {
        return Assigner.run(market, Mechanism.DA);
    }

    @Benchmark
    public Map<String, String> referenceDeferredAcceptance() {
        return ReferenceDeferredAcceptance.run(market);
    }
}
