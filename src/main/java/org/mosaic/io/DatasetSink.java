package org.mosaic.io;

import org.mosaic.model.Choice;
import org.mosaic.model.PlacementRequest;
import org.mosaic.model.Priority;
import org.mosaic.model.RosterEntry;
import org.mosaic.model.Score;
import org.mosaic.model.Section;
import org.mosaic.model.Student;

/**
 * Receives a dataset one row at a time, so that a million students pass from files to a database (or back) without
 * ever being held together. {@link #start} comes first, with the small parts (district, schools, clusters) and the
 * row counts; then the rows, list by list in {@link DatasetOutline#LISTS} order (all students, then all scores, ...).
 */
public interface DatasetSink {
    default void start(DatasetOutline outline) {
    }

    default void student(Student s) {
    }

    default void score(Score s) {
    }

    default void choice(Choice c) {
    }

    default void priority(Priority p) {
    }

    default void request(PlacementRequest r) {
    }

    default void section(Section s) {
    }

    default void roster(RosterEntry r) {
    }

    /** Passes everything to {@code first}, then to {@code second}. */
    static DatasetSink both(DatasetSink first, DatasetSink second) {
        return new DatasetSink() {
            @Override
            public void start(DatasetOutline outline) {
                first.start(outline);
                second.start(outline);
            }

            @Override
            public void student(Student s) {
                first.student(s);
                second.student(s);
            }

            @Override
            public void score(Score s) {
                first.score(s);
                second.score(s);
            }

            @Override
            public void choice(Choice c) {
                first.choice(c);
                second.choice(c);
            }

            @Override
            public void priority(Priority p) {
                first.priority(p);
                second.priority(p);
            }

            @Override
            public void request(PlacementRequest r) {
                first.request(r);
                second.request(r);
            }

            @Override
            public void section(Section s) {
                first.section(s);
                second.section(s);
            }

            @Override
            public void roster(RosterEntry r) {
                first.roster(r);
                second.roster(r);
            }
        };
    }
}
