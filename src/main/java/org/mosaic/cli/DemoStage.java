package org.mosaic.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.mosaic.io.MosaicCsvReader;
import org.mosaic.model.Dataset;

/**
 * One step of {@code mosaic demo}. Each capability adds its stage to {@link DemoCommand#stages()}; a stage reads the
 * data an earlier stage wrote, writes its outputs under its own folder of the work directory, and returns a
 * few summary lines plus the report page it wrote (relative to the work directory).
 */
public interface DemoStage {
    String title();

    Result run(Context ctx) throws Exception;

    /**
     * Where the demo works. {@code district} is the sample district, {@code elmhurst} the Elmhurst preset; the chain
     * writes {@code next-year} (the district with the enrollment applied) and {@code classes} (next year with one
     * school's formed classes applied), each a full dataset the next stage reads. Folders a stage writes are staged
     * (see {@link DemoFolders}) until the stage has finished.
     */
    record Context(Path work, long seed, int students, boolean quiet, PrintWriter out, DemoFolders folders,
                   Map<Path, Dataset> read) {
        Context(Path work, long seed, int students, boolean quiet, PrintWriter out, DemoFolders folders) {
            this(work, seed, students, quiet, out, folders, new HashMap<>());
        }

        Context(Path work, long seed, int students, boolean quiet, PrintWriter out) {
            this(work, seed, students, quiet, out, new DemoFolders(org.mosaic.io.RunManifest.of("demo", seed,
                    Map.of("--seed", Long.toString(seed), "--students", Integer.toString(students)),
                    List.of()), org.mosaic.io.OutputFolder.FilePrivacy.PRIVATE));
        }

        /**
         * The dataset in a folder, read once per demo: datasets are immutable and a stage never rewrites a folder
         * it or an earlier stage read, so later stages reuse the parse (a 20,000-student district takes a second).
         */
        public Dataset dataset(Path dir) {
            return read.computeIfAbsent(dir.toAbsolutePath().normalize(), MosaicCsvReader::read);
        }

        /** The sample district to read (the generate stage writes it through {@code stageDir("district")}). */
        public Path district() {
            return folders.reading(work.resolve("district"));
        }

        public Path nextYear() {
            return work.resolve("next-year");
        }

        public Path classes() {
            return work.resolve("classes");
        }

        public Path elmhurst() {
            return folders.reading(work.resolve("elmhurst"));
        }

        /** A folder the stage writes: staged (see {@link DemoFolders}) until the stage has finished. */
        public Path stageDir(String name) {
            return folders.folder(work.resolve(name));
        }
    }

    /** A report page, relative to the work directory, and what it shows. */
    record Page(String path, String title) {
    }

    /** The stage's summary lines (its headline figures) and the report pages it wrote, the main one first. */
    record Result(List<String> summary, List<Page> pages) {
        public Result {
            pages = List.copyOf(pages);
        }

        Result(List<String> summary, String page, String title) {
            this(summary, page == null ? List.of() : List.of(new Page(page, title)));
        }
    }
}
