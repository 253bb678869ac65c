package org.mosaic.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.mosaic.model.BadInputException;
import org.mosaic.model.Grades;
import org.mosaic.model.InputProblem;
import org.mosaic.model.Race;
import org.mosaic.model.School;

/**
 * Reads only what the growth commands use from a dataset directory — schools.csv, each student's grade, school and
 * subgroup flags, one subject's scores, enrollments.csv and, when asked, the subject's sections and rosters — into
 * primitive arrays with {@link GroupUnitCsv}'s byte scanner. Reading the whole dataset into the general model
 * ({@link MosaicCsvReader}) was about 90 % of a growth run on a million students; this reader skips the files growth
 * never looks at (choices, priorities, requests) and makes no String or record per row.
 *
 * <p>Files of 16 MB and more are read in 8 MB parts on all cores ({@link CsvChunks}), each part into its own sink;
 * the parts are joined in file order and the checks that span rows (a student id used once, one history row per
 * student and year, one grade more a year at most) run once over the joined rows. Anything unusual — a problem in any
 * row, a cut inside a quoted field — and the file is read again in one pass, which reports what is wrong with its
 * true line number: the result, and every message, are the same as one pass gives.
 *
 * <p>All-or-nothing, as {@link MosaicCsvReader}: each file it reads is checked against the folder's manifest, every
 * problem is collected with file, line, column and what was expected, and nothing is returned when there is one.
 * It checks each file's required columns and the columns growth uses (ids, references between files, grades, years,
 * scores, flags, race); the columns it does not read (a student's name, home, gender …) are left to `mosaic validate`.
 */
public final class GrowthCsv {
    /** Bit of {@link Students#traits}: eligible for free or reduced-price lunch. */
    public static final byte FRL = 1;
    /** Bit of {@link Students#traits}: an English learner. */
    public static final byte ELL = 2;
    /** Bit of {@link Students#traits}: has an IEP. */
    public static final byte IEP = 4;

    private static final List<String> SCORE_REQUIRED = MosaicFiles.SCORE_REQUIRED;
    private static final List<String> STUDENT_REQUIRED = MosaicFiles.STUDENT_REQUIRED;

    /**
     * Every student id met, numbered: students.csv's first ({@code count} of them, with their grade, school index
     * into the schools list or −1, trait bits and race ordinal), then ids only enrollments.csv names.
     */
    public record Students(List<String> ids, int count, int[] grade, int[] school, byte[] traits, byte[] race) {
    }

    /** One subject's overall scores (no strand, no term), in file order: student index, year, score. */
    public record Scores(int size, int[] student, int[] year, double[] score) {
    }

    /** enrollments.csv in file order; size 0 when the dataset has none. */
    public record History(boolean present, int size, int[] student, int[] year, int[] school, int[] grade) {
    }

    /** What the growth commands read. */
    public record Data(List<School> schools, Students students, Scores scores, History history) {
    }

    /** The roster rows of one subject's sections, in file order: student index and section id. */
    public record Rosters(int size, int[] student, List<String> sectionIds, int[] section) {
    }

    private GrowthCsv() {
    }

    /** Schools, students, the subject's scores and the enrollment history of {@code dir}. */
    public static Data read(Path dir, String subject) {
        return read(dir, subject, CsvChunks.DEFAULT_PART_BYTES, file -> { });
    }

