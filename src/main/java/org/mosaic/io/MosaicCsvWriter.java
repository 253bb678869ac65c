package org.mosaic.io;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.mosaic.model.Choice;
import org.mosaic.model.Dataset;
import org.mosaic.model.Grades;
import org.mosaic.model.PlacementRequest;
import org.mosaic.model.Priority;
import org.mosaic.model.RosterEntry;
import org.mosaic.model.School;
import org.mosaic.model.Score;
import org.mosaic.model.Section;
import org.mosaic.model.Student;

/**
 * Writes a dataset in Mosaic CSV. Each file is replaced atomically; the row functions are public so that streaming
 * producers (the synthetic district generator) write exactly the same columns.
 */
public final class MosaicCsvWriter {
    private MosaicCsvWriter() {
    }

    public static void write(Dataset data, Path dir) {
        for (String name : MosaicFiles.ALL) {
            if (data.sections().isEmpty() && (name.equals(MosaicFiles.SECTIONS) || name.equals(MosaicFiles.ROSTERS))) {
                continue;
            }
            writeFile(data, dir, name);
        }
    }

    /** Writes one file of the dataset, named as in {@link MosaicFiles}, replacing it atomically. */
    public static void writeFile(Dataset data, Path dir, String name) {
        Path file = dir.resolve(name);
        switch (name) {
            case MosaicFiles.SCHOOLS -> Csv.write(file, MosaicFiles.SCHOOL_COLUMNS, p -> {
                for (School s : data.schools()) {
                    p.printRecord(schoolRow(s));
                }
            });
            case MosaicFiles.STUDENTS -> Csv.write(file, MosaicFiles.STUDENT_COLUMNS, p -> {
                for (Student s : data.students()) {
                    p.printRecord(studentRow(s));
                }
            });
            case MosaicFiles.SCORES -> Csv.write(file, MosaicFiles.SCORE_COLUMNS, p -> {
                for (Score s : data.scores()) {
                    p.printRecord(scoreRow(s));
                }
            });
            case MosaicFiles.CHOICES -> Csv.write(file, MosaicFiles.CHOICE_COLUMNS, p -> {
                for (Choice c : data.choices()) {
                    p.printRecord(c.studentId(), c.rank(), c.schoolId());
                }
            });
            case MosaicFiles.PRIORITIES -> Csv.write(file, MosaicFiles.PRIORITY_COLUMNS, p -> {
                for (Priority c : data.priorities()) {
                    p.printRecord(c.studentId(), c.schoolId(), c.priority());
                }
            });
            case MosaicFiles.REQUESTS -> Csv.write(file, MosaicFiles.REQUEST_COLUMNS, p -> {
                for (PlacementRequest r : data.requests()) {
                    p.printRecord(r.studentA(), r.studentB(), r.kind().code());
                }
            });
            case MosaicFiles.SECTIONS -> writeSections(data.sections(), file);
            case MosaicFiles.ROSTERS -> writeRosters(data.rosters(), file);
            default -> throw new IllegalArgumentException("not a Mosaic dataset file: " + name);
        }
    }

    public static void writeSections(List<Section> sections, Path file) {
        Csv.write(file, MosaicFiles.SECTION_COLUMNS, p -> {
            for (Section s : sections) {
                p.printRecord(sectionRow(s));
            }
        });
    }

    public static void writeRosters(List<RosterEntry> rosters, Path file) {
        Csv.write(file, MosaicFiles.ROSTER_COLUMNS, p -> {
            for (RosterEntry r : rosters) {
                p.printRecord(r.sectionId(), r.studentId());
            }
        });
    }

    public static List<Object> schoolRow(School s) {
        int common = s.capacity(s.lowGrade());
        String overrides = s.capacityByGrade().entrySet().stream()
                .filter(e -> e.getValue() != common)
                .map(e -> Grades.label(e.getKey()) + "=" + e.getValue())
                .collect(Collectors.joining(";"));
        return List.of(s.id(), s.name(), s.type().code(), s.clusterId(), Grades.label(s.lowGrade()),
                Grades.label(s.highGrade()), Csv.num(s.location().x()), Csv.num(s.location().y()), s.zone(), common,
                overrides);
    }

    public static List<Object> studentRow(Student s) {
        return List.of(s.id(), Grades.label(s.grade()), s.schoolId(), Csv.num(s.home().x()), Csv.num(s.home().y()),
                s.zone(), s.tract(), Csv.flag(s.frl()), s.race().code(), s.gender().code(), Csv.flag(s.ell()),
                Csv.flag(s.iep()), Csv.flag(s.gifted()), s.sesTier(), Csv.flag(s.behavior()), s.givenName(),
                s.familyName());
    }

    public static List<Object> scoreRow(Score s) {
        return List.of(s.studentId(), s.subject(), s.year(), Csv.num(s.scale()), s.term(), s.strand(),
                s.gradeEquivalent().isPresent() ? Csv.num(s.gradeEquivalent().getAsDouble()) : "");
    }

    public static List<Object> sectionRow(Section s) {
        return List.of(s.id(), s.schoolId(), Grades.label(s.grade()), s.subject(), s.capacity(), s.level(),
                Csv.flag(s.coTaught()), Csv.flag(s.ellCertified()), s.period(), s.teacher(), s.course(), s.term());
    }

}
