package org.mosaic.io;

import org.mosaic.model.Choice;
import org.mosaic.model.Dataset;
import org.mosaic.model.PlacementRequest;
import org.mosaic.model.Priority;
import org.mosaic.model.RosterEntry;
import org.mosaic.model.Score;
import org.mosaic.model.Section;
import org.mosaic.model.Student;

/** A dataset that can be streamed to a {@link DatasetSink}: one in memory, or checked files read again row by row. */
public interface RowSource {
    DatasetOutline outline();

    /** Calls {@code sink.start(outline())}, then passes every row in {@link DatasetOutline#LISTS} order. */
    void rows(DatasetSink sink);

    static RowSource of(Dataset d) {
        DatasetOutline outline = DatasetOutline.of(d);
        return new RowSource() {
            @Override
            public DatasetOutline outline() {
                return outline;
            }

            @Override
            public void rows(DatasetSink sink) {
                sink.start(outline);
                for (Student s : d.students()) {
                    sink.student(s);
                }
                for (Score s : d.scores()) {
                    sink.score(s);
                }
                for (Choice c : d.choices()) {
                    sink.choice(c);
                }
                for (Priority p : d.priorities()) {
                    sink.priority(p);
                }
                for (PlacementRequest r : d.requests()) {
                    sink.request(r);
                }
                for (Section s : d.sections()) {
                    sink.section(s);
                }
                for (RosterEntry r : d.rosters()) {
                    sink.roster(r);
                }
            }
        };
    }
}
