package org.mosaic.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.mosaic.io.AtomicFiles;
import org.mosaic.io.report.Html;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generate the sample district into a work directory, run every stage on it, print a short "
                + "summary and write an HTML report index (work/index.html).",
        footer = {"", "Example:", "  mosaic demo --work work --seed 1"})
public final class DemoCommand implements Callable<Integer> {
    /** The stages, in data-flow order; the first one writes the sample data the others read. */
    static List<DemoStage> stages() {
        return List.of(
                new GenerateStage(),
                new ValidateStage(),
                new MeasureStage(),
                new EnrollStage(),
                new SectionsStage(),
                new GroupsStage(),
                new StoreStage());
    }

    @Option(names = "--work", defaultValue = "work", description = "Work directory (default: ${DEFAULT-VALUE}).")
    Path work;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for every random choice (default: "
            + "${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--students", defaultValue = "20000", description = "Students in the sample district "
            + "(default: ${DEFAULT-VALUE}).")
    int students;

    @Option(names = "--quiet", description = "No progress bars.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (DemoFolders folders = new DemoFolders(Outputs.run(spec, work), MosaicCli.privacy(spec))) {
            return call(out, new DemoStage.Context(work, seed, students, quiet, out, folders));
        }
    }

    private int call(PrintWriter out, DemoStage.Context ctx) throws Exception {
        List<String[]> pages = new ArrayList<>();
        Instant start = Instant.now();
        List<DemoStage> stages = stages();
        for (int i = 0; i < stages.size(); i++) {
            DemoStage stage = stages.get(i);
            out.printf("%n[%d/%d] %s%n", i + 1, stages.size(), stage.title());
            out.flush();
            Instant t0 = Instant.now();
            DemoStage.Result r = stage.run(ctx);
            for (String line : r.summary()) {
                out.println("  " + ctx.folders().shown(line));
            }
            ctx.folders().commitAll();
            out.println("  (" + Terminal.elapsed(Duration.between(t0, Instant.now())) + ")");
            out.flush();
            if (r.reportPage() != null) {
                pages.add(new String[] {stage.title(), r.reportPage()});
            }
        }
        Html index = Html.page("Mosaic demo report");
        index.note("Sample district generated with seed " + seed + " and " + students + " students. Every stage "
                + "below can be re-run with the same seed and gives the same result.");
        for (String[] p : pages) {
            index.link(p[1], p[0]);
        }
        Path indexFile = work.resolve("index.html");
        AtomicFiles.writeString(indexFile, index.render());
        out.printf("%nDone in %s. Report: %s%n", Terminal.elapsed(Duration.between(start, Instant.now())),
                indexFile.toAbsolutePath().normalize());
        out.flush();
        return 0;
    }
}
