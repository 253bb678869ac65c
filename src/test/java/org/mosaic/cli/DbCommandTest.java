package org.mosaic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosaic.io.MosaicCsvWriter;
import org.mosaic.io.MosaicFiles;
import org.mosaic.model.Dataset;
import org.mosaic.store.DbUrl;
import org.mosaic.store.MosaicStore;
import org.mosaic.store.RunRecord;
import org.mosaic.store.SyntheticDataset;

class DbCommandTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run mosaic(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MosaicCli.newCommandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void importListExportRoundTripsTheFilesByteForByte() throws Exception {
        Path data = dir.resolve("district");
        MosaicCsvWriter.write(SyntheticDataset.of(300, 4), data);
        String url = "jdbc:h2:file:" + dir.resolve("db").resolve("mosaic");

        Run imported = mosaic("db", "import", "--data", data.toString(), "--name", "spring", "--db", url);
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("as dataset 'spring' (id 1)").contains("300 students")
                .contains("4,500 scores");

        Run again = mosaic("db", "import", "--data", data.toString(), "--name", "spring", "--db", url);
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("--name").contains("Nothing was written");

        Run list = mosaic("db", "list", "--db", url);
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("spring").contains("300").contains("4500");
        Run json = mosaic("db", "list", "--json", "--db", url);
        assertThat(json.out()).contains("\"name\" : \"spring\"").contains("\"students\" : 300");

        Path out = dir.resolve("exported");
        Run export = mosaic("db", "export", "--name", "spring", "--out", out.toString(), "--db", url);
        assertThat(export.code()).as(export.err()).isZero();
        for (String f : List.of(MosaicFiles.SCHOOLS, MosaicFiles.STUDENTS, MosaicFiles.SCORES, MosaicFiles.CHOICES,
                MosaicFiles.PRIORITIES, MosaicFiles.REQUESTS, MosaicFiles.SECTIONS, MosaicFiles.ROSTERS)) {
            assertThat(Files.readString(out.resolve(f))).as(f).isEqualTo(Files.readString(data.resolve(f)));
        }

        assertThat(mosaic("db", "delete", "--name", "spring", "--db", url).code()).isZero();
        assertThat(mosaic("db", "list", "--db", url).out()).contains("No datasets stored yet");
        assertThat(mosaic("db", "export", "--name", "spring", "--out", out.toString(), "--db", url).code())
                .isEqualTo(2);
    }

    @Test
    void badInputImportsNothingAndPrintsNoStudentData() throws Exception {
        Path data = dir.resolve("district");
        MosaicCsvWriter.write(SyntheticDataset.of(50, 4), data);
        Path students = data.resolve(MosaicFiles.STUDENTS);
        List<String> lines = Files.readAllLines(students);
        lines.add(lines.get(1)); // the same student twice
        Files.write(students, lines);
        String url = "jdbc:h2:file:" + dir.resolve("db").resolve("mosaic");
        Run r = mosaic("db", "import", "--data", data.toString(), "--db", url);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).doesNotContain("Zoë").doesNotContain("O'Brien");
        assertThat(mosaic("db", "list", "--db", url).out()).contains("No datasets stored yet");
    }

    @Test
    void migrateIsIdempotentAndNeverPrintsThePassword() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db").resolve("mosaic") + ";PASSWORD=s3cret";
        Run first = mosaic("db", "migrate", "--db", url);
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).containsPattern("[0-9]+ migrations? applied").doesNotContain("s3cret")
                .contains("PASSWORD=***");
        Run second = mosaic("db", "migrate", "--db", url);
        assertThat(second.out()).contains("schema already up to date");
        Run bad = mosaic("db", "list", "--db", "jdbc:postgresql://127.0.0.1:1/none?password=s3cret");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).startsWith("mosaic db list: could not connect to jdbc:postgresql://127.0.0.1:1/none?password=***").doesNotContain("s3cret");
    }

    @Test
    void demoStageSavesTheSampleDistrictAndRecordsARun() throws Exception {
        Path work = dir.resolve("work");
        Dataset sample = SyntheticDataset.of(200, 11);
        MosaicCsvWriter.write(sample, work.resolve("classes"));
        StringWriter sink = new StringWriter();
        DemoStage.Context ctx = new DemoStage.Context(work, 11, 200, true, new PrintWriter(sink));
        for (int pass = 0; pass < 2; pass++) {
            DemoStage.Result r = new StoreStage().run(ctx);
            assertThat(r.summary().get(0)).contains("'" + StoreStage.DATASET + "'").contains("200 students")
                    .contains("3,000 scores").contains("loaded back identical");
            assertThat(r.summary().get(1)).contains("jdbc:h2:file:" + work.toAbsolutePath().resolve("mosaic"));
            assertThat(r.summary()).anyMatch(l -> l.startsWith("web logins for ./mosaic serve"))
                    .anyMatch(l -> l.matches("  demo-admin +admin +all +password [A-Za-z2-9]{16}"))
                    .anyMatch(l -> l.startsWith("  demo-principal-2 "));
        }
        try (MosaicStore store = MosaicStore.open(DbUrl.h2File(work.resolve("mosaic")))) {
            assertThat(store.list()).hasSize(1);
            List<RunRecord> runs = store.runs();
            assertThat(runs).hasSize(1); // the first pass's run went with the dataset it replaced
            assertThat(runs.get(0).command()).isEqualTo("demo");
            assertThat(runs.get(0).status()).isEqualTo(RunRecord.SUCCEEDED);
            assertThat(runs.get(0).parameters()).isEqualTo("{\"seed\":11,\"students\":200}");
            assertThat(runs.get(0).summary()).startsWith("{\"load_ms\":").contains("\"scores\":3000,\"students\":200}");
        }
        Run runs = mosaic("db", "runs", "--db", "jdbc:h2:file:" + work.resolve("mosaic"));
        assertThat(runs.out()).contains("demo").contains(StoreStage.DATASET).contains("succeeded");
    }
}
