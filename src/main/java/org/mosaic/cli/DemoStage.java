package org.mosaic.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * One step of {@code mosaic demo}. Each capability adds its stage to {@link DemoCommand#STAGES}; a stage reads the
 * sample data the generate stage wrote, writes its outputs under its own folder of the work directory, and returns a
 * few summary lines plus the report page it wrote (relative to the work directory).
 */
public interface DemoStage {
    String title();

    Result run(Context ctx) throws Exception;

    /** Where the demo works. {@code district} is the sample district, {@code elmhurst} the Elmhurst preset. */
    record Context(Path work, long seed, int students, boolean quiet, PrintWriter out) {
        public Path district() {
            return work.resolve("district");
        }

        public Path elmhurst() {
            return work.resolve("elmhurst");
        }

        public Path stageDir(String name) {
            return work.resolve(name);
        }
    }

    record Result(List<String> summary, String reportPage) {
    }
}
