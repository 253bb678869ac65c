package org.mosaic.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What produced an output folder: the command, its seed, the options as given, and the SHA-256 of every input file
 * (a dataset folder counts as its files). Written into the folder's manifest.json by {@link OutputFolder#commit()}, so
 * a result can be traced back to exactly the inputs that made it.
 */
public record RunManifest(String command, Long seed, Map<String, String> options, Map<String, String> inputs) {
    public RunManifest {
        options = Map.copyOf(options);
        inputs = Map.copyOf(inputs);
    }

    /** Inputs may be files or dataset folders; missing ones are skipped (the command reports them itself). */
    public static RunManifest of(String command, Long seed, Map<String, String> options, Iterable<Path> inputFiles) {
        Map<String, String> sums = new TreeMap<>();
        for (Path in : inputFiles) {
            if (Files.isRegularFile(in)) {
                sums.put(in.toString(), sha256(in));
            } else if (Files.isDirectory(in)) {
                try (Stream<Path> walk = Files.walk(in, 2)) {
                    for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                        if (Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".")) {
                            sums.put(p.toString(), sha256(p));
                        }
                    }
                } catch (IOException | java.io.UncheckedIOException e) {
                    // an unreadable input is reported by the command that reads it
                }
            }
        }
        return new RunManifest(command, seed, new TreeMap<>(options), sums);
    }

    /** The SHA-256 of a file's bytes, as lower-case hex. */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
