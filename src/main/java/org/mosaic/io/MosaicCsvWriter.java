package org.mosaic.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
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
            case MosaicFiles.STUDENTS -> {
                // A school's own columns (leader, support, ...) are rules' inputs: written back after the standard
                // ones, in name order, so a dataset copied by --apply keeps them.
                List<String> extra = new ArrayList<>(new TreeSet<>(data.students().stream()
                        .flatMap(s -> s.attributes().keySet().stream()).toList()));
                List<String> header = new ArrayList<>(MosaicFiles.STUDENT_COLUMNS);
                header.addAll(extra);
                Csv.write(file, header, p -> {
                    for (Student s : data.students()) {
                        List<Object> row = new ArrayList<>(studentRow(s));
                        for (String column : extra) {
                            row.add(s.attributes().getOrDefault(column, ""));
                        }
                        p.printRecord(row);
                    }
                });
            }
            case MosaicFiles.SCORES -> Csv.write(file, MosaicFiles.SCORE_COLUMNS, p -> {
                for (Score s : data.scores()) {
                    p.printRecord(scoreRow(s));
                }
            });
            case MosaicFiles.CHOICES -> Csv.write(file, MosaicFiles.CHOICE_COLUMNS, p -> {
                for (Choice c : data.choices()) {
                    p.printRecord(choiceRow(c));
                }
            });
            case MosaicFiles.PRIORITIES -> Csv.write(file, MosaicFiles.PRIORITY_COLUMNS, p -> {
                for (Priority c : data.priorities()) {
                    p.printRecord(priorityRow(c));
                }
            });
            case MosaicFiles.REQUESTS -> Csv.write(file, MosaicFiles.REQUEST_COLUMNS, p -> {
                for (PlacementRequest r : data.requests()) {
                    p.printRecord(requestRow(r));
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
                p.printRecord(rosterRow(r));
            }
        });
    }

    public static List<Object> choiceRow(Choice c) {
        return List.of(c.studentId(), c.rank(), c.schoolId());
    }

    public static List<Object> priorityRow(Priority p) {
        return List.of(p.studentId(), p.schoolId(), p.priority());
    }

    public static List<Object> requestRow(PlacementRequest r) {
        return List.of(r.studentA(), r.studentB(), r.kind().code());
    }

    public static List<Object> rosterRow(RosterEntry r) {
        return List.of(r.sectionId(), r.studentId());
    }

    /**
     * Writes a streamed dataset into a folder, one file at a time and one row at a time, with the same bytes as
     * {@link #write}: the rows are never held together. The files are written in place, so {@code dir} must be a
     * staging folder ({@link OutputFolder}) that is committed only when the stream ended well.
     */
    public static Streaming streaming(Path dir) {
        return new Streaming(dir);
    }

    /** See {@link #streaming}. {@link #close()} writes the files no row reached (a header alone). */
    public static final class Streaming implements DatasetSink, AutoCloseable {
        private static final List<List<String>> HEADERS = List.of(MosaicFiles.STUDENT_COLUMNS,
                MosaicFiles.SCORE_COLUMNS, MosaicFiles.CHOICE_COLUMNS, MosaicFiles.PRIORITY_COLUMNS,
                MosaicFiles.REQUEST_COLUMNS, MosaicFiles.SECTION_COLUMNS, MosaicFiles.ROSTER_COLUMNS);
        private final Path dir;
        private boolean withSections;
        private List<String> attributes = List.of();
        private int open = -1;
        private java.io.Writer out;
        private org.apache.commons.csv.CSVPrinter printer;

        private Streaming(Path dir) {
            this.dir = dir;
        }

        @Override
        public void start(DatasetOutline outline) {
            // As write(): a dataset without sections has no sections.csv and no rosters.csv.
            withSections = outline.counts().sections() > 0;
            // The students' own columns follow the standard ones, in name order, as write() puts them.
            attributes = outline.studentAttributes();
            writeFile(new Dataset(new org.mosaic.model.District(outline.districtId(), outline.districtName(),
                    outline.schools(), outline.clusters(), List.of()), List.of(), List.of(), List.of(), List.of(),
                    List.of(), List.of()), dir, MosaicFiles.SCHOOLS);
        }

        /** Moves on to list {@code k}, closing the file before it and writing the empty ones in between. */
        private void enter(int k) {
            if (k == open) {
                return;
            }
            if (k < open) {
                throw new IllegalStateException("rows of " + DatasetOutline.LISTS.get(k) + " after "
                        + DatasetOutline.LISTS.get(open));
            }
            while (open < k) {
                closeFile();
                open++;
                boolean skipped = !withSections && open >= 5;
                if (!skipped) {
                    try {
                        out = java.nio.file.Files.newBufferedWriter(dir.resolve(DatasetOutline.LISTS.get(open)),
                                java.nio.charset.StandardCharsets.UTF_8);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    List<String> header = HEADERS.get(open);
                    if (open == 0 && !attributes.isEmpty()) {
                        header = new ArrayList<>(header);
                        header.addAll(attributes);
                    }
                    printer = Csv.printer(out, header);
                }
            }
        }

        private void print(int k, List<Object> row) {
            enter(k);
            try {
                printer.printRecord(row);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private void closeFile() {
            if (printer != null) {
                try {
                    printer.close(true);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                printer = null;
                out = null;
            }
        }

        @Override
        public void student(Student s) {
            if (attributes.isEmpty()) {
                print(0, studentRow(s));
                return;
            }
            List<Object> row = new ArrayList<>(studentRow(s));
            for (String column : attributes) {
                row.add(s.attributes().getOrDefault(column, ""));
            }
            print(0, row);
        }

        @Override
        public void score(Score s) {
            print(1, scoreRow(s));
        }

        @Override
        public void choice(Choice c) {
            print(2, choiceRow(c));
        }

        @Override
        public void priority(Priority p) {
            print(3, priorityRow(p));
        }

        @Override
        public void request(PlacementRequest r) {
            print(4, requestRow(r));
        }

        @Override
        public void section(Section s) {
            print(5, sectionRow(s));
        }

        @Override
        public void roster(RosterEntry r) {
            print(6, rosterRow(r));
        }

        /** Writes the files still to come (headers only) and closes the last one. */
        @Override
        public void close() {
            enter(DatasetOutline.LISTS.size() - 1);
            closeFile();
        }
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
