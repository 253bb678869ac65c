-- A student's own columns (students.csv's extra columns: a school's leader, support, ... flags), one row per student
-- and column, empty values included, so that a dataset loads back and exports exactly as it was imported.
-- Keyed by the student's position (students.seq), so a load streams them beside the students in one ordered pass.
-- No foreign key, as the other dataset tables since migration 4: MosaicStore.delete removes these rows too.
CREATE TABLE student_attributes (
    dataset_id   BIGINT NOT NULL,
    student_seq  INTEGER NOT NULL,
    name         VARCHAR(200) NOT NULL,
    val          VARCHAR(4000) NOT NULL,
    PRIMARY KEY (dataset_id, student_seq, name)
);
