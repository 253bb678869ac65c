package org.mosaic.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.mosaic.io.OutputFolder;
import org.mosaic.io.synthetic.ElmhurstPreset;
import org.mosaic.io.synthetic.GeneratorOptions;
import org.mosaic.io.synthetic.SyntheticDistrict;
import org.mosaic.model.BadInputException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a realistic synthetic district as a Mosaic CSV dataset: neighborhoods with an income "
                + "gradient and residential segregation, feeder clusters, a charter, K-12 students with math and "
                + "reading scores, school choices for grades K, 6 and 9, priorities, placement requests and current "
                + "classes. Same seed, same files. Parameters and their sources: docs/generator.md.",
        footer = {"", "Examples:", "  mosaic generate --seed 1 --out work/district",
                "  mosaic generate --seed 1 --students 1000000 --out /tmp/big",
                "  mosaic generate --seed 1 --preset elmhurst --out work/elmhurst"})
public final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--seed", required = true, description = "Seed for every random draw.")
    long seed;

    @Option(names = "--students", defaultValue = "20000",
            description = "Students in the district (default: ${DEFAULT-VALUE}; at least 500).")
    int students;

    @Option(names = "--preset", description = "A named case instead of a district: elmhurst (a 6-8 middle school "
            + "with 125 students per grade, a third at grade level, a third 1-2 and a third 3-4+ years behind).")
    String preset;

    @Option(names = "--out", required = true, description = "Output directory (created; files replaced).")
    Path out;

    @Option(names = "--truth", description = "Also write the generator's truth (true school effects on growth, "
            + "creaming and exit parameters) to OUT/truth/, a folder no estimator reads.")
    boolean truth;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        Instant t0 = Instant.now();
        if (preset != null && !preset.equalsIgnoreCase("elmhurst")) {
            throw new BadInputException("--preset '" + preset + "' is unknown; the presets are: elmhurst");
        }
        if (preset == null && (students < 500 || students > 50_000_000)) {
            throw new BadInputException("--students " + students + " is out of range; use 500 to 50,000,000");
        }
        try (OutputFolder folder = Outputs.open(spec, out)) {
            return generate(folder, o, t0);
        }
    }

    private int generate(OutputFolder folder, PrintWriter o, Instant t0) {
        if (preset != null) {
            ElmhurstPreset.write(seed, folder.dir());
            folder.commit();
            o.printf(Locale.ROOT, "Wrote the Elmhurst preset (375 students, grades 6-8, 24 sections) to %s in %s%n",
                    out, Terminal.elapsed(Duration.between(t0, Instant.now())));
            o.flush();
            return 0;
        }
        SyntheticDistrict.Summary s;
        try (Terminal.Bar bar = Terminal.bar("generate", 3L * students, quiet)) {
            s = SyntheticDistrict.generate(GeneratorOptions.of(seed, students), folder.dir(),
                    truth ? folder.dir().resolve("truth") : null, bar.progress());
        }
        folder.commit();
        o.printf(Locale.ROOT, "Wrote %,d students in %d schools (%d feeder clusters, %d charter) to %s in %s%n",
                s.students(), s.schools(), s.clusters(), s.charters(), out,
                Terminal.elapsed(Duration.between(t0, Instant.now())));
        o.printf(Locale.ROOT, "FRL %.1f%%, English learners %.1f%%, IEP %.1f%%, gifted %.1f%%; %,d scores, %,d choices, "
                + "%,d placement requests, %,d sections; %,d enrollment rows over %d years%s%n", 100 * s.frlShare(),
                100 * s.ellShare(), 100 * s.iepShare(), 100 * s.giftedShare(), s.scores(), s.choices(), s.requests(),
                s.sections(), s.enrollments(), 4, truth ? "; truth in " + out.resolve("truth") : "");
        o.flush();
        return 0;
    }
}
