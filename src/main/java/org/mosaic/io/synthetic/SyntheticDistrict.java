package org.mosaic.io.synthetic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.apache.commons.csv.CSVPrinter;
import org.mosaic.io.AtomicFiles;
import org.mosaic.io.Csv;
import org.mosaic.io.EnrollmentCsv;
import org.mosaic.io.MosaicCsvWriter;
import org.mosaic.io.MosaicFiles;
import org.mosaic.model.Enrollment;
import org.mosaic.model.Gender;
import org.mosaic.model.Grades;
import org.mosaic.model.Location;
import org.mosaic.model.Progress;
import org.mosaic.model.Race;
import org.mosaic.model.School;
import org.mosaic.model.SchoolType;
import org.mosaic.model.Score;
import org.mosaic.model.Section;
import org.mosaic.model.Student;

/**
 * A synthetic district with the features that make the integration-vs-tracking argument real: an income gradient
 * across the city, residential segregation by income and race (so neighborhood assignment yields segregated
 * schools), feeder clusters, a charter that "creams", scores correlated with SES, and school choice at the entry
 * grades. Every parameter and its source is in docs/generator.md.
 *
 * <p>Students are held in memory (about 200 bytes each, so a million fit in a few hundred MB); scores, choices and
 * rosters are streamed to disk as they are drawn. One seed fixes every draw: same seed, same bytes.
 */
public final class SyntheticDistrict {
    /** Students per grade in an elementary, middle and high school (NCES averages: ~470, ~600, ~850+ students). */
    static final int ELEMENTARY_PER_GRADE = 75;
    static final int MIDDLE_PER_GRADE = 200;
    static final int HIGH_PER_GRADE = 280;
    /** Kilometres of city per 1,000 students, per side: 20,000 students live on about 14 km × 14 km. */
    static final double KM_PER_SQRT_THOUSAND = 3.2;
    static final int TRACT_CELLS_PER_SIDE_PER_SQRT_THOUSAND = 3;
    static final String[] SUBJECTS = {"math", "reading"};
    static final int YEARS = 4;
    static final double CHARTER_BASE_RATE = 0.16;
    static final double CHARTER_IEP_FACTOR = 0.35;
    static final double CHARTER_ELL_FACTOR = 0.55;
    static final double CHARTER_ABILITY_SLOPE = 0.5;

    private final GeneratorOptions options;
    private final SplittableRandom rng;
    private final double side;
    private final int cells;
    private final Tract[][] tracts;
    private final List<School> schools = new ArrayList<>();
    private final Map<String, Double> schoolQuality = new HashMap<>();
    private final Map<Long, School> zoneCache = new HashMap<>();
    private final Map<Long, List<School>> candidateCache = new HashMap<>();
    /** The charter near each student's home and the uniform draw of its lottery, decided once abilities exist. */
    private String[] charterOffer;
    private double[] charterDraw;
    private EnrollmentHistory history;

    /** A census tract: a square cell of the map with an income percentile and a racial composition. */
    record Tract(String id, String zone, int tier, double income, double[] raceShares, double frlRate) {
    }

    /** Summary of a generated district, for the terminal and for tests. */
    public record Summary(int students, int schools, int clusters, int charters, double frlShare, double iepShare,
                          double giftedShare, double ellShare, long scores, long choices, long requests,
                          int sections, long enrollments) {
    }

    private SyntheticDistrict(GeneratorOptions options) {
        this.options = options;
        this.rng = new SplittableRandom(options.seed());
        double sqrtThousands = Math.sqrt(options.students() / 1000.0);
        this.side = KM_PER_SQRT_THOUSAND * sqrtThousands;
        this.cells = Math.max(6, (int) Math.round(TRACT_CELLS_PER_SIDE_PER_SQRT_THOUSAND * sqrtThousands));
        this.tracts = new Tract[cells][cells];
    }

    /** Generates the district and writes it as a Mosaic CSV dataset into {@code out}. */
    public static Summary generate(GeneratorOptions options, Path out, Progress progress) {
        return new SyntheticDistrict(options).run(out, progress, null);
    }

    /**
     * As {@link #generate(GeneratorOptions, Path, Progress)}, and writes the generator's truth (true school effects on
     * growth, the creaming and exit parameters) into {@code truthDir}, a folder the estimators never read.
     */
    public static Summary generate(GeneratorOptions options, Path out, Path truthDir, Progress progress) {
        return new SyntheticDistrict(options).run(out, progress, truthDir);
    }

