package org.mosaic.io.oneroster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.mosaic.io.CsvTable;
import org.mosaic.io.Problems;
import org.mosaic.model.BadInputException;
import org.mosaic.model.Dataset;
import org.mosaic.model.District;
import org.mosaic.model.Gender;
import org.mosaic.model.Grades;
import org.mosaic.model.InputProblem;
import org.mosaic.model.Location;
import org.mosaic.model.Race;
import org.mosaic.model.RosterEntry;
import org.mosaic.model.School;
import org.mosaic.model.SchoolType;
import org.mosaic.model.Section;
import org.mosaic.model.Student;

/**
 * Reads a OneRoster 1.1 or 1.2 CSV bulk export (the zip's files in one directory) into a Mosaic dataset. sourcedIds
 * become Mosaic ids unchanged, so formed classes go back to the SIS under the ids it knows. OneRoster carries no
 * FRL, EL, IEP or gifted status: they come from the extension columns {@code metadata.frl}, {@code metadata.ell},
 * {@code metadata.iep}, {@code metadata.gifted}, {@code metadata.sesTier}, {@code metadata.zone},
 * {@code metadata.tract} on demographics.csv (or users.csv). All-or-nothing, with every problem listed.
 */
public final class OneRosterImport {
    private OneRosterImport() {
    }

