package org.mosaic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosaic.io.synthetic.GeneratorOptions;
import org.mosaic.io.synthetic.SyntheticDistrict;
import org.mosaic.measure.growth.SgpCohorts;
import org.mosaic.model.Progress;

/**
 * The growth commands read a dataset with the lean reader; the general reader (the whole dataset into the model) is
 * the oracle: both must give the same inputs, the same SGPs and summaries, and the same value-added files.
 */
class GrowthLeanReaderTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void generate() throws Exception {
        SyntheticDistrict.generate(GeneratorOptions.of(3, 6_000), dir.resolve("d"), Progress.NONE);
        // the same district without its enrollment history: grades are then counted back from students.csv
        Path bare = Files.createDirectories(dir.resolve("bare"));
        try (var files = Files.list(dir.resolve("d"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (!name.equals("enrollments.csv") && !name.equals("manifest.json")) {
                    Files.copy(f, bare.resolve(name));
                }
            }
        }
    }

    @Test
    void sgpAndItsSummariesAreTheSameFromEitherReader() {
        for (String data : new String[] {"d", "bare"}) {
            GrowthInput lean = GrowthInput.dataset(dir.resolve(data), "math");
            GrowthInput general = GrowthInput.general(dir.resolve(data), "math");
            assertThat(lean.scores()).isEqualTo(general.scores()).isNotEmpty();
            assertThat(lean.grades()).isEqualTo(general.grades());
            assertThat(lean.schools()).isEqualTo(general.schools());
            assertThat(lean.enrollmentGaps()).isEqualTo(general.enrollmentGaps());
            int year = general.latestYear();
            for (int order : new int[] {1, 2}) {
                SgpCohorts.Result a = SgpCohorts.compute(lean.scores(), lean.grades(), year, order, Progress.NONE);
                SgpCohorts.Result b = SgpCohorts.compute(general.scores(), general.grades(), year, order,
                        Progress.NONE);
                assertThat(a).isEqualTo(b);
                assertThat(a.students()).hasSizeGreaterThan(1000);
                assertThat(lean.summarise(a, year, "math")).isEqualTo(general.summarise(b, year, "math"));
                assertThat(lean.summarise(a, year, "math")).extracting(GrowthInput.Summary::level)
                        .contains("section", "school", "cluster", "frl", "race", "ell", "iep");
                assertThat(lean.warnings(year)).isEqualTo(general.warnings(year));
            }
        }
    }

    @Test
    void valueAddedWritesTheSameFilesFromEitherReader() throws Exception {
        Path data = dir.resolve("d");
        for (String level : new String[] {"school", "section"}) {
            String leanOut = run(GrowthInput.dataset(data, "math"), level, dir.resolve("vam-lean-" + level));
            String generalOut = run(GrowthInput.general(data, "math"), level, dir.resolve("vam-general-" + level));
            assertThat(leanOut.replaceAll(" in [0-9.]+ ?m?s", "").replace("vam-lean-", "vam-"))
                    .isEqualTo(generalOut.replaceAll(" in [0-9.]+ ?m?s", "").replace("vam-general-", "vam-"));
            for (String file : new String[] {"vam.csv", "components.json"}) {
                assertThat(Files.readAllBytes(dir.resolve("vam-lean-" + level).resolve(file)))
                        .isEqualTo(Files.readAllBytes(dir.resolve("vam-general-" + level).resolve(file)));
            }
            assertThat(Files.readAllLines(dir.resolve("vam-lean-" + level).resolve("vam.csv"))).hasSizeGreaterThan(10);
        }
    }

    /**
     * `growth vam` assembles its rows from the lean reader's arrays, without GrowthInput's maps: the rows, in their
     * order (the REML sums depend on it), must be those the general reader's maps give, with and without a history,
     * for the latest and an earlier year; and the command must write the general reader's files.
     */
    @Test
    void valueAddedRowsFromTheArraysAreTheMapsRowsInTheSameOrder() throws Exception {
        for (String data : new String[] {"d", "bare"}) {
            Path d = dir.resolve(data);
            GrowthInput general = GrowthInput.general(d, "math");
            int latest = general.latestYear();
            for (String level : new String[] {"school", "section"}) {
                for (Integer year : level.equals("school") ? new Integer[] {null, latest - 1} : new Integer[] {null}) {
                    VamRows expected = VamRows.of(general, year, level, "math");
                    VamRows actual = VamRows.of(d, org.mosaic.io.GrowthCsv.read(d, "math"), year, level, "math");
                    assertThat(actual.rows()).containsExactlyElementsOf(expected.rows());
                    assertThat(actual).isEqualTo(expected);
                }
                assertThat(VamRows.of(general, null, level, "math").rows()).hasSizeGreaterThan(1000);
                Path out = dir.resolve("vam-arrays-" + data + "-" + level);
                VamRun.run(d, "math", null, level, out, new PrintWriter(new StringWriter()));
                Path oracle = dir.resolve("vam-oracle-" + data + "-" + level);
                run(general, level, oracle);
                for (String file : new String[] {"vam.csv", "components.json"}) {
                    assertThat(Files.readAllBytes(out.resolve(file))).isEqualTo(Files.readAllBytes(oracle.resolve(file)));
                }
            }
        }
    }

    private static String run(GrowthInput input, String level, Path out) throws Exception {
        StringWriter text = new StringWriter();
        VamRun.run(input, "math", null, level, out, new PrintWriter(text), Instant.now());
        return text.toString();
    }
}
