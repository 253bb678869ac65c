package org.mosaic.io;

import java.nio.file.Path;
import java.util.List;

import org.mosaic.model.BadInputException;
import org.mosaic.model.InputProblem;

/**
 * A dataset directory that has been checked in full, without holding its rows, and can then be streamed row by row:
 * a database import checks first (so nothing is written for a dataset with a problem) and knows every row count before
 * the first insert. Streaming reads and checks the files again; if they changed in between, it fails at the end, and
 * the sink (one database transaction) discards what it received.
 */
public final class CheckedDataset implements RowSource {
    private final Path dir;
    private final DatasetOutline outline;

    private CheckedDataset(Path dir, DatasetOutline outline) {
        this.dir = dir;
        this.outline = outline;
    }

    /** Reads every file once, keeping no rows; a {@link BadInputException} lists every problem. */
    public static CheckedDataset check(Path dir) {
        return new CheckedDataset(dir, MosaicCsvReader.stream(dir, new DatasetSink() { }));
    }

    @Override
    public DatasetOutline outline() {
        return outline;
    }

    @Override
    public void rows(DatasetSink sink) {
        sink.start(outline);
        DatasetOutline again = MosaicCsvReader.stream(dir, sink);
        if (!again.equals(outline)) {
            throw new BadInputException(List.of(new InputProblem(dir.toString(), 0, "", "", "files that stay the "
                    + "same while they are imported: they changed between the check and the import, so nothing was "
                    + "saved; run the import again")));
        }
    }
}
