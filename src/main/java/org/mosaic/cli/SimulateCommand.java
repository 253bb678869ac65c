package org.mosaic.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.mosaic.io.AtomicFiles;
import org.mosaic.io.OutputFolder;
import org.mosaic.model.BadInputException;
import org.mosaic.simulate.DdkExperiment;
import org.mosaic.simulate.DistrictSimulation;
import org.mosaic.simulate.Draws;
import org.mosaic.simulate.Interval;
import org.mosaic.simulate.ModelParameters;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Project what school assignment and tracking do to learning with a transparent model "
                + "calibrated to Duflo, Dupas & Kremer (2011): each class's teacher picks an instruction level, each "
                + "student gains by their distance to it, their classmates' mean prior, their school and luck "
                + "(docs/simulate.md). Monte Carlo over seeds: every figure comes with its 95%% interval over draws. "
                + "A model projection, not a forecast.",
                "--preset ddk2011 re-runs the Kenyan experiment in the model; --scenario FILE runs a district's "
                        + "scenarios. Writes summary.json, draws.csv and report.html."},
        footer = {"", "Examples:",
                "  mosaic simulate --preset ddk2011 --draws 200 --out work/ddk",
                "  mosaic simulate --scenario examples/scenarios/district.yaml --draws 20 --out work/simulate"})
public final class SimulateCommand implements Callable<Integer> {
    static final String NOT_A_FORECAST = "Model projection, not a forecast";

    @Option(names = "--preset", description = "A shipped experiment: ddk2011 (121 schools of ~90 first graders, half "
            + "tracked by the median, half split at random).")
    String preset;

    @Option(names = "--scenario", description = "A scenario file (YAML; docs/simulate.md): dataset, policies, dials, "
            + "years, parameters.")
    Path scenario;

    @Option(names = "--data", description = "Dataset directory (default: the scenario file's dataset).")
    Path data;

    @Option(names = "--parameters", description = "Parameter set for --preset: ddk2011 (default) or hoxby2000.")
    String parameterSet;

    @Option(names = "--param", description = "Override one model parameter for --preset, e.g. --param "
            + "peer_effect=0.2 (repeatable; keys in docs/simulate.md).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--draws", description = "Monte Carlo draws (default: 200 for --preset, 20 for --scenario).")
    Integer draws;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of every draw (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", description = "Draws run in parallel on this many threads (default: the "
            + "processors); the results depend on the seed only.")
    Integer threads;

    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;

    @Option(names = "--json", description = "Print summary.json.")
    boolean json;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if ((preset == null) == (scenario == null)) {
            throw new BadInputException("give either --preset ddk2011 or --scenario FILE");
        }
        if (scenario != null) {
            if (parameterSet != null || !overrides.isEmpty()) {
                throw new BadInputException("--parameters and --param apply to --preset; a scenario file sets its "
                        + "parameters under parameters: (docs/simulate.md)");
            }
            return scenarios();
        }
        if (!preset.equals("ddk2011")) {
            throw new BadInputException("--preset '" + preset + "' is unknown; the presets are: ddk2011");
        }
        int r = draws == null ? 200 : draws;
        if (r < 2 || r > 100_000) {
            throw new BadInputException("--draws " + r + " is out of range; use 2 to 100000 (intervals need draws)");
        }
        Ranges.atLeast("--threads", threads, 1);
        ModelParameters parameters = parameters(parameterSet == null ? "ddk2011" : parameterSet, overrides);
        PrintWriter o = spec.commandLine().getOut();
        DdkExperiment.Result result;
        try (OutputFolder folder = Outputs.open(spec, out)) {
            try (Terminal.Bar bar = Terminal.bar("draws", r, quiet || json)) {
                result = DdkExperiment.run(parameters, DdkExperiment.Setting.ddk2011(), seed, r, threads(),
                        bar.progress());
            }
            DdkReport.write(result, folder.dir());
            folder.commit();
        }
        if (json) {
            o.println(Json.write(DdkReport.summary(result)));
        } else {
            o.print(DdkReport.table(result));
            o.println("Wrote " + out.resolve("summary.json") + ", draws.csv, report.html");
        }
        o.flush();
        return 0;
    }

