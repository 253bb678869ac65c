package org.mosaic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosaic.CliRun;
import org.mosaic.io.MosaicCsvWriter;
import org.mosaic.io.MosaicFiles;
import org.mosaic.store.DbUrl;
import org.mosaic.store.HoldDatabase;
import org.mosaic.store.SyntheticDataset;

/** The store keeps student data private: no trace file, owner-only files, no password in any message. */
class StorePrivacyTest {
    @TempDir
    Path tmp;

    @Test
    void passwordsAreRedactedInEveryUrlForm() {
        Map<String, String> cases = Map.of(
                "jdbc:postgresql://user:Secret@host/x", "jdbc:postgresql://user:***@host/x",
                "jdbc:postgresql://user:Se@cr/et@host:5432/x?ssl=true", "jdbc:postgresql://user:***@host:5432/x?ssl=true",
                "jdbc:postgresql://h/db?user=a&password=se&cret;x&ssl=true", "jdbc:postgresql://h/db?user=a&password=***&ssl=true",
                "jdbc:postgresql://h/db?password=p;w&d", "jdbc:postgresql://h/db?password=***",
                "jdbc:postgresql://h/db?user=a&PASSWORD=hunter2", "jdbc:postgresql://h/db?user=a&PASSWORD=***");
        cases.forEach((url, shown) -> {
            DbUrl db = DbUrl.resolve(url, Map.of(), tmp);
            assertThat(db.redacted()).as(url).isEqualTo(shown);
            String secret = url.contains("Secret") ? "Secret" : url.contains("Se@cr/et") ? "Se@cr/et"
                    : url.contains("se&cret;x") ? "se&cret;x" : url.contains("p;w&d") ? "p;w&d" : "hunter2";
            // a driver message may quote the password on its own, or the whole URL
            assertThat(db.scrub("FATAL: password " + secret + " rejected for " + url)).as(url)
                    .doesNotContain(secret);
        });
        DbUrl h2 = DbUrl.resolve("jdbc:h2:file:/tmp/x;PASSWORD=s3;cr&et;MODE=PostgreSQL", Map.of(), tmp);
        assertThat(h2.redacted()).doesNotContain("s3").doesNotContain("cr&et").contains(";MODE=PostgreSQL");
    }

    @Test
    void listWithAPasswordInTheUrlNeverPrintsIt() {
        CliRun r = CliRun.of("db", "list", "--db", "jdbc:postgresql://user:Secret@127.0.0.1:1/x?connectTimeout=1");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out() + r.err()).doesNotContain("Secret").contains("user:***@");
    }

    @Test
    void theDatabaseIsPrivateAndWritesNoTraceFile() throws Exception {
        Path data = tmp.resolve("district");
        MosaicCsvWriter.write(SyntheticDataset.of(60, 2), data);
        Path home = tmp.resolve("home/.mosaic");
        String url = "jdbc:h2:file:" + home.resolve("mosaic");
        CliRun ok = CliRun.of("db", "import", "--data", data.toString(), "--db", url);
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("mosaic.mv.db"))))
                .isEqualTo("rw-------");
        // a rejected import (a student twice) must leave no trace file quoting the row
        Path students = data.resolve(MosaicFiles.STUDENTS);
        List<String> lines = Files.readAllLines(students);
        lines.add(lines.get(1));
        Files.write(students, lines);
        CliRun bad = CliRun.of("db", "import", "--data", data.toString(), "--name", "again", "--db", url);
        assertThat(bad.exitCode()).isEqualTo(2);
        try (Stream<Path> files = Files.list(home)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".trace.db"));
        }
    }

    @Test
    void aSecondProcessWaitsForTheDatabaseAndThenSaysWhyItGaveUp() throws Exception {
        Path base = tmp.resolve("db/mosaic");
        assertThat(CliRun.of("db", "migrate", "--db", "jdbc:h2:file:" + base).exitCode()).isZero();
        String h2 = DbUrl.h2File(base).url();
        Process holder = hold(h2, 4);
        String before = System.getProperty("mosaic.db.wait");
        try {
            System.setProperty("mosaic.db.wait", "60");
            CliRun waited = CliRun.of("db", "list", "--db", "jdbc:h2:file:" + base);
            assertThat(waited.exitCode()).as(waited.err()).isZero();
            assertThat(holder.waitFor(60, TimeUnit.SECONDS)).isTrue();

            Process longer = hold(h2, 30);
            System.setProperty("mosaic.db.wait", "1");
            CliRun gaveUp = CliRun.of("db", "list", "--db", "jdbc:h2:file:" + base);
            longer.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            assertThat(gaveUp.exitCode()).isEqualTo(1);
            assertThat(gaveUp.err()).contains("is in use by another program").contains("waited 1 s")
                    .doesNotContain("Exception");
        } finally {
            if (before == null) {
                System.clearProperty("mosaic.db.wait");
            } else {
                System.setProperty("mosaic.db.wait", before);
            }
        }
    }

    private static Process hold(String url, int seconds) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), HoldDatabase.class.getName(),
                url, Integer.toString(seconds)).redirectErrorStream(true).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()));
        assertThat(r.readLine()).isEqualTo("held");
        return p;
    }
}
