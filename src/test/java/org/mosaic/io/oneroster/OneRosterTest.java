package org.mosaic.io.oneroster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mosaic.CliRun;
import org.mosaic.PropertySeed;
import org.mosaic.TestDirs;
import org.mosaic.io.MosaicCsvReader;
import org.mosaic.model.BadInputException;
import org.mosaic.model.Dataset;
import org.mosaic.model.Gender;
import org.mosaic.model.Race;
import org.mosaic.model.RosterEntry;
import org.mosaic.model.Section;
import org.mosaic.model.Student;

class OneRosterTest {
    @ParameterizedTest
    @ValueSource(strings = {"v1p1", "v1p2"})
    void importsStudentsSchoolsClassesAndTheMetadataExtensions(String version) {
        Dataset d = OneRosterImport.read(TestDirs.resource("oneroster/" + version));
        assertThat(d.students()).hasSize(30);
        assertThat(d.schools()).extracting(s -> s.id()).containsExactly("org-ms", "org-ch");
        assertThat(d.schools().get(1).type().code()).isEqualTo("charter");
        assertThat(d.schools().get(0).clusterId()).isEqualTo("C1");
        assertThat(d.schools().get(0).capacity(7)).isEqualTo(40);
        Student s1 = d.district().studentsById().get("stu-001");
        assertThat(s1.race()).isEqualTo(Race.HISPANIC);
        assertThat(s1.schoolId()).isEqualTo("org-ms");
        assertThat(s1.grade()).isEqualTo(6);
        assertThat(s1.givenName()).isEqualTo("Given1");
        assertThat(d.district().studentsById().get("stu-002").race()).isEqualTo(Race.TWO_OR_MORE);
        assertThat(d.students()).anyMatch(Student::frl).anyMatch(s -> !s.frl()).anyMatch(Student::iep)
                .allMatch(s -> s.sesTier() >= 1 && s.sesTier() <= 4);
        assertThat(d.sections()).hasSize(4);
        Section m1 = d.section("cls-m6-1").orElseThrow();
        assertThat(m1.subject()).isEqualTo("math");
        assertThat(m1.coTaught()).isTrue();
        assertThat(m1.teacher()).isEqualTo("tch-1");
        assertThat(m1.course()).isEqualTo("crs-m6");
        assertThat(m1.term()).isEqualTo("term-2627");
        assertThat(d.section("cls-r6-1").orElseThrow().subject()).isEqualTo("reading");
        // 24 students in two subjects; the tobedeleted enrollment is skipped.
        assertThat(d.rosters()).hasSize(48).noneMatch(r -> r.studentId().equals("stu-025"));
        if (version.equals("v1p2")) {
            assertThat(d.students()).anyMatch(s -> s.gender() == Gender.OTHER || s.gender() == Gender.UNSPECIFIED
                    || s.gender() == Gender.MALE);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1p1", "v1p2"})
    void importExportImportRoundTripKeepsIds(String version, @TempDir Path tmp) throws IOException {
        Path original = TestDirs.resource("oneroster/" + version);
        CliRun in = CliRun.of("oneroster", "import", "--in", original.toString(), "--out", tmp.resolve("ds")
                .toString());
        assertThat(in.exitCode()).as(in.err()).isZero();
        String v = version.equals("v1p1") ? "1.1" : "1.2";
        CliRun out = CliRun.of("oneroster", "export", "--data", tmp.resolve("ds").toString(), "--out",
                tmp.resolve("back").toString(), "--version", v);
        assertThat(out.exitCode()).as(out.err()).isZero();
        assertThat(Files.readString(tmp.resolve("back/manifest.csv"))).contains("oneroster.version," + v)
                .contains("file.classes,bulk").contains("file.users,absent");
        // The SIS takes the classes back: the original set with our classes and enrollments re-imports the same.
        TestDirs.copyTree(original, tmp.resolve("sis"));
        Files.copy(tmp.resolve("back/classes.csv"), tmp.resolve("sis/classes.csv"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(tmp.resolve("back/enrollments.csv"), tmp.resolve("sis/enrollments.csv"),
                StandardCopyOption.REPLACE_EXISTING);
        Dataset first = MosaicCsvReader.read(tmp.resolve("ds"));
        Dataset again = OneRosterImport.read(tmp.resolve("sis"));
        assertThat(sorted(again.rosters())).isEqualTo(sorted(first.rosters()));
        assertThat(again.sections()).extracting(Section::id, Section::schoolId, Section::grade, Section::subject,
                Section::course, Section::term, Section::teacher, Section::period)
                .containsExactlyElementsOf(first.sections().stream().map(s -> org.assertj.core.groups.Tuple.tuple(
                        s.id(), s.schoolId(), s.grade(), s.subject(), s.course(), s.term(), s.teacher(), s.period()))
                        .toList());
        // Deterministic: exporting twice gives the same bytes.
        CliRun twice = CliRun.of("oneroster", "export", "--data", tmp.resolve("ds").toString(), "--out",
                tmp.resolve("back2").toString(), "--version", v);
        assertThat(twice.exitCode()).isZero();
        assertThat(Files.mismatch(tmp.resolve("back/enrollments.csv"), tmp.resolve("back2/enrollments.csv")))
                .isEqualTo(-1);
    }

    private static List<String> sorted(List<RosterEntry> r) {
        return r.stream().map(e -> e.sectionId() + "/" + e.studentId()).sorted().toList();
    }

    static Path broken(Path tmp, String file, String from, String to) throws IOException {
        Path dir = tmp.resolve("broken");
        TestDirs.copyTree(TestDirs.resource("oneroster/v1p1"), dir);
        String text = Files.readString(dir.resolve(file));
        assertThat(text).contains(from);
        Files.writeString(dir.resolve(file), text.replaceFirst(java.util.regex.Pattern.quote(from), to));
        return dir;
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "enrollments.csv|cls-m6-1,org-ms,stu-003|cls-m6-1,org-ms,stu-999|enrollments.csv, line 6, column 6 "
                    + "(usersourcedid): found 'stu-999'; expected a sourcedId listed in users.csv",
            "enrollments.csv|cls-m6-2,org-ms,stu-002|cls-x6-2,org-ms,stu-002|column 4 (classsourcedid): found "
                    + "'cls-x6-2'",
            "classes.csv|Math 6, period 1\",06|Math 6, period 1\",6th|classes.csv, line 2, column 5 (grades): found "
                    + "'6th'",
            "demographics.csv|stu-001,active|stu-001,active|",
            "users.csv|stu-002,active|stu-001,active|users.csv, line 3, column 1 (sourcedid): found 'stu-001'; "
                    + "expected a sourcedId used once in users.csv",
            "manifest.csv|oneroster.version,1.1|oneroster.version,2.0|manifest.csv, line 3, column 2 (value): found"
                    + " '2.0'; expected oneroster.version 1.1 or 1.2",
            "orgs.csv|sourcedId,status|id,status|orgs.csv, line 1: the header line lacks the required column(s) "
                    + "sourcedid"})
    void malformedSetsAreRejectedWithFileLineAndColumn(String spec, @TempDir Path tmp) throws IOException {
        String[] p = spec.split("\\|", -1);
        if (p[3].isEmpty()) {
            // A bad boolean in a race column of demographics.csv.
            Path dir = broken(tmp, "demographics.csv", ",2014-05-02,", ",2014-05-02,");
            String text = Files.readString(dir.resolve("demographics.csv"));
            String[] lines = text.split("\n");
            String[] cells = lines[1].split(",", -1);
            cells[5] = "maybe";
            lines[1] = String.join(",", cells);
            Files.writeString(dir.resolve("demographics.csv"), String.join("\n", lines) + "\n");
            CliRun run = CliRun.of("oneroster", "import", "--in", dir.toString(), "--out",
                    tmp.resolve("out").toString());
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("demographics.csv, line 2, column 6 (americanindianoralaskanative): "
                    + "found a value not shown here (americanindianoralaskanative is personal data); expected true or false");
            assertThat(Files.exists(tmp.resolve("out"))).isFalse();
            return;
        }
        Path dir = broken(tmp, p[0], p[1], p[2]);
        CliRun run = CliRun.of("oneroster", "import", "--in", dir.toString(), "--out", tmp.resolve("out").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(p[3]).doesNotContain("Exception");
        assertThat(Files.exists(tmp.resolve("out"))).isFalse();
    }

    @Provide
    Arbitrary<byte[]> garbage() {
        return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
                Arbitraries.strings().withChars("abstu-0169,\"\r\ntruefalse.KG").ofMaxLength(300)
                        .map(s -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Property(tries = 120, seed = PropertySeed.FIXED)
    void garbageNeverCrashesTheImport(@ForAll @IntRange(min = 0, max = 7) int file, @ForAll("garbage") byte[] bytes)
            throws IOException {
        String[] files = {"manifest.csv", "orgs.csv", "academicSessions.csv", "courses.csv", "classes.csv",
                "users.csv", "enrollments.csv", "demographics.csv"};
        Path dir = Files.createTempDirectory("or-garbage");
        try {
            TestDirs.copyTree(TestDirs.resource("oneroster/v1p1"), dir);
            byte[] header = (Files.readAllLines(dir.resolve(files[file])).get(0) + "\n").getBytes();
            byte[] content = new byte[header.length + bytes.length];
            System.arraycopy(header, 0, content, 0, header.length);
            System.arraycopy(bytes, 0, content, header.length, bytes.length);
            Files.write(dir.resolve(files[file]), content);
            try {
                OneRosterImport.read(dir);
            } catch (BadInputException e) {
                assertThat(e.problems()).isNotEmpty();
            }
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
            }
        }
    }
}
