package org.mosaic.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosaic.io.MosaicCsvReader;
import org.mosaic.io.synthetic.GeneratorOptions;
import org.mosaic.io.synthetic.SyntheticDistrict;
import org.mosaic.model.Progress;

/** Scenarios on a small synthetic district: the engine's classes feed the model, and the model's properties hold. */
class DistrictSimulationTest {
    @TempDir
    static Path tmp;
    private static DistrictSimulation.Cohorts cohorts;

    @BeforeAll
    static void district() {
        SyntheticDistrict.generate(GeneratorOptions.of(3, 1500), tmp.resolve("d"), Progress.NONE);
        cohorts = DistrictSimulation.cohorts(MosaicCsvReader.read(tmp.resolve("d")), "math");
    }

    private static DistrictSimulation.Scenario scenario(double dial, ModelParameters p) {
        return new DistrictSimulation.Scenario("t" + dial, "none", null, dial, 0, java.util.Map.of(), 2, p, "math", 25,
                ClassFormation.Mode.SEARCH, 1);
    }

    @Test
    void withoutTargetingAndPeersTheDialChangesNoStudentsGrowth() {
        ModelParameters flat = ModelParameters.named("ddk2011").with("fit_gain", 0).with("peer_effect", 0);
        DistrictSimulation.Outcomes mixed = DistrictSimulation.draw(cohorts, scenario(0, flat), 11);
        DistrictSimulation.Outcomes tracked = DistrictSimulation.draw(cohorts, scenario(1, flat), 11);
        assertThat(tracked.meanGrowth()).isEqualTo(mixed.meanGrowth());
        assertThat(tracked.growthByQuartile()).containsExactly(mixed.growthByQuartile());
        assertThat(tracked.gapFrl()).isEqualTo(mixed.gapFrl());
        // The classes did change: tracking sorts students, and FRL status goes with scores.
        assertThat(tracked.hClassroomsFrl()).isGreaterThan(mixed.hClassroomsFrl());
    }

    @Test
    void theSameSeedGivesTheSameOutcomesAndTrackingRaisesClassroomSegregation() {
        ModelParameters p = ModelParameters.named("ddk2011");
        DistrictSimulation.Outcomes a = DistrictSimulation.draw(cohorts, scenario(1, p), 5);
        DistrictSimulation.Outcomes b = DistrictSimulation.draw(cohorts, scenario(1, p), 5);
        assertThat(DistrictSimulation.named(b)).isEqualTo(DistrictSimulation.named(a));
        DistrictSimulation.Outcomes mixed = DistrictSimulation.draw(cohorts, scenario(0, p), 5);
        assertThat(a.hClassroomsFrl()).isGreaterThan(mixed.hClassroomsFrl());
        assertThat(a.hSchoolsFrl()).isEqualTo(mixed.hSchoolsFrl());
        assertThat(a.meanGrowth()).isBetween(0.5, 1.6);
    }
}