    public static Dataset read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(List.of(new InputProblem(dir.toString(), 0, "", "",
                    "a directory holding a OneRoster CSV export (manifest.csv, orgs.csv, users.csv, ...)")));
        }
        Problems problems = new Problems();
        OneRosterVersion version = readManifest(dir.resolve("manifest.csv"), problems);
        problems.throwIfAny();

        Map<String, String[]> orgs = new LinkedHashMap<>(); // id -> name, type, parent, metadata school type, cluster
        Map<String, Map<String, String>> orgMeta = new HashMap<>();
        CsvTable.read(dir.resolve("orgs.csv"), List.of("sourcedid", "name", "type"), problems, row -> {
            if (deleted(row)) {
                return;
            }
            String id = row.required("sourcedid");
            if (orgs.containsKey(id)) {
                row.problem("sourcedid", id, "a sourcedId used once in orgs.csv");
            }
            String type = row.text("type").toLowerCase(Locale.ROOT);
            if (!List.of("department", "school", "district", "local", "state", "national").contains(type)) {
                row.problem("type", row.text("type"), "one of department, school, district, local, state, national");
            }
            orgs.put(id, new String[] {row.text("name"), type, row.text("parentsourcedid")});
            Map<String, String> meta = new HashMap<>();
            for (String k : List.of("metadata.schooltype", "metadata.clusterid", "metadata.capacity",
                    "metadata.lowgrade", "metadata.highgrade")) {
                meta.put(k, row.text(k));
            }
            meta.put("line", Long.toString(row.line()));
            orgMeta.put(id, meta);
        });

        Set<String> sessions = new HashSet<>();
        if (Files.exists(dir.resolve("academicSessions.csv"))) {
            CsvTable.read(dir.resolve("academicSessions.csv"), List.of("sourcedid"), problems, row -> {
                if (!deleted(row)) {
                    sessions.add(row.required("sourcedid"));
                }
            });
        }
        Map<String, String[]> courses = new HashMap<>();
        if (Files.exists(dir.resolve("courses.csv"))) {
            CsvTable.read(dir.resolve("courses.csv"), List.of("sourcedid", "title"), problems, row -> {
                if (!deleted(row)) {
                    courses.put(row.required("sourcedid"), new String[] {row.text("title"), row.text("subjects")});
                }
            });
        }

        // Users: students only (teachers are kept for the class's teacher id).
        Map<String, String[]> users = new LinkedHashMap<>(); // id -> role, org, grade, given, family
        Map<String, Long> userLine = new HashMap<>();
        Map<String, Map<String, String>> userMeta = new HashMap<>();
        CsvTable.read(dir.resolve("users.csv"), version == OneRosterVersion.V1_1
                ? List.of("sourcedid", "role", "orgsourcedids") : List.of("sourcedid"), problems, row -> {
            if (deleted(row)) {
                return;
            }
            String id = row.required("sourcedid");
            if (users.containsKey(id)) {
                row.problem("sourcedid", id, "a sourcedId used once in users.csv");
            }
            String role = row.text("role").toLowerCase(Locale.ROOT);
            String org = row.has("primaryorgsourcedid") && !row.text("primaryorgsourcedid").isEmpty()
                    ? row.text("primaryorgsourcedid") : first(row.text("orgsourcedids"));
            String grade = first(row.text("grades"));
            users.put(id, new String[] {role, org, grade, row.text("givenname"), row.text("familyname")});
            userLine.put(id, row.line());
            userMeta.put(id, metadata(row));
        });
        if (version == OneRosterVersion.V1_2 && Files.exists(dir.resolve("roles.csv"))) {
            CsvTable.read(dir.resolve("roles.csv"), List.of("usersourcedid", "role", "orgsourcedid"), problems,
                    row -> {
                        if (deleted(row)) {
                            return;
                        }
                        String[] u = users.get(row.text("usersourcedid"));
                        if (u == null) {
                            row.problem("usersourcedid", row.text("usersourcedid"), "a sourcedId listed in users.csv");
                            return;
                        }
                        if (u[0].isEmpty() || row.text("roletype").equalsIgnoreCase("primary")) {
                            u[0] = row.text("role").toLowerCase(Locale.ROOT);
                            if (u[1].isEmpty() || row.text("roletype").equalsIgnoreCase("primary")) {
                                u[1] = row.text("orgsourcedid");
                            }
                        }
                    });
        }
        Map<String, Map<String, String>> demo = new HashMap<>();
        if (Files.exists(dir.resolve("demographics.csv"))) {
            CsvTable.read(dir.resolve("demographics.csv"), List.of("sourcedid"), problems, row -> {
                if (deleted(row)) {
                    return;
                }
                String id = row.required("sourcedid");
                if (!users.containsKey(id)) {
                    row.problem("sourcedid", id, "a user sourcedId listed in users.csv");
                }
                Map<String, String> d = metadata(row);
                d.put("sex", row.text("sex"));
                for (Race r : Race.values()) {
                    String v = row.text(r.oneRosterField().toLowerCase(Locale.ROOT));
                    if (!v.isEmpty() && !v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                        row.problem(r.oneRosterField().toLowerCase(Locale.ROOT), v, "true or false");
                    }
                    d.put(r.oneRosterField(), v);
                }
                d.put("line", Long.toString(row.line()));
                demo.put(id, d);
            });
        }

        Map<String, String[]> classes = new LinkedHashMap<>();
        Map<String, Long> classLine = new HashMap<>();
        CsvTable.read(dir.resolve("classes.csv"), List.of("sourcedid", "title", "schoolsourcedid"), problems, row -> {
            if (deleted(row)) {
                return;
            }
            String id = row.required("sourcedid");
            if (classes.containsKey(id)) {
                row.problem("sourcedid", id, "a sourcedId used once in classes.csv");
            }
            String school = row.required("schoolsourcedid");
            if (!school.isEmpty() && !"school".equals(orgType(orgs, school))) {
                row.problem("schoolsourcedid", school, "the sourcedId of a school in orgs.csv");
            }
            String grade = first(row.text("grades"));
            if (!grade.isEmpty() && Grades.parse(grade) == null) {
                row.problem("grades", row.text("grades"), "OneRoster grade codes such as KG, 01 ... 12");
            }
            String course = row.text("coursesourcedid");
            if (!course.isEmpty() && !courses.isEmpty() && !courses.containsKey(course)) {
                row.problem("coursesourcedid", course, "a sourcedId listed in courses.csv");
            }
            for (String term : split(row.text("termsourcedids"))) {
                if (!sessions.isEmpty() && !sessions.contains(term)) {
                    row.problem("termsourcedids", term, "sourcedIds listed in academicSessions.csv");
                }
            }
            String subject = first(row.text("subjects"));
            if (subject.isEmpty() && courses.containsKey(course)) {
                subject = first(courses.get(course)[1]);
                if (subject.isEmpty()) {
                    subject = courses.get(course)[0];
                }
            }
            classes.put(id, new String[] {row.text("title"), school, grade, normalizeSubject(subject.isEmpty()
                    ? row.text("title") : subject), course, String.join(",", split(row.text("termsourcedids"))),
                    row.text("periods"), row.text("metadata.capacity"), row.text("metadata.cotaught"),
                    row.text("metadata.ellcertified"), row.text("metadata.level"), row.text("classcode")});
            classLine.put(id, row.line());
        });

        List<RosterEntry> rosters = new ArrayList<>();
        Map<String, String> teacherOf = new HashMap<>();
        Set<String> pairs = new HashSet<>();
        CsvTable.read(dir.resolve("enrollments.csv"), List.of("classsourcedid", "usersourcedid", "role"), problems,
                row -> {
                    if (deleted(row)) {
                        return;
                    }
                    String cls = row.required("classsourcedid");
                    String user = row.required("usersourcedid");
                    if (!cls.isEmpty() && !classes.containsKey(cls)) {
                        row.problem("classsourcedid", cls, "a sourcedId listed in classes.csv");
                    }
                    if (!user.isEmpty() && !users.containsKey(user)) {
                        row.problem("usersourcedid", user, "a sourcedId listed in users.csv");
                    }
                    String role = row.text("role").toLowerCase(Locale.ROOT);
                    if (role.equals("student")) {
                        if (pairs.add(cls + '\u0000' + user)) {
                            rosters.add(new RosterEntry(cls, user));
                        }
                    } else if (role.equals("teacher") && (row.text("primary").equalsIgnoreCase("true")
                            || !teacherOf.containsKey(cls))) {
                        teacherOf.put(cls, user);
                    } else if (!List.of("teacher", "administrator", "aide", "proctor", "guardian", "parent")
                            .contains(role)) {
                        row.problem("role", row.text("role"), "student, teacher, aide, administrator or proctor");
                    }
                });
        problems.throwIfAny();

        // Students.
        List<Student> students = new ArrayList<>();
        Map<String, Map<Integer, Integer>> enrolledByGrade = new HashMap<>();
        for (Map.Entry<String, String[]> e : users.entrySet()) {
            String[] u = e.getValue();
            if (!u[0].equals("student")) {
                continue;
            }
            String file = "users.csv";
            long line = userLine.get(e.getKey());
            Integer grade = Grades.parse(u[2]);
            if (grade == null) {
                problems.add(new InputProblem(file, line, "grades", 0, u[2], "a OneRoster grade code (KG, 01 ... 12) "
                        + "for every student"));
                grade = 0;
            }
            String school = u[1];
            if (!"school".equals(orgType(orgs, school))) {
                problems.add(new InputProblem(file, line, version == OneRosterVersion.V1_1 ? "orgsourcedids"
                        : "primaryorgsourcedid", 0, school, "the sourcedId of a school in orgs.csv"));
            }
            Map<String, String> d = demo.getOrDefault(e.getKey(), Map.of());
            Map<String, String> meta = new HashMap<>(userMeta.get(e.getKey()));
            d.forEach((k, v) -> {
                if (k.startsWith("metadata.") && !v.isEmpty()) {
                    meta.put(k, v);
                }
            });
            String dFile = d.isEmpty() ? file : "demographics.csv";
            long dLine = d.isEmpty() ? line : Long.parseLong(d.get("line"));
            Gender gender = Gender.parse(d.getOrDefault("sex", "")).orElseGet(() -> {
                problems.add(new InputProblem(dFile, dLine, "sex", 0, d.get("sex"), "male, female, other or "
                        + "unspecified"));
                return Gender.UNSPECIFIED;
            });
            students.add(new Student(e.getKey(), grade, school, new Location(0, 0), meta.getOrDefault("metadata.zone",
                    ""), meta.getOrDefault("metadata.tract", ""), flag(meta, "metadata.frl", dFile, dLine, problems),
                    race(d), gender, flag(meta, "metadata.ell", dFile, dLine, problems),
                    flag(meta, "metadata.iep", dFile, dLine, problems), flag(meta, "metadata.gifted", dFile, dLine,
                    problems), sesTier(meta, dFile, dLine, problems), flag(meta, "metadata.behavior", dFile, dLine,
                    problems), u[3], u[4]));
            enrolledByGrade.computeIfAbsent(school, k -> new TreeMap<>()).merge(grade, 1, Integer::sum);
        }

        // Schools: grades served from metadata or from the students; capacity from metadata or enrolment.
        List<School> schools = new ArrayList<>();
        for (Map.Entry<String, String[]> e : orgs.entrySet()) {
            if (!e.getValue()[1].equals("school")) {
                continue;
            }
            Map<String, String> meta = orgMeta.get(e.getKey());
            long line = Long.parseLong(meta.get("line"));
            Map<Integer, Integer> enrolled = enrolledByGrade.getOrDefault(e.getKey(), Map.of());
            Integer low = meta.get("metadata.lowgrade").isEmpty() ? enrolled.keySet().stream().min(Integer::compare)
                    .orElse(0) : Grades.parse(meta.get("metadata.lowgrade"));
            Integer high = meta.get("metadata.highgrade").isEmpty() ? enrolled.keySet().stream()
                    .max(Integer::compare).orElse(low == null ? 0 : low) : Grades.parse(meta.get("metadata.highgrade"));
            if (low == null || high == null || low > high) {
                problems.add(new InputProblem("orgs.csv", line, "metadata.lowGrade", 0, meta.get("metadata.lowgrade"),
                        "grade codes with metadata.lowGrade <= metadata.highGrade"));
                continue;
            }
            SchoolType type = SchoolType.NEIGHBORHOOD;
            String typeText = meta.get("metadata.schooltype");
            if (!typeText.isEmpty()) {
                try {
                    type = SchoolType.valueOf(typeText.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException ex) {
                    problems.add(new InputProblem("orgs.csv", line, "metadata.schoolType", 0, typeText,
                            "neighborhood, charter or magnet"));
                }
            }
            Map<Integer, Integer> capacity = new TreeMap<>();
            String capText = meta.get("metadata.capacity");
            for (int g = low; g <= high; g++) {
                int cap = enrolled.getOrDefault(g, 0);
                if (!capText.isEmpty()) {
                    try {
                        cap = Integer.parseInt(capText.trim());
                    } catch (NumberFormatException ex) {
                        problems.add(new InputProblem("orgs.csv", line, "metadata.capacity", 0, capText,
                                "seats per grade, a whole number"));
                    }
                }
                capacity.put(g, cap);
            }
            schools.add(new School(e.getKey(), e.getValue()[0], type, meta.get("metadata.clusterid"), low, high,
                    new Location(0, 0), "", capacity));
        }
        for (Student s : students) {
            School school = schools.stream().filter(x -> x.id().equals(s.schoolId())).findFirst().orElse(null);
            if (school != null && !school.serves(s.grade())) {
                problems.add(new InputProblem("users.csv", userLine.get(s.id()), "grades", 0, Grades.oneRosterCode(
                        s.grade()), "a grade that school " + school.id() + " serves (metadata.lowGrade-highGrade)"));
            }
        }

        // Sections.
        Map<String, Integer> size = new HashMap<>();
        rosters.forEach(r -> size.merge(r.sectionId(), 1, Integer::sum));
        Set<String> studentIds = new HashSet<>();
        students.forEach(s -> studentIds.add(s.id()));
        List<RosterEntry> studentRosters = rosters.stream().filter(r -> studentIds.contains(r.studentId()))
                .toList();
        List<Section> sections = new ArrayList<>();
        for (Map.Entry<String, String[]> e : classes.entrySet()) {
            String[] c = e.getValue();
            long line = classLine.get(e.getKey());
            int cap = size.getOrDefault(e.getKey(), 0);
            if (!c[7].isEmpty()) {
                try {
                    cap = Integer.parseInt(c[7].trim());
                } catch (NumberFormatException ex) {
                    problems.add(new InputProblem("classes.csv", line, "metadata.capacity", 0, c[7],
                            "seats, a whole number"));
                }
            }
            Integer grade = c[2].isEmpty() ? null : Grades.parse(c[2]);
            sections.add(new Section(e.getKey(), c[1], grade == null ? 0 : grade, c[3], Math.max(1, cap), c[10],
                    bool(c[8]), bool(c[9]), c[6], teacherOf.getOrDefault(e.getKey(), ""), c[4], c[5]));
        }
        problems.throwIfAny();
        String name = orgs.values().stream().filter(o -> o[1].equals("district")).map(o -> o[0]).findFirst()
                .orElse(dir.getFileName().toString());
        District district = new District(name, name, schools, District.clustersOf(schools), students);
        return new Dataset(district, List.of(), List.of(), List.of(), List.of(), sections, studentRosters);
    }

    static OneRosterVersion readManifest(Path file, Problems problems) {
        Map<String, String> props = new HashMap<>();
        Map<String, Long> lines = new HashMap<>();
        CsvTable.read(file, List.of("propertyname", "value"), problems, row -> {
            props.put(row.text("propertyname"), row.text("value"));
            lines.put(row.text("propertyname"), row.line());
        });
        if (!problems.isEmpty()) {
            return OneRosterVersion.V1_1;
        }
        String v = props.getOrDefault("oneroster.version", "");
        OneRosterVersion version = OneRosterVersion.parse(v);
        if (version == null) {
            problems.add(new InputProblem("manifest.csv", lines.getOrDefault("oneroster.version", 0L), "value", 2, v,
                    "oneroster.version 1.1 or 1.2"));
            return OneRosterVersion.V1_1;
        }
        for (String f : List.of("orgs", "users", "classes", "enrollments")) {
            String mode = props.getOrDefault("file." + f, "bulk");
            if (mode.equalsIgnoreCase("delta")) {
                problems.add(new InputProblem("manifest.csv", lines.getOrDefault("file." + f, 0L), "value", 2, mode,
                        "bulk: Mosaic imports whole (bulk) exports, not deltas"));
            }
        }
        return version;
    }

    private static Map<String, String> metadata(CsvTable.Row row) {
        Map<String, String> m = new HashMap<>();
        for (String k : List.of("metadata.frl", "metadata.ell", "metadata.iep", "metadata.gifted", "metadata.sestier",
                "metadata.zone", "metadata.tract", "metadata.behavior")) {
            if (row.has(k)) {
                m.put(k, row.text(k));
            }
        }
        return m;
    }

    private static boolean flag(Map<String, String> meta, String key, String file, long line, Problems problems) {
        String v = meta.getOrDefault(key, "").toLowerCase(Locale.ROOT);
        switch (v) {
            case "": case "0": case "false": case "no": case "n":
                return false;
            case "1": case "true": case "yes": case "y":
                return true;
            default:
                problems.add(new InputProblem(file, line, key, 0, v, "true or false (or 1/0)"));
                return false;
        }
    }

    private static int sesTier(Map<String, String> meta, String file, long line, Problems problems) {
        String v = meta.getOrDefault("metadata.sestier", "");
        if (v.isEmpty()) {
            return 0;
        }
        try {
            int t = Integer.parseInt(v.trim());
            if (t >= 0 && t <= 4) {
                return t;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add(new InputProblem(file, line, "metadata.sesTier", 0, v, "0 to 4"));
        return 0;
    }

    /** One category per student, as NCES reports: Hispanic of any race, then two or more races, then the race. */
    static Race race(Map<String, String> d) {
        if ("true".equalsIgnoreCase(d.get(Race.HISPANIC.oneRosterField()))) {
            return Race.HISPANIC;
        }
        if ("true".equalsIgnoreCase(d.get(Race.TWO_OR_MORE.oneRosterField()))) {
            return Race.TWO_OR_MORE;
        }
        List<Race> marked = new ArrayList<>();
        for (Race r : Race.values()) {
            if (r != Race.HISPANIC && r != Race.TWO_OR_MORE && "true".equalsIgnoreCase(d.get(r.oneRosterField()))) {
                marked.add(r);
            }
        }
        return marked.size() == 1 ? marked.get(0) : Race.TWO_OR_MORE;
    }

    static String normalizeSubject(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("math") || t.contains("algebra") || t.contains("geometry")) {
            return "math";
        }
        if (t.contains("reading") || t.contains("english language arts") || t.equals("ela") || t.contains("literacy")
                || t.startsWith("english")) {
            return "reading";
        }
        return t;
    }

    private static boolean deleted(CsvTable.Row row) {
        return row.text("status").equalsIgnoreCase("tobedeleted");
    }

    private static String orgType(Map<String, String[]> orgs, String id) {
        String[] o = orgs.get(id);
        return o == null ? null : o[1];
    }

    static String first(String list) {
        List<String> l = split(list);
        return l.isEmpty() ? "" : l.get(0);
    }

    static List<String> split(String list) {
        List<String> out = new ArrayList<>();
        for (String p : list.split(",")) {
            if (!p.isBlank()) {
                out.add(p.trim());
            }
        }
        return out;
    }

    private static boolean bool(String v) {
        return v.equalsIgnoreCase("true") || v.equals("1");
    }
}
