package org.mosaic.io.oneroster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.mosaic.io.Csv;
import org.mosaic.model.Grades;
import org.mosaic.model.RosterEntry;
import org.mosaic.model.Section;

/**
 * Formed classes as a OneRoster CSV bulk set a SIS can take back: classes.csv, enrollments.csv and a manifest that
 * marks every other file absent. Column order follows the version's CSV binding. Output is deterministic: enrollment
 * sourcedIds are name-based UUIDs of (class, user), and dateLastModified is given by the caller, not the clock.
 */
public final class OneRosterExport {
    static final List<String> CLASS_COLUMNS = List.of("sourcedId", "status", "dateLastModified", "title", "grades",
            "courseSourcedId", "classCode", "classType", "location", "schoolSourcedId", "termSourcedIds", "subjects",
            "subjectCodes", "periods");
    static final List<String> ENROLLMENT_COLUMNS = List.of("sourcedId", "status", "dateLastModified",
            "classSourcedId", "schoolSourcedId", "userSourcedId", "role", "primary", "beginDate", "endDate");
    static final List<String> FILES = List.of("academicSessions", "categories", "classes", "classResources",
            "courses", "courseResources", "demographics", "enrollments", "lineItems", "orgs", "resources", "results",
            "users");
    static final List<String> FILES_1_2 = List.of("academicSessions", "categories", "classes", "classResources",
            "courses", "courseResources", "demographics", "enrollments", "lineItemLearningObjectiveIds", "lineItems",
            "lineItemScoreScales", "orgs", "resources", "resultLearningObjectiveIds", "results",
            "resultScoreScales", "roles", "scoreScales", "userProfiles", "userResources", "users");

    private OneRosterExport() {
    }

    /** Writes the three files with dateLastModified 2026-01-01T00:00:00.000Z (stable across runs). */
    public static void writeClasses(Path outDir, List<Section> sections, List<RosterEntry> rosters,
                                    OneRosterVersion version) {
        writeClasses(outDir, sections, rosters, version, "2026-01-01T00:00:00.000Z");
    }

    public static void writeClasses(Path outDir, List<Section> sections, List<RosterEntry> rosters,
                                    OneRosterVersion version, String dateLastModified) {
        Map<String, Section> byId = new TreeMap<>();
        sections.forEach(s -> byId.put(s.id(), s));
        Csv.write(outDir.resolve("classes.csv"), CLASS_COLUMNS, p -> {
            for (Section s : sections) {
                String title = (s.subject().isEmpty() ? "Class" : capitalize(s.subject())) + " " + Grades.label(
                        s.grade()) + (s.level().isEmpty() ? "" : " " + s.level()) + " - " + s.id();
                p.printRecord(s.id(), "active", dateLastModified, title, Grades.oneRosterCode(s.grade()),
                        s.course().isEmpty() ? s.subject() + "-" + Grades.label(s.grade()) : s.course(), s.id(),
                        "scheduled", "", s.schoolId(), s.term(), s.subject(), "", s.period());
            }
        });
        Csv.write(outDir.resolve("enrollments.csv"), ENROLLMENT_COLUMNS, p -> {
            for (RosterEntry r : rosters) {
                Section s = byId.get(r.sectionId());
                if (s == null) {
                    throw new IllegalArgumentException("roster entry for unknown section " + r.sectionId());
                }
                p.printRecord(enrollmentId(r.sectionId(), r.studentId()), "active", dateLastModified, r.sectionId(),
                        s.schoolId(), r.studentId(), "student", "false", "", "");
            }
            List<Section> taught = new ArrayList<>(sections);
            for (Section s : taught) {
                if (!s.teacher().isEmpty()) {
                    p.printRecord(enrollmentId(s.id(), s.teacher()), "active", dateLastModified, s.id(), s.schoolId(),
                            s.teacher(), "teacher", "true", "", "");
                }
            }
        });
        Csv.write(outDir.resolve("manifest.csv"), List.of("propertyName", "value"), p -> {
            p.printRecord("manifest.version", "1.0");
            p.printRecord("oneroster.version", version.text());
            for (String f : version == OneRosterVersion.V1_1 ? FILES : FILES_1_2) {
                p.printRecord("file." + f, f.equals("classes") || f.equals("enrollments") ? "bulk" : "absent");
            }
            p.printRecord("source.systemName", "Mosaic");
            p.printRecord("source.systemCode", "mosaic");
        });
    }

    static String enrollmentId(String classId, String userId) {
        return UUID.nameUUIDFromBytes(("mosaic-enrollment:" + classId + "\u0000" + userId)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
