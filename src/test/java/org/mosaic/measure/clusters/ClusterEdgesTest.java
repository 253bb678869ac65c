package org.mosaic.measure.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.mosaic.model.Enrollment;
import org.mosaic.model.Gender;
import org.mosaic.model.Location;
import org.mosaic.model.Race;
import org.mosaic.model.School;
import org.mosaic.model.SchoolType;
import org.mosaic.model.Student;

/** Feeder flows, inferred clusters and the creaming verdict at their edges, each worked out by hand. */
class ClusterEdgesTest {
    static School school(String id, SchoolType type, String cluster, int low, int high) {
        return new School(id, id, type, cluster, low, high, new Location(0, 0), "", Map.of());
    }

    static final Map<String, School> SCHOOLS = new TreeMap<>(Map.of(
            "E1", school("E1", SchoolType.NEIGHBORHOOD, "A", 0, 5),
            "M1", school("M1", SchoolType.NEIGHBORHOOD, "A", 6, 8),
            "M2", school("M2", SchoolType.NEIGHBORHOOD, "B", 6, 8),
            "H1", school("H1", SchoolType.NEIGHBORHOOD, "A", 9, 12),
            "CH", school("CH", SchoolType.CHARTER, "", 6, 8),
            "MG", school("MG", SchoolType.MAGNET, "", 9, 12)));

    /**
     * 2024-2026. g graduates from H1 (no row after grade 12): not a leaver. k stays at E1. p enters M1 in 2024, the
     * first year, so is not counted as an entrant. q goes E1 → CH (the charter's entry grade) → M1 (grade 7, not
     * M1's entry grade). r enters H1 from MG, s goes from M1 to MG, and in 2026 (the last year) nobody leaves.
     */
    @Test
    void graduatesFirstYearEntrantsAndStayersAreNotFlows() {
        List<Enrollment> h = List.of(new Enrollment("g", 2024, "H1", 12),
                new Enrollment("k", 2024, "E1", 2), new Enrollment("k", 2025, "E1", 3),
                new Enrollment("k", 2026, "E1", 4), new Enrollment("p", 2024, "M1", 6),
                new Enrollment("p", 2025, "M1", 7), new Enrollment("p", 2026, "M1", 8),
                new Enrollment("q", 2024, "E1", 5), new Enrollment("q", 2025, "CH", 6),
                new Enrollment("q", 2026, "M1", 7), new Enrollment("r", 2025, "MG", 8),
                new Enrollment("r", 2026, "H1", 9), new Enrollment("s", 2025, "M1", 8),
                new Enrollment("s", 2026, "MG", 9));
        FeederFlows.Flows f = FeederFlows.of(h, SCHOOLS);
        assertThat(f.entrants()).containsOnlyKeys("CH", "H1", "MG");
        assertThat(f.entrants().get("CH")).containsExactlyEntriesOf(Map.of("E1", 1));
        assertThat(f.entrants().get("H1")).containsExactlyEntriesOf(Map.of("MG", 1));
        assertThat(f.entrants().get("MG")).containsExactlyEntriesOf(Map.of("M1", 1));
        assertThat(f.leavers()).containsOnlyKeys("E1", "CH", "M1", "MG");
        assertThat(f.leavers().get("E1")).containsExactlyEntriesOf(Map.of("CH", 1));
        assertThat(f.leavers().get("CH")).containsExactlyEntriesOf(Map.of("M1", 1));
        assertThat(f.leavers().get("M1")).containsExactlyEntriesOf(Map.of("MG", 1));
        assertThat(f.leavers().get("MG")).containsExactlyEntriesOf(Map.of("H1", 1));
        assertThat(FeederFlows.Flows.share(Map.of(), "x")).isZero();
        assertThat(FeederFlows.Flows.share(Map.of("a", 1, "b", 3), "b")).isEqualTo(0.75);
    }