    /**
     * As {@link #read(Path, String)}, with files of at least two parts of {@code partBytes} read in parts on all
     * cores ({@link CsvChunks}); 0 reads every file in one pass. The result is the same either way. Each file read
     * in one pass is named to {@code onePass}.
     */
    static Data read(Path dir, String subject, long partBytes, java.util.function.Consumer<String> onePass) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(List.of(new InputProblem(dir.toString(), 0, "", "",
                    "a dataset directory holding schools.csv and students.csv (create one with `mosaic generate`)")));
        }
        Problems problems = new Problems();
        // A folder with a manifest must hold every CSV it lists, as MosaicCsvReader demands; the files read here
        // are also checked against their SHA-256 (the others are not read, so not hashed).
        Manifest.read(dir).ifPresent(m -> m.files().keySet().stream().filter(f -> f.endsWith(".csv"))
                .filter(f -> !Files.isRegularFile(dir.resolve(f))).forEach(f -> problems.add(Manifest.FILE, 0, "",
                        "", f + " is missing from " + dir + ", but `mosaic " + m.run().command() + "` wrote it (see "
                                + Manifest.FILE + "): the folder is incomplete. Run the command again")));
        problems.throwIfAny();
        List<School> schools = MosaicCsvReader.readSchools(dir.resolve(MosaicFiles.SCHOOLS), problems);
        problems.throwIfAny();
        Map<String, Integer> schoolIndex = new HashMap<>();
        for (int i = 0; i < schools.size(); i++) {
            schoolIndex.put(schools.get(i).id(), i);
        }
        ExecutorService pool = partBytes > 0 ? Executors.newFixedThreadPool(
                Runtime.getRuntime().availableProcessors(), r -> {
                    Thread t = new Thread(r, "mosaic-csv");
                    t.setDaemon(true);
                    return t;
                }) : null;
        try {
            return read(dir, subject, partBytes, pool, schools, schoolIndex, problems, onePass);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    private static Data read(Path dir, String subject, long partBytes, ExecutorService pool, List<School> schools,
                             Map<String, Integer> schoolIndex, Problems problems,
                             java.util.function.Consumer<String> onePass) {
        Path studentsFile = dir.resolve(MosaicFiles.STUDENTS);
        ByteInterner joinedIds = new ByteInterner();
        StudentSink students = CsvChunks.read(studentsFile, STUDENT_REQUIRED, partBytes, pool,
                () -> new CsvChunks.Part<>(new StudentSink(schools, schoolIndex), new ByteInterner()),
                (p, t) -> p.sink().row(t, p.ids())).map(parts -> StudentSink.join(parts, joinedIds)).orElse(null);
        ByteInterner ids = students != null ? joinedIds : new ByteInterner();
        if (students == null) {
            onePass.accept(MosaicFiles.STUDENTS);
            StudentSink one = new StudentSink(schools, schoolIndex);
            scan(studentsFile, STUDENT_REQUIRED, problems, t -> one.row(t, ids));
            students = one;
        }
        problems.throwIfAny();
        int count = ids.size();
        String subjectKey = subject.toLowerCase(Locale.ROOT);
        Path scoresFile = dir.resolve(MosaicFiles.SCORES);
        ScoreSink scores = new ScoreSink(subjectKey, count);
        if (Files.exists(scoresFile)) {
            ScoreSink joined = CsvChunks.read(scoresFile, SCORE_REQUIRED, partBytes, pool,
                    () -> new CsvChunks.Part<>(new ScoreSink(subjectKey, count), new ByteInterner(ids)),
                    (p, t) -> p.sink().row(t, p.ids())).map(parts -> ScoreSink.join(parts, subjectKey, count))
                    .orElse(null);
            if (joined != null) {
                scores = joined;
            } else {
                onePass.accept(MosaicFiles.SCORES);
                ScoreSink one = scores;
                scan(scoresFile, SCORE_REQUIRED, problems, t -> one.row(t, ids));
            }
        }
        HistorySink history = new HistorySink(schools, schoolIndex, true);
        boolean present = EnrollmentCsv.present(dir);
        if (present) {
            Path file = dir.resolve(EnrollmentCsv.FILE);
            HistorySink joined = CsvChunks.read(file, EnrollmentCsv.COLUMNS, partBytes, pool,
                    () -> new CsvChunks.Part<>(new HistorySink(schools, schoolIndex, false), new ByteInterner(ids)),
                    (p, t) -> p.sink().row(t, p.ids())).map(parts -> HistorySink.join(parts, schools, schoolIndex,
                            ids)).orElse(null);
            if (joined != null) {
                history = joined;
            } else {
                onePass.accept(EnrollmentCsv.FILE);
                HistorySink one = history;
                scan(file, EnrollmentCsv.COLUMNS, problems, t -> one.row(t, ids));
            }
        }
        problems.throwIfAny();
        List<String> names = ids.names();
        return new Data(schools, new Students(names, count, Arrays.copyOf(students.grade, count),
                Arrays.copyOf(students.school, count), Arrays.copyOf(students.traits, count),
                Arrays.copyOf(students.race, count)),
                new Scores(scores.size, Arrays.copyOf(scores.student, scores.size), Arrays.copyOf(scores.year,
                        scores.size), Arrays.copyOf(scores.score, scores.size)),
                new History(present, history.size, Arrays.copyOf(history.student, history.size),
                        Arrays.copyOf(history.year, history.size), Arrays.copyOf(history.school, history.size),
                        Arrays.copyOf(history.grade, history.size)));
    }

    /**
     * The rosters of {@code subject}'s sections (sections.csv and rosters.csv, both checked whole); empty when the
     * dataset has no sections. Student indexes are those of {@code data}.
     */
    public static Rosters rosters(Path dir, String subject, Data data) {
        Problems problems = new Problems();
        Path sectionsFile = dir.resolve(MosaicFiles.SECTIONS);
        Path rostersFile = dir.resolve(MosaicFiles.ROSTERS);
        if (!Files.exists(sectionsFile)) {
            if (Files.exists(rostersFile)) {
                problems.add(MosaicFiles.ROSTERS, 0, "", "", "rosters.csv needs sections.csv beside it, listing "
                        + "its sections");
                problems.throwIfAny();
            }
            return new Rosters(0, new int[0], List.of(), new int[0]);
        }
        Map<String, Integer> schoolIds = new HashMap<>();
        data.schools().forEach(s -> schoolIds.put(s.id(), 0));
        Map<String, String> subjectOf = new HashMap<>();
        CsvTable.read(sectionsFile, MosaicFiles.SECTION_REQUIRED, problems, row -> {
            String id = row.required("section_id");
            if (!id.isEmpty() && subjectOf.containsKey(id)) {
                row.problem("section_id", id, "a section id used only once");
            }
            String schoolId = row.required("school_id");
            if (!schoolId.isEmpty() && !schoolIds.containsKey(schoolId)) {
                row.problem("school_id", schoolId, "a school_id listed in schools.csv");
            }
            row.grade("grade");
            row.integer("capacity", 1, 1000, 1, true);
            subjectOf.putIfAbsent(id, row.required("subject").toLowerCase(Locale.ROOT));
        });
        problems.throwIfAny();
        if (!Files.exists(rostersFile)) {
            return new Rosters(0, new int[0], List.of(), new int[0]);
        }
        // the ids of data, re-interned in the same order so that indexes agree
        ByteInterner students = new ByteInterner();
        for (String id : data.students().ids()) {
            byte[] b = id.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            students.intern(b, 0, b.length);
        }
        int count = data.students().count();
        ByteInterner sections = new ByteInterner();
        int[][] out = {new int[1024], new int[1024]};
        int[] size = {0};
        // per section index: 0 not met yet, 1 of the subject, 2 of another subject, 3 not in sections.csv
        byte[][] state = {new byte[64]};
        LongSet seen = new LongSet();
        scan(rostersFile, MosaicFiles.ROSTER_COLUMNS, problems, t -> {
            int section = t.id("section_id", sections);
            int student = t.id("student_id", students);
            if (section >= 0) {
                if (section >= state[0].length) {
                    state[0] = Arrays.copyOf(state[0], section * 2 + 1);
                }
                if (state[0][section] == 0) {
                    String of = subjectOf.get(sections.name(section));
                    state[0][section] = (byte) (of == null ? 3 : subject.equalsIgnoreCase(of) ? 1 : 2);
                }
                if (state[0][section] == 3) {
                    t.problem("section_id", "a section_id listed in sections.csv");
                }
            }
            if (student >= count) {
                t.problem("student_id", "a student_id listed in students.csv");
            }
            if (section < 0 || student < 0 || student >= count) {
                return;
            }
            if (!seen.add(LongSet.pair(section, student))) {
                t.problem("student_id", "each student once per section");
            }
            if (state[0][section] == 1) {
                if (size[0] == out[0].length) {
                    out[0] = Arrays.copyOf(out[0], size[0] * 2);
                    out[1] = Arrays.copyOf(out[1], size[0] * 2);
                }
                out[0][size[0]] = student;
                out[1][size[0]] = section;
                size[0]++;
            }
        });
        problems.throwIfAny();
        return new Rosters(size[0], Arrays.copyOf(out[0], size[0]), sections.names(), Arrays.copyOf(out[1],
                size[0]));
    }

    /** students.csv: id (once each, safe text), grade, school (listed, serving the grade), frl, ell, iep, race. */
    private static final class StudentSink {
        private final List<School> schools;
        private final Map<String, Integer> schoolIndex;
        private final ByteInterner schoolField = new ByteInterner();
        private int[] schoolOfField = new int[64];
        private final ByteInterner raceField = new ByteInterner();
        private byte[] raceOfField = new byte[16];
        int[] grade = new int[1024];
        int[] school = new int[1024];
        byte[] traits = new byte[1024];
        byte[] race = new byte[1024];

        StudentSink(List<School> schools, Map<String, Integer> schoolIndex) {
            this.schools = schools;
            this.schoolIndex = schoolIndex;
        }

        /**
         * The parts' students in file order, numbered in {@code ids} (empty before); null when an id appears in two
         * parts, a problem the one-pass read then reports with its line.
         */
        static StudentSink join(List<CsvChunks.Part<StudentSink>> parts, ByteInterner ids) {
            int total = 0;
            for (CsvChunks.Part<StudentSink> p : parts) {
                total += p.ids().size();
            }
            StudentSink out = new StudentSink(null, null);
            out.grade = new int[total];
            out.school = new int[total];
            out.traits = new byte[total];
            out.race = new byte[total];
            for (CsvChunks.Part<StudentSink> p : parts) {
                int offset = ids.size();
                int n = p.ids().size();
                for (int j = 0; j < n; j++) {
                    if (ids.internOwnOf(p.ids(), j) != offset + j) {
                        return null;
                    }
                }
                System.arraycopy(p.sink().grade, 0, out.grade, offset, n);
                System.arraycopy(p.sink().school, 0, out.school, offset, n);
                System.arraycopy(p.sink().traits, 0, out.traits, offset, n);
                System.arraycopy(p.sink().race, 0, out.race, offset, n);
            }
            return out;
        }

        void row(Table t, ByteInterner ids) {
            int before = ids.size();
            int i = t.id("student_id", ids);
            if (i < 0) {
                return;
            }
            if (i < before) {
                t.problem("student_id", "a student id used only once (it also appears on an earlier line)");
                return;
            }
            String unsafe = t.unsafeId(i, ids);
            if (unsafe != null) {
                t.problem("student_id", unsafe);
            }
            if (i == grade.length) {
                grade = Arrays.copyOf(grade, i * 2);
                school = Arrays.copyOf(school, i * 2);
                traits = Arrays.copyOf(traits, i * 2);
                race = Arrays.copyOf(race, i * 2);
            }
            int g = t.grade("grade");
            grade[i] = g;
            school[i] = -1;
            int schoolsBefore = schoolField.size();
            int sf = t.intern("school_id", schoolField);
            if (sf >= 0) {
                // a school id met for the first time is looked up once; later rows reuse the answer
                if (sf >= schoolsBefore && sf >= schoolOfField.length) {
                    schoolOfField = Arrays.copyOf(schoolOfField, sf * 2 + 1);
                }
                if (sf >= schoolsBefore) {
                    Integer k = schoolIndex.get(schoolField.name(sf));
                    schoolOfField[sf] = k == null ? -1 : k + 1;
                }
                int k = schoolOfField[sf] - 1;
                if (k < 0) {
                    t.problem("school_id", "a school_id listed in schools.csv, or empty for a student not yet "
                            + "enrolled");
                } else {
                    School s = schools.get(k);
                    if (g != Integer.MIN_VALUE && !s.serves(g)) {
                        t.problem("grade", "a grade that school " + s.id() + " serves (" + Grades.label(s.lowGrade())
                                + "-" + Grades.label(s.highGrade()) + ")");
                    }
                    school[i] = k;
                }
            }
            if (t.empty("frl")) {
                t.problem("frl", "0 or 1: eligible for free or reduced-price lunch");
            }
            traits[i] = (byte) ((t.flag("frl") ? FRL : 0) | (t.flag("ell") ? ELL : 0) | (t.flag("iep") ? IEP : 0));
            int racesBefore = raceField.size();
            int rf = t.intern("race", raceField);
            if (rf >= racesBefore) {
                if (rf >= raceOfField.length) {
                    raceOfField = Arrays.copyOf(raceOfField, rf * 2 + 1);
                }
                raceOfField[rf] = (byte) Race.parse(raceField.name(rf)).map(Enum::ordinal).orElse(-1).intValue();
            }
            if (rf < 0 || raceOfField[rf] < 0) {
                t.problem("race", "one of " + Race.allowed());
                race[i] = (byte) Race.TWO_OR_MORE.ordinal();
            } else {
                race[i] = raceOfField[rf];
            }
        }
    }

    /** scores.csv: a student of students.csv, subject, year, score; overall scores of the subject are kept. */
    private static final class ScoreSink {
        private final String subject;
        private final int students;
        private final ByteInterner subjectField = new ByteInterner();
        private boolean[] subjectMatches = new boolean[16];
        private String[] subjectUnsafe = new String[16];
        int size;
        int[] student = new int[1 << 16];
        int[] year = new int[1 << 16];
        double[] score = new double[1 << 16];

        ScoreSink(String subject, int students) {
            this.subject = subject;
            this.students = students;
        }

        /** The parts' rows in file order (their ids are all students.csv's: a part with any other has a problem). */
        static ScoreSink join(List<CsvChunks.Part<ScoreSink>> parts, String subject, int students) {
            ScoreSink out = new ScoreSink(subject, students);
            int total = 0;
            for (CsvChunks.Part<ScoreSink> p : parts) {
                total += p.sink().size;
            }
            out.student = new int[total];
            out.year = new int[total];
            out.score = new double[total];
            for (CsvChunks.Part<ScoreSink> p : parts) {
                ScoreSink s = p.sink();
                System.arraycopy(s.student, 0, out.student, out.size, s.size);
                System.arraycopy(s.year, 0, out.year, out.size, s.size);
                System.arraycopy(s.score, 0, out.score, out.size, s.size);
                out.size += s.size;
            }
            return out;
        }

        void row(Table t, ByteInterner ids) {
            int id = t.id("student_id", ids);
            if (id >= students) {
                t.problem("student_id", "a student_id listed in students.csv");
            }
            int subjectsBefore = subjectField.size();
            int sf = t.intern("subject", subjectField);
            if (sf < 0) {
                t.problem("subject", "a value is required");
            } else {
                // a subject met for the first time is checked once; each later row of it reuses the verdict
                if (sf >= subjectsBefore) {
                    if (sf >= subjectMatches.length) {
                        subjectMatches = Arrays.copyOf(subjectMatches, sf * 2 + 1);
                        subjectUnsafe = Arrays.copyOf(subjectUnsafe, sf * 2 + 1);
                    }
                    String text = subjectField.name(sf);
                    subjectUnsafe[sf] = CsvTable.unsafe(text);
                    subjectMatches[sf] = subjectUnsafe[sf] == null && text.toLowerCase(Locale.ROOT).equals(subject);
                }
                if (subjectUnsafe[sf] != null) {
                    t.problem("subject", subjectUnsafe[sf]);
                }
            }
            int y = t.integer("year", 1900, 2200, true);
            double v = t.decimal("score", -1e9, 1e9, true);
            if (!t.empty("grade_equivalent")) {
                t.decimal("grade_equivalent", -2, 20, false);
            }
            boolean overall = t.safeEmpty("strand") & t.safeEmpty("term");
            if (id < 0 || id >= students || sf < 0 || !subjectMatches[sf] || !overall || t.failed()) {
                return;
            }
            if (size == student.length) {
                student = Arrays.copyOf(student, size * 2);
                year = Arrays.copyOf(year, size * 2);
                score = Arrays.copyOf(score, size * 2);
            }
            student[size] = id;
            year[size] = y;
            score[size] = v;
            size++;
        }
    }

    /**
     * enrollments.csv, with {@link EnrollmentCsv}'s checks: a listed school that serves the grade, one row per
     * student and year, a grade that rises by at most one a year.
     */
    private static final class HistorySink {
        private final List<School> schools;
        private final Map<String, Integer> schoolIndex;
        private final ByteInterner schoolField = new ByteInterner();
        private int[] schoolOfField = new int[64];
        private final boolean orderChecks;
        private final LongSet seen = new LongSet();
        private int[] lastYear = new int[1024];
        private int[] lastGrade = new int[1024];
        int size;
        int[] student = new int[1 << 16];
        int[] year = new int[1 << 16];
        int[] school = new int[1 << 16];
        int[] grade = new int[1 << 16];

        /**
         * With {@code orderChecks} false (a part of the file), the checks that span rows — one row per student and
         * year, at most one grade more a year — are left to {@link #join}, which sees the whole file.
         */
        HistorySink(List<School> schools, Map<String, Integer> schoolIndex, boolean orderChecks) {
            this.schools = schools;
            this.schoolIndex = schoolIndex;
            this.orderChecks = orderChecks;
        }

        /**
         * The parts' rows in file order, with ids only enrollments.csv names added to {@code ids} in order of first
         * appearance, as the one-pass read numbers them; null (and {@code ids} untouched) when a check that spans
         * rows fails, which the one-pass read then reports with its line.
         */
        static HistorySink join(List<CsvChunks.Part<HistorySink>> parts, List<School> schools,
                                Map<String, Integer> schoolIndex, ByteInterner ids) {
            ByteInterner added = new ByteInterner(ids);
            int base = ids.size();
            HistorySink out = new HistorySink(schools, schoolIndex, true);
            int total = 0;
            for (CsvChunks.Part<HistorySink> p : parts) {
                total += p.sink().size;
            }
            out.student = new int[total];
            out.year = new int[total];
            out.school = new int[total];
            out.grade = new int[total];
            for (CsvChunks.Part<HistorySink> p : parts) {
                HistorySink s = p.sink();
                int[] renumber = new int[p.ids().ownSize()];
                for (int j = 0; j < renumber.length; j++) {
                    renumber[j] = added.internOwnOf(p.ids(), j);
                }
                for (int k = 0; k < s.size; k++) {
                    int id = s.student[k];
                    out.student[out.size + k] = id < base ? id : renumber[id - base];
                }
                System.arraycopy(s.year, 0, out.year, out.size, s.size);
                System.arraycopy(s.school, 0, out.school, out.size, s.size);
                System.arraycopy(s.grade, 0, out.grade, out.size, s.size);
                out.size += s.size;
            }
            if (!inOrder(out, added.size())) {
                return null;
            }
            for (int j = 0; j < added.ownSize(); j++) {
                ids.internOwnOf(added, j);
            }
            return out;
        }

        /** The checks that span rows, as {@link #row} makes them, over the whole file at once. */
        private static boolean inOrder(HistorySink h, int students) {
            int minYear = Integer.MAX_VALUE;
            int maxYear = Integer.MIN_VALUE;
            for (int k = 0; k < h.size; k++) {
                minYear = Math.min(minYear, h.year[k]);
                maxYear = Math.max(maxYear, h.year[k]);
            }
            // one bit per student and year when the years span at most 64, else the pairs in a set
            long[] years = (long) maxYear - minYear < 64 ? new long[students] : null;
            LongSet pairs = years == null ? new LongSet() : null;
            int[] lastYear = new int[students];
            int[] lastGrade = new int[students];
            for (int k = 0; k < h.size; k++) {
                int id = h.student[k];
                int y = h.year[k];
                if (years != null) {
                    long bit = 1L << (y - minYear);
                    if ((years[id] & bit) != 0) {
                        return false;
                    }
                    years[id] |= bit;
                } else if (!pairs.add(LongSet.pair(id, y))) {
                    return false;
                }
                int lastY = lastYear[id];
                if (lastY != 0 && y > lastY && h.grade[k] > lastGrade[id] + (y - lastY)) {
                    return false;
                }
                if (lastY == 0 || y > lastY) {
                    lastYear[id] = y;
                    lastGrade[id] = h.grade[k];
                }
            }
            return true;
        }

        void row(Table t, ByteInterner ids) {
            int before = ids.size();
            int id = t.id("student_id", ids);
            if (id >= before) {
                String unsafe = t.unsafeId(id, ids);
                if (unsafe != null) {
                    t.problem("student_id", unsafe);
                }
            }
            int y = t.integer("year", 1900, 2200, true);
            int schoolsBefore = schoolField.size();
            int sf = t.intern("school_id", schoolField);
            int g = t.grade("grade");
            int k = -1;
            if (sf < 0) {
                t.problem("school_id", "a value is required");
            } else {
                if (sf >= schoolsBefore) {
                    if (sf >= schoolOfField.length) {
                        schoolOfField = Arrays.copyOf(schoolOfField, sf * 2 + 1);
                    }
                    Integer found = schoolIndex.get(schoolField.name(sf));
                    schoolOfField[sf] = found == null ? -1 : found + 1;
                }
                k = schoolOfField[sf] - 1;
                if (k < 0) {
                    t.problem("school_id", "a school_id listed in schools.csv");
                } else if (g != Integer.MIN_VALUE && !schools.get(k).serves(g)) {
                    School s = schools.get(k);
                    t.problem("grade", "a grade that school " + s.id() + " serves (" + Grades.label(s.lowGrade())
                            + " to " + Grades.label(s.highGrade()) + ")");
                }
            }
            int gradeValue = g == Integer.MIN_VALUE ? 0 : g;
            if (id >= 0 && orderChecks) {
                if (id >= lastYear.length) {
                    int n = Math.max(lastYear.length * 2, id + 1);
                    lastYear = Arrays.copyOf(lastYear, n);
                    lastGrade = Arrays.copyOf(lastGrade, n);
                }
                if (y > 0 && !seen.add(LongSet.pair(id, y))) {
                    t.problem("year", "one row per student and year (student " + ids.name(id) + " already has a "
                            + "row for " + y + "; keep the school where the student was tested)");
                }
                int lastY = lastYear[id];
                if (lastY != 0 && y > lastY && gradeValue > lastGrade[id] + (y - lastY)) {
                    t.problem("grade", "at most one grade more per year (student " + ids.name(id) + " was in grade "
                            + Grades.label(lastGrade[id]) + " in " + lastY + ")");
                }
                if (y > 0 && (lastY == 0 || y > lastY)) {
                    lastYear[id] = y;
                    lastGrade[id] = gradeValue;
                }
            }
            if (size == student.length) {
                student = Arrays.copyOf(student, size * 2);
                year = Arrays.copyOf(year, size * 2);
                school = Arrays.copyOf(school, size * 2);
                grade = Arrays.copyOf(grade, size * 2);
            }
            student[size] = id;
            year[size] = y;
            school[size] = k;
            grade[size] = gradeValue;
            size++;
        }
    }

    /** One file being scanned: the current row's cells by column name, and the problems found in it. */
    static final class Table {
        private final String file;
        private final Problems problems;
        private final GroupUnitCsv.Scanner scanner;
        private final Map<String, Integer> header;
        private final String[] cachedNames = new String[16];
        private final int[] cachedColumns = new int[16];
        private int cached;
        /** Columns already reported on this row: one message per cell. */
        private final List<String> reported = new ArrayList<>(4);

        Table(String file, Problems problems, GroupUnitCsv.Scanner scanner, Map<String, Integer> header) {
            this.file = file;
            this.problems = problems;
            this.scanner = scanner;
            this.header = header;
        }

        private int column(String name) {
            // callers pass constant names, so a few identity checks replace a hash lookup per cell
            for (int k = 0; k < cached; k++) {
                if (cachedNames[k] == name) {
                    return cachedColumns[k];
                }
            }
            Integer i = header.get(name);
            int column = i == null ? Integer.MAX_VALUE : i;
            if (cached < cachedNames.length) {
                cachedNames[cached] = name;
                cachedColumns[cached++] = column;
            }
            return column;
        }

        /** True when a problem was reported on this row. */
        boolean failed() {
            return !reported.isEmpty();
        }

        void problem(String column, String expected) {
            if (reported.contains(column)) {
                return;
            }
            reported.add(column);
            int i = column(column);
            String value = i == Integer.MAX_VALUE ? "" : scanner.text(i).trim();
            problems.add(new InputProblem(file, scanner.line(), column, i == Integer.MAX_VALUE ? 0 : i + 1, value,
                    expected));
        }

        /** Interned value of a column (trimmed), −1 when empty; a value that is not UTF-8 is reported. */
        int intern(String column, ByteInterner interner) {
            int i = column(column);
            if (i == Integer.MAX_VALUE) {
                return -1;
            }
            int before = interner.size();
            int id = scanner.intern(i, interner);
            if (id >= before && !scanner.utf8(i)) {
                problems.add(new InputProblem(file, scanner.line(), column, i + 1, scanner.text(i).trim(),
                        "UTF-8 text (this value has bytes that are not UTF-8, e.g. from a Latin-1 or Windows-1252 "
                        + "export); save the file as \"CSV UTF-8\""));
                reported.add(column);
            }
            return id;
        }

        /** A required id: its index in {@code ids}, or −1 after reporting it missing. */
        int id(String column, ByteInterner ids) {
            int id = intern(column, ids);
            if (id < 0) {
                problem(column, "a value is required");
            }
            return id;
        }

        /** Why a newly met id is refused as text (control characters, a formula), or null. */
        String unsafeId(int id, ByteInterner ids) {
            int i = column("student_id");
            return i != Integer.MAX_VALUE && scanner.plainText(i) ? null : CsvTable.unsafe(ids.name(id));
        }

        boolean empty(String column) {
            int i = column(column);
            return i == Integer.MAX_VALUE || scanner.blank(i);
        }

        /** Whether an optional text column is empty; a non-empty value is checked as text. */
        boolean safeEmpty(String column) {
            int i = column(column);
            if (i == Integer.MAX_VALUE || scanner.blank(i)) {
                return true;
            }
            String v = scanner.text(i).trim();
            if (v.isEmpty()) {
                return true;
            }
            String unsafe = CsvTable.unsafe(v);
            if (unsafe != null) {
                problem(column, unsafe);
            }
            return false;
        }

        int integer(String column, int min, int max, boolean required) {
            int i = column(column);
            int v = i == Integer.MAX_VALUE ? Integer.MIN_VALUE : scanner.integer(i);
            if (v == Integer.MIN_VALUE) {
                String text = i == Integer.MAX_VALUE ? "" : scanner.text(i).trim();
                if (text.isEmpty() && !required) {
                    return 0;
                }
                try {
                    v = Integer.parseInt(text);
                } catch (NumberFormatException e) {
                    problem(column, "a whole number from " + min + " to " + max);
                    return 0;
                }
            }
            if (v < min || v > max) {
                problem(column, "a whole number from " + min + " to " + max);
                return 0;
            }
            return v;
        }

        double decimal(String column, double min, double max, boolean required) {
            int i = column(column);
            if (i == Integer.MAX_VALUE || i >= scanner.fields()) {
                if (required) {
                    problem(column, "a number from " + fmt(min) + " to " + fmt(max));
                }
                return Double.NaN;
            }
            double d = scanner.number(i);
            if (Double.isNaN(d)) {
                String text = scanner.text(i).trim();
                if (text.isEmpty() && !required) {
                    return Double.NaN;
                }
                problem(column, "a number from " + fmt(min) + " to " + fmt(max)
                        + (text.isEmpty() ? "" : " (use a dot for decimals)"));
                return Double.NaN;
            }
            if (!(d >= min && d <= max)) {
                problem(column, "a number from " + fmt(min) + " to " + fmt(max));
                return Double.NaN;
            }
            return d;
        }

        /** A grade (PK, K, 1 … 12), or {@link Integer#MIN_VALUE} after reporting it. */
        int grade(String column) {
            int i = column(column);
            int v = i == Integer.MAX_VALUE ? Integer.MIN_VALUE : scanner.integer(i);
            if (v >= Grades.PRE_K && v <= Grades.TWELFTH && scanner.length(i) <= 2) {
                return v;
            }
            Integer g = Grades.parse(i == Integer.MAX_VALUE ? "" : scanner.text(i));
            if (g == null) {
                problem(column, "a grade: PK, K, or 1 to 12");
                return Integer.MIN_VALUE;
            }
            return g;
        }

        /** 0/1 flags; also true/false, yes/no and Y/N as SIS exports write them. Absent means false. */
        boolean flag(String column) {
            int i = column(column);
            if (i == Integer.MAX_VALUE || scanner.length(i) == 0) {
                return false;
            }
            int v = scanner.integer(i);
            if ((v == 0 || v == 1) && scanner.length(i) == 1) {
                return v == 1;
            }
            switch (scanner.text(i).trim().toLowerCase(Locale.ROOT)) {
                case "": case "0": case "false": case "no": case "n":
                    return false;
                case "1": case "true": case "yes": case "y":
                    return true;
                default:
                    problem(column, "0 or 1 (true/false and yes/no are also accepted)");
                    return false;
            }
        }

        private static String fmt(double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        }
    }

    /** The rows after the header, each that is not blank to {@code rows}, with the size limits of each row. */
    static void rows(GroupUnitCsv.Scanner s, String name, Table table, Problems problems,
                     java.util.function.Consumer<Table> rows) throws IOException {
        while (s.next()) {
            if (s.allBlank()) {
                continue;
            }
            if (s.fields() > InputLimits.MAX_COLUMNS) {
                problems.add(name, s.line(), "", "", String.format(Locale.ROOT, "%,d columns, above the limit "
                        + "of %,d", s.fields(), InputLimits.MAX_COLUMNS));
                problems.throwIfAny();
            }
            for (int i = 0; i < s.fields(); i++) {
                if (s.length(i) > InputLimits.MAX_FIELD_CHARS && s.text(i).length()
                        > InputLimits.MAX_FIELD_CHARS) {
                    problems.add(name, s.line(), "", "", String.format(Locale.ROOT, "column %d holds %,d "
                            + "characters, above the limit of %,d for one value", i + 1, s.text(i).length(),
                            InputLimits.MAX_FIELD_CHARS));
                    problems.throwIfAny();
                }
            }
            table.reported.clear();
            rows.accept(table);
        }
    }

    /**
     * Scans one file: the refusals and the manifest check of {@link CsvTable}, its header check ({@link Header}),
     * the limits of {@link InputLimits}; each row that is not blank goes to {@code rows}.
     */
    static void scan(Path file, List<String> required, Problems problems, java.util.function.Consumer<Table> rows) {
        String name = file.getFileName().toString();
        String refused = InputLimits.refusal(file);
        if (refused != null) {
            problems.add(name, 0, "", "", refused);
            problems.throwIfAny();
        }
        Optional<String> changed = Manifest.checkFile(file);
        if (changed.isPresent()) {
            problems.add(name, 0, "", "", changed.get());
            problems.throwIfAny();
        }
        try (InputStream in = Files.newInputStream(file)) {
            GroupUnitCsv.Scanner s = new GroupUnitCsv.Scanner(in, name, problems);
            if (!s.next()) {
                problems.add(name, 1, "", "", "an empty file; expected a header line with the columns "
                        + String.join(", ", required));
                problems.throwIfAny();
            }
            if (s.fields() > InputLimits.MAX_COLUMNS) {
                problems.add(name, 1, "", "", String.format(Locale.ROOT, "%,d columns, above the limit of %,d",
                        s.fields(), InputLimits.MAX_COLUMNS));
                problems.throwIfAny();
            }
            for (int i = 0; i < s.fields(); i++) {
                if (!s.utf8(i)) {
                    problems.add(name, 1, "", "", "the file is not UTF-8 text (its header line has bytes that are "
                            + "not UTF-8, e.g. from a Latin-1 or Windows-1252 export); save it as \"CSV UTF-8\"");
                    problems.throwIfAny();
                }
            }
            Map<String, Integer> header = Header.read(name, s.header(), required, problems);
            if (header == null) {
                problems.throwIfAny();
            }
            rows(s, name, new Table(name, problems, s, header), problems, rows);
        } catch (NoSuchFileException e) {
            problems.add(name, 0, "", "", "the file is missing from the dataset directory " + file.getParent());
            problems.throwIfAny();
        } catch (IOException e) {
            problems.add(name, 0, "", "", "could not be read: " + e.getMessage());
            problems.throwIfAny();
        }
    }
}
