package org.mosaic.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mosaic.CliRun;
import org.mosaic.TestDirs;

/**
 * Sweeps every case of the malformed-input corpus through every command that reads a dataset, with a planted name in
 * every student row, and checks that no message carries a name or any value of a personal column (race, FRL, IEP,
 * EL, gender, home coordinates, scores) that the broken files hold.
 */
class NoStudentDataInMessagesTest {
    private static final String GIVEN = "Zelinda";
    private static final String FAMILY = "Quixotica";
    /** Codes that messages list as the allowed values; seeing them in a message reveals nobody. */
    private static final Set<String> VOCABULARY = Set.of("american_indian", "asian", "black", "pacific_islander",
            "white", "two_or_more", "hispanic", "female", "male", "other", "unspecified", "true", "false", "yes", "no");
    private static final Set<String> PERSONAL = Set.of("given_name", "family_name", "x", "y", "zone", "tract", "frl",
            "race", "gender", "ell", "iep", "gifted", "ses_tier", "behavior", "score", "grade_equivalent");

    static Stream<String> cases() throws IOException {
        return MalformedInputTest.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void noCommandEchoesAPlantedNameOrAPersonalValue(String name, @TempDir Path tmp) throws IOException {
        Path data = tmp.resolve("data");
        MalformedInputTest.overlay(name, data);
        plantNames(data.resolve(MosaicFiles.STUDENTS));
        Set<String> secrets = personalValues(data);
        secrets.add(GIVEN);
        secrets.add(FAMILY);

        List<CliRun> runs = new ArrayList<>();
        runs.add(CliRun.of("validate", "--data", data.toString()));
        runs.add(CliRun.of("enroll", "--data", data.toString(), "--out", tmp.resolve("enroll").toString()));
        runs.add(CliRun.of("measure", "--data", data.toString(), "--out", tmp.resolve("measure").toString()));
        runs.add(CliRun.of("sections", "--data", data.toString(), "--school", "M1", "--grade", "6", "--subject",
                "math", "--out", tmp.resolve("sections").toString()));
        runs.add(CliRun.of("groups", "--data", data.toString(), "--section", "M1-6-math-1", "--subject", "math",
                "--out", tmp.resolve("groups").toString()));
        runs.add(CliRun.of("db", "import", "--data", data.toString(), "--db",
                "jdbc:h2:file:" + tmp.resolve("db/mosaic")));
        for (CliRun run : runs) {
            assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
            for (String secret : secrets) {
                assertThat(run.out() + run.err()).as("a personal value in: %s", run.err()).doesNotContain(secret);
            }
        }
        if (Files.isDirectory(tmp.resolve("db"))) {
            try (Stream<Path> files = Files.list(tmp.resolve("db"))) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(f -> f.endsWith(".trace.db"));
            }
        }
    }

    /** Fills every empty name cell, keeping the case's own breakage (a file that is not UTF-8 stays as it is). */
    private static void plantNames(Path students) throws IOException {
        if (!Files.exists(students)) {
            return;
        }
        byte[] bytes = Files.readAllBytes(students);
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            return;
        }
        List<String> lines = new ArrayList<>(List.of(new String(bytes, StandardCharsets.UTF_8).split("\n", -1)));
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.endsWith(",,")) {
                lines.set(i, l.substring(0, l.length() - 2) + "," + GIVEN + "," + FAMILY);
            }
        }
        Files.writeString(students, String.join("\n", lines));
    }

    /** Values of personal columns in the dataset's files that could identify a student in a message. */
    private static Set<String> personalValues(Path data) throws IOException {
        Set<String> values = new LinkedHashSet<>();
        try (Stream<Path> files = Files.list(data)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
                String text;
                try {
                    text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(f)))
                            .toString();
                } catch (CharacterCodingException e) {
                    continue;
                }
                try (CSVParser p = CSVFormat.RFC4180.builder().setHeader().setAllowMissingColumnNames(true)
                        .setAllowDuplicateHeaderNames(true).get().parse(new java.io.StringReader(text))) {
                    List<String> header = p.getHeaderNames();
                    for (CSVRecord r : p) {
                        for (int i = 0; i < Math.min(r.size(), header.size()); i++) {
                            String v = r.get(i).trim();
                            if (PERSONAL.contains(header.get(i)) && v.length() >= 3 && !VOCABULARY.contains(v)
                                    && !(v.matches("[0-9.\\-]+") && v.length() < 5)) {
                                values.add(v);
                            }
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // a case that breaks the CSV itself (an unclosed quote) plants nothing readable here
                }
            }
        }
        return values;
    }
}