    /** Levels by lowest grade: ≤ 5 elementary, 6-8 middle, 9+ high. Leavers to charters or skipped levels count not. */
    @Test
    void inferredClustersFollowTheNextLevelOnly() {
        assertThat(InferredClusters.level(5)).isZero();
        assertThat(InferredClusters.level(6)).isEqualTo(1);
        assertThat(InferredClusters.level(8)).isEqualTo(1);
        assertThat(InferredClusters.level(9)).isEqualTo(2);
        Map<String, Map<String, Integer>> leavers = new TreeMap<>();
        // E1 sends 5 to the charter, 3 to H1 (skips a level) and 2 to M2: M2 is its only next-level receiver.
        leavers.put("E1", new TreeMap<>(Map.of("CH", 5, "H1", 3, "M2", 2)));
        // M2 sends 4 to H1 and 4 to the magnet; M1 sends nobody.
        leavers.put("M2", new TreeMap<>(Map.of("H1", 4, "MG", 4, "gone", 1)));
        Map<String, InferredClusters.Assignment> by = new HashMap<>();
        InferredClusters.of(new FeederFlows.Flows(Map.of(), leavers), SCHOOLS).forEach(a -> by.put(a.schoolId(), a));
        assertThat(by).containsOnlyKeys("E1", "M1", "M2", "H1");
        assertThat(by.get("H1").inferred()).isEqualTo("A");
        assertThat(by.get("H1").share()).isEqualTo(1);
        assertThat(by.get("M2").inferred()).isEqualTo("A");
        assertThat(by.get("M2").feeds()).isEqualTo("H1");
        assertThat(by.get("M2").share()).isEqualTo(1);
        assertThat(by.get("M2").agrees()).isFalse();
        assertThat(by.get("E1").feeds()).isEqualTo("M2");
        assertThat(by.get("E1").inferred()).isEqualTo("A");
        assertThat(by.get("E1").share()).isEqualTo(1);
        assertThat(by.get("E1").agrees()).isTrue();
        assertThat(by.get("M1").feeds()).isEmpty();
        assertThat(by.get("M1").inferred()).isEmpty();
        assertThat(by.get("M1").share()).isZero();
    }

    /** A tie between two receivers goes to the first in id order. */
    @Test
    void aTieGoesToTheFirstReceiver() {
        Map<String, School> schools = new TreeMap<>(SCHOOLS);
        schools.put("H2", school("H2", SchoolType.NEIGHBORHOOD, "B", 9, 12));
        Map<String, Map<String, Integer>> leavers = Map.of("M1", new TreeMap<>(Map.of("H2", 3, "H1", 3)));
        InferredClusters.Assignment m1 = InferredClusters.of(new FeederFlows.Flows(Map.of(), leavers), schools)
                .stream().filter(a -> a.schoolId().equals("M1")).findFirst().orElseThrow();
        assertThat(m1.feeds()).isEqualTo("H1");
        assertThat(m1.share()).isEqualTo(0.5);
    }

    static Creaming.Estimate est(double value, double low, double high) {
        return new Creaming.Estimate(value, low, high);
    }

    static final Creaming.Estimate NONE = est(0, -0.1, 0.1);

    @Test
    void theVerdictNamesOnlyDifferencesClearOfChance() {
        Creaming.Estimate[] exits = {est(0.6, 0.4, 0.8), NONE, NONE, est(0.1, 0.0, 0.3)};
        assertThat(Creaming.verdict(SCHOOLS.get("CH"), est(0.4, 0.1, 0.7), est(-0.3, -0.4, -0.2),
                est(-0.2, -0.3, 0.01), est(-0.1, -0.2, -0.05), exits)).isEqualTo("Signs that charter CH creams: its "
                + "entrants scored 0.40 SD higher the year before than the students who stayed at their schools; it "
                + "enrolls 10 points fewer students with an IEP; it enrolls 30 points fewer low-income (FRL) students; "
                + "60 % of its lowest-quartile entrants left after a year against 10 % of its highest.");
        assertThat(Creaming.verdict(SCHOOLS.get("MG"), NONE, NONE, est(-0.2, -0.3, -0.1), NONE,
                new Creaming.Estimate[] {NONE, NONE, NONE, NONE})).isEqualTo("Signs that magnet MG creams (a "
                + "selective magnet admits on scores by design): it enrolls 20 points fewer English learners.");
        // Intervals that touch zero, and exit intervals that touch each other, are not clear.
        Creaming.Estimate[] touching = {est(0.5, 0.3, 0.7), NONE, NONE, est(0.2, 0.1, 0.3)};
        assertThat(Creaming.verdict(SCHOOLS.get("CH"), est(0.3, 0, 0.6), est(-0.3, -0.6, 0), NONE, NONE, touching))
                .isEqualTo("No sign that charter CH creams: no difference is clear of chance.");
        Creaming.Estimate nan = est(Double.NaN, Double.NaN, Double.NaN);
        assertThat(Creaming.verdict(SCHOOLS.get("CH"), NONE, NONE, NONE, NONE,
                new Creaming.Estimate[] {nan, NONE, NONE, est(0, -1, -0.5)})).startsWith("No sign");
        assertThat(Creaming.verdict(SCHOOLS.get("CH"), NONE, NONE, NONE, NONE,
                new Creaming.Estimate[] {est(0.9, 0.8, 1), NONE, NONE, nan})).startsWith("No sign");
        assertThat(est(0.2, 0.1, 0.3).clearlyAbove(0.05)).isTrue();
        assertThat(est(0.2, 0.1, 0.3).clearlyAbove(0.1)).isFalse();
        assertThat(est(0.2, 0.1, 0.3).clearlyBelow(0.3)).isFalse();
        assertThat(est(0.2, 0.1, 0.3).clearlyBelow(0.31)).isTrue();
    }

