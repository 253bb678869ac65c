package org.mosaic.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.mosaic.io.Csv;

/**
 * A synthetic instance of the textbook class-assignment problem (an optimization course's PuLP + CBC exercise): 318
 * students of one grade into 8 classes of 39–40, at most 20 boys and 20 girls a class, at least 2 "leader" students
 * and at most 1 student who needs extra support per class, three pairs kept apart, every class mean within a
 * tolerance of the grade mean. The course's data are not ours to copy; this draws data of the same shape (158 boys,
 * 160 girls, 17 leaders, 4 support students, scores on a 500-point test around 300), seeded, so every run of the
 * benchmark (BENCHMARKS.md) and of {@code TextbookQualityTest} sees the same students.
 *
 * <p>{@code scale} multiplies everything (10: 3,180 students, 80 classes). Written as a Mosaic dataset: school
 * {@value #SCHOOL}, grade {@value #GRADE}, subject {@value #SUBJECT}; students.csv carries the extra columns
 * {@code leader} and {@code support} (0/1); the textbook has no FRL or race, so every student has the same (frl 0,
 * race {@value #RACE}) and neither enters any balance term. sections.yaml holds every rule of the exercise.
 *
 * <p>Usage: {@code TextbookInstance SEED SCALE OUT_DIR [MEAN_WITHIN]} (MEAN_WITHIN defaults to 1 point).
 */
public final class TextbookInstance {
    public static final String SCHOOL = "textbook";
    public static final String GRADE = "7";
    public static final String SUBJECT = "math";
    static final String RACE = "white";
    static final int CAPACITY = 40;
    static final int MIN_SIZE = 39;

    /** One student: id, gender ("male"/"female"), the two flags and the score. */
    public record Pupil(String id, String gender, boolean leader, boolean support, int score) {
    }

    /** The drawn instance: students, class ids and the keep-apart pairs (as indexes into {@code pupils}). */
    public record Instance(List<Pupil> pupils, List<String> classes, List<int[]> apart) {
    }

    private TextbookInstance() {
    }

    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: TextbookInstance SEED SCALE OUT_DIR [MEAN_WITHIN]");
            System.exit(2);
        }
        long seed = Long.parseLong(args[0]);
        int scale = Integer.parseInt(args[1]);
        Path out = Path.of(args[2]);
        double meanWithin = args.length > 3 ? Double.parseDouble(args[3]) : 1;
        Instance inst = draw(seed, scale);
        write(inst, out, meanWithin);
        System.out.printf(Locale.ROOT, "Wrote %d students, %d classes (seed %d) to %s%n", inst.pupils().size(),
                inst.classes().size(), seed, out);
    }

    /** Draws the instance for {@code seed} at {@code scale} × the textbook's size. */
    public static Instance draw(long seed, int scale) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 318 * scale;
        int boys = 158 * scale;
        int leaders = 17 * scale;
        int support = 4 * scale;
        int pairs = 3 * scale;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        // Who is a boy, a leader or a support student: disjoint random subsets of exact sizes (a seeded shuffle).
        shuffle(order, r);
        boolean[] boy = new boolean[n];
        for (int k = 0; k < boys; k++) {
            boy[order.get(k)] = true;
        }
        shuffle(order, r);
        boolean[] leader = new boolean[n];
        boolean[] needs = new boolean[n];
        for (int k = 0; k < leaders; k++) {
            leader[order.get(k)] = true;
        }
        for (int k = leaders; k < leaders + support; k++) {
            needs[order.get(k)] = true;
        }
        List<Pupil> pupils = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // A 500-point test: mean about 300, SD about 70, whole points, leaders a little stronger on average.
            double z = gauss(r) + (leader[i] ? 0.3 : 0);
            int score = (int) Math.max(0, Math.min(500, Math.round(300 + 70 * z)));
            pupils.add(new Pupil(String.format(Locale.ROOT, "t%05d", i + 1), boy[i] ? "male" : "female", leader[i],
                    needs[i], score));
        }
        // Keep-apart pairs: disjoint, as in the textbook (twins, two students of the same name, a conflict).
        shuffle(order, r);
        List<int[]> apart = new ArrayList<>();
        for (int k = 0; k < pairs; k++) {
            int a = order.get(2 * k);
            int b = order.get(2 * k + 1);
            apart.add(new int[] {Math.min(a, b), Math.max(a, b)});
        }
        int classes = 8 * scale;
        List<String> ids = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            ids.add(classes <= 26 ? String.valueOf((char) ('A' + c)) : String.format(Locale.ROOT, "C%02d", c + 1));
        }
        return new Instance(pupils, ids, apart);
    }

    /** Writes {@code inst} as a Mosaic dataset with its sections config (sections.yaml) into {@code dir}. */
    public static void write(Instance inst, Path dir, double meanWithin) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int seats = inst.classes().size() * CAPACITY;
        Csv.write(dir.resolve("schools.csv"), List.of("school_id", "name", "type", "low_grade", "high_grade",
                "capacity"), p -> p.printRecord(SCHOOL, "Textbook school", "neighborhood", GRADE, GRADE, seats));
        Csv.write(dir.resolve("students.csv"), List.of("student_id", "grade", "school_id", "frl", "race", "gender",
                "leader", "support"), p -> {
                    for (Pupil s : inst.pupils()) {
                        p.printRecord(s.id(), GRADE, SCHOOL, "0", RACE, s.gender(), Csv.flag(s.leader()),
                                Csv.flag(s.support()));
                    }
                });
        Csv.write(dir.resolve("scores.csv"), List.of("student_id", "subject", "year", "score"), p -> {
            for (Pupil s : inst.pupils()) {
                p.printRecord(s.id(), SUBJECT, 2026, s.score());
            }
        });
        Csv.write(dir.resolve("sections.csv"), List.of("section_id", "school_id", "grade", "subject", "capacity"),
                p -> {
                    for (String c : inst.classes()) {
                        p.printRecord(c, SCHOOL, GRADE, SUBJECT, CAPACITY);
                    }
                });
        Csv.write(dir.resolve("requests.csv"), List.of("student_a", "student_b", "kind"), p -> {
            for (int[] q : inst.apart()) {
                p.printRecord(inst.pupils().get(q[0]).id(), inst.pupils().get(q[1]).id(), "apart");
            }
        });
        try {
            Files.writeString(dir.resolve("sections.yaml"), config(meanWithin), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every rule of the exercise, in the sections config's words (docs/sections.md). */
    public static String config(double meanWithin) {
        return "# The textbook exercise's rules (org.mosaic.bench.TextbookInstance): classes of 39-40, at most 20 boys\n"
                + "# and 20 girls, at least 2 leaders, at most 1 support student, class means near the grade mean.\n"
                + "min_size: " + MIN_SIZE + "\n"
                + "section_rules:\n"
                + "  - {attribute: gender, value: male, max: 20}\n"
                + "  - {attribute: gender, value: female, max: 20}\n"
                + "  - {attribute: leader, value: 1, min: 2}\n"
                + "  - {attribute: support, value: 1, max: 1}\n"
                + "mean_within: " + Csv.num(meanWithin) + "\n";
    }

    private static void shuffle(List<Integer> list, SplittableRandom r) {
        for (int i = list.size() - 1; i > 0; i--) {
            Collections.swap(list, i, r.nextInt(i + 1));
        }
    }

    private static double gauss(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
