package org.mosaic.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.mosaic.io.CheckedDataset;
import org.mosaic.io.DatasetCollector;
import org.mosaic.io.MosaicCsvReader;
import org.mosaic.io.MosaicCsvWriter;
import org.mosaic.io.MosaicFiles;
import org.mosaic.model.BadInputException;
import org.mosaic.model.Dataset;
import org.mosaic.model.District;
import org.mosaic.model.RosterEntry;
import org.mosaic.model.Student;

/** The behaviour every backend must show; subclasses supply a fresh, empty database. */
abstract class MosaicStoreContract {
    private static final List<String> DATASET_TABLES = List.of("schools", "school_capacities", "clusters",
            "cluster_schools", "students", "scores", "choices", "priorities", "requests", "sections", "rosters");

    /** Dataset folders written by the tests. */
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path scratch;

    abstract DbUrl freshDatabase() throws Exception;

    /** Whether the backend tells which row of a batch it refused (so errors can name that row's ids). */
    abstract boolean namesRefusedRow();

    @Test
    void savedDatasetLoadsBackEqual() throws Exception {
        Dataset original = SyntheticDataset.of(600, 7);
        try (MosaicStore store = MosaicStore.open(freshDatabase())) {
            long id = store.save(original, "spring-2025", "test");
            Dataset loaded = store.load("spring-2025");
            assertThat(loaded).isEqualTo(original);
            assertThat(store.load(id)).isEqualTo(original);
            // Spot checks that the equality above covered what matters most.
            assertThat(loaded.scores()).filteredOn(s -> s.gradeEquivalent().isEmpty()).isNotEmpty();
            assertThat(loaded.scores()).filteredOn(s -> s.gradeEquivalent().isPresent()).isNotEmpty();
            assertThat(loaded.students().get(1).givenName()).isEqualTo("Zoë1");
            assertThat(loaded.students().get(1).familyName()).isEqualTo("O'Brien-1");
            assertThat(loaded.students()).filteredOn(s -> s.iep() && s.ell()).isNotEmpty();
            assertThat(loaded.schools().get(0).capacityByGrade()).isEqualTo(original.schools().get(0).capacityByGrade());
            assertThat(DatasetChecksum.of(loaded)).isEqualTo(DatasetChecksum.of(original));

            DatasetInfo info = store.find("spring-2025").orElseThrow();
            assertThat(info.id()).isEqualTo(id);
            assertThat(info.students()).isEqualTo(600);
            assertThat(info.scores()).isEqualTo(600 * 15);
            assertThat(info.districtId()).isEqualTo("synthetic-7");
            assertThat(info.checksum()).isEqualTo(DatasetChecksum.of(original));
        }
    }

    @Test
    void failedSaveLeavesNothingBehind() throws Exception {
        Dataset good = SyntheticDataset.of(200, 3);
        List<RosterEntry> rosters = new ArrayList<>(good.rosters());
        rosters.add(rosters.get(0)); // a duplicate key in the last table written
        Dataset bad = new Dataset(good.district(), good.scores(), good.choices(), good.priorities(), good.requests(),
                good.sections(), rosters);
        try (MosaicStore store = MosaicStore.open(freshDatabase())) {
            long other = store.save(good, "kept", "test");
            assertThatThrownBy(() -> store.save(bad, "broken", "test"))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining("rosters")
                    .hasMessageContaining("nothing was saved")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Zoë").doesNotContain("O'Brien"));
            assertThat(store.find("broken")).isEmpty();
            assertThat(store.list()).extracting(DatasetInfo::name).containsExactly("kept");
            for (String table : DATASET_TABLES) {
                // No row of any dataset other than the kept one: the failed save's rows were all rolled back.
                assertThat(store.countRows(table, other + 1)).as(table).isZero();
            }
            assertThat(store.countRows("scores", other)).isEqualTo(200 * 15);
            assertThat(store.load("kept")).isEqualTo(good);
            // The name is free again and the corrected dataset saves.
            store.save(good, "broken", "test");
            assertThat(store.list()).extracting(DatasetInfo::name).containsExactly("kept", "broken");
        }
    }

