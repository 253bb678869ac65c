package org.mosaic.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mosaic.CliRun;
import org.mosaic.TestDirs;
import org.mosaic.io.GroupUnitCsv;

class SegregationTest {
    /**
     * Two schools, two groups. School 1: 30 A, 10 B; school 2: 10 A, 50 B. T = 100, p_A = 0.4, p_B = 0.6.
     * ls_1 = 0.75 ln(0.75/0.4) + 0.25 ln(0.25/0.6) = 0.471455 − 0.218866 = 0.252589
     * ls_2 = (1/6) ln((1/6)/0.4) + (5/6) ln((5/6)/0.6) = −0.145910 + 0.273752 = 0.127842
     * M = 0.4 × 0.252589 + 0.6 × 0.127842 = 0.177741; E = −(0.4 ln 0.4 + 0.6 ln 0.6) = 0.673012; H = 0.264098
     * D = ½ (|30/40 − 10/60| + |10/40 − 50/60|) = ½ (0.583333 + 0.583333) = 0.583333
     * A's exposure to B: (30/40)(10/40) + (10/40)(50/60) = 0.1875 + 0.208333 = 0.395833
     */
    static final GroupUnitTable HAND = new GroupUnitTable(List.of("A", "B"), List.of("s1", "s2"),
            new double[] {30, 10, 10, 50});

    @Test
    void handComputedTwoByTwo() {
        assertThat(Segregation.mutualInformation(HAND)).isCloseTo(0.177741, within(1e-6));
        assertThat(Segregation.entropy(HAND.groupTotals())).isCloseTo(0.673012, within(1e-6));
        assertThat(Segregation.theilH(HAND)).isCloseTo(0.264098, within(1e-6));
        assertThat(Segregation.localByUnit(HAND).get("s1")).isCloseTo(0.2525893, within(1e-6));
        assertThat(Segregation.localByUnit(HAND).get("s2")).isCloseTo(0.1278419, within(1e-6));
        assertThat(Segregation.dissimilarity(HAND, "A", "B")).isCloseTo(0.583333, within(1e-6));
        Map<String, Map<String, Double>> e = Segregation.exposure(HAND);
        assertThat(e.get("A").get("B")).isCloseTo(0.395833, within(1e-6));
        assertThat(e.get("A").get("A")).isCloseTo(1 - 0.395833, within(1e-6));
        // Two groups: multigroup D equals D, normalized exposure equals the variance ratio
        // V = Σ t_u (π_u − π)² / (T π (1−π)) = (40 × 0.35² + 60 × 0.2333²) / (100 × 0.24) = (4.9 + 3.2667) / 24.
        assertThat(Segregation.multigroupDissimilarity(HAND)).isCloseTo(0.583333, within(1e-6));
        assertThat(Segregation.normalizedExposure(HAND)).isCloseTo((4.9 + 60 * Math.pow(1.0 / 6 - 0.4, 2) / 1)
                / 24, within(1e-6));
    }

    @Test
    void completeAndNoSegregation() {
        GroupUnitTable complete = new GroupUnitTable(List.of("A", "B"), List.of("x", "y"), new double[] {10, 0, 0, 30});
        assertThat(Segregation.theilH(complete)).isCloseTo(1, within(1e-12));
        assertThat(Segregation.dissimilarity(complete, "A", "B")).isCloseTo(1, within(1e-12));
        GroupUnitTable even = new GroupUnitTable(List.of("A", "B"), List.of("x", "y"), new double[] {10, 20, 5, 10});
        assertThat(Segregation.mutualInformation(even)).isCloseTo(0, within(1e-12));
        assertThat(OrdinalSegregation.index(even, OrdinalSegregation.Kind.INFORMATION)).isCloseTo(0, within(1e-12));
    }

    /**
     * Ordinal (Reardon 2009), three ordered bands, two units. Unit x: 10 low, 0 mid, 0 high; unit y: 0, 10, 10.
     * Overall c = (1/3, 2/3): v = ½ [f(1/3) + f(2/3)] with f = binary entropy in bits = 0.918296; unit x: c = (1, 1):
     * v = 0; unit y: c = (0, 0.5): v = ½ [0 + 1] = 0.5. Λ_T = 1 − (1/3) / 0.918296 = 0.637009.
     */
    @Test
    void ordinalInformationIndexByHand() {
        GroupUnitTable t = new GroupUnitTable(List.of("low", "mid", "high"), List.of("x", "y"),
                new double[] {10, 0, 0, 0, 10, 10});
        assertThat(OrdinalSegregation.index(t, OrdinalSegregation.Kind.INFORMATION)).isCloseTo(0.637009, within(1e-6));
        // Variation ratio: f(c) = 4c(1−c): overall ½(8/9 + 8/9) = 0.888889; y: ½(0 + 1) = 0.5 → 1 − (1/3)/0.888889.
        assertThat(OrdinalSegregation.index(t, OrdinalSegregation.Kind.VARIATION_RATIO)).isCloseTo(0.625, within(1e-9));
    }