    /** One entrant is too few: the report says so and every figure is NaN. */
    @Test
    void tooFewEntrantsAreReportedAsSuch() {
        List<Enrollment> h = new ArrayList<>();
        List<Student> students = new ArrayList<>();
        Map<String, Map<Integer, Double>> z = new HashMap<>();
        for (int i = 0; i < 6; i++) {
            String id = "s" + i;
            students.add(new Student(id, 6, "M1", new Location(0, 0), "", "", false, Race.WHITE, Gender.FEMALE,
                    false, false, false, 0, false, "", ""));
            z.put(id, Map.of(2024, (double) i));
            h.add(new Enrollment(id, 2024, "E1", 5));
            h.add(new Enrollment(id, 2025, i == 0 ? "CH" : "M1", 6));
        }
        Map<String, School> schools = Map.of("E1", SCHOOLS.get("E1"), "M1", SCHOOLS.get("M1"), "CH",
                SCHOOLS.get("CH"));
        List<Creaming.Report> reports = Creaming.of(h, schools, students, z, 1);
        assertThat(reports).hasSize(1);
        Creaming.Report r = reports.get(0);
        assertThat(r.schoolId()).isEqualTo("CH");
        assertThat(r.entrants()).isEqualTo(1);
        assertThat(r.stayers()).isEqualTo(5);
        assertThat(r.priorMeanDifference().value()).isNaN();
        assertThat(r.exitByQuartile()).hasSize(4).allMatch(e -> Double.isNaN(e.value()));
        assertThat(r.entrantsByQuartile()).containsExactly(0, 0, 0, 0);
        assertThat(r.verdict()).isEqualTo("Too few entrants with a prior score to judge (1).");
    }

    /**
     * Entrants s0-s3 (priors 1, 2, 3, 6: mean 3, SD √(14/3)) against stayers s4-s7 (0, 0, 1, 3: mean 1, SD √2);
     * FRL 1 of 4 against 2 of 4, EL 0 against 1, IEP 1 against 0. District quartile cuts of all priors are 1, 2 and 3,
     * and the entrants sit exactly on them: quartiles 1, 2, 3, 3. s1 and s3 leave the charter after a year.
     */
    @Test
    void creamingFiguresByHand() {
        List<Enrollment> h = new ArrayList<>();
        List<Student> students = new ArrayList<>();
        Map<String, Map<Integer, Double>> z = new HashMap<>();
        double[] prior = {1, 2, 3, 6, 0, 0, 1, 3};
        boolean[] frl = {true, false, false, false, true, true, false, false};
        for (int i = 0; i < 8; i++) {
            String id = "s" + i;
            students.add(new Student(id, 6, "", new Location(0, 0), "", "", frl[i], Race.WHITE, Gender.FEMALE,
                    i == 6, i == 1, false, 0, false, "", ""));
            z.put(id, Map.of(2024, prior[i]));
            h.add(new Enrollment(id, 2024, "E1", 5));
            h.add(new Enrollment(id, 2025, i < 4 ? "CH" : "M1", 6));
            if (i == 0 || i == 2) {
                h.add(new Enrollment(id, 2026, "CH", 7));
            } else if (i == 1) {
                h.add(new Enrollment(id, 2026, "M1", 7));
            }
        }
        Map<String, School> schools = Map.of("E1", SCHOOLS.get("E1"), "M1", SCHOOLS.get("M1"), "CH",
                SCHOOLS.get("CH"));
        Creaming.Report r = Creaming.of(h, schools, students, z, 5).get(0);
        assertThat(r.entrants()).isEqualTo(4);
        assertThat(r.stayers()).isEqualTo(4);
        assertThat(r.priorMeanDifference().value()).isCloseTo(2, within(1e-12));
        assertThat(r.priorSdDifference().value()).isCloseTo(Math.sqrt(14.0 / 3) - Math.sqrt(2), within(1e-12));
        assertThat(r.frlDifference().value()).isCloseTo(-0.25, within(1e-12));
        assertThat(r.ellDifference().value()).isCloseTo(-0.25, within(1e-12));
        assertThat(r.iepDifference().value()).isCloseTo(0.25, within(1e-12));
        for (Creaming.Estimate e : List.of(r.priorMeanDifference(), r.frlDifference(), r.iepDifference())) {
            assertThat(e.low()).isLessThanOrEqualTo(e.high());
        }
        assertThat(r.entrantsByQuartile()).containsExactly(0, 1, 1, 2);
        assertThat(r.exitByQuartile()[0].value()).isNaN();
        assertThat(r.exitByQuartile()[1].value()).isZero();
        assertThat(r.exitByQuartile()[2].value()).isEqualTo(1);
        assertThat(r.exitByQuartile()[3].value()).isEqualTo(0.5);
        assertThat(r.exitByQuartile()[1].low()).isZero();
        assertThat(r.exitByQuartile()[1].high()).isZero();
    }
}
