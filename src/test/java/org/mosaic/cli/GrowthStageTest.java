package org.mosaic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosaic.io.synthetic.GeneratorOptions;
import org.mosaic.io.synthetic.SyntheticDistrict;
import org.mosaic.model.Progress;

class GrowthStageTest {
    @TempDir
    Path work;

    @Test
    void theStageReportsClustersAndCreamingAndPointsAtItsPage() throws Exception {
        SyntheticDistrict.generate(GeneratorOptions.of(2, 8000), work.resolve("district"), Progress.NONE);
        DemoStage.Context ctx = new DemoStage.Context(work, 2, 8000, true, new PrintWriter(new StringWriter()));
        DemoStage.Result r = new GrowthStage().run(ctx);
        ctx.folders().commitAll();
        assertThat(r.pages().get(0).path()).isEqualTo("clusters/index.html");
        assertThat(work.resolve("clusters/index.html")).exists();
        assertThat(r.summary()).anyMatch(l -> l.startsWith("Inferred clusters"))
                .anyMatch(l -> l.startsWith("C01"))
                .anyMatch(l -> l.contains("MAG1"));
    }
}
