package org.mosaic.io;

import java.util.List;

/** File and column names of a Mosaic CSV dataset; docs/formats.md is the user-facing description. */
public final class MosaicFiles {
    private MosaicFiles() {
    }

    public static final String SCHOOLS = "schools.csv";
    public static final String STUDENTS = "students.csv";
    public static final String SCORES = "scores.csv";
    public static final String CHOICES = "choices.csv";
    public static final String PRIORITIES = "priorities.csv";
    public static final String REQUESTS = "requests.csv";
    public static final String SECTIONS = "sections.csv";
    public static final String ROSTERS = "rosters.csv";
    /** Every file of a dataset, in the order a reader needs them (schools before the students who attend them). */
    public static final List<String> ALL = List.of(SCHOOLS, STUDENTS, SCORES, CHOICES, PRIORITIES, REQUESTS,
            SECTIONS, ROSTERS);

    public static final List<String> SCHOOL_COLUMNS = List.of("school_id", "name", "type", "cluster_id", "low_grade",
            "high_grade", "x", "y", "zone", "capacity", "capacity_by_grade");
    public static final List<String> SCHOOL_REQUIRED = List.of("school_id", "type", "low_grade", "high_grade",
            "capacity");
    public static final List<String> STUDENT_COLUMNS = List.of("student_id", "grade", "school_id", "x", "y", "zone",
            "tract", "frl", "race", "gender", "ell", "iep", "gifted", "ses_tier", "behavior", "given_name",
            "family_name");
    public static final List<String> STUDENT_REQUIRED = List.of("student_id", "grade", "school_id", "frl", "race");
    public static final List<String> SCORE_COLUMNS = List.of("student_id", "subject", "year", "score", "term",
            "strand", "grade_equivalent");
    public static final List<String> SCORE_REQUIRED = List.of("student_id", "subject", "year", "score");
    public static final List<String> CHOICE_COLUMNS = List.of("student_id", "rank", "school_id");
    public static final List<String> PRIORITY_COLUMNS = List.of("student_id", "school_id", "priority");
    public static final List<String> REQUEST_COLUMNS = List.of("student_a", "student_b", "kind");
    public static final List<String> SECTION_COLUMNS = List.of("section_id", "school_id", "grade", "subject",
            "capacity", "level", "co_taught", "ell_certified", "period", "teacher", "course_id", "term_id");
    public static final List<String> SECTION_REQUIRED = List.of("section_id", "school_id", "grade", "subject",
            "capacity");
    public static final List<String> ROSTER_COLUMNS = List.of("section_id", "student_id");
}