    @Test
    void duplicateNameIsRefusedAndDeleteRemovesEverything() throws Exception {
        Dataset d = SyntheticDataset.of(100, 5);
        try (MosaicStore store = MosaicStore.open(freshDatabase())) {
            long id = store.save(d, "a", "test");
            assertThatThrownBy(() -> store.save(d, "a", "test")).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("--name");
            long run = store.startRun(id, "enroll", "{}", OptionalLong.of(1));
            store.saveAssignments(run, List.of(new Assignment("S000001", "SCH001", "choice 1")));
            assertThat(store.delete("a")).isTrue();
            assertThat(store.delete("a")).isFalse();
            assertThat(store.list()).isEmpty();
            assertThat(store.runs()).isEmpty();
            for (String table : DATASET_TABLES) {
                assertThat(store.countRows(table, id)).as(table).isZero();
            }
            assertThatThrownBy(() -> store.load("a")).isInstanceOf(BadInputException.class);
        }
    }

    @Test
    void runsAreRecordedWithTheirOutputs() throws Exception {
        Dataset d = SyntheticDataset.of(50, 9);
        try (MosaicStore store = MosaicStore.open(freshDatabase())) {
            long id = store.save(d, "fall", "test");
            long run = store.startRun(id, "enroll", "{\"seed\":42}", OptionalLong.of(42));
            RunRecord running = store.runs().get(0);
            assertThat(running.status()).isEqualTo(RunRecord.RUNNING);
            assertThat(running.finishedAt()).isNull();
            store.saveAssignments(run, List.of(new Assignment("S000002", "SCH001", "choice 2"),
                    new Assignment("S000001", "", "unassigned")));
            store.savePlacements(run, List.of(new Placement("S000001", "SEC1")));
            store.finishRun(run, RunRecord.SUCCEEDED, "{\"assigned\":1}");
            long free = store.startRun(null, "measure", "{}", OptionalLong.empty());

            List<RunRecord> runs = store.runs();
            assertThat(runs).hasSize(2);
            RunRecord r = runs.get(0);
            assertThat(r.id()).isEqualTo(run);
            assertThat(r.datasetId()).isEqualTo(id);
            assertThat(r.command()).isEqualTo("enroll");
            assertThat(r.parameters()).isEqualTo("{\"seed\":42}");
            assertThat(r.seed()).isEqualTo(OptionalLong.of(42));
            assertThat(r.status()).isEqualTo(RunRecord.SUCCEEDED);
            assertThat(r.summary()).isEqualTo("{\"assigned\":1}");
            assertThat(r.finishedAt()).isAfterOrEqualTo(r.startedAt());
            assertThat(runs.get(1).id()).isEqualTo(free);
            assertThat(runs.get(1).datasetId()).isNull();
            assertThat(runs.get(1).seed()).isEmpty();
            assertThat(store.assignments(run)).containsExactly(new Assignment("S000001", "", "unassigned"),
                    new Assignment("S000002", "SCH001", "choice 2"));
            assertThat(store.placements(run)).containsExactly(new Placement("S000001", "SEC1"));
            // A failed output batch leaves no partial output.
            assertThatThrownBy(() -> store.savePlacements(run, List.of(new Placement("S000009", "SEC2"),
                    new Placement("S000001", "SEC1")))).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("run_placements");
            assertThat(store.placements(run)).hasSize(1);
        }
    }

