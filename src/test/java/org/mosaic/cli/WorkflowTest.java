package org.mosaic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosaic.CliRun;
import org.mosaic.TestDirs;
import org.mosaic.io.MosaicCsvReader;
import org.mosaic.io.MosaicFiles;
import org.mosaic.io.synthetic.ElmhurstPreset;
import org.mosaic.io.synthetic.GeneratorOptions;
import org.mosaic.io.synthetic.SyntheticDistrict;
import org.mosaic.model.Dataset;
import org.mosaic.model.RosterEntry;
import org.mosaic.model.Section;
import org.mosaic.model.Student;

/**
 * The commands chain without conversion by hand: enroll --apply gives next year's dataset, sections reads it and
 * --apply gives the dataset with the formed classes, which groups and measure read. Each link is checked against the
 * files the previous command wrote, read here independently of the code that wrote them.
 */
class WorkflowTest {
    @TempDir
    static Path tmp;

    @BeforeAll
    static void elmhurst() {
        ElmhurstPreset.write(1, tmp.resolve("elm"));
    }

    private static CliRun sections(String out, String apply) {
        return CliRun.of("sections", "--data", tmp.resolve("elm").toString(), "--school", "elmhurst", "--grade", "6",
                "--subject", "math", "--sections", "4", "--capacity", "32", "--time-limit", "2", "--out",
                tmp.resolve(out).toString(), "--apply", tmp.resolve(apply).toString());
    }

    /** CSV rows without the header, split on commas (the files checked here hold no quoted fields). */
    private static List<String[]> rows(Path file) throws IOException {
        return Files.readAllLines(file).stream().skip(1).map(l -> l.split(",", -1)).toList();
    }

    @Test
    void sectionsOutWritesTheClassesInDatasetFormatAndApplyPutsThemIntoACopy() throws Exception {
        CliRun run = sections("s", "classes");
        assertThat(run.exitCode()).as(run.err()).isZero();
        Path out = tmp.resolve("s");
        assertThat(Files.readAllLines(out.resolve("sections.csv")).get(0))
                .isEqualTo(String.join(",", MosaicFiles.SECTION_COLUMNS));
        assertThat(Files.readAllLines(out.resolve("rosters.csv")).get(0)).isEqualTo("section_id,student_id");
        assertThat(Files.readAllLines(out.resolve("section_stats.csv")).get(0)).startsWith("section_id,size,mean,sd");
        assertThat(Files.readString(out.resolve("report.html"))).contains("Class list: elmhurst-g6-math-1");

        // rosters.csv agrees with placements.csv, one row per placed student.
        Map<String, String> placed = new HashMap<>();
        for (String[] r : rows(out.resolve("placements.csv"))) {
            placed.put(r[0], r[2]);
        }
        Map<String, String> rostered = new HashMap<>();
        for (String[] r : rows(out.resolve("rosters.csv"))) {
            assertThat(rostered.put(r[1], r[0])).as("student %s on two rosters", r[1]).isNull();
        }
        assertThat(rostered).isEqualTo(placed).hasSize(125);

        Dataset before = MosaicCsvReader.read(tmp.resolve("elm"));
        Dataset after = MosaicCsvReader.read(tmp.resolve("classes"));
        Set<String> formed = new HashSet<>();
        rows(out.resolve("sections.csv")).forEach(r -> formed.add(r[0]));
        List<Section> grade6Math = after.sections().stream()
                .filter(s -> s.schoolId().equals("elmhurst") && s.grade() == 6 && s.subject().equals("math")).toList();
        assertThat(grade6Math).extracting(Section::id).containsExactlyInAnyOrderElementsOf(formed);
        Map<String, String> appliedRoster = new HashMap<>();
        for (RosterEntry r : after.rosters()) {
            if (formed.contains(r.sectionId())) {
                appliedRoster.put(r.studentId(), r.sectionId());
            }
        }
        assertThat(appliedRoster).isEqualTo(placed);
        // Every other class, its roster and every other file are as they were.
        assertThat(after.sections().size()).isEqualTo(before.sections().size());
        assertThat(after.rosters().stream().filter(r -> !formed.contains(r.sectionId())).toList())
                .isEqualTo(before.rosters().stream().filter(r -> !formed.contains(r.sectionId())).toList());
        assertThat(after.students()).isEqualTo(before.students());
        assertThat(Files.mismatch(tmp.resolve("elm/scores.csv"), tmp.resolve("classes/scores.csv"))).isEqualTo(-1);
    }

