package org.mosaic.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

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
     * school's formed classes applied), each a full dataset the next stage reads.
     */
    record Context(Path work, long seed, int students, boolean quiet, PrintWriter out) {
        public Path district() {
            return work.resolve("district");
        }

        public Path nextYear() {
            return work.resolve("next-year");
        }

        public Path classes() {
            return work.resolve("classes");
        }

        public Path elmhurst() {
            return work.resolve("elmhurst");
        }

        public Path stageDir(String name) {
            return work.resolve(name);
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
