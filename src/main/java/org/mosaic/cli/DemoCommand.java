package org.mosaic.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
    /**
     * The stages, in data-flow order: each of enroll → sections → groups → measure → store reads what the one before
     * wrote (enroll's applied next year, sections' applied classes), as a user would chain the commands; the tracking
     * dial is the what-if at the end.
     */
    static List<DemoStage> stages() {
        return List.of(
                new GenerateStage(),
                new ValidateStage(),
                new EnrollStage(),
                new SectionsStage(),
                new GroupsStage(),
                new MeasureStage(),
                new StoreStage(),
                new TrackingStage(),
                new SimulateStage());
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
        Html index = Html.page("Mosaic demo report");
        index.note("Sample district generated with seed " + seed + " and " + String.format(Locale.ROOT, "%,d",
                students) + " students. Each stage reads what the one before wrote: enroll applies next year's "
                + "schools, sections forms one school's classes from them, groups and measure read those classes, "
                + "store saves them. Re-running with the same seed gives the same result.");
        List<DemoStage.Page> pages = new ArrayList<>();
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
            index.h2((i + 1) + ". " + stage.title());
            index.pre(r.summary());
            for (DemoStage.Page p : r.pages()) {
                index.link(p.path(), p.title());
            }
            pages.addAll(r.pages());
        }
        index.h2("Words and measures");
        index.link(Glossary.FILE, "Glossary: M, H, D, ls, Hedges' g, V, SGP, FRL and the other codes in plain words");
        AtomicFiles.writeString(work.resolve(Glossary.FILE), Glossary.page().render());
        pages.add(new DemoStage.Page(Glossary.FILE, "Glossary"));
        Path indexFile = work.resolve("index.html");
        AtomicFiles.writeString(indexFile, index.render());
        for (DemoStage.Page p : pages) {
            linkBack(work, p.path());
        }
        out.printf("%nDone in %s. Report: %s%n", Terminal.elapsed(Duration.between(start, Instant.now())),
                indexFile.toAbsolutePath().normalize());
        out.flush();
        return 0;
    }

    /** Puts a link back to the index at the top of a page the stages wrote (they do not know the index exists). */
    static void linkBack(Path work, String page) throws java.io.IOException {
        Path file = work.resolve(page);
        if (!Files.exists(file)) {
            return;
        }
        String up = "../".repeat(Path.of(page).getNameCount() - 1);
        String[] glossary = page.equals(Glossary.FILE) ? null : new String[] {up + Glossary.FILE,
                "Glossary of the words and measures"};
        AtomicFiles.writeString(file, Html.withBackLink(Files.readString(file), up + "index.html",
                "Mosaic demo report", glossary));
    }
}
