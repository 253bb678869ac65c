package org.mosaic.web;

import java.util.List;

import org.mosaic.store.ClassListVersion;

/** The data the templates render; built by {@link PageRoutes} from the same services the JSON API uses. */
public final class Views {
    private Views() {
    }

    public record SchoolRow(String id, String name, String type, int students, int sections, boolean buildsClasses) {
    }

    /** A student card: the label is the name only when the role may see names, else the student id. */
    public record Card(String studentId, String label, double score, String flags, boolean locked) {
    }

    public record Column(String sectionId, String label, boolean locked, List<Card> cards) {
    }

    public record Builder(String schoolId, String schoolName, ClassSetup setup, List<Integer> grades,
                          List<String> subjects, boolean hasBoard, String solveStatus, List<Column> columns,
                          SectionScorer.Score score, String jobId, List<ClassListVersion> versions, String error,
                          Frontier frontier) {
    }

    public record Compare(String schoolId, ClassListVersion a, ClassListVersion b, SectionScorer.Score scoreA,
                          SectionScorer.Score scoreB, List<String> moved, int students) {
    }
}
