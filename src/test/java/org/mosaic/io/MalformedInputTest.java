package org.mosaic.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mosaic.CliRun;
import org.mosaic.TestDirs;

/**
 * The malformed-input corpus: each folder under test resources {@code malformed/} overlays the valid {@code tiny}
 * dataset with broken files ({@code X.absent} deletes X) and lists in {@code expected.txt} the error lines the user
 * must see. Every case must exit 2, name file, line and column, show no stack trace and leave nothing written.
 */
class MalformedInputTest {
    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(TestDirs.resource("malformed"))) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void malformedDatasetIsRejectedWithTheExpectedErrors(String name, @TempDir Path tmp) throws IOException {
        Path data = tmp.resolve("data");
        overlay(name, data);
        Path overlay = TestDirs.resource("malformed/" + name);
        List<String> expected = Files.readAllLines(overlay.resolve("expected.txt"));

        CliRun run = CliRun.of("validate", "--data", data.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        for (String line : expected) {
            assertThat(run.err()).contains(line);
        }
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }

    /** The tiny dataset with a corpus case's files laid over it, in {@code data}. */
    static void overlay(String name, Path data) throws IOException {
        TestDirs.copyTree(TestDirs.resource("datasets/tiny"), data);
        Path overlay = TestDirs.resource("malformed/" + name);
        try (Stream<Path> files = Files.list(overlay)) {
            for (Path f : files.toList()) {
                String fn = f.getFileName().toString();
                if (fn.equals("expected.txt")) {
                    continue;
                }
                if (fn.endsWith(".absent")) {
                    Files.delete(data.resolve(fn.substring(0, fn.length() - ".absent".length())));
                } else {
                    Files.copy(f, data.resolve(fn), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
