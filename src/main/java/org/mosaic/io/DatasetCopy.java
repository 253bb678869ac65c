package org.mosaic.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.mosaic.model.BadInputException;
import org.mosaic.model.Dataset;

/**
 * A dataset carried forward into a new folder with some of its files changed: {@code enroll --apply} writes next
 * year's schools into students.csv, {@code sections --apply} the formed classes into sections.csv and rosters.csv.
 * The source folder is never touched (it holds the district's real records); unchanged files are copied byte for
 * byte, so a copy of a large district costs a file copy, not a re-serialisation.
 */
public final class DatasetCopy {
    private DatasetCopy() {
    }

    /**
     * Writes {@code changed} to {@code target}: the files named in {@code replaced} from {@code changed}, every other
     * dataset file copied from {@code source}; a dataset file the source lacks is removed from the target so that no
     * earlier run's file mixes in.
     */
    public static void write(Path source, Path target, Dataset changed, Set<String> replaced, String option) {
        requireNewFolder(source, target, option);
        try {
            Files.createDirectories(target);
            for (String name : MosaicFiles.ALL) {
                Path from = source.resolve(name);
                Path to = target.resolve(name);
                if (replaced.contains(name)) {
                    MosaicCsvWriter.writeFile(changed, target, name);
                } else if (Files.exists(from)) {
                    AtomicFiles.copy(from, to);
                } else {
                    Files.deleteIfExists(to);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + target + ": " + e.getMessage(), e);
        }
    }

    /** The copy must go to another folder: writing over the input would lose the records it was made from. */
    public static void requireNewFolder(Path source, Path target, String option) {
        Path a = source.toAbsolutePath().normalize();
        Path b = target.toAbsolutePath().normalize();
        boolean same = a.equals(b);
        try {
            same = same || (Files.exists(b) && Files.isSameFile(a, b));
        } catch (IOException e) {
            // cannot tell: the paths differ as written, which is what the user asked for
        }
        if (same) {
            throw new BadInputException(option + " " + target + " is the --data folder: give another folder (the "
                    + "input dataset stays as it is and the changed copy goes to the new folder)");
        }
    }
}
