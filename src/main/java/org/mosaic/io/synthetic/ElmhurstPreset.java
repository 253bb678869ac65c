package org.mosaic.io.synthetic;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.mosaic.io.MosaicCsvWriter;
import org.mosaic.model.Dataset;
import org.mosaic.model.District;
import org.mosaic.model.Gender;
import org.mosaic.model.Location;
import org.mosaic.model.PlacementRequest;
import org.mosaic.model.Race;
import org.mosaic.model.RequestKind;
import org.mosaic.model.RosterEntry;
import org.mosaic.model.School;
import org.mosaic.model.SchoolType;
import org.mosaic.model.Score;
import org.mosaic.model.Section;
import org.mosaic.model.Student;

/**
 * The case from the articles: Oakland's Elmhurst Community Prep, a high-poverty middle school (grades 6-8, ~125
 * students per grade, 375 Latino, African American and Pacific Islander students) where, in reading and in math, one
 * third work at grade level, one third are 1-2 years behind and one third 3-4 or more years behind; classes of 32,
 * four classes per subject per grade, no aides.
 */
public final class ElmhurstPreset {
    public static final String SCHOOL_ID = "elmhurst";
    public static final int PER_GRADE = 125;
    public static final int SECTIONS_PER_SUBJECT = 4;
    public static final int CLASS_SIZE = 32;
    public static final int LAST_YEAR = 2026;
    static final String[] SUBJECTS = {"math", "reading"};

    /** Which third of the school a student is in, by years behind grade level. */
    public enum Band {
        AT_GRADE(0, 0.6), ONE_TO_TWO_BEHIND(1, 2), THREE_TO_FOUR_BEHIND(3, 4.6);

        final double minBehind;
        final double maxBehind;

        Band(double minBehind, double maxBehind) {
            this.minBehind = minBehind;
            this.maxBehind = maxBehind;
        }
    }

    private ElmhurstPreset() {
    }

    public static Dataset build(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Map<Integer, Integer> cap = new TreeMap<>(Map.of(6, 128, 7, 128, 8, 128));
        School school = new School(SCHOOL_ID, "Elmhurst Community Prep", SchoolType.NEIGHBORHOOD, "", 6, 8,
                new Location(0, 0), "elmhurst", cap);
        List<Student> students = new ArrayList<>();
        List<Score> scores = new ArrayList<>();
        List<Section> sections = new ArrayList<>();
        List<RosterEntry> rosters = new ArrayList<>();
        List<PlacementRequest> requests = new ArrayList<>();
        int next = 1;
        for (int grade = 6; grade <= 8; grade++) {
            List<Student> cohort = new ArrayList<>();
            Band[] math = thirds(PER_GRADE, r);
            Band[] reading = correlatedThirds(math, 0.3, r);
            for (int k = 0; k < PER_GRADE; k++) {
                String id = String.format("EL%04d", next++);
                double u = r.nextDouble();
                Race race = u < 0.55 ? Race.HISPANIC : u < 0.85 ? Race.BLACK : u < 0.95 ? Race.PACIFIC_ISLANDER
                        : Race.TWO_OR_MORE;
                boolean ell = race == Race.HISPANIC ? r.nextDouble() < 0.5 : r.nextDouble() < 0.1;
                boolean behindBoth = math[k] == Band.THREE_TO_FOUR_BEHIND && reading[k] == Band.THREE_TO_FOUR_BEHIND;
                boolean iep = r.nextDouble() < (behindBoth ? 0.3 : 0.07);
                boolean gifted = math[k] == Band.AT_GRADE && reading[k] == Band.AT_GRADE && r.nextDouble() < 0.2;
                Student s = new Student(id, grade, SCHOOL_ID, new Location(0, 0), "elmhurst", "", r.nextDouble() < 0.9,
                        race, r.nextBoolean() ? Gender.FEMALE : Gender.MALE, ell, iep, gifted, 1,
                        r.nextDouble() < 0.06, "", "");
                students.add(s);
                cohort.add(s);
                for (int subj = 0; subj < SUBJECTS.length; subj++) {
                    Band band = subj == 0 ? math[k] : reading[k];
                    double behind = band.minBehind + (band.maxBehind - band.minBehind) * r.nextDouble();
                    double ge = grade + 0.7 - behind;
                    for (int y = LAST_YEAR - 2; y <= LAST_YEAR; y++) {
                        // Earlier years: slower-than-normal growth (0.8 grade levels a year) for all but the top third.
                        double yearsBack = LAST_YEAR - y;
                        double g = ge - yearsBack * (band == Band.AT_GRADE ? 1.0 : 0.8)
                                + (y == LAST_YEAR ? 0 : 0.2 * Normal.draw(r));
                        double rounded = Math.round(g * 10) / 10.0;
                        scores.add(new Score(id, SUBJECTS[subj], "", y, "", Math.round((150 + 10 * g) * 10) / 10.0,
                                OptionalDouble.of(rounded)));
                    }
                }
            }
            for (String subject : SUBJECTS) {
                List<Student> shuffled = new ArrayList<>(cohort);
                shuffle(shuffled, r);
                for (int k = 1; k <= SECTIONS_PER_SUBJECT; k++) {
                    String id = SCHOOL_ID + "-g" + grade + "-" + subject + "-" + k;
                    sections.add(new Section(id, SCHOOL_ID, grade, subject, CLASS_SIZE, "", k == 1, k == 2,
                            Integer.toString(k), "T-" + grade + subject.charAt(0) + k, subject + "-" + grade,
                            "2026-27"));
                    for (int i = k - 1; i < shuffled.size(); i += SECTIONS_PER_SUBJECT) {
                        rosters.add(new RosterEntry(id, shuffled.get(i).id()));
                    }
                }
            }
            for (int k = 0; k < 4; k++) {
                int a = r.nextInt(PER_GRADE);
                int b = (a + 1 + r.nextInt(PER_GRADE - 1)) % PER_GRADE;
                requests.add(new PlacementRequest(cohort.get(a).id(), cohort.get(b).id(),
                        k < 3 ? RequestKind.APART : RequestKind.TOGETHER));
            }
        }
        District district = new District("elmhurst", "Elmhurst Community Prep (preset)", List.of(school), List.of(),
                students);
        return new Dataset(district, scores, List.of(), List.of(), requests, sections, rosters);
    }

    public static void write(long seed, Path out) {
        MosaicCsvWriter.write(build(seed), out);
    }

    /** Exactly equal thirds (41-42 each), in random order. */
    static Band[] thirds(int n, SplittableRandom r) {
        Band[] bands = new Band[n];
        for (int i = 0; i < n; i++) {
            bands[i] = Band.values()[i * 3 / n];
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            Band t = bands[i];
            bands[i] = bands[j];
            bands[j] = t;
        }
        return bands;
    }

    /** Reading bands that agree with math for most students, but keep exactly equal thirds. */
    static Band[] correlatedThirds(Band[] math, double reshuffled, SplittableRandom r) {
        Band[] reading = math.clone();
        List<Integer> picked = new ArrayList<>();
        for (int i = 0; i < reading.length; i++) {
            if (r.nextDouble() < reshuffled) {
                picked.add(i);
            }
        }
        for (int k = picked.size() - 1; k > 0; k--) {
            int j = r.nextInt(k + 1);
            Band t = reading[picked.get(k)];
            reading[picked.get(k)] = reading[picked.get(j)];
            reading[picked.get(j)] = t;
        }
        return reading;
    }

    private static <T> void shuffle(List<T> list, SplittableRandom r) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }
}