    private Summary run(Path out, Progress progress, Path truthDir) {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        buildTracts(rng.split());
        buildSchools(rng.split());
        List<Student> students = drawStudents(rng.split(), progress);
        Map<String, double[]> ability = new HashMap<>(students.size() * 2);
        SplittableRandom abilityRng = rng.split();
        for (Student s : students) {
            ability.put(s.id(), latentAbility(s, abilityRng));
        }
        admitToCharters(students, ability);
        rateSchools(students, ability);

        long[] counts = new long[4];
        writeSchools(out);
        Csv.write(out.resolve(MosaicFiles.STUDENTS), MosaicFiles.STUDENT_COLUMNS, p -> {
            for (Student s : students) {
                p.printRecord(MosaicCsvWriter.studentRow(s));
            }
        });
        SplittableRandom scoreRng = rng.split();
        history = new EnrollmentHistory(schools, (home, grade) -> nearest(home, grade, SchoolType.NEIGHBORHOOD),
                this::nearbyCharter, YEARS, options.lastYear(), frlShares(students), scoreRng.split());
        List<String[]> histories = new ArrayList<>(students.size());
        Csv.write(out.resolve(MosaicFiles.SCORES), MosaicFiles.SCORE_COLUMNS, p -> {
            long done = 0;
            for (Student s : students) {
                EnrollmentHistory.Drawn drawn = history.draw(s, ability.get(s.id()), scoreRng);
                histories.add(drawn.schools());
                counts[0] += writeScores(p, s, drawn);
                if (++done % 10_000 == 0) {
                    progress.update(students.size() + done, 3L * students.size());
                }
            }
        });
        Csv.write(out.resolve(EnrollmentCsv.FILE), EnrollmentCsv.COLUMNS, p -> {
            for (int k = 0; k < students.size(); k++) {
                Student s = students.get(k);
                String[] h = histories.get(k);
                for (int t = 0; t < YEARS; t++) {
                    if (h[t] != null) {
                        p.printRecord(EnrollmentCsv.row(new Enrollment(s.id(), history.year(t), h[t],
                                s.grade() - (YEARS - 1 - t))));
                        counts[3]++;
                    }
                }
            }
        });
        if (truthDir != null) {
            GeneratorTruth.write(truthDir, schools, history, options);
        }
        SplittableRandom choiceRng = rng.split();
        List<Object[]> priorities = new ArrayList<>();
        Csv.write(out.resolve(MosaicFiles.CHOICES), MosaicFiles.CHOICE_COLUMNS, p -> {
            for (Student s : students) {
                counts[1] += writeChoices(p, s, choiceRng, priorities);
            }
        });
        Csv.write(out.resolve(MosaicFiles.PRIORITIES), MosaicFiles.PRIORITY_COLUMNS, p -> {
            for (Object[] row : priorities) {
                p.printRecord(row);
            }
        });
        Map<String, List<Student>> bySchoolGrade = new TreeMap<>();
        for (Student s : students) {
            if (!s.schoolId().isEmpty()) {
                bySchoolGrade.computeIfAbsent(s.schoolId() + "|" + String.format("%02d", s.grade() + 1),
                        k -> new ArrayList<>()).add(s);
            }
        }
        counts[2] = writeRequests(out, bySchoolGrade, rng.split());
        int sections = writeSections(out, bySchoolGrade, rng.split());
        progress.update(3L * students.size(), 3L * students.size());

        int n = students.size();
        return new Summary(n, schools.size(), (int) schools.stream().map(School::clusterId)
                .filter(c -> !c.isEmpty()).distinct().count(),
                (int) schools.stream().filter(s -> s.type() == SchoolType.CHARTER).count(),
                students.stream().filter(Student::frl).count() / (double) n,
                students.stream().filter(Student::iep).count() / (double) n,
                students.stream().filter(Student::gifted).count() / (double) n,
                students.stream().filter(Student::ell).count() / (double) n,
                counts[0], counts[1], counts[2], sections, counts[3]);
    }

    // ---- the map ----

