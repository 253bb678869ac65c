package org.mosaic.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;

import org.mosaic.model.BadInputException;
import org.mosaic.model.Choice;
import org.mosaic.model.Dataset;
import org.mosaic.model.District;
import org.mosaic.model.Gender;
import org.mosaic.model.Grades;
import org.mosaic.model.Location;
import org.mosaic.model.PlacementRequest;
import org.mosaic.model.Priority;
import org.mosaic.model.Race;
import org.mosaic.model.RequestKind;
import org.mosaic.model.RosterEntry;
import org.mosaic.model.School;
import org.mosaic.model.SchoolType;
import org.mosaic.model.Score;
import org.mosaic.model.Section;
import org.mosaic.model.Student;

/**
 * Reads a Mosaic CSV dataset directory. All-or-nothing: every problem in every file is collected (capped per file)
 * and reported together in one {@link BadInputException}; no partial dataset is ever returned.
 *
 * <p>The files are read row by row: {@link #stream} passes each row to a {@link DatasetSink} as soon as it is checked
 * and keeps only what the checks across files need (the ids, each student's grade and school, the pairs that must not
 * repeat), so a million-student directory is checked in bounded memory. {@link #read} collects the rows into a
 * {@link Dataset}.
 */
public final class MosaicCsvReader {
    /** Seats of a school, and of one of its grades. */
    static final int MAX_CAPACITY = 100_000;

    private final Path dir;
    private final DatasetSink sink;
    private final Problems problems = new Problems();
    private final long[] counts = new long[DatasetOutline.LISTS.size()];
    /** Every student id met in any file, numbered: students.csv's first, then ids other files name wrongly. */
    private final IdIndex studentIds = new IdIndex();
    private int studentCount;
    private boolean studentsReadable;
    private int[] gradeOf = new int[1024];
    private int[] schoolOf = new int[1024];
    private final IdIndex schoolIds = new IdIndex();
    private Map<String, School> schoolsById;
    private final IdIndex sectionIds = new IdIndex();
    private int sectionCount;
    private boolean sectionsReadable;
    /** students.csv's extra columns, in the header's order. */
    private final List<String> studentAttributes = new ArrayList<>();

    private MosaicCsvReader(Path dir, DatasetSink sink) {
        this.dir = dir;
        this.sink = sink;
    }

    public static Dataset read(Path dir) {
        DatasetCollector c = new DatasetCollector();
        return c.dataset(stream(dir, c));
    }

    /**
     * Checks every file of {@code dir} and passes its rows to {@code sink} while no problem has been found; throws a
     * {@link BadInputException} listing every problem at the end, so a sink that has received rows must then discard
     * them (a database import rolls back). Returns the dataset's outline with its row counts.
     */
    public static DatasetOutline stream(Path dir, DatasetSink sink) {
        return new MosaicCsvReader(dir, sink).run();
    }