    @Test
    void schools05MatchesThePublishedValuesOfTheRPackage() {
        GroupUnitCsv.Counts c = GroupUnitCsv.read(TestDirs.resource("segregation/schools05.csv"), "race", "school",
                List.of("state", "district"), "n");
        GroupUnitTable t = new GroupUnitTable(c.groups(), c.units(), c.counts());
        assertThat(Segregation.mutualInformation(t)).isCloseTo(0.4133851, within(1e-7));
        assertThat(Segregation.theilH(t)).isCloseTo(0.3892848, within(1e-7));
        Decomposition d = Decomposition.of(t, c.parents(), c.parentNames(), List.of("state", "district", "school"));
        assertThat(d.parts().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(0.4133851, within(1e-7));
        // The within-district part equals Σ_d p_d M_d computed district by district.
        assertThat(d.parts().get(2)).isCloseTo(Decomposition.withinDirect(t, c.parents().get(1),
                c.parentNames().get(1).size()), within(1e-10));
        assertThat(d.parts().get(0) + d.parts().get(1)).isCloseTo(Segregation.mutualInformation(
                t.aggregate(c.parents().get(1), c.parentNames().get(1))), within(1e-12));
        double hSum = d.partH(0) + d.partH(1) + d.partH(2);
        assertThat(hSum).isCloseTo(0.3892848, within(1e-7));
    }

    @Test
    void cliJsonHasThePromisedKeys() throws Exception {
        CliRun run = CliRun.of("measure", "segregation", "--input",
                TestDirs.resource("segregation/schools05.csv").toString(), "--group", "race", "--unit", "school",
                "--weight", "n", "--within", "district", "--pair", "black,white", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out());
        assertThat(json.get("M").asDouble()).isCloseTo(0.4133851, within(1e-7));
        assertThat(json.get("H").asDouble()).isCloseTo(0.3892848, within(1e-7));
        assertThat(json.get("entropy").asDouble()).isPositive();
        double between = json.get("between").get("M").asDouble();
        double within = json.get("within").get("M").asDouble();
        assertThat(between + within).isCloseTo(0.4133851, within(1e-7));
        assertThat(json.get("within").get("H").asDouble() + json.get("between").get("H").asDouble())
                .isCloseTo(0.3892848, within(1e-7));
        assertThat(json.get("D").asDouble()).isBetween(0.0, 1.0);
        assertThat(json.get("exposure").get("black").get("white").asDouble()).isBetween(0.0, 1.0);
        assertThat(json.get("local").size()).isEqualTo(1920);
    }

    @Test
    void cliReportsBadColumnsAndWeightsWithLineAndColumn(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        java.nio.file.Path f = tmp.resolve("rows.csv");
        java.nio.file.Files.writeString(f, "school,race,n\nA,white,3\nA,black,x\nB,white,-1\n");
        CliRun bad = CliRun.of("measure", "segregation", "--input", f.toString(), "--group", "race", "--unit",
                "school", "--weight", "n");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("rows.csv, line 3, column 3 (n): found 'x'")
                .contains("rows.csv, line 4, column 3 (n): found '-1'");
        CliRun noColumn = CliRun.of("measure", "segregation", "--input", f.toString(), "--group", "ethnicity",
                "--unit", "school");
        assertThat(noColumn.exitCode()).isEqualTo(2);
        assertThat(noColumn.err()).contains("no column named 'ethnicity'").contains("school, race, n");
        java.nio.file.Files.writeString(f, "district,school,race\nD1,A,white\nD2,A,black\n");
        CliRun notNested = CliRun.of("measure", "segregation", "--input", f.toString(), "--group", "race", "--unit",
                "school", "--within", "district");
        assertThat(notNested.exitCode()).isEqualTo(2);
        assertThat(notNested.err()).contains("line 3").contains("as on line 2");
    }
}