    private Integer scenarios() {
        ScenarioFile.Read read = ScenarioFile.read(scenario);
        Path dir = data != null ? data : read.dataset();
        if (dir == null) {
            throw new BadInputException(List.of(new org.mosaic.model.InputProblem(read.file() + ", key dataset", 0,
                    "", "", "a dataset directory (or give --data)")));
        }
        int r = draws == null ? 20 : draws;
        if (r < 2 || r > 10_000) {
            throw new BadInputException("--draws " + r + " is out of range; use 2 to 10000 (intervals need draws)");
        }
        PrintWriter o = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        DistrictReport report;
        double seconds;
        try (OutputFolder folder = Outputs.open(spec, out)) {
            report = runScenarios(read, dir, r, seed, threads(), quiet || json);
            seconds = (System.nanoTime() - t0) / 1e9;
            report.write(folder.dir());
            folder.commit();
        }
        if (json) {
            o.println(Json.write(report.summary()));
        } else {
            o.print(report.table());
            o.printf(Locale.ROOT, "%d scenarios x %d draws in %.1f s. Wrote %s, draws.csv, report.html%n",
                    read.scenarios().size(), r, seconds, out.resolve("summary.json"));
        }
        o.flush();
        return 0;
    }

    /** Every scenario of a file over {@code draws} draws, with a progress bar over all of them. */
    static DistrictReport runScenarios(ScenarioFile.Read read, Path dir, int draws, long seed, int threads,
                                       boolean quiet) {
        org.mosaic.model.Dataset dataset = org.mosaic.io.MosaicCsvReader.read(dir);
        DistrictSimulation.Cohorts cohorts = DistrictSimulation.cohorts(dataset, read.subject());
        List<DistrictReport.Run> runs = new ArrayList<>();
        long total = (long) draws * read.scenarios().size();
        try (Terminal.Bar bar = Terminal.bar("scenario draws", total, quiet)) {
            for (org.mosaic.simulate.ScenarioRuns.Run run : org.mosaic.simulate.ScenarioRuns.run(cohorts,
                    read.scenarios(), draws, seed, threads, bar.progress())) {
                runs.add(new DistrictReport.Run(run.scenario(), run.draws()));
            }
        }
        return new DistrictReport(read, dir, cohorts.students().size(), seed, draws, runs);
    }

    int threads() {
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t < 1 || t > 256) {
            throw new BadInputException("--threads " + t + " is out of range; use 1 to 256");
        }
        return t;
    }

    /** A named set with --param KEY=VALUE overrides applied, each checked for its key and range. */
    static ModelParameters parameters(String set, List<String> overrides) {
        if (!ModelParameters.SETS.contains(set)) {
            throw new BadInputException("--parameters '" + set + "' is unknown; the sets are: "
                    + String.join(", ", ModelParameters.SETS));
        }
        ModelParameters p = ModelParameters.named(set);
        for (String o : overrides) {
            int eq = o.indexOf('=');
            String key = eq < 0 ? o : o.substring(0, eq).trim();
            String problem = null;
            double value = Double.NaN;
            if (eq < 0) {
                problem = "KEY=VALUE";
            } else {
                try {
                    value = Double.parseDouble(o.substring(eq + 1).trim());
                } catch (NumberFormatException e) {
                    problem = "a number after '='";
                }
            }
            if (problem == null) {
                problem = ModelParameters.rangeProblem(key, value);
            }
            if (problem != null) {
                throw new BadInputException("--param " + o + ": expected " + problem);
            }
            p = p.with(key, value);
        }
        return p;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    static Map<String, Object> intervalMap(Interval i) {
        return new LinkedHashMap<>(i.asMap());
    }
}
