package org.mosaic.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shipped examples/ folder, found next to the working directory or next to the jar (target/mosaic.jar in a
 * checkout), so that `mosaic demo` works from any directory.
 */
final class Examples {
    private Examples() {
    }

    static Path path(String relative) {
        Path here = Path.of("examples").resolve(relative);
        if (Files.exists(here)) {
            return here;
        }
        try {
            Path jar = Path.of(Examples.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = jar.getParent(); dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve("examples").resolve(relative);
                if (Files.exists(candidate)) {
                    return candidate;
                }
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // fall through: the caller reports the missing file
        }
        return here;
    }
}