    /**
     * Income rises from the west (x = 0) to the east, with tract-level noise: the gradient is what makes nearest-school
     * assignment segregate. Racial composition follows income, as residential segregation by race and income overlap.
     */
    private void buildTracts(SplittableRandom r) {
        double[][] income = new double[cells][cells];
        List<double[]> all = new ArrayList<>();
        for (int i = 0; i < cells; i++) {
            for (int j = 0; j < cells; j++) {
                double gradient = (i + 0.5) / cells;
                income[i][j] = 0.75 * gradient + 0.25 * r.nextDouble() + 0.08 * Normal.draw(r);
                all.add(new double[] {income[i][j], i, j});
            }
        }
        // Percentile rank of each tract's income, so tiers are exact quartiles.
        all.sort(Comparator.comparingDouble(a -> a[0]));
        for (int k = 0; k < all.size(); k++) {
            double[] a = all.get(k);
            int i = (int) a[1];
            int j = (int) a[2];
            double pct = (k + 0.5) / all.size();
            int tier = 1 + Math.min(3, (int) (pct * 4));
            // FRL eligibility by tract: ~90 % in the poorest tracts, ~10 % in the richest; about half overall.
            double frl = Normal.logistic(2.6 - 5.2 * pct + 0.3 * Normal.draw(r));
            // Shares of white, black, hispanic, asian, other by income percentile (residential segregation).
            double white = 0.08 + 0.55 * pct;
            double black = 0.36 - 0.28 * pct;
            double hispanic = 0.40 - 0.28 * pct;
            double asian = 0.04 + 0.06 * pct;
            double rest = 1 - white - black - hispanic - asian;
            double[] shares = new double[Race.values().length];
            shares[Race.WHITE.ordinal()] = white;
            shares[Race.BLACK.ordinal()] = black;
            shares[Race.HISPANIC.ordinal()] = hispanic;
            shares[Race.ASIAN.ordinal()] = asian;
            shares[Race.TWO_OR_MORE.ordinal()] = rest * 0.7;
            shares[Race.AMERICAN_INDIAN.ordinal()] = rest * 0.15;
            shares[Race.PACIFIC_ISLANDER.ordinal()] = rest * 0.15;
            String id = String.format("T%03d%03d", i, j);
            String zone = String.format("N%02d%02d", i / 2, j / 2);
            tracts[i][j] = new Tract(id, zone, tier, pct, shares, frl);
        }
    }

    private Location randomPoint(SplittableRandom r, double x0, double y0, double x1, double y1) {
        return new Location(round2(x0 + (x1 - x0) * r.nextDouble()), round2(y0 + (y1 - y0) * r.nextDouble()));
    }

