package org.mosaic.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

import org.mosaic.model.BadInputException;

/**
 * Turns "No space left on device" into a message the user can act on (exit 2): {@code the disk is full: N MB needed
 * at PATH}. N is what the run had written when the disk filled (at least 1 MB), so it is a lower bound.
 */
public final class DiskFull {
    private DiskFull() {
    }

    /** True when an I/O failure, or one of its causes, is a full disk or an exhausted quota. */
    public static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (t instanceof IOException && m != null && (m.contains("No space left on device")
                    || m.contains("Disk quota exceeded") || m.contains("There is not enough space on the disk"))) {
                return true;
            }
        }
        return false;
    }

    /** A short reason for a file-system failure, without the stack: "permission denied", "not a folder", .... */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "a file of that name is in the way";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The exception to throw for a failed write under {@code written} bound for {@code shownAt}. */
    public static RuntimeException orUnchecked(IOException e, Path written, Path shownAt) {
        if (is(e)) {
            return exception(written, shownAt);
        }
        return new UncheckedIOException("could not write " + OutputFolder.shown(shownAt) + ": " + reason(e), e);
    }

    public static BadInputException exception(Path written, Path shownAt) {
        long bytes = sizeOf(written);
        long mb = Math.max(1, (bytes + (1 << 20) - 1) >> 20);
        Path at = OutputFolder.shown(shownAt);
        String free = "";
        try {
            FileStore store = Files.getFileStore(Files.exists(at) ? at : at.toAbsolutePath().getParent());
            free = String.format(Locale.ROOT, " (%,d MB free)", store.getUsableSpace() >> 20);
        } catch (IOException | RuntimeException ignored) {
            // the figure is a courtesy
        }
        return new BadInputException(String.format(Locale.ROOT, "the disk is full: %,d MB needed at %s%s; free some "
                + "space or write to another disk. Nothing was replaced", mb, at, free));
    }

    private static long sizeOf(Path p) {
        if (p == null || !Files.exists(p)) {
            return 0;
        }
        if (Files.isRegularFile(p)) {
            try {
                return Files.size(p);
            } catch (IOException e) {
                return 0;
            }
        }
        try (Stream<Path> walk = Files.walk(p)) {
            return walk.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }
}
