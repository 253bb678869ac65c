package org.mosaic.cli;

import java.util.List;
import java.util.Locale;

import org.mosaic.model.DatasetSummary;

/** Demo stage: reads the sample district back and checks it, as an enrollment office would first do. */
final class ValidateStage implements DemoStage {
    @Override
    public String title() {
        return "validate: read the sample district back";
    }

    @Override
    public Result run(Context ctx) {
        DatasetSummary s = DatasetSummary.of(ctx.dataset(ctx.district()));
        return new Result(List.of(String.format(Locale.ROOT,
                "%,d students in %d schools and %d feeder clusters; FRL %.1f%%, EL %.1f%%, IEP %.1f%%, gifted %.1f%%",
                s.students(), s.schools(), s.clusters(), 100 * s.frlShare(), 100 * s.ellShare(),
                100 * s.iepShare(), 100 * s.giftedShare())), List.of());
    }
}
