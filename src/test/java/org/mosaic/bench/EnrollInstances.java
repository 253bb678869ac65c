package org.mosaic.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.mosaic.enroll.Market;
import org.mosaic.enroll.Policy;
import org.mosaic.enroll.TieBreak;
import org.mosaic.model.Gender;
import org.mosaic.model.Location;
import org.mosaic.model.Race;
import org.mosaic.model.School;
import org.mosaic.model.SchoolType;
import org.mosaic.model.Student;

/**
 * Seeded benchmark markets. NYC high-school admissions: ~80,000 applicants ranking up to 12 of ~700 programs;
 * Chile's national system (SAE): ~560,000 applicants. School popularity is skewed (a few programs draw many
 * applicants), seats exceed applicants by ~10 %, priorities come in four classes plus "none".
 */
public final class EnrollInstances {
    private EnrollInstances() {
    }

    public record Instance(List<Student> students, List<School> schools, int[][] prefs, int[][] prio) {
        public Market market(long seed) {
            return Market.of(students, schools, 9, prefs, prio, Policy.plain(), TieBreak.SINGLE, seed);
        }
    }

    public static Instance nyc(long seed) {
        return build(80_000, 700, 12, seed);
    }

    public static Instance chile(long seed) {
        return build(560_000, 6_000, 6, seed);
    }

    public static Instance build(int n, int m, int choices, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int seats = (int) Math.ceil(n * 1.1 / m);
        List<School> schools = new ArrayList<>(m);
        double[] weight = new double[m];
        double total = 0;
        for (int s = 0; s < m; s++) {
            schools.add(new School("P" + s, "P" + s, SchoolType.NEIGHBORHOOD, "", 9, 12, new Location(0, 0), "",
                    Map.of(9, seats)));
            weight[s] = 1.0 / Math.pow(s + 1, 0.6);
            total += weight[s];
        }
        double[] cum = new double[m];
        double acc = 0;
        for (int s = 0; s < m; s++) {
            acc += weight[s] / total;
            cum[s] = acc;
        }
        List<Student> students = new ArrayList<>(n);
        int[][] prefs = new int[n][];
        int[][] prio = new int[n][];
        for (int i = 0; i < n; i++) {
            students.add(new Student("A" + i, 9, "", new Location(0, 0), "", "", r.nextBoolean(), Race.WHITE,
                    Gender.FEMALE, false, false, false, 0, false, "", ""));
            int len = Math.min(m, 1 + r.nextInt(choices));
            int[] p = new int[len];
            java.util.Set<Integer> used = new java.util.HashSet<>();
            for (int k = 0; k < len; k++) {
                int s;
                do {
                    int idx = java.util.Arrays.binarySearch(cum, r.nextDouble());
                    s = Math.min(m - 1, idx >= 0 ? idx : -idx - 1);
                } while (!used.add(s));
                p[k] = s;
            }
            prefs[i] = p;
            prio[i] = new int[len];
            for (int k = 0; k < len; k++) {
                int c = r.nextInt(5);
                prio[i][k] = c == 4 ? Policy.NO_PRIORITY : c + 1;
            }
        }
        return new Instance(students, schools, prefs, prio);
    }
}
