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
    record Context(Path work, long seed, int students, boolean quiet, PrintWriter out, DemoFolders folders) {
        Context(Path work, long seed, int students, boolean quiet, PrintWriter out) {
            this(work, seed, students, quiet, out, new DemoFolders(org.mosaic.io.RunManifest.of("demo", seed,
                    java.util.Map.of("--seed", Long.toString(seed), "--students", Integer.toString(students)),
                    List.of()), org.mosaic.io.OutputFolder.FilePrivacy.PRIVATE));
        }

        /** The sample district to read (the generate stage writes it through {@code stageDir("district")}). */
        public Path district() {
            return folders.reading(work.resolve("district"));
        }

        public Path elmhurst() {
            return folders.reading(work.resolve("elmhurst"));
        }

        /** A folder the stage writes: staged (see {@link DemoFolders}) until the stage has finished. */
        public Path stageDir(String name) {
            return folders.folder(work.resolve(name));
        }
    }

    record Result(List<String> summary, String reportPage) {
    }
}
