package org.mosaic.measure.clusters;

import static org.assertj.core.api.Assertions.assertThat;

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

class ClustersTest {
    private static School school(String id, SchoolType type, String cluster, int low, int high) {
        return new School(id, id, type, cluster, low, high, new Location(0, 0), "", Map.of());
    }

    private static final Map<String, School> SCHOOLS = new TreeMap<>(Map.of(
            "E1", school("E1", SchoolType.NEIGHBORHOOD, "A", 0, 5),
            "E2", school("E2", SchoolType.NEIGHBORHOOD, "A", 0, 5), // declared A, but feeds M2 (cluster B)
            "M1", school("M1", SchoolType.NEIGHBORHOOD, "A", 6, 8),
            "M2", school("M2", SchoolType.NEIGHBORHOOD, "B", 6, 8),
            "H1", school("H1", SchoolType.NEIGHBORHOOD, "A", 9, 12),
            "H2", school("H2", SchoolType.NEIGHBORHOOD, "B", 9, 12),
            "CH", school("CH", SchoolType.CHARTER, "", 0, 8)));

    @Test
    void feederMatrixAndInferredClustersListTheDisagreement() {
        List<Enrollment> h = new ArrayList<>();
        // 10 from E1 to M1, 8 from E2 to M2 and 2 from E2 to M1; 10 from M1 to H1, 6 from M2 to H2
        for (int i = 0; i < 10; i++) {
            h.add(new Enrollment("a" + i, 2025, "E1", 5));
            h.add(new Enrollment("a" + i, 2026, "M1", 6));
        }
        for (int i = 0; i < 10; i++) {
            h.add(new Enrollment("b" + i, 2025, "E2", 5));
            h.add(new Enrollment("b" + i, 2026, i < 8 ? "M2" : "M1", 6));
        }
        for (int i = 0; i < 10; i++) {
            h.add(new Enrollment("c" + i, 2025, "M1", 8));
            h.add(new Enrollment("c" + i, 2026, "H1", 9));
        }
        for (int i = 0; i < 6; i++) {
            h.add(new Enrollment("d" + i, 2025, "M2", 8));
            h.add(new Enrollment("d" + i, 2026, "H2", 9));
        }
        h.add(new Enrollment("e", 2025, "E1", 3)); // left the district
        h.add(new Enrollment("f", 2026, "M1", 6)); // new to the district
        FeederFlows.Flows f = FeederFlows.of(h, SCHOOLS);
        assertThat(f.entrants().get("M1")).containsExactlyInAnyOrderEntriesOf(Map.of("E1", 10, "E2", 2,
                FeederFlows.NEW, 1));
        assertThat(FeederFlows.Flows.share(f.entrants().get("M1"), "E1")).isEqualTo(10 / 13.0);
        assertThat(f.leavers().get("E2")).containsExactlyInAnyOrderEntriesOf(Map.of("M2", 8, "M1", 2));
        assertThat(f.leavers().get("E1")).containsEntry(FeederFlows.LEFT, 1);

        Map<String, InferredClusters.Assignment> by = new HashMap<>();
        InferredClusters.of(f, SCHOOLS).forEach(a -> by.put(a.schoolId(), a));
        assertThat(by).doesNotContainKey("CH");
        assertThat(by.get("E1").inferred()).isEqualTo("A");
        assertThat(by.get("E2").inferred()).isEqualTo("B");
        assertThat(by.get("E2").agrees()).isFalse();
        assertThat(by.get("E2").feeds()).isEqualTo("M2");
        assertThat(by.get("E2").share()).isEqualTo(0.8);
        assertThat(by.values().stream().filter(a -> !a.agrees())).hasSize(1);
    }

    @Test
    void creamingSeesHigherPriorsFewerIepStudentsAndLowScorersLeaving() {
        List<Enrollment> h = new ArrayList<>();
        List<Student> students = new ArrayList<>();
        Map<String, Map<Integer, Double>> z = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            String id = "s" + i;
            boolean entrant = i % 4 == 0;
            // entrants: priors around +0.5 and no IEPs; stayers: around 0, every fifth with an IEP
            double prior = (entrant ? 0.5 : 0) + ((i * 37) % 100 - 50) / 50.0;
            z.put(id, Map.of(2024, prior));
            students.add(new Student(id, 4, "E1", new Location(0, 0), "", "", false, Race.WHITE, Gender.FEMALE,
                    false, !entrant && i % 5 == 1, false, 0, false, "", ""));
            h.add(new Enrollment(id, 2024, "E1", 2));
            h.add(new Enrollment(id, 2025, entrant ? "CH" : "E1", 3));
            // entrants with a prior below zero leave the charter after a year
            h.add(new Enrollment(id, 2026, entrant && prior < 0 ? "E1" : entrant ? "CH" : "E1", 4));
        }
        Creaming.Report r = Creaming.of(h, SCHOOLS, students, z, 1).stream()
                .filter(x -> x.schoolId().equals("CH")).findFirst().orElseThrow();
        assertThat(r.entrants()).isEqualTo(50);
        assertThat(r.stayers()).isEqualTo(150);
        assertThat(r.priorMeanDifference().value()).isCloseTo(0.5, org.assertj.core.api.Assertions.within(0.1));
        assertThat(r.priorMeanDifference().low()).isPositive();
        assertThat(r.iepDifference().high()).isNegative();
        assertThat(r.exitByQuartile()[0].value()).isEqualTo(1.0);
        assertThat(r.exitByQuartile()[3].value()).isEqualTo(0.0);
        assertThat(r.verdict()).startsWith("Signs that charter CH creams").contains("higher").contains("IEP")
                .contains("lowest-quartile");
    }
}