    /**
     * The {@code index}-th of {@code count} schools of one level in a region: a jittered grid, so catchments are of
     * similar size (districts site schools to balance enrollment), not the lopsided zones of uniform random sites.
     */
    private Location spreadPoint(SplittableRandom r, double[] region, int index, int count) {
        int cols = (int) Math.ceil(Math.sqrt(count));
        int rows = (int) Math.ceil(count / (double) cols);
        double w = (region[2] - region[0]) / cols;
        double h = (region[3] - region[1]) / rows;
        int col = index % cols;
        int row = index / cols;
        double x = region[0] + (col + 0.5 + 0.5 * (r.nextDouble() - 0.5)) * w;
        double y = region[1] + (row + 0.5 + 0.5 * (r.nextDouble() - 0.5)) * h;
        return new Location(round2(x), round2(y));
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    // ---- schools ----

    /**
     * High schools split the city into cluster regions; each region gets middle and elementary schools spread over it.
     * A school's zone is the neighborhood it stands in; students are zoned to the nearest school of their level in
     * their cluster.
     */
    private void buildSchools(SplittableRandom r) {
        int perGrade = (int) Math.ceil(options.students() / 13.0);
        int highs = Math.max(3, Math.round(perGrade / (float) HIGH_PER_GRADE));
        int middles = Math.max(highs, Math.round(perGrade / (float) MIDDLE_PER_GRADE));
        int elems = Math.max(middles * 2, Math.round(perGrade / (float) ELEMENTARY_PER_GRADE));
        // Cluster regions: a grid of columns × rows over the city.
        int cols = (int) Math.ceil(Math.sqrt(highs));
        int rows = (int) Math.ceil(highs / (double) cols);
        List<double[]> regions = new ArrayList<>();
        for (int c = 0; c < highs; c++) {
            int col = c % cols;
            int row = c / cols;
            int inRow = row == rows - 1 ? highs - row * cols : cols;
            double w = side / inRow;
            double h = side / rows;
            int colInRow = row == rows - 1 ? c - row * cols : col;
            regions.add(new double[] {colInRow * w, row * h, (colInRow + 1) * w, (row + 1) * h});
        }
        for (int c = 0; c < highs; c++) {
            double[] g = regions.get(c);
            String cluster = String.format("C%02d", c + 1);
            double cx = (g[0] + g[2]) / 2;
            double cy = (g[1] + g[3]) / 2;
            Location hl = new Location(round2(cx), round2(cy));
            schools.add(school(String.format("H%02d", c + 1), "High School " + (c + 1), SchoolType.NEIGHBORHOOD,
                    cluster, 9, 12, hl, 0));
        }
        for (int k = 0; k < middles; k++) {
            int c = k % highs;
            schools.add(school(String.format("M%02d", k + 1), "Middle School " + (k + 1), SchoolType.NEIGHBORHOOD,
                    String.format("C%02d", c + 1), 6, 8, spreadPoint(r, regions.get(c), k / highs,
                            (middles - c + highs - 1) / highs), 0));
        }
        for (int k = 0; k < elems; k++) {
            int c = k % highs;
            schools.add(school(String.format("E%03d", k + 1), "Elementary " + (k + 1), SchoolType.NEIGHBORHOOD,
                    String.format("C%02d", c + 1), Grades.K, 5, spreadPoint(r, regions.get(c), k / highs,
                            (elems - c + highs - 1) / highs), 0));
        }
        // Charters open in poorer (western) neighborhoods, where they recruit; one per ~10,000 students.
        int charters = Math.max(1, options.students() / 10_000);
        for (int k = 0; k < charters; k++) {
            schools.add(school(String.format("CH%02d", k + 1), "Charter Academy " + (k + 1), SchoolType.CHARTER, "",
                    Grades.K, 8, randomPoint(r, 0.05 * side, 0.1 * side, 0.45 * side, 0.9 * side), 0));
        }
        schools.add(school("MAG1", "Science Magnet High", SchoolType.MAGNET, "", 9, 12,
                new Location(round2(side / 2), round2(side / 2)), 0));
    }

    private School school(String id, String name, SchoolType type, String cluster, int low, int high, Location at,
                          int seatsPerGrade) {
        Map<Integer, Integer> cap = new TreeMap<>();
        for (int g = low; g <= high; g++) {
            cap.put(g, seatsPerGrade);
        }
        return new School(id, name, type, cluster, low, high, at, zoneAt(at), cap);
    }

    private String zoneAt(Location at) {
        return tractAt(at).zone();
    }

    private Tract tractAt(Location at) {
        int i = Math.min(cells - 1, Math.max(0, (int) (at.x() / side * cells)));
        int j = Math.min(cells - 1, Math.max(0, (int) (at.y() / side * cells)));
        return tracts[i][j];
    }

    /**
     * Attendance zones follow tract boundaries, as real zone maps do: a student is zoned to the school of their level
     * nearest to the centre of their home tract. Cached per tract, which keeps a million students fast.
     */
    private School nearest(Location home, int grade, SchoolType type) {
        int i = Math.min(cells - 1, Math.max(0, (int) (home.x() / side * cells)));
        int j = Math.min(cells - 1, Math.max(0, (int) (home.y() / side * cells)));
        int level = grade <= 5 ? 0 : grade <= 8 ? 1 : 2;
        long key = ((long) (i * cells + j) * 3 + level) * SchoolType.values().length + type.ordinal();
        return zoneCache.computeIfAbsent(key, k -> {
            Location centre = new Location((i + 0.5) * side / cells, (j + 0.5) * side / cells);
            School best = null;
            double bestD = Double.MAX_VALUE;
            for (School s : schools) {
                if (s.type() == type && s.serves(grade)) {
                    double d = s.location().distanceTo(centre);
                    if (d < bestD) {
                        bestD = d;
                        best = s;
                    }
                }
            }
            return best;
        });
    }

    // ---- students ----

    private List<Student> drawStudents(SplittableRandom r, Progress progress) {
        int n = options.students();
        List<Student> students = new ArrayList<>(n);
        int digits = Math.max(6, Integer.toString(n).length());
        String idFormat = "S%0" + digits + "d";
        double cell = side / cells;
        charterOffer = new String[n];
        charterDraw = new double[n];
        for (int k = 0; k < n; k++) {
            int i = r.nextInt(cells);
            int j = r.nextInt(cells);
            Tract t = tracts[i][j];
            Location home = randomPoint(r, i * cell, j * cell, (i + 1) * cell, (j + 1) * cell);
            // Grades K-12 with slightly larger younger cohorts (CCD: enrollment falls ~1 %/grade through high school).
            int grade = pickGrade(r);
            boolean frl = r.nextDouble() < t.frlRate();
            Race race = pickRace(r, t, frl);
            Gender gender = r.nextDouble() < 0.487 ? Gender.FEMALE : Gender.MALE;
            double elRate = (race == Race.HISPANIC ? 0.28 : race == Race.ASIAN ? 0.22 : 0.03) * (frl ? 1.3 : 0.6)
                    * (grade <= 5 ? 1.25 : 0.7);
            boolean ell = r.nextDouble() < elRate;
            boolean iep = r.nextDouble() < (frl ? 0.155 : 0.105);
            boolean behavior = r.nextDouble() < (iep ? 0.12 : 0.04);
            School zoned = nearest(home, grade, SchoolType.NEIGHBORHOOD);
            String school = zoned.id();
            // Charter enrollment is decided in admitToCharters, once abilities are drawn; the lottery draw is here.
            School charter = nearbyCharter(home, grade);
            if (charter != null) {
                charterOffer[k] = charter.id();
                charterDraw[k] = r.nextDouble();
            }
            students.add(new Student(String.format(idFormat, k + 1), grade, school, home, t.zone(), t.id(), frl, race,
                    gender, ell, iep, false, t.tier(), behavior, "", ""));
            if ((k + 1) % 10_000 == 0) {
                progress.update(k + 1, 3L * n);
            }
        }
        // Magnet high school: selective admission by score is decided after abilities are drawn (see rateSchools).
        return students;
    }

    /** Each school's FRL share and enrollment. */
    private static Map<String, double[]> frlShares(List<Student> students) {
        Map<String, int[]> counts = new HashMap<>();
        for (Student s : students) {
            int[] c = counts.computeIfAbsent(s.schoolId(), k -> new int[2]);
            c[0] += s.frl() ? 1 : 0;
            c[1]++;
        }
        Map<String, double[]> shares = new HashMap<>();
        counts.forEach((id, c) -> shares.put(id, new double[] {c[0] / (double) c[1], c[1]}));
        return shares;
    }

    /** The charter a family at {@code home} would apply to for {@code grade}: the nearest, if within 0.35 × side. */
    private School nearbyCharter(Location home, int grade) {
        School charter = nearest(home, grade, SchoolType.CHARTER);
        return charter != null && charter.location().distanceTo(home) < 0.35 * side ? charter : null;
    }

    /**
     * Charter admission ("creaming"): families near a charter apply; it admits fewer students with IEPs or learning
     * English (lower special-education and EL shares than the neighborhood schools around it, GAO-12-543), and its
     * applicants are the stronger students ({@link #CHARTER_ABILITY_SLOPE} per SD of ability on the log-odds scale,
     * normalised so the admitted share stays ~16 %), which is what makes entrants' prior scores higher.
     */
    private void admitToCharters(List<Student> students, Map<String, double[]> ability) {
        Map<String, Integer> charterSeats = new HashMap<>();
        int cap = charterCapacity(students.size());
        double norm = Math.exp(-CHARTER_ABILITY_SLOPE * CHARTER_ABILITY_SLOPE * 1.15 / 2);
        for (int k = 0; k < students.size(); k++) {
            if (charterOffer[k] == null) {
                continue;
            }
            Student s = students.get(k);
            double[] a = ability.get(s.id());
            double p = CHARTER_BASE_RATE * (s.iep() ? CHARTER_IEP_FACTOR : 1) * (s.ell() ? CHARTER_ELL_FACTOR : 1)
                    * (s.frl() ? 1.1 : 0.8) * norm * Math.exp(CHARTER_ABILITY_SLOPE * (a[0] + a[1]) / 2);
            String key = charterOffer[k] + "|" + s.grade();
            if (charterDraw[k] < p && charterSeats.getOrDefault(key, 0) < cap) {
                students.set(k, s.withSchool(charterOffer[k]));
                charterSeats.merge(key, 1, Integer::sum);
            }
        }
        charterOffer = null;
        charterDraw = null;
    }

    static int charterCapacity(int districtStudents) {
        return Math.max(40, Math.min(110, districtStudents / 13 / 20));
    }

    private int pickGrade(SplittableRandom r) {
        double[] w = new double[13];
        double total = 0;
        for (int g = 0; g <= 12; g++) {
            w[g] = 1.0 - 0.012 * g;
            total += w[g];
        }
        double u = r.nextDouble() * total;
        for (int g = 0; g <= 12; g++) {
            u -= w[g];
            if (u <= 0) {
                return g;
            }
        }
        return 12;
    }

    private Race pickRace(SplittableRandom r, Tract t, boolean frl) {
        double[] shares = t.raceShares().clone();
        // Within a tract, poverty still differs by race (NCES: Black and Hispanic children are ~2-3x as likely to
        // be poor as white and Asian children).
        double tilt = frl ? 1.35 : 0.75;
        shares[Race.BLACK.ordinal()] *= tilt;
        shares[Race.HISPANIC.ordinal()] *= tilt;
        double total = 0;
        for (double s : shares) {
            total += s;
        }
        double u = r.nextDouble() * total;
        for (Race race : Race.values()) {
            u -= shares[race.ordinal()];
            if (u <= 0) {
                return race;
            }
        }
        return Race.WHITE;
    }

    /**
     * Latent math and reading ability in SD units. The FRL gap of ~0.85 SD (before standardizing) lands at about 0.75
     * SD in scores, inside the 0.6-1.0 SD range of Reardon (2011); neighborhood income adds a small school-level
     * component; subjects correlate ~0.7 (NAEP math-reading correlations).
     */
    private double[] latentAbility(Student s, SplittableRandom r) {
        double ses = (s.frl() ? -0.34 : 0.34) + 0.35 * (s.sesTier() - 2.5) / 1.5;
        double general = Normal.draw(r);
        double math = ses + 0.84 * general + 0.54 * Normal.draw(r) - (s.iep() ? 0.6 : 0) - (s.ell() ? 0.15 : 0);
        double reading = ses + 0.84 * general + 0.54 * Normal.draw(r) - (s.iep() ? 0.6 : 0) - (s.ell() ? 0.5 : 0);
        return new double[] {math, reading};
    }

    /** School quality (mean latent math of its students) drives choice; gifted identification uses ability. */
    private void rateSchools(List<Student> students, Map<String, double[]> ability) {
        Map<String, double[]> sums = new HashMap<>();
        for (Student s : students) {
            double[] a = ability.get(s.id());
            sums.computeIfAbsent(s.schoolId(), k -> new double[2])[0] += a[0];
            sums.get(s.schoolId())[1]++;
        }
        for (School school : schools) {
            double[] sum = sums.get(school.id());
            schoolQuality.put(school.id(), sum == null || sum[1] == 0 ? 0.5 : sum[0] / sum[1]);
        }
        // Gifted: ability plus an identification advantage for non-poor students (referral gaps, Grissom & Redding
        // 2016), about 8 % overall.
        SplittableRandom r = rng.split();
        for (int k = 0; k < students.size(); k++) {
            Student s = students.get(k);
            double[] a = ability.get(s.id());
            double signal = (a[0] + a[1]) / 2 + (s.frl() ? 0 : 0.25) + 0.35 * Normal.draw(r);
            boolean gifted = signal > 1.68 && !(s.iep() && r.nextDouble() < 0.7);
            if (gifted) {
                students.set(k, new Student(s.id(), s.grade(), s.schoolId(), s.home(), s.zone(), s.tract(), s.frl(),
                        s.race(), s.gender(), s.ell(), s.iep(), true, s.sesTier(), s.behavior(), "", ""));
            }
        }
        // Magnet: high scorers in grades 9-12 who applied (about a third of those above +1 SD in math).
        int magnetSeats = Math.max(60, options.students() / 13 / 25);
        Map<Integer, Integer> used = new HashMap<>();
        for (int k = 0; k < students.size(); k++) {
            Student s = students.get(k);
            if (s.grade() >= 9 && ability.get(s.id())[0] > 1.0 && r.nextDouble() < 0.33
                    && used.getOrDefault(s.grade(), 0) < magnetSeats) {
                used.merge(s.grade(), 1, Integer::sum);
                students.set(k, s.withSchool("MAG1"));
            }
        }
        // Capacities: enrollment plus 5-15 % headroom, so popular schools are oversubscribed in choice.
        Map<String, Integer> enrolled = new HashMap<>();
        for (Student s : students) {
            enrolled.merge(s.schoolId() + "|" + s.grade(), 1, Integer::sum);
        }
        SplittableRandom cr = rng.split();
        for (int k = 0; k < schools.size(); k++) {
            School s = schools.get(k);
            double headroom = 1.05 + 0.10 * cr.nextDouble();
            Map<Integer, Integer> cap = new TreeMap<>();
            for (int g = s.lowGrade(); g <= s.highGrade(); g++) {
                int e = enrolled.getOrDefault(s.id() + "|" + g, 0);
                cap.put(g, Math.max(10, (int) Math.round(e * headroom)));
            }
            int common = cap.get(s.lowGrade());
            for (int g = s.lowGrade(); g <= s.highGrade(); g++) {
                // Round to a common figure where close, as districts publish one seat count per grade.
                if (Math.abs(cap.get(g) - common) <= common * 0.08) {
                    cap.put(g, common);
                }
            }
            schools.set(k, new School(s.id(), s.name(), s.type(), s.clusterId(), s.lowGrade(), s.highGrade(),
                    s.location(), s.zone(), cap));
        }
        zoneCache.clear();
    }

    private void writeSchools(Path out) {
        Csv.write(out.resolve(MosaicFiles.SCHOOLS), MosaicFiles.SCHOOL_COLUMNS, p -> {
            for (School s : schools) {
                p.printRecord(MosaicCsvWriter.schoolRow(s));
            }
        });
    }

    // ---- scores ----

    /**
     * Spring scores for the years the student was enrolled, on a vertical scale: scale = 150 + 10 × grade equivalent,
     * where the grade equivalent is grade + 0.7 (spring) + 1.2 × z, and z is the latent ability plus a year-specific
     * deviation (SD 0.45, so scores correlate ~0.8 year to year) plus the effects of the schools attended so far.
     */
    private int writeScores(CSVPrinter p, Student s, EnrollmentHistory.Drawn drawn) throws IOException {
        int rows = 0;
        for (int t = 0; t < YEARS; t++) {
            if (drawn.schools()[t] == null) {
                continue;
            }
            int grade = s.grade() - (YEARS - 1 - t);
            for (int k = 0; k < SUBJECTS.length; k++) {
                double ge = Math.max(-1, grade + 0.7 + 1.2 * drawn.z()[t][k]);
                double scale = 150 + 10 * ge;
                p.printRecord(MosaicCsvWriter.scoreRow(new Score(s.id(), SUBJECTS[k], "", history.year(t), "",
                        Math.round(scale * 10) / 10.0, OptionalDouble.of(Math.round(ge * 10) / 10.0))));
                rows++;
            }
        }
        return rows;
    }

    // ---- choice ----

    /**
     * Ranked choices for entry grades (K, 6, 9): a multinomial logit in distance (−0.45 per km) and school quality
     * (+1.2 per SD of mean ability), with a bonus for the zoned school, drawn without replacement (exploded logit).
     * Families list 3 to 8 schools and always include their zoned school.
     */
    private int writeChoices(CSVPrinter p, Student s, SplittableRandom r, List<Object[]> priorities)
            throws IOException {
        if (s.grade() != Grades.K && s.grade() != 6 && s.grade() != 9) {
            return 0;
        }
        School zoned = nearest(s.home(), s.grade(), SchoolType.NEIGHBORHOOD);
        List<School> options = candidates(s.home(), s.grade());
        Map<School, Double> utility = new LinkedHashMap<>();
        for (School school : options) {
            double u = -0.45 * school.location().distanceTo(s.home()) + 1.2 * schoolQuality.get(school.id())
                    + (school == zoned ? 1.0 : 0) + Normal.gumbel(r);
            if (school.type() == SchoolType.MAGNET && !s.gifted()) {
                u -= 1.5;
            }
            utility.put(school, u);
        }
        List<School> ranked = new ArrayList<>(utility.keySet());
        ranked.sort((a, b) -> Double.compare(utility.get(b), utility.get(a)));
        int length = Math.min(ranked.size(), 3 + r.nextInt(6));
        List<School> list = new ArrayList<>(ranked.subList(0, length));
        if (!list.contains(zoned)) {
            list.set(length - 1, zoned);
        }
        for (int k = 0; k < list.size(); k++) {
            p.printRecord(s.id(), k + 1, list.get(k).id());
        }
        // Priorities: a sibling already enrolled (about a quarter of applicants, at one of their top three
        // schools) comes first; then the walk zone. Everyone else has no row, the lowest class.
        String sibling = r.nextDouble() < 0.25 ? list.get(r.nextInt(Math.min(3, list.size()))).id() : null;
        if (sibling != null) {
            priorities.add(new Object[] {s.id(), sibling, 1});
        }
        if (!zoned.id().equals(sibling)) {
            priorities.add(new Object[] {s.id(), zoned.id(), 2});
        }
        return list.size();
    }

    /**
     * The schools a family at {@code home} considers for an entry grade: the 12 nearest that admit at that grade
     * (families rarely look further; NYC applicants' choices are mostly within their borough). Cached per tract.
     */
    private List<School> candidates(Location home, int grade) {
        int i = Math.min(cells - 1, Math.max(0, (int) (home.x() / side * cells)));
        int j = Math.min(cells - 1, Math.max(0, (int) (home.y() / side * cells)));
        long key = (long) (i * cells + j) * 13 + grade;
        return candidateCache.computeIfAbsent(key, k -> {
            Location centre = new Location((i + 0.5) * side / cells, (j + 0.5) * side / cells);
            List<School> admitting = new ArrayList<>();
            for (School school : schools) {
                if (school.serves(grade) && (school.entryGrade() == grade
                        || school.type() != SchoolType.NEIGHBORHOOD)) {
                    admitting.add(school);
                }
            }
            admitting.sort(Comparator.comparingDouble((School sc) -> sc.location().distanceTo(centre))
                    .thenComparing(School::id));
            return List.copyOf(admitting.subList(0, Math.min(12, admitting.size())));
        });
    }

    // ---- requests and sections ----

    /** About one keep-apart pair per 200 students and one keep-together pair per 1,000, within a school and grade. */
    static long writeRequests(Path out, Map<String, List<Student>> bySchoolGrade, SplittableRandom r) {
        long[] count = {0};
        Csv.write(out.resolve(MosaicFiles.REQUESTS), MosaicFiles.REQUEST_COLUMNS, p -> {
            for (List<Student> group : bySchoolGrade.values()) {
                int n = group.size();
                if (n < 4) {
                    continue;
                }
                int apart = (int) Math.floor(n / 200.0 + r.nextDouble());
                int together = (int) Math.floor(n / 1000.0 + r.nextDouble());
                for (int k = 0; k < apart + together; k++) {
                    int a = r.nextInt(n);
                    int b = r.nextInt(n - 1);
                    b = b >= a ? b + 1 : b;
                    p.printRecord(group.get(a).id(), group.get(b).id(), k < apart ? "apart" : "together");
                    count[0]++;
                }
            }
        });
        return count[0];
    }

    /** Current classes: for every school and grade, math and reading sections of at most 28, mixed at random. */
    static int writeSections(Path out, Map<String, List<Student>> bySchoolGrade, SplittableRandom r) {
        List<Section> sections = new ArrayList<>();
        List<String[]> roster = new ArrayList<>();
        for (List<Student> group : bySchoolGrade.values()) {
            Student first = group.get(0);
            int count = (int) Math.ceil(group.size() / 28.0);
            for (String subject : SUBJECTS) {
                List<Student> shuffled = new ArrayList<>(group);
                for (int i = shuffled.size() - 1; i > 0; i--) {
                    int j = r.nextInt(i + 1);
                    Student t = shuffled.get(i);
                    shuffled.set(i, shuffled.get(j));
                    shuffled.set(j, t);
                }
                for (int k = 0; k < count; k++) {
                    String id = first.schoolId() + "-g" + Grades.label(first.grade()) + "-" + subject + "-" + (k + 1);
                    sections.add(new Section(id, first.schoolId(), first.grade(), subject, 30, "", false, false,
                            Integer.toString(k + 1), "T-" + id, subject + "-" + Grades.label(first.grade()), ""));
                    for (int i = k; i < shuffled.size(); i += count) {
                        roster.add(new String[] {id, shuffled.get(i).id()});
                    }
                }
            }
        }
        Csv.write(out.resolve(MosaicFiles.SECTIONS), MosaicFiles.SECTION_COLUMNS, p -> {
            for (Section s : sections) {
                p.printRecord(MosaicCsvWriter.sectionRow(s));
            }
        });
        AtomicFiles.write(out.resolve(MosaicFiles.ROSTERS), w -> {
            CSVPrinter p = Csv.printer(w, MosaicFiles.ROSTER_COLUMNS);
            for (String[] row : roster) {
                p.printRecord((Object[]) row);
            }
            p.flush();
        });
        return sections.size();
    }
}
