package org.mosaic.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.mosaic.io.MosaicCsvReader;
import org.mosaic.io.MosaicCsvWriter;
import org.mosaic.model.Dataset;
import org.mosaic.store.DbUrl;
import org.mosaic.store.MosaicStore;
import org.mosaic.store.SyntheticDataset;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Saving and loading the sample-sized district (20,000 students, 300,000 scores, 60,000 choices) in the embedded H2
 * database and in PostgreSQL, beside the baseline of writing and reading the same dataset as Mosaic CSV files.
 * PostgreSQL needs MOSAIC_BENCH_PG_URL (or MOSAIC_TEST_PG_URL); its public schema is dropped and recreated.
 *
 * <pre>scripts/jmh.sh -f 1 -rf json -rff target/store-bench.json StoreBench</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class StoreBench {
    @Param({"h2", "postgres", "csv"})
    public String target;

    @Param({"20000"})
    public int students;

    private Dataset data;
    private Path tmp;
    private MosaicStore store;
    private int saves;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        data = SyntheticDataset.of(students, 1);
        tmp = Files.createTempDirectory("store-bench");
        if (target.equals("csv")) {
            MosaicCsvWriter.write(data, tmp.resolve("loaded"));
            return;
        }
        DbUrl url;
        if (target.equals("h2")) {
            url = DbUrl.h2File(tmp.resolve("mosaic"));
        } else {
            String pg = System.getenv().getOrDefault("MOSAIC_BENCH_PG_URL", System.getenv("MOSAIC_TEST_PG_URL"));
            if (pg == null) {
                throw new IllegalStateException("set MOSAIC_BENCH_PG_URL to benchmark PostgreSQL");
            }
            url = new DbUrl(pg, null, null);
            try (var c = java.sql.DriverManager.getConnection(pg); var s = c.createStatement()) {
                s.execute("DROP SCHEMA public CASCADE");
                s.execute("CREATE SCHEMA public");
            }
        }
        store = MosaicStore.open(url);
        store.save(data, "loaded", "bench");
    }

    /** Each save writes a fresh version; the previous one is deleted outside the timed region. */
    @Setup(Level.Invocation)
    public void dropPreviousSave() {
        if (store != null && saves > 0) {
            store.delete("saved-" + saves);
        }
    }

    @Benchmark
    public Object save() {
        saves++;
        if (store == null) {
            Path dir = tmp.resolve("saved-" + saves);
            MosaicCsvWriter.write(data, dir);
            return dir;
        }
        return store.save(data, "saved-" + saves, "bench");
    }

    @Benchmark
    public Dataset load() {
        return store == null ? MosaicCsvReader.read(tmp.resolve("loaded")) : store.load("loaded");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (store != null) {
            store.close();
        }
        try (Stream<Path> files = Files.walk(tmp)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
