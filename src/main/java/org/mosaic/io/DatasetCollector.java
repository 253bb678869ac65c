package org.mosaic.io;

import java.util.ArrayList;
import java.util.List;

import org.mosaic.model.Choice;
import org.mosaic.model.Dataset;
import org.mosaic.model.District;
import org.mosaic.model.PlacementRequest;
import org.mosaic.model.Priority;
import org.mosaic.model.RosterEntry;
import org.mosaic.model.Score;
import org.mosaic.model.Section;
import org.mosaic.model.Student;

/** Collects the rows into lists: the whole dataset in memory, for the commands that work on all of it. */
public final class DatasetCollector implements DatasetSink {
    private final List<Student> students = new ArrayList<>();
    private final List<Score> scores = new ArrayList<>();
    private final List<Choice> choices = new ArrayList<>();
    private final List<Priority> priorities = new ArrayList<>();
    private final List<PlacementRequest> requests = new ArrayList<>();
    private final List<Section> sections = new ArrayList<>();
    private final List<RosterEntry> rosters = new ArrayList<>();
    private DatasetOutline outline;

    @Override
    public void start(DatasetOutline o) {
        outline = o;
    }

    @Override
    public void student(Student s) {
        students.add(s);
    }

    @Override
    public void score(Score s) {
        scores.add(s);
    }

    @Override
    public void choice(Choice c) {
        choices.add(c);
    }

    @Override
    public void priority(Priority p) {
        priorities.add(p);
    }

    @Override
    public void request(PlacementRequest r) {
        requests.add(r);
    }

    @Override
    public void section(Section s) {
        sections.add(s);
    }

    @Override
    public void roster(RosterEntry r) {
        rosters.add(r);
    }

    /** The collected dataset, with the outline {@link #start} gave. */
    public Dataset dataset() {
        return dataset(outline);
    }

    /** The collected dataset, with an outline known only at the end (a reader's). */
    public Dataset dataset(DatasetOutline o) {
        District district = new District(o.districtId(), o.districtName(), o.schools(), o.clusters(), students);
        return new Dataset(district, scores, choices, priorities, requests, sections, rosters);
    }
}