    /** Migration 4: a save checks no foreign key per row; delete does the cascade's work (tested above). */
    @Test
    void datasetTablesHaveNoForeignKeysAfterMigration4() throws Exception {
        DbUrl db = freshDatabase();
        MosaicStore.migrate(db);
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT LOWER(table_name) FROM information_schema.table_constraints"
                     + " WHERE constraint_type = 'FOREIGN KEY' AND table_schema = CURRENT_SCHEMA")) {
            List<String> withKeys = new ArrayList<>();
            while (rs.next()) {
                withKeys.add(rs.getString(1));
            }
            assertThat(withKeys).doesNotContainAnyElementsOf(DATASET_TABLES)
                    .contains("enrollments", "runs", "web_class_lists");
        }
    }

    @Test
    void migrationsAreIdempotent() throws Exception {
        DbUrl db = freshDatabase();
        assertThat(MosaicStore.migrate(db)).isEqualTo(migrationFiles());
        assertThat(MosaicStore.migrate(db)).isZero();
        try (MosaicStore store = MosaicStore.open(db)) {
            store.save(SyntheticDataset.of(20, 1), "x", "test");
        }
        assertThat(MosaicStore.migrate(db)).isZero();
        try (MosaicStore store = MosaicStore.open(db)) {
            assertThat(store.list()).extracting(DatasetInfo::name).containsExactly("x");
        }
    }

    @Test
    void rejectedStudentRowIsNamedByIdWithoutPersonalData() throws Exception {
        Dataset good = SyntheticDataset.of(120, 8);
        List<Student> students = new ArrayList<>(good.students());
        students.add(students.get(1)); // S000001, "Zoë1 O'Brien-1", twice
        District d = good.district();
        Dataset bad = good.withDistrict(new District(d.id(), d.name(), d.schools(), d.clusters(), students));
        try (MosaicStore store = MosaicStore.open(freshDatabase())) {
            assertThatThrownBy(() -> store.save(bad, "dup", "test"))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining("students")
                    .hasMessageNotContaining("Zoë1")
                    .hasMessageNotContaining("O'Brien-1")
                    .satisfies(e -> assertThat(e.getCause()).isNull())
                    .satisfies(e -> {
                        if (namesRefusedRow()) {
                            assertThat(e.getMessage()).startsWith("students: found 'S000001';");
                        } else {
                            assertThat(e.getMessage()).startsWith("students: rows with distinct keys");
                        }
                    });
            assertThat(store.list()).isEmpty();
            assertThat(store.countRows("students", 1)).isZero();
            assertThat(store.countRows("schools", 1)).isZero();
        }
    }

    @Test
    void rowsChangedOutsideMosaicAreRefusedOnLoad() throws Exception {
        DbUrl db = freshDatabase();
        try (MosaicStore store = MosaicStore.open(db)) {
            long id = store.save(SyntheticDataset.of(40, 6), "t", "test");
            try (Connection c = DriverManager.getConnection(db.url()); Statement s = c.createStatement()) {
                assertThat(s.executeUpdate("UPDATE scores SET scale = scale + 1 WHERE dataset_id = " + id
                        + " AND seq = 17")).isEqualTo(1);
            }
            assertThatThrownBy(() -> store.load("t")).isInstanceOf(StoreException.class)
                    .hasMessageContaining("checksum").hasMessageContaining("'t'");
        }
    }

    /** How many migrations the schema has: every file under db/migration (features add their own). */
    @Test
    void aPlainLanguageReasonLongerThan200CharactersIsKeptWhole() throws Exception {
        String reason = "not admitted to your first choice: its seats went to students with a sibling there, then "
                + "by lottery, and a lower lottery number is admitted first; the last student admitted had 0.094 "
                + "and yours is 0.836. You were admitted to your second choice, where seats remained.";
        assertThat(reason.length()).isGreaterThan(200);
        try (MosaicStore store = MosaicStore.open(freshDatabase())) {
            long id = store.save(SyntheticDataset.of(10, 1), "r", "test");
            long run = store.startRun(id, "enroll", "{}", OptionalLong.empty());
            store.saveAssignments(run, List.of(new Assignment("S000001", "SCH001", reason)));
            assertThat(store.assignments(run)).containsExactly(new Assignment("S000001", "SCH001", reason));
        }
    }

    @Test
    void aStreamedImportThatTheDatabaseRefusesMidwayLeavesNothingBehind() throws Exception {
        Dataset good = SyntheticDataset.of(150, 2);
        java.nio.file.Path dir = scratch.resolve("files");
        MosaicCsvWriter.write(good, dir);
        // A section id longer than the column (100): it passes the file checks, and the database refuses it
        // after the students, scores, choices and priorities have been inserted in the same transaction.
        String longId = "S".repeat(150);
        for (String file : List.of(MosaicFiles.SECTIONS, MosaicFiles.ROSTERS)) {
            java.nio.file.Path f = dir.resolve(file);
            java.nio.file.Files.writeString(f, java.nio.file.Files.readString(f)
                    .replace(good.sections().get(0).id() + ",", longId + ","));
        }
        CheckedDataset checked = CheckedDataset.check(dir);
        try (MosaicStore store = MosaicStore.open(freshDatabase())) {
            long kept = store.save(good, "kept", "test");
            assertThatThrownBy(() -> store.save(checked, "broken", dir.toString()))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("sections")
                    .hasMessageContaining("nothing was saved");
            assertThat(store.list()).extracting(DatasetInfo::name).containsExactly("kept");
            for (String table : DATASET_TABLES) {
                assertThat(store.countRows(table, kept + 1)).as(table).isZero();
            }
            assertThat(store.load("kept")).isEqualTo(good);
        }
    }

    @Test
    void filesChangedBetweenTheCheckAndTheImportAreRefusedAndNothingIsSaved() throws Exception {
        Dataset good = SyntheticDataset.of(120, 2);
        java.nio.file.Path dir = scratch.resolve("files");
        MosaicCsvWriter.write(good, dir);
        CheckedDataset checked = CheckedDataset.check(dir);
        java.nio.file.Path scores = dir.resolve(MosaicFiles.SCORES);
        List<String> lines = java.nio.file.Files.readAllLines(scores);
        java.nio.file.Files.write(scores, lines.subList(0, lines.size() - 1));
        try (MosaicStore store = MosaicStore.open(freshDatabase())) {
            assertThatThrownBy(() -> store.save(checked, "changed", dir.toString()))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("changed between the check");
            assertThat(store.list()).isEmpty();
            for (String table : DATASET_TABLES) {
                assertThat(store.countRows(table, 1)).as(table).isZero();
            }
            // Read again as they are now, the files import whole and load back as they read.
            store.save(CheckedDataset.check(dir), "now", dir.toString());
            assertThat(store.load("now")).isEqualTo(MosaicCsvReader.read(dir));
            assertThat(store.load("now").scores()).hasSize(good.scores().size() - 1);
        }
    }

    @Test
    void anExportStreamsTheRowsInImportOrderAndTheSameAsALoad() throws Exception {
        Dataset d = SyntheticDataset.of(90, 3);
        try (MosaicStore store = MosaicStore.open(freshDatabase())) {
            store.save(d, "d", "test");
            DatasetCollector rows = new DatasetCollector();
            DatasetInfo info = store.export("d", rows);
            assertThat(info.name()).isEqualTo("d");
            assertThat(rows.dataset()).isEqualTo(d);
        }
    }

    /**
     * A school's own students.csv columns (issue #14) survive import then export byte for byte; the oracle is the
     * file as written, compared as bytes, and the dataset the CSV reader reads from it.
     */
    @Test
    void customStudentColumnsSurviveImportAndExportByteForByte() throws Exception {
        Dataset base = SyntheticDataset.of(60, 4);
        List<Student> students = new ArrayList<>();
        for (Student s : base.students()) {
            int n = students.size();
            java.util.Map<String, String> own = new java.util.HashMap<>();
            own.put("leader", n % 3 == 0 ? "1" : "0");
            own.put("support", n % 7 == 0 ? "yes, with \"aide\"" : "");
            own.put("house", "Ravenclaw-" + (n % 4));
            students.add(new Student(s.id(), s.grade(), s.schoolId(), s.home(), s.zone(), s.tract(), s.frl(),
                    s.race(), s.gender(), s.ell(), s.iep(), s.gifted(), s.sesTier(), s.behavior(), s.givenName(),
                    s.familyName(), own));
        }
        District d = base.district();
        Dataset withColumns = base.withDistrict(new District(d.id(), d.name(), d.schools(), d.clusters(), students));
        java.nio.file.Path in = scratch.resolve("in");
        MosaicCsvWriter.write(withColumns, in);
        String header = java.nio.file.Files.readAllLines(in.resolve(MosaicFiles.STUDENTS)).get(0);
        assertThat(header).endsWith(",family_name,house,leader,support");
        java.nio.file.Path out = scratch.resolve("out");
        java.nio.file.Files.createDirectories(out);
        try (MosaicStore store = MosaicStore.open(freshDatabase())) {
            store.save(CheckedDataset.check(in), "own", in.toString());
            assertThat(store.load("own")).isEqualTo(MosaicCsvReader.read(in));
            assertThat(store.load("own").students().get(0).attributes()).containsEntry("leader", "1");
            try (MosaicCsvWriter.Streaming files = MosaicCsvWriter.streaming(out)) {
                store.export("own", files);
            }
            // Saved from memory too: the same checksum as the streamed import of the same files.
            store.save(MosaicCsvReader.read(in), "own-2", "test");
            assertThat(store.find("own-2").orElseThrow().checksum())
                    .isEqualTo(store.find("own").orElseThrow().checksum());
            assertThat(store.countRows("student_attributes", store.find("own").orElseThrow().id()))
                    .isEqualTo(60 * 3);
            store.delete("own");
            assertThat(store.countRows("student_attributes", store.find("own-2").orElseThrow().id() - 1)).isZero();
        }
        assertThat(java.nio.file.Files.readAllBytes(out.resolve(MosaicFiles.STUDENTS)))
                .isEqualTo(java.nio.file.Files.readAllBytes(in.resolve(MosaicFiles.STUDENTS)));
        assertThat(java.nio.file.Files.readAllBytes(out.resolve(MosaicFiles.SCORES)))
                .isEqualTo(java.nio.file.Files.readAllBytes(in.resolve(MosaicFiles.SCORES)));
    }

    static int migrationFiles() throws Exception {
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(java.nio.file.Path.of(
                MosaicStore.class.getResource("/db/migration").toURI()))) {
            return (int) files.filter(f -> f.getFileName().toString().endsWith(".sql")).count()
                    + MosaicStore.javaMigrations().length;
        }
    }
}
