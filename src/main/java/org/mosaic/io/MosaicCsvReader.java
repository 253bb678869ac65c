package org.mosaic.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 */
public final class MosaicCsvReader {
    /** Seats of a school, and of one of its grades. */
    static final int MAX_CAPACITY = 100_000;
    private MosaicCsvReader() {
    }

    public static Dataset read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(List.of(new org.mosaic.model.InputProblem(dir.toString(), 0, "", "",
                    "a dataset directory holding schools.csv and students.csv (create one with `mosaic generate`)")));
        }
        Problems problems = new Problems();
        for (String p : Manifest.check(dir)) {
            problems.add(Manifest.FILE, 0, "", "", p);
        }
        problems.throwIfAny();
        List<School> schools = readSchools(dir.resolve(MosaicFiles.SCHOOLS), problems);
        // A file whose rows could not be read (a bad header, not UTF-8) is reported once, by its cause: the ids
        // it would have listed are unknown (null), so other files' references to them are not checked.
        Map<String, School> schoolsById = problems.readable(MosaicFiles.SCHOOLS) ? new HashMap<>() : null;
        if (schoolsById != null) {
            schools.forEach(s -> schoolsById.put(s.id(), s));
        }
        List<Student> students = readStudents(dir.resolve(MosaicFiles.STUDENTS), schoolsById, problems);
        Set<String> studentIds = problems.readable(MosaicFiles.STUDENTS) ? new HashSet<>(students.size() * 2) : null;
        if (studentIds != null) {
            students.forEach(s -> studentIds.add(s.id()));
        }

        List<Score> scores = optional(dir, MosaicFiles.SCORES) ? readScores(dir.resolve(MosaicFiles.SCORES),
                studentIds, problems) : new ArrayList<>();
        Map<String, Integer> gradeOf = studentIds == null ? null : new HashMap<>(students.size() * 2);
        if (gradeOf != null) {
            students.forEach(s -> gradeOf.put(s.id(), s.grade()));
        }
        List<Choice> choices = optional(dir, MosaicFiles.CHOICES) ? readChoices(dir.resolve(MosaicFiles.CHOICES),
                gradeOf, schoolsById, problems) : List.of();
        List<Priority> priorities = optional(dir, MosaicFiles.PRIORITIES)
                ? readPriorities(dir.resolve(MosaicFiles.PRIORITIES), studentIds, schoolsById, problems) : List.of();
        List<RequestChecks.Request> requestLines = new ArrayList<>();
        List<PlacementRequest> requests = optional(dir, MosaicFiles.REQUESTS)
                ? readRequests(dir.resolve(MosaicFiles.REQUESTS), studentIds, problems, requestLines) : List.of();
        List<Section> sections = optional(dir, MosaicFiles.SECTIONS)
                ? readSections(dir.resolve(MosaicFiles.SECTIONS), schoolsById, problems) : List.of();
        Set<String> sectionIds = problems.readable(MosaicFiles.SECTIONS) ? new HashSet<>() : null;
        if (sectionIds != null) {
            sections.forEach(s -> sectionIds.add(s.id()));
        }
        List<RosterEntry> rosters = optional(dir, MosaicFiles.ROSTERS)
                ? readRosters(dir.resolve(MosaicFiles.ROSTERS), sectionIds, studentIds, problems) : List.of();

        if (problems.isEmpty()) {
            Map<String, Student> byId = new HashMap<>();
            students.forEach(st -> byId.put(st.id(), st));
            RequestChecks.check(requestLines, byId, sections, problems);
        }
        problems.throwIfAny();
        String name = dir.toAbsolutePath().normalize().getFileName() == null ? "district"
                : dir.toAbsolutePath().normalize().getFileName().toString();
        District district = new District(name, name, schools, District.clustersOf(schools), students);
        return new Dataset(district, scores, choices, priorities, requests, sections, rosters);
    }

    private static boolean optional(Path dir, String file) {
        return Files.exists(dir.resolve(file));
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

    static List<Student> readStudents(Path file, Map<String, School> schools, Problems problems) {
        List<Student> students = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        // Extra columns (a school's own flags) become attributes: found once from the header, and each column's
        // values interned, so that a million students holding "0" or "1" share two strings.
        List<String> extra = new ArrayList<>();
        boolean[] headerSeen = {false};
        List<Map<String, String>> interned = new ArrayList<>();
        CsvTable.read(file, MosaicFiles.STUDENT_REQUIRED, problems, row -> {
            if (!headerSeen[0]) {
                headerSeen[0] = true;
                row.columns().stream().filter(c -> !MosaicFiles.STUDENT_COLUMNS.contains(c)).forEach(extra::add);
                extra.forEach(c -> interned.add(new HashMap<>()));
            }
            String id = row.required("student_id");
            if (!id.isEmpty() && !seen.add(id)) {
                row.problem("student_id", id, "a student id used only once (it also appears on an earlier line)");
            }
            int grade = row.grade("grade");
            String schoolId = row.text("school_id");
            if (!schoolId.isEmpty() && schools != null) {
                School s = schools.get(schoolId);
                if (s == null) {
                    row.problem("school_id", schoolId, "a school_id listed in schools.csv, or empty for a student "
                            + "not yet enrolled");
                } else if (!s.serves(grade)) {
                    row.problem("grade", row.text("grade"), "a grade that school " + schoolId + " serves ("
                            + Grades.label(s.lowGrade()) + "-" + Grades.label(s.highGrade()) + ")");
                }
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
            students.add(new Student(id.isEmpty() ? "?" : id, grade, schoolId, home, row.text("zone"),
                    row.text("tract"), row.flag("frl"), race, gender, row.flag("ell"), row.flag("iep"),
                    row.flag("gifted"), row.integer("ses_tier", 0, 4, 0, false), row.flag("behavior"),
                    row.text("given_name"), row.text("family_name"), attributes));
        });
        return students;
    }

    static List<Score> readScores(Path file, Set<String> studentIds, Problems problems) {
        List<Score> scores = new ArrayList<>();
        CsvTable.read(file, MosaicFiles.SCORE_REQUIRED, problems, row -> {
            String id = row.required("student_id");
            if (!id.isEmpty() && studentIds != null && !studentIds.contains(id)) {
                row.problem("student_id", id, "a student_id listed in students.csv");
            }
            String subject = row.required("subject").toLowerCase(Locale.ROOT);
            int year = row.integer("year", 1900, 2200, 0, true);
            double score = row.decimal("score", -1e9, 1e9, Double.NaN, true);
            OptionalDouble ge = row.text("grade_equivalent").isEmpty() ? OptionalDouble.empty()
                    : OptionalDouble.of(row.decimal("grade_equivalent", -2, 20, 0, false));
            scores.add(new Score(id, subject, row.text("strand"), year, row.text("term"), score, ge));
        });
        return scores;
    }

    /** Ranked choices; a school must serve the applicant's grade, else the family's ranks would be renumbered. */
    static List<Choice> readChoices(Path file, Map<String, Integer> gradeOf, Map<String, School> schools,
                                    Problems problems) {
        List<Choice> choices = new ArrayList<>();
        Map<String, Set<Integer>> ranks = new HashMap<>();
        Map<String, Set<String>> ranked = new HashMap<>();
        CsvTable.read(file, MosaicFiles.CHOICE_COLUMNS, problems, row -> {
            String id = row.required("student_id");
            if (!id.isEmpty() && gradeOf != null && !gradeOf.containsKey(id)) {
                row.problem("student_id", id, "a student_id listed in students.csv");
            }
            int rank = row.integer("rank", 1, 1000, 1, true);
            String schoolId = row.required("school_id");
            if (!schoolId.isEmpty() && schools != null && !schools.containsKey(schoolId)) {
                row.problem("school_id", schoolId, "a school_id listed in schools.csv");
            } else if (!schoolId.isEmpty() && schools != null && gradeOf != null && gradeOf.containsKey(id)
                    && !schools.get(schoolId).serves(gradeOf.get(id))) {
                School school = schools.get(schoolId);
                row.problem("school_id", schoolId, "a school that serves the student's grade "
                        + Grades.label(gradeOf.get(id)) + " (" + schoolId + " serves " + Grades.label(school.lowGrade())
                        + "-" + Grades.label(school.highGrade()) + "); remove the row or rank another school");
            }
            if (!ranks.computeIfAbsent(id, k -> new HashSet<>()).add(rank)) {
                row.problem("rank", Integer.toString(rank), "each rank once per student (rank " + rank
                        + " is already used by " + "this student)");
            }
            if (!ranked.computeIfAbsent(id, k -> new HashSet<>()).add(schoolId)) {
                row.problem("school_id", schoolId, "each school ranked at most once per student");
            }
            choices.add(new Choice(id, rank, schoolId));
        });
        return choices;
    }

    static List<Priority> readPriorities(Path file, Set<String> studentIds, Map<String, School> schools,
                                         Problems problems) {
        List<Priority> priorities = new ArrayList<>();
        Set<String> pairs = new HashSet<>();
        CsvTable.read(file, MosaicFiles.PRIORITY_COLUMNS, problems, row -> {
            String id = row.required("student_id");
            if (!id.isEmpty() && studentIds != null && !studentIds.contains(id)) {
                row.problem("student_id", id, "a student_id listed in students.csv");
            }
            String schoolId = row.required("school_id");
            if (!schoolId.isEmpty() && schools != null && !schools.containsKey(schoolId)) {
                row.problem("school_id", schoolId, "a school_id listed in schools.csv");
            }
            int p = row.integer("priority", 0, 1_000_000, 0, true);
            if (!pairs.add(id + '\u0000' + schoolId)) {
                row.problem("school_id", schoolId, "one priority row per student and school");
            }
            priorities.add(new Priority(id, schoolId, p));
        });
        return priorities;
    }

    static List<PlacementRequest> readRequests(Path file, Set<String> studentIds, Problems problems,
                                               List<RequestChecks.Request> lines) {
        List<PlacementRequest> requests = new ArrayList<>();
        CsvTable.read(file, MosaicFiles.REQUEST_COLUMNS, problems, row -> {
            String a = row.required("student_a");
            String b = row.required("student_b");
            for (String col : List.of("student_a", "student_b")) {
                String v = row.text(col);
                if (!v.isEmpty() && studentIds != null && !studentIds.contains(v)) {
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
            requests.add(new PlacementRequest(a, b, kind));
            lines.add(new RequestChecks.Request(a, b, kind, row.line()));
        });
        return requests;
    }

    static List<Section> readSections(Path file, Map<String, School> schools, Problems problems) {
        List<Section> sections = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        CsvTable.read(file, MosaicFiles.SECTION_REQUIRED, problems, row -> {
            String id = row.required("section_id");
            if (!id.isEmpty() && !seen.add(id)) {
                row.problem("section_id", id, "a section id used only once");
            }
            String schoolId = row.required("school_id");
            if (!schoolId.isEmpty() && schools != null && !schools.containsKey(schoolId)) {
                row.problem("school_id", schoolId, "a school_id listed in schools.csv");
            }
            sections.add(new Section(id, schoolId, row.grade("grade"), row.required("subject").toLowerCase(
                    Locale.ROOT), row.integer("capacity", 1, 1000, 1, true), row.text("level"),
                    row.flag("co_taught"), row.flag("ell_certified"), row.text("period"), row.text("teacher"),
                    row.text("course_id"), row.text("term_id")));
        });
        return sections;
    }

    static List<RosterEntry> readRosters(Path file, Set<String> sectionIds, Set<String> studentIds,
                                         Problems problems) {
        List<RosterEntry> rosters = new ArrayList<>();
        Map<String, Set<String>> seen = new LinkedHashMap<>();
        CsvTable.read(file, MosaicFiles.ROSTER_COLUMNS, problems, row -> {
            String section = row.required("section_id");
            String student = row.required("student_id");
            if (!section.isEmpty() && sectionIds != null && !sectionIds.contains(section)) {
                row.problem("section_id", section, "a section_id listed in sections.csv");
            }
            if (!student.isEmpty() && studentIds != null && !studentIds.contains(student)) {
                row.problem("student_id", student, "a student_id listed in students.csv");
            }
            if (!seen.computeIfAbsent(section, k -> new HashSet<>()).add(student)) {
                row.problem("student_id", student, "each student once per section");
            }
            rosters.add(new RosterEntry(section, student));
        });
        return rosters;
    }
}