    @Test
    void groupsAndMeasureReadTheAppliedClasses() {
        CliRun run = sections("s2", "classes2");
        assertThat(run.exitCode()).as(run.err()).isZero();
        String classes = tmp.resolve("classes2").toString();
        CliRun groups = CliRun.of("groups", "--data", classes, "--section", "elmhurst-g6-math-2", "--subject", "math",
                "--out", tmp.resolve("g").toString());
        assertThat(groups.exitCode()).as(groups.err()).isZero();
        assertThat(groups.out()).startsWith("elmhurst-g6-math-2: ");
        CliRun measure = CliRun.of("measure", "--data", classes, "--by", "frl", "--levels", "school,section",
                "--out", tmp.resolve("m").toString());
        assertThat(measure.exitCode()).as(measure.err()).isZero();
        assertThat(measure.out()).contains("between sections within schools");
        // sections reads its own applied copy again: the classes it formed are now the dataset's sections.
        CliRun again = CliRun.of("sections", "--data", classes, "--school", "elmhurst", "--grade", "6", "--subject",
                "math", "--sections", "4", "--capacity", "32", "--time-limit", "2", "--out",
                tmp.resolve("s6").toString(), "--apply", tmp.resolve("classes3").toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
    }

    @Test
    void applyRefusesToWriteOverTheInputDataset() throws Exception {
        byte[] rosters = Files.readAllBytes(tmp.resolve("elm/rosters.csv"));
        CliRun run = sections("s3", "elm");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--apply").contains("is the --data folder");
        assertThat(Files.readAllBytes(tmp.resolve("elm/rosters.csv"))).isEqualTo(rosters);
        assertThat(tmp.resolve("s3")).doesNotExist();
    }

    @Test
    void enrollApplyMakesTheAssignmentNextYearsSchool() throws Exception {
        Path data = tmp.resolve("tiny");
        TestDirs.copyTree(TestDirs.resource("datasets/tiny"), data);
        CliRun run = CliRun.of("enroll", "--data", data.toString(), "--out", tmp.resolve("e").toString(), "--apply",
                tmp.resolve("tiny-next").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Applied: ");
        Dataset next = MosaicCsvReader.read(tmp.resolve("tiny-next"));
        Map<String, Student> byId = next.district().studentsById();
        List<String[]> assignment = rows(tmp.resolve("e/assignment.csv"));
        assertThat(assignment).isNotEmpty();
        for (String[] a : assignment) {
            assertThat(byId.get(a[0]).schoolId()).as(a[0]).isEqualTo(a[2]);
        }
        Dataset before = MosaicCsvReader.read(data);
        Set<String> applicants = new HashSet<>();
        assignment.forEach(a -> applicants.add(a[0]));
        for (Student s : before.students()) {
            if (!applicants.contains(s.id())) {
                assertThat(byId.get(s.id())).isEqualTo(s);
            }
        }
        assertThat(Files.mismatch(data.resolve("choices.csv"), tmp.resolve("tiny-next/choices.csv"))).isEqualTo(-1);
    }

    /** The whole chain on a small generated district: enroll → sections → groups → measure, each on the last output. */
    @Test
    void aGeneratedDistrictChainsFromEnrollmentToGroups() throws Exception {
        Path district = tmp.resolve("district");
        SyntheticDistrict.generate(GeneratorOptions.of(3, 2000), district, org.mosaic.model.Progress.NONE);
        Path next = tmp.resolve("next");
        CliRun enroll = CliRun.of("enroll", "--data", district.toString(), "--quiet", "--out",
                tmp.resolve("enroll").toString(), "--apply", next.toString());
        assertThat(enroll.exitCode()).as(enroll.err()).isZero();
        Dataset nextYear = MosaicCsvReader.read(next);
        String school = SectionsStage.middleSchool(nextYear).id();
        long grade6 = nextYear.students().stream().filter(s -> s.schoolId().equals(school) && s.grade() == 6)
                .count();
        // Next year's grade 6 at this school is who enroll assigned there, plus non-applicants already there.
        long assignedHere = rows(tmp.resolve("enroll/assignment.csv")).stream()
                .filter(a -> a[1].equals("6") && a[2].equals(school)).count();
        assertThat(grade6).isGreaterThanOrEqualTo(assignedHere).isPositive();

        Path classes = tmp.resolve("district-classes");
        int count = (int) Math.ceil(grade6 / 30.0);
        CliRun sections = CliRun.of("sections", "--data", next.toString(), "--school", school, "--grade", "6",
                "--subject", "math", "--sections", Integer.toString(count), "--capacity", "30", "--time-limit", "2",
                "--out", tmp.resolve("district-sections").toString(), "--apply", classes.toString());
        assertThat(sections.exitCode()).as(sections.err()).isZero();
        assertThat(rows(tmp.resolve("district-sections/rosters.csv"))).hasSize((int) grade6);

        String first = rows(tmp.resolve("district-sections/sections.csv")).get(0)[0];
        CliRun groups = CliRun.of("groups", "--data", classes.toString(), "--section", first, "--subject", "math",
                "--out", tmp.resolve("district-groups").toString());
        assertThat(groups.exitCode()).as(groups.err()).isZero();
        CliRun measure = CliRun.of("measure", "--data", classes.toString(), "--out",
                tmp.resolve("district-measure").toString());
        assertThat(measure.exitCode()).as(measure.err()).isZero();
    }
}
