-- Enrollment history (enrollments.csv): one row per student and school year, for growth models and feeder flows.
-- Kept beside a dataset version and deleted with it; students who left the district may appear here only.

CREATE TABLE enrollments (
    dataset_id   BIGINT NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    student_id   VARCHAR(100) NOT NULL,
    school_year  INTEGER NOT NULL,
    school_id    VARCHAR(100) NOT NULL,
    grade        INTEGER NOT NULL,
    PRIMARY KEY (dataset_id, student_id, school_year)
);
