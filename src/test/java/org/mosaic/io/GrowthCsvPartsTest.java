package org.mosaic.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosaic.io.synthetic.GeneratorOptions;
import org.mosaic.io.synthetic.SyntheticDistrict;
import org.mosaic.model.BadInputException;
import org.mosaic.model.InputProblem;
import org.mosaic.model.Progress;

/**
 * The lean reader reads large files in parts on several threads. The oracle is the same reader in one pass
 * (partBytes 0): for every part size, a clean dataset must give equal arrays, and a dataset with problems the same
 * problems; a part cut inside a quoted field must be noticed (checked against where the test put its line breaks).
 */
class GrowthCsvPartsTest {
    @TempDir
    static Path dir;

    private static final long[] PART_SIZES = {997, 4096, 12_345, 65_536};

    @BeforeAll
    static void generate() throws Exception {
        SyntheticDistrict.generate(GeneratorOptions.of(11, 3_000), dir.resolve("d"), Progress.NONE);
    }

    @Test
    void aGeneratedDistrictReadInPartsIsTheSameAsInOnePass() {
        Path d = dir.resolve("d");
        GrowthCsv.Data oracle = GrowthCsv.read(d, "math", 0, file -> { });
        assertThat(oracle.scores().size()).isGreaterThan(5_000);
        assertThat(oracle.history().size()).isGreaterThan(5_000);
        for (long part : PART_SIZES) {
            List<String> onePass = new ArrayList<>();
            GrowthCsv.Data parts = GrowthCsv.read(d, "math", part, onePass::add);
            // every file is at least two parts long, so none may have fallen back to one pass
            assertThat(onePass).as("files read in one pass with parts of %d bytes", part).isEmpty();
            assertSameData(parts, oracle);
        }
        // the default part size on this small district reads every file in one pass
        List<String> onePass = new ArrayList<>();
        assertSameData(GrowthCsv.read(d, "reading", CsvChunks.DEFAULT_PART_BYTES, onePass::add),
                GrowthCsv.read(d, "reading", 0, file -> { }));
        assertThat(onePass).containsExactly("students.csv", "scores.csv", "enrollments.csv");
    }

    @Test
    void idsOnlyTheEnrollmentHistoryNamesAreNumberedInOrderOfFirstAppearance() throws IOException {
        Path d = copy("leavers");
        // leavers spread through the file, each appearing more than once, out of order
        List<String> lines = new ArrayList<>(Files.readAllLines(d.resolve("enrollments.csv")));
        Random random = new Random(5);
        for (int k = 0; k < 300; k++) {
            int leaver = random.nextInt(120);
            int year = 2010 + random.nextInt(40);
            lines.add(1 + random.nextInt(lines.size() - 1), "X" + leaver + "," + year + ",E001,1");
        }
        String text = String.join("\n", dedupe(lines)) + "\n";
        Files.writeString(d.resolve("enrollments.csv"), text);
        GrowthCsv.Data oracle = GrowthCsv.read(d, "math", 0, file -> { });
        assertThat(oracle.students().ids().size()).isGreaterThan(oracle.students().count() + 50);
        for (long part : PART_SIZES) {
            List<String> onePass = new ArrayList<>();
            assertSameData(GrowthCsv.read(d, "math", part, onePass::add), oracle);
            assertThat(onePass).isEmpty();
        }
    }

    @Test
    void aCutInsideAQuotedFieldIsNoticedAndTheFileReadInOnePass() throws IOException {
        Path d = copy("quoted");
        // three names with line breaks, commas and doubled quotes inside their quotes
        List<String> lines = new ArrayList<>(Files.readAllLines(d.resolve("students.csv")));
        String header = lines.get(0);
        int nameColumn = Arrays.asList(header.split(",")).indexOf("given_name");
        assertThat(nameColumn).isPositive();
        List<Integer> quotedRows = List.of(lines.size() / 5, lines.size() / 2, lines.size() - 3);
        for (int row : quotedRows) {
            String[] cells = lines.get(row).split(",", -1);
            cells[nameColumn] = "\"Ann\nMarie, \"\"Jr\"\"\n\n" + "x\n".repeat(1500) + "\"";
            lines.set(row, String.join(",", cells));
        }
        String text = String.join("\n", lines) + "\n";
        Files.writeString(d.resolve("students.csv"), text);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<long[]> quotedSpans = quotedSpans(bytes);
        assertThat(quotedSpans).hasSize(3);
        GrowthCsv.Data oracle = GrowthCsv.read(d, "math", 0, file -> { });
        int cutInQuotes = 0;
        int clean = 0;
        for (long part = 900; part < 40_000; part = part * 5 / 4) {
            List<String> onePass = new ArrayList<>();
            GrowthCsv.Data parts = GrowthCsv.read(d, "math", part, onePass::add);
            assertSameData(parts, oracle);
            long headerEnd = text.indexOf('\n') + 1;
            boolean inQuotes = false;
            for (long[] r : CsvChunks.cuts(d.resolve("students.csv"), headerEnd, bytes.length, part)) {
                for (long[] q : quotedSpans) {
                    inQuotes |= r[1] > q[0] && r[1] <= q[1];
                }
            }
            assertThat(onePass.contains("students.csv")).as("one pass with parts of %d bytes", part)
                    .isEqualTo(inQuotes);
            cutInQuotes += inQuotes ? 1 : 0;
            clean += inQuotes ? 0 : 1;
        }
        assertThat(cutInQuotes).as("part sizes that cut a quoted field").isPositive();
        assertThat(clean).as("part sizes that cut none").isPositive();
    }

