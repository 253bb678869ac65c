package org.mosaic.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files so that a reader never sees half of one: content goes to a temporary sibling that replaces the target
 * only once it is complete. A crash or a failed export leaves the previous file untouched.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    @FunctionalInterface
    public interface WriterBody {
        void write(Writer out) throws IOException;
    }

    public static void write(Path target, WriterBody body) {
        replace(target, tmp -> {
            try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(tmp,
                    java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE),
                    StandardCharsets.UTF_8), 1 << 16)) {
                body.write(out);
            }
        });
    }

    /** Copies a file so that {@code target} is either its old self or a complete copy, never half of one. */
    public static void copy(Path source, Path target) {
        replace(target, tmp -> Files.copy(source, tmp));
    }

    @FunctionalInterface
    private interface Fill {
        void into(Path tmp) throws IOException;
    }

    /** Fills a temporary sibling of {@code target}, then moves it over the target in one step. */
    private static void replace(Path target, Fill fill) {
        try {
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            // Not Files.createTempFile: it makes owner-only files, and a report or roster must keep the usual
            // permissions (the umask's) once it takes the target's name.
            Path tmp = dir.resolve("." + target.getFileName() + "." + java.util.UUID.randomUUID() + ".part");
            try {
                fill.into(tmp);
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            Path abs = target.toAbsolutePath();
            throw DiskFull.orUnchecked(e, OutputFolder.stagingRoot(abs).orElse(abs), abs);
        }
    }

    public static void writeString(Path target, String content) {
        write(target, out -> out.write(content));
    }
}
