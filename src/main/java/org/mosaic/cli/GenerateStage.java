package org.mosaic.cli;

import java.util.List;
import java.util.Locale;

import org.mosaic.io.synthetic.ElmhurstPreset;
import org.mosaic.io.synthetic.GeneratorOptions;
import org.mosaic.io.synthetic.SyntheticDistrict;

/** Demo stage 1: the sample district and the Elmhurst preset that every later stage reads. */
final class GenerateStage implements DemoStage {
    @Override
    public String title() {
        return "generate: the sample district and the Elmhurst preset";
    }

    @Override
    public Result run(Context ctx) {
        SyntheticDistrict.Summary s;
        try (Terminal.Bar bar = Terminal.bar("generate", 3L * ctx.students(), ctx.quiet())) {
            s = SyntheticDistrict.generate(GeneratorOptions.of(ctx.seed(), ctx.students()), ctx.stageDir("district"),
                    bar.progress());
        }
        ElmhurstPreset.write(ctx.seed(), ctx.stageDir("elmhurst"));
        return new Result(List.of(
                String.format(Locale.ROOT, "%s: %,d students, %d schools, %d feeder clusters, %d charter",
                        ctx.district(), s.students(), s.schools(), s.clusters(), s.charters()),
                String.format(Locale.ROOT, "%s: Elmhurst Community Prep, 375 students in grades 6-8, 24 classes of 32",
                        ctx.elmhurst())), List.of());
    }
}