    private DatasetOutline run() {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(List.of(new org.mosaic.model.InputProblem(dir.toString(), 0, "", "",
                    "a dataset directory holding schools.csv and students.csv (create one with `mosaic generate`)")));
        }
        for (String p : Manifest.check(dir)) {
            problems.add(Manifest.FILE, 0, "", "", p);
        }
        problems.throwIfAny();
        List<School> schools = readSchools(dir.resolve(MosaicFiles.SCHOOLS), problems);
        // A file whose rows could not be read (a bad header, not UTF-8) is reported once, by its cause: the ids
        // it would have listed are unknown (null), so other files' references to them are not checked.
        schoolsById = problems.readable(MosaicFiles.SCHOOLS) ? new HashMap<>() : null;
        for (School s : schools) {
            schoolIds.intern(s.id());
            if (schoolsById != null) {
                schoolsById.put(s.id(), s);
            }
        }
        String name = dir.toAbsolutePath().normalize().getFileName() == null ? "district"
                : dir.toAbsolutePath().normalize().getFileName().toString();
        List<org.mosaic.model.Cluster> clusters = District.clustersOf(schools);
        readStudents(dir.resolve(MosaicFiles.STUDENTS));
        studentsReadable = problems.readable(MosaicFiles.STUDENTS);
        if (optional(MosaicFiles.SCORES)) {
            readScores(dir.resolve(MosaicFiles.SCORES));
        }
        if (optional(MosaicFiles.CHOICES)) {
            readChoices(dir.resolve(MosaicFiles.CHOICES));
        }
        if (optional(MosaicFiles.PRIORITIES)) {
            readPriorities(dir.resolve(MosaicFiles.PRIORITIES));
        }
        List<RequestChecks.Request> requestLines = new ArrayList<>();
        if (optional(MosaicFiles.REQUESTS)) {
            readRequests(dir.resolve(MosaicFiles.REQUESTS), requestLines);
        }
        List<Section> sections = new ArrayList<>();
        if (optional(MosaicFiles.SECTIONS)) {
            readSections(dir.resolve(MosaicFiles.SECTIONS), sections);
        }
        sectionsReadable = problems.readable(MosaicFiles.SECTIONS);
        sectionCount = sectionIds.size();
        if (optional(MosaicFiles.ROSTERS)) {
            readRosters(dir.resolve(MosaicFiles.ROSTERS));
        }
        if (problems.isEmpty()) {
            RequestChecks.check(requestLines, this::enrolled, sections, problems);
        }
        problems.throwIfAny();
        return new DatasetOutline(name, name, schools, clusters, DatasetOutline.RowCounts.of(counts),
                studentAttributes);
    }

    private boolean optional(String file) {
        return Files.exists(dir.resolve(file));
    }

    /** True while no problem is known: rows are passed on only then, since a dataset with a problem is refused. */
    private boolean passing(int list) {
        if (problems.isEmpty()) {
            counts[list]++;
            return true;
        }
        return false;
    }

    /** A student of students.csv: index, else -1 (also when students.csv could not be read). */
    private int student(String id) {
        int i = studentIds.find(id);
        return i < studentCount ? i : -1;
    }

    private RequestChecks.Enrolled enrolled(String id) {
        int i = student(id);
        if (i < 0) {
            return null;
        }
        return new RequestChecks.Enrolled(schoolOf[i] < 0 ? "" : schoolIds.name(schoolOf[i]), gradeOf[i]);
    }

    static List<School> readSchools(Path file, Problems problems) {
        List<School> schools = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        CsvTable.read(file, MosaicFiles.SCHOOL_REQUIRED, problems, row -> {
            String id = row.required("school_id");
            if (!id.isEmpty() && !seen.add(id)) {
                row.problem("school_id", id, "a school id used only once (it also appears on an earlier line)");
            }
            String typeText = row.text("type");
            SchoolType type = SchoolType.NEIGHBORHOOD;
            try {
                type = SchoolType.valueOf(typeText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                row.problem("type", typeText, "one of neighborhood | charter | magnet");
            }
            int low = row.grade("low_grade");
            int high = row.grade("high_grade");
            if (low > high) {
                row.problem("high_grade", row.text("high_grade"), "a grade at or above low_grade " + row.text(
                        "low_grade"));
                high = low;
            }
            int capacity = row.integer("capacity", 0, MAX_CAPACITY, 0, true);
            Map<Integer, Integer> byGrade = new TreeMap<>();
            for (int g = low; g <= high; g++) {
                byGrade.put(g, capacity);
            }
            String overrides = row.text("capacity_by_grade");
            if (!overrides.isEmpty()) {
                // The same bounds as capacity: a grade's seats are allocated, so 2147483647 must not pass.
                for (String part : overrides.split(";", 200)) {
                    String[] kv = part.split("=");
                    Integer g = kv.length == 2 ? Grades.parse(kv[0]) : null;
                    Integer seats = null;
                    try {
                        seats = kv.length == 2 ? Integer.valueOf(kv[1].trim()) : null;
                    } catch (NumberFormatException ignored) {
                        // reported below
                    }
                    if (g == null || seats == null || seats < 0 || seats > MAX_CAPACITY || g < low || g > high) {
                        row.problem("capacity_by_grade", overrides,
                                "grade=seats pairs separated by ';' for grades the school serves, seats from 0 to "
                                        + MAX_CAPACITY + ", e.g. 6=250;7=240");
                        break;
                    }
                    byGrade.put(g, seats);
                }
            }
            Location loc = new Location(row.decimal("x", -1e6, 1e6, 0, false), row.decimal("y", -1e6, 1e6, 0, false));
            schools.add(new School(id.isEmpty() ? "?" : id, row.text("name").isEmpty() ? id : row.text("name"), type,
                    row.text("cluster_id"), low, high, loc, row.text("zone"), byGrade));
        });
        return schools;
    }

    private void readStudents(Path file) {
        // Extra columns (a school's own flags) become attributes: found once from the header, and each column's
        // values interned, so that a million students holding "0" or "1" share two strings.
        List<String> extra = studentAttributes;
        boolean[] headerSeen = {false};
        List<Map<String, String>> interned = new ArrayList<>();
        CsvTable.read(file, MosaicFiles.STUDENT_REQUIRED, problems, row -> {
            if (!headerSeen[0]) {
                headerSeen[0] = true;
                row.columns().stream().filter(c -> !MosaicFiles.STUDENT_COLUMNS.contains(c)).forEach(extra::add);
                extra.forEach(c -> interned.add(new HashMap<>()));
            }
            String id = row.required("student_id");
            int index = studentIds.find(id.isEmpty() ? "?" : id);
            if (!id.isEmpty() && index >= 0) {
                row.problem("student_id", id, "a student id used only once (it also appears on an earlier line)");
            }
            int grade = row.grade("grade");
            String schoolId = row.text("school_id");
            if (!schoolId.isEmpty() && schoolsById != null) {
                School s = schoolsById.get(schoolId);
                if (s == null) {
                    row.problem("school_id", schoolId, "a school_id listed in schools.csv, or empty for a student "
                            + "not yet enrolled");
                } else if (!s.serves(grade)) {
                    row.problem("grade", row.text("grade"), "a grade that school " + schoolId + " serves ("
                            + Grades.label(s.lowGrade()) + "-" + Grades.label(s.highGrade()) + ")");
                }
            }
            if (index < 0) {
                index = studentIds.intern(id.isEmpty() ? "?" : id);
                if (index == gradeOf.length) {
                    gradeOf = Arrays.copyOf(gradeOf, index * 2);
                    schoolOf = Arrays.copyOf(schoolOf, index * 2);
                }
                gradeOf[index] = grade;
                schoolOf[index] = schoolId.isEmpty() ? -1 : schoolIds.intern(schoolId);
            }
            String raceText = row.text("race");
            Race race = Race.parse(raceText).orElseGet(() -> {
                row.problem("race", raceText, "one of " + Race.allowed());
                return Race.TWO_OR_MORE;
            });
            String genderText = row.text("gender");
            Gender gender = Gender.parse(genderText).orElseGet(() -> {
                row.problem("gender", genderText, "one of female | male | other | unspecified (or F, M, X, U)");
                return Gender.UNSPECIFIED;
            });
            Location home = new Location(row.decimal("x", -1e6, 1e6, 0, false), row.decimal("y", -1e6, 1e6, 0,
                    false));
            if (row.text("frl").isEmpty()) {
                row.problem("frl", "", "0 or 1: eligible for free or reduced-price lunch");
            }
            Map<String, String> attributes = Map.of();
            if (!extra.isEmpty()) {
                Map<String, String> a = new HashMap<>();
                for (int k = 0; k < extra.size(); k++) {
                    String v = row.text(extra.get(k));
                    a.put(extra.get(k), interned.get(k).computeIfAbsent(v, x -> x));
                }
                attributes = a;
            }
            Student student = new Student(id.isEmpty() ? "?" : id, grade, schoolId, home, row.text("zone"),
                    row.text("tract"), row.flag("frl"), race, gender, row.flag("ell"), row.flag("iep"),
                    row.flag("gifted"), row.integer("ses_tier", 0, 4, 0, false), row.flag("behavior"),
                    row.text("given_name"), row.text("family_name"), attributes);
            if (passing(0)) {
                sink.student(student);
            }
        });
        studentCount = studentIds.size();
    }

    private void readScores(Path file) {
        CsvTable.read(file, MosaicFiles.SCORE_REQUIRED, problems, row -> {
            String id = row.required("student_id");
            if (!id.isEmpty() && studentsReadable && student(id) < 0) {
                row.problem("student_id", id, "a student_id listed in students.csv");
            }
            String subject = row.required("subject").toLowerCase(Locale.ROOT);
            int year = row.integer("year", 1900, 2200, 0, true);
            double score = row.decimal("score", -1e9, 1e9, Double.NaN, true);
            OptionalDouble ge = row.text("grade_equivalent").isEmpty() ? OptionalDouble.empty()
                    : OptionalDouble.of(row.decimal("grade_equivalent", -2, 20, 0, false));
            Score s = new Score(id, subject, row.text("strand"), year, row.text("term"), score, ge);
            if (passing(1)) {
                sink.score(s);
            }
        });
    }

    /** Ranked choices; a school must serve the applicant's grade, else the family's ranks would be renumbered. */
    private void readChoices(Path file) {
        LongSet ranks = new LongSet();
        LongSet ranked = new LongSet();
        CsvTable.read(file, MosaicFiles.CHOICE_COLUMNS, problems, row -> {
            String id = row.required("student_id");
            int student = student(id);
            if (!id.isEmpty() && studentsReadable && student < 0) {
                row.problem("student_id", id, "a student_id listed in students.csv");
            }
            int rank = row.integer("rank", 1, 1000, 1, true);
            String schoolId = row.required("school_id");
            if (!schoolId.isEmpty() && schoolsById != null && !schoolsById.containsKey(schoolId)) {
                row.problem("school_id", schoolId, "a school_id listed in schools.csv");
            } else if (!schoolId.isEmpty() && schoolsById != null && studentsReadable && student >= 0
                    && !schoolsById.get(schoolId).serves(gradeOf[student])) {
                School school = schoolsById.get(schoolId);
                row.problem("school_id", schoolId, "a school that serves the student's grade "
                        + Grades.label(gradeOf[student]) + " (" + schoolId + " serves "
                        + Grades.label(school.lowGrade()) + "-" + Grades.label(school.highGrade())
                        + "); remove the row or rank another school");
            }
            int key = studentIds.intern(id);
            if (!ranks.add(LongSet.pair(key, rank))) {
                row.problem("rank", Integer.toString(rank), "each rank once per student (rank " + rank
                        + " is already used by " + "this student)");
            }
            if (!ranked.add(LongSet.pair(key, schoolIds.intern(schoolId)))) {
                row.problem("school_id", schoolId, "each school ranked at most once per student");
            }
            Choice c = new Choice(id, rank, schoolId);
            if (passing(2)) {
                sink.choice(c);
            }
        });
    }

    private void readPriorities(Path file) {
        LongSet pairs = new LongSet();
        CsvTable.read(file, MosaicFiles.PRIORITY_COLUMNS, problems, row -> {
            String id = row.required("student_id");
            if (!id.isEmpty() && studentsReadable && student(id) < 0) {
                row.problem("student_id", id, "a student_id listed in students.csv");
            }
            String schoolId = row.required("school_id");
            if (!schoolId.isEmpty() && schoolsById != null && !schoolsById.containsKey(schoolId)) {
                row.problem("school_id", schoolId, "a school_id listed in schools.csv");
            }
            int p = row.integer("priority", 0, 1_000_000, 0, true);
            if (!pairs.add(LongSet.pair(studentIds.intern(id), schoolIds.intern(schoolId)))) {
                row.problem("school_id", schoolId, "one priority row per student and school");
            }
            Priority priority = new Priority(id, schoolId, p);
            if (passing(3)) {
                sink.priority(priority);
            }
        });
    }

    private void readRequests(Path file, List<RequestChecks.Request> lines) {
        CsvTable.read(file, MosaicFiles.REQUEST_COLUMNS, problems, row -> {
            String a = row.required("student_a");
            String b = row.required("student_b");
            for (String col : List.of("student_a", "student_b")) {
                String v = row.text(col);
                if (!v.isEmpty() && studentsReadable && student(v) < 0) {
                    row.problem(col, v, "a student_id listed in students.csv");
                }
            }
            if (!a.isEmpty() && a.equals(b)) {
                row.problem("student_b", b, "a different student than student_a");
            }
            String kindText = row.text("kind");
            RequestKind kind = RequestKind.APART;
            try {
                kind = RequestKind.valueOf(kindText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                row.problem("kind", kindText, "apart | together");
            }
            lines.add(new RequestChecks.Request(a, b, kind, row.line()));
            PlacementRequest r = new PlacementRequest(a, b, kind);
            if (passing(4)) {
                sink.request(r);
            }
        });
    }

    private void readSections(Path file, List<Section> sections) {
        CsvTable.read(file, MosaicFiles.SECTION_REQUIRED, problems, row -> {
            String id = row.required("section_id");
            if (!id.isEmpty() && sectionIds.find(id) >= 0) {
                row.problem("section_id", id, "a section id used only once");
            }
            sectionIds.intern(id);
            String schoolId = row.required("school_id");
            if (!schoolId.isEmpty() && schoolsById != null && !schoolsById.containsKey(schoolId)) {
                row.problem("school_id", schoolId, "a school_id listed in schools.csv");
            }
            Section s = new Section(id, schoolId, row.grade("grade"), row.required("subject").toLowerCase(
                    Locale.ROOT), row.integer("capacity", 1, 1000, 1, true), row.text("level"),
                    row.flag("co_taught"), row.flag("ell_certified"), row.text("period"), row.text("teacher"),
                    row.text("course_id"), row.text("term_id"));
            sections.add(s);
            if (passing(5)) {
                sink.section(s);
            }
        });
    }

    private void readRosters(Path file) {
        LongSet seen = new LongSet();
        CsvTable.read(file, MosaicFiles.ROSTER_COLUMNS, problems, row -> {
            String section = row.required("section_id");
            String student = row.required("student_id");
            int sectionIndex = sectionIds.find(section);
            if (!section.isEmpty() && sectionsReadable && (sectionIndex < 0 || sectionIndex >= sectionCount)) {
                row.problem("section_id", section, "a section_id listed in sections.csv");
            }
            if (!student.isEmpty() && studentsReadable && student(student) < 0) {
                row.problem("student_id", student, "a student_id listed in students.csv");
            }
            if (!seen.add(LongSet.pair(sectionIds.intern(section), studentIds.intern(student)))) {
                row.problem("student_id", student, "each student once per section");
            }
            RosterEntry r = new RosterEntry(section, student);
            if (passing(6)) {
                sink.roster(r);
            }
        });
    }

    /** Strings numbered densely in the order they are first met. */
    private static final class IdIndex {
        private final Map<String, Integer> index = new HashMap<>();
        private final List<String> names = new ArrayList<>();

        int find(String id) {
            Integer i = index.get(id);
            return i == null ? -1 : i;
        }

        int intern(String id) {
            Integer i = index.get(id);
            if (i != null) {
                return i;
            }
            index.put(id, names.size());
            names.add(id);
            return names.size() - 1;
        }

        String name(int i) {
            return names.get(i);
        }

        int size() {
            return names.size();
        }
    }
}
