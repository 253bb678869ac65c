package org.mosaic.io;

import java.util.List;

import org.mosaic.model.Cluster;
import org.mosaic.model.Dataset;
import org.mosaic.model.School;

/**
 * The parts of a dataset that are small whatever its size (district, schools, clusters, the names of the students'
 * own extra columns) and how many rows each large list holds: what a streaming reader or writer needs before the rows
 * arrive. {@code studentAttributes} are students.csv's extra columns in name order, the order they are written in.
 */
public record DatasetOutline(String districtId, String districtName, List<School> schools, List<Cluster> clusters,
                             RowCounts counts, List<String> studentAttributes) {
    /** The large lists, in the order their rows are streamed (the order of the dataset's files). */
    public static final List<String> LISTS = List.of(MosaicFiles.STUDENTS, MosaicFiles.SCORES, MosaicFiles.CHOICES,
            MosaicFiles.PRIORITIES, MosaicFiles.REQUESTS, MosaicFiles.SECTIONS, MosaicFiles.ROSTERS);

    public DatasetOutline {
        schools = List.copyOf(schools);
        clusters = List.copyOf(clusters);
        studentAttributes = List.copyOf(new java.util.TreeSet<>(studentAttributes));
    }

    /** A dataset whose students have no extra columns. */
    public DatasetOutline(String districtId, String districtName, List<School> schools, List<Cluster> clusters,
                          RowCounts counts) {
        this(districtId, districtName, schools, clusters, counts, List.of());
    }

    public static DatasetOutline of(Dataset d) {
        return new DatasetOutline(d.district().id(), d.district().name(), d.schools(), d.district().clusters(),
                new RowCounts(d.students().size(), d.scores().size(), d.choices().size(), d.priorities().size(),
                        d.requests().size(), d.sections().size(), d.rosters().size()),
                d.students().stream().flatMap(s -> s.attributes().keySet().stream()).distinct().toList());
    }

    /** Rows in each large list. */
    public record RowCounts(long students, long scores, long choices, long priorities, long requests, long sections,
                            long rosters) {
        /** The count of list {@code k} in {@link #LISTS} order. */
        public long get(int k) {
            return switch (k) {
                case 0 -> students;
                case 1 -> scores;
                case 2 -> choices;
                case 3 -> priorities;
                case 4 -> requests;
                case 5 -> sections;
                case 6 -> rosters;
                default -> throw new IndexOutOfBoundsException(k);
            };
        }

        static RowCounts of(long[] n) {
            return new RowCounts(n[0], n[1], n[2], n[3], n[4], n[5], n[6]);
        }
    }
}
