package org.mosaic.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.mosaic.model.Choice;
import org.mosaic.model.Dataset;
import org.mosaic.model.District;
import org.mosaic.model.Gender;
import org.mosaic.model.Location;
import org.mosaic.model.PlacementRequest;
import org.mosaic.model.Priority;
import org.mosaic.model.Race;
import org.mosaic.model.RequestKind;
import org.mosaic.model.RosterEntry;
import org.mosaic.model.School;
import org.mosaic.model.SchoolType;
import org.mosaic.model.Score;
import org.mosaic.model.Section;
import org.mosaic.model.Student;

/**
 * A seeded synthetic district for store tests and benchmarks: every field of every record varies (empty and present
 * grade equivalents, all flags, names with accents and quotes), so a round trip that drops or mangles one shows.
 * Shape of the sample district: 20,000 students, 15 scores each (300,000), three choices each.
 */
public final class SyntheticDataset {
    private SyntheticDataset() {
    }

    public static Dataset of(int students, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<School> schools = new ArrayList<>();
        int nSchools = Math.max(3, students / 500);
        for (int k = 0; k < nSchools; k++) {
            int band = k % 3;
            int low = band == 0 ? 0 : band == 1 ? 6 : 9;
            int high = band == 0 ? 5 : band == 1 ? 8 : 12;
            Map<Integer, Integer> caps = new TreeMap<>();
            for (int g = low; g <= high; g++) {
                caps.put(g, 40 + rnd.nextInt(200));
            }
            schools.add(new School(String.format("SCH%03d", k), "School " + k + (k % 5 == 0 ? " \"Magnet\", Élan" : ""),
                    SchoolType.values()[k % 3], k % 7 == 6 ? "" : "C" + (k % 4), low, high,
                    new Location(rnd.nextDouble() * 20, rnd.nextDouble() * 20), k % 2 == 0 ? "north" : "", caps));
        }
        List<Student> list = new ArrayList<>(students);
        Race[] races = Race.values();
        Gender[] genders = Gender.values();
        for (int i = 0; i < students; i++) {
            School s = schools.get(rnd.nextInt(nSchools));
            int grade = s.lowGrade() + rnd.nextInt(s.highGrade() - s.lowGrade() + 1);
            list.add(new Student(String.format("S%06d", i), grade, i % 50 == 0 ? "" : s.id(),
                    new Location(rnd.nextDouble() * 20, rnd.nextDouble() * 20), "z" + rnd.nextInt(9),
                    i % 11 == 0 ? "" : "17031" + rnd.nextInt(1000), rnd.nextInt(2) == 0, races[rnd.nextInt(races.length)],
                    genders[rnd.nextInt(genders.length)], rnd.nextInt(8) == 0, rnd.nextInt(7) == 0,
                    rnd.nextInt(10) == 0, rnd.nextInt(5), rnd.nextInt(20) == 0,
                    i % 3 == 0 ? "" : "Zoë" + i, i % 4 == 0 ? "" : "O'Brien-" + i));
        }
        List<Score> scores = new ArrayList<>(students * 15);
        String[] subjects = {"math", "reading"};
        String[] strands = {"", "fractions", "geometry"};
        for (Student st : list) {
            for (int year = 2022; year <= 2024; year++) {
                for (String subject : subjects) {
                    scores.add(new Score(st.id(), subject, "", year, "", 150 + rnd.nextDouble() * 100,
                            rnd.nextInt(3) == 0 ? OptionalDouble.empty()
                                    : OptionalDouble.of(Math.round(rnd.nextDouble() * 120) / 10.0)));
                }
                scores.add(new Score(st.id(), "math", strands[1 + rnd.nextInt(2)], year, "fall",
                        rnd.nextInt(300), OptionalDouble.empty()));
                scores.add(new Score(st.id(), "reading", "", year, "spring", rnd.nextDouble(),
                        OptionalDouble.of(st.grade() + rnd.nextDouble())));
                scores.add(new Score(st.id(), "science", "", year, "", rnd.nextGaussian() * 10, OptionalDouble.empty()));
            }
        }
        List<Choice> choices = new ArrayList<>();
        List<Priority> priorities = new ArrayList<>();
        for (Student st : list) {
            // only schools that serve the student's grade, as the reader requires
            List<Integer> serving = new ArrayList<>();
            for (int k = 0; k < nSchools; k++) {
                if (schools.get(k).serves(st.grade())) {
                    serving.add(k);
                }
            }
            List<Integer> ranked = new ArrayList<>(3);
            while (ranked.size() < Math.min(3, serving.size())) {
                int k = serving.get(rnd.nextInt(serving.size()));
                if (!ranked.contains(k)) {
                    ranked.add(k);
                }
            }
            for (int r = 0; r < ranked.size(); r++) {
                choices.add(new Choice(st.id(), r + 1, schools.get(ranked.get(r)).id()));
            }
            if (rnd.nextInt(4) == 0) {
                priorities.add(new Priority(st.id(), schools.get(rnd.nextInt(nSchools)).id(), 1 + rnd.nextInt(3)));
            }
        }
        List<PlacementRequest> requests = new ArrayList<>();
        for (int i = 0; i + 1 < students && requests.size() < students / 100; i += 97) {
            requests.add(new PlacementRequest(list.get(i).id(), list.get(i + 1).id(),
                    i % 2 == 0 ? RequestKind.APART : RequestKind.TOGETHER));
        }
        List<Section> sections = new ArrayList<>();
        List<RosterEntry> rosters = new ArrayList<>();
        for (int k = 0; k < Math.max(2, students / 25); k++) {
            School s = schools.get(k % nSchools);
            sections.add(new Section("SEC" + k, s.id(), s.lowGrade(), k % 2 == 0 ? "math" : "reading", 28,
                    k % 3 == 0 ? "advanced" : "", k % 4 == 0, k % 5 == 0, "P" + (k % 7), k % 6 == 0 ? "" : "T" + k,
                    k % 2 == 0 ? "CRS-" + k : "", k % 3 == 0 ? "2025-26" : ""));
        }
        for (int i = 0; i < students; i++) {
            rosters.add(new RosterEntry(sections.get(i % sections.size()).id(), list.get(i).id()));
        }
        District district = new District("synthetic-" + seed, "Synthetic District " + seed, schools,
                District.clustersOf(schools), list);
        return new Dataset(district, scores, choices, priorities, requests, sections, rosters);
    }
}