    @Test
    void problemsAnywhereReadExactlyAsInOnePass() throws IOException {
        List<Case> cases = List.of(
                new Case("students.csv", lines -> {
                    // the first student's id again on the last line: a duplicate across parts
                    lines.add(lines.get(1));
                    return lines;
                }),
                new Case("scores.csv", lines -> {
                    lines.add(lines.size() - 2, "NOBODY,math,2026,200,,,");
                    lines.add("S0000001,math,20x6,200,,,");
                    return lines;
                }),
                new Case("enrollments.csv", lines -> {
                    // a second row for the first student and year, far from the first
                    lines.add(lines.get(1));
                    return lines;
                }),
                new Case("enrollments.csv", lines -> {
                    // a first grader six years on: more than one grade a year, across parts
                    String[] c = lines.get(1).split(",");
                    lines.add(c[0] + "," + (Integer.parseInt(c[1]) + 1) + "," + c[2] + ",12");
                    return lines;
                }),
                new Case("enrollments.csv", lines -> {
                    lines.add("=cmd()," + "2026,E001,1");
                    return lines;
                }),
                new Case("scores.csv", lines -> {
                    lines.add("S0000002,\"math\n\",2026,200,,,");
                    lines.add("S0000002,math,2026,200,\"unclosed,,");
                    return lines;
                }));
        int k = 0;
        for (Case c : cases) {
            Path d = copy("bad" + k++);
            Path file = d.resolve(c.file);
            List<String> lines = c.edit.apply(new ArrayList<>(Files.readAllLines(file)));
            Files.writeString(file, String.join("\n", lines) + "\n");
            List<InputProblem> oracle = refused(d, 0);
            assertThat(oracle).as(c.file).isNotEmpty();
            for (long part : PART_SIZES) {
                assertThat(refused(d, part)).as("%s in parts of %d bytes", c.file, part).isEqualTo(oracle);
            }
        }
    }

    @Test
    void aFileChangedSinceItsManifestIsRefusedAsInOnePass() throws IOException {
        Path d = copy("changed");
        Manifest.write(d, RunManifest.of("generate", 11L, java.util.Map.of(), List.of()));
        assertThat(refused(d, 4096)).isEmpty();
        Path scores = d.resolve("scores.csv");
        byte[] b = Files.readAllBytes(scores);
        b[b.length - 2] = (byte) (b[b.length - 2] == '1' ? '2' : '1');
        Files.write(scores, b);
        List<InputProblem> oracle = refused(d, 0);
        assertThat(oracle).singleElement().extracting(InputProblem::expected).asString()
                .contains("SHA-256");
        assertThat(refused(d, 4096)).isEqualTo(oracle);
    }

    private record Case(String file, UnaryOperator<List<String>> edit) {
    }

    private static List<InputProblem> refused(Path d, long part) {
        try {
            GrowthCsv.read(d, "math", part, file -> { });
        } catch (BadInputException e) {
            return e.problems();
        }
        return List.of();
    }

    /** [open quote, closing quote] byte offsets of each quoted field that holds a line break. */
    private static List<long[]> quotedSpans(byte[] b) {
        List<long[]> out = new ArrayList<>();
        boolean in = false;
        long open = 0;
        boolean lineBreak = false;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '"') {
                if (in && i + 1 < b.length && b[i + 1] == '"') {
                    i++;
                    continue;
                }
                if (in && lineBreak) {
                    out.add(new long[] {open, i});
                }
                in = !in;
                open = i;
                lineBreak = false;
            } else if (b[i] == '\n' && in) {
                lineBreak = true;
            }
        }
        return out;
    }

    private static List<String> dedupe(List<String> lines) {
        // one row per leaver and year, as the history's rule asks; later copies go
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            String[] c = l.split(",");
            if (!c[0].startsWith("X") || seen.add(c[0] + "," + c[1])) {
                out.add(l);
            }
        }
        return out;
    }

    /** The generated district without its manifest, so that the test may edit its files. */
    private static Path copy(String name) throws IOException {
        Path d = dir.resolve(name);
        copyTree(dir.resolve("d"), d);
        Files.deleteIfExists(d.resolve("manifest.json"));
        return d;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    static void assertSameData(GrowthCsv.Data a, GrowthCsv.Data b) {
        assertThat(a.schools()).isEqualTo(b.schools());
        GrowthCsv.Students s = a.students();
        GrowthCsv.Students t = b.students();
        assertThat(s.ids()).isEqualTo(t.ids());
        assertThat(s.count()).isEqualTo(t.count());
        assertThat(s.grade()).isEqualTo(t.grade());
        assertThat(s.school()).isEqualTo(t.school());
        assertThat(s.traits()).isEqualTo(t.traits());
        assertThat(s.race()).isEqualTo(t.race());
        assertThat(a.scores().size()).isEqualTo(b.scores().size());
        assertThat(a.scores().student()).isEqualTo(b.scores().student());
        assertThat(a.scores().year()).isEqualTo(b.scores().year());
        assertThat(a.scores().score()).isEqualTo(b.scores().score());
        GrowthCsv.History h = a.history();
        GrowthCsv.History g = b.history();
        assertThat(h.present()).isEqualTo(g.present());
        assertThat(h.size()).isEqualTo(g.size());
        assertThat(h.student()).isEqualTo(g.student());
        assertThat(h.year()).isEqualTo(g.year());
        assertThat(h.school()).isEqualTo(g.school());
        assertThat(h.grade()).isEqualTo(g.grade());
    }
}
