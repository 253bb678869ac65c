package org.mosaic.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosaic.CliRun;
import org.mosaic.io.MosaicCsvReader;
import org.mosaic.io.synthetic.GeneratorOptions;
import org.mosaic.io.synthetic.SyntheticDistrict;
import org.mosaic.model.Dataset;
import org.mosaic.model.Progress;

class DistrictSegregationTest {
    @Test
    void levelsAddUpAndClassLevelPovertyIsReported(@TempDir Path tmp) throws Exception {
        SyntheticDistrict.generate(GeneratorOptions.of(2, 3000), tmp.resolve("d"), Progress.NONE);
        Dataset d = MosaicCsvReader.read(tmp.resolve("d"));
        DistrictSegregation.Result r = DistrictSegregation.of(d, DistrictSegregation.By.FRL,
                List.of("cluster", "school", "section"), "math");
        double sum = r.decomposition().parts().stream().mapToDouble(Double::doubleValue).sum();
        assertThat(sum).isCloseTo(r.decomposition().total(), within(1e-12));
        // Neighborhood schools on an income gradient: most FRL segregation is between clusters and schools.
        assertThat(r.decomposition().parts().get(0) + r.decomposition().parts().get(1))
                .isGreaterThan(r.decomposition().parts().get(2));
        assertThat(r.classPoverty().exposureToPoverty().get("frl"))
                .isGreaterThan(r.classPoverty().exposureToPoverty().get("not_frl"));
        CliRun run = CliRun.of("measure", "--data", tmp.resolve("d").toString(), "--by", "race", "--json", "--out",
                tmp.resolve("rep").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"exposure_to_poverty_section\"").contains("\"components\"");
        assertThat(tmp.resolve("rep/index.html")).exists();

        CliRun gaps = CliRun.of("measure", "gaps", "--data", tmp.resolve("d").toString(), "--subject", "math",
                "--json");
        assertThat(gaps.exitCode()).as(gaps.err()).isZero();
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(gaps.out());
        // The generator's income gap, standardized within grade, is 0.6-1.0 SD.
        assertThat(json.get("district").get("hedgesG").asDouble()).isBetween(0.6, 1.0);
        CliRun noPair = CliRun.of("measure", "gaps", "--data", tmp.resolve("d").toString(), "--subject", "math",
                "--by", "race");
        assertThat(noPair.exitCode()).isEqualTo(2);
        assertThat(noPair.err()).contains("--pair");
    }
}
