package org.mosaic.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * manifest.json of an output folder: the run that wrote it and the SHA-256 and size of every file. Readers check a
 * folder against it, so a folder mixed from two runs, or with a file cut short or missing, is refused instead of read.
 */
public record Manifest(RunManifest run, Map<String, Entry> files) {
    public static final String FILE = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    /** Files already checked, by path, size and modification time, so a reader that opens a file twice hashes once. */
    private static final Map<String, Boolean> VERIFIED = new ConcurrentHashMap<>();

    public record Entry(String sha256, long bytes) {
    }

    static void write(Path folder, RunManifest run) throws IOException {
        Map<String, Object> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(p) && !p.equals(folder.resolve(FILE))) {
                    String rel = folder.relativize(p).toString().replace('\\', '/');
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("sha256", RunManifest.sha256(p));
                    e.put("bytes", Files.size(p));
                    files.put(rel, e);
                }
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mosaic_manifest", 1);
        m.put("command", run.command());
        m.put("seed", run.seed());
        m.put("options", new TreeMap<>(run.options()));
        m.put("inputs", new TreeMap<>(run.inputs()));
        m.put("files", files);
        Files.writeString(folder.resolve(FILE), JSON.writeValueAsString(m) + "\n");
    }

    /** The manifest of {@code folder}, if it has one that Mosaic wrote. */
    public static Optional<Manifest> read(Path folder) {
        Path f = folder.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(f.toFile());
            if (root == null || !root.has("mosaic_manifest") || !root.path("files").isObject()) {
                return Optional.empty();
            }
            Map<String, Entry> files = new TreeMap<>();
            root.path("files").fields().forEachRemaining(e -> files.put(e.getKey(),
                    new Entry(e.getValue().path("sha256").asText(), e.getValue().path("bytes").asLong(-1))));
            Map<String, String> options = new TreeMap<>();
            root.path("options").fields().forEachRemaining(e -> options.put(e.getKey(), e.getValue().asText()));
            Map<String, String> inputs = new TreeMap<>();
            root.path("inputs").fields().forEachRemaining(e -> inputs.put(e.getKey(), e.getValue().asText()));
            JsonNode seed = root.path("seed");
            return Optional.of(new Manifest(new RunManifest(root.path("command").asText(),
                    seed.isNumber() ? seed.asLong() : null, options, inputs), files));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Problems that make {@code folder} unsafe to read: a file its manifest lists that is missing, or whose bytes
     * changed. Empty when the folder has no manifest (hand-made datasets) or matches it.
     */
    public static List<String> check(Path folder) {
        List<String> problems = new ArrayList<>();
        read(folder).ifPresent(m -> m.files().forEach((name, entry) -> {
            Path p = folder.resolve(name);
            if (!Files.isRegularFile(p)) {
                problems.add(missing(folder, name, m));
            } else {
                checkFile(folder, name, p, entry, m).ifPresent(problems::add);
            }
        }));
        return problems;
    }

    /** The problem with one file of a folder that has a manifest, if any. */
    public static Optional<String> checkFile(Path file) {
        Path folder = file.toAbsolutePath().normalize().getParent();
        if (folder == null) {
            return Optional.empty();
        }
        Optional<Manifest> m = read(folder);
        if (m.isEmpty()) {
            return Optional.empty();
        }
        String name = file.getFileName().toString();
        Entry entry = m.get().files().get(name);
        if (entry == null) {
            return Optional.empty();
        }
        return checkFile(folder, name, file, entry, m.get());
    }

    private static Optional<String> checkFile(Path folder, String name, Path p, Entry entry, Manifest m) {
        try {
            long size = Files.size(p);
            String key = p.toAbsolutePath() + "|" + size + "|" + Files.getLastModifiedTime(p).toMillis() + "|"
                    + entry.sha256();
            if (VERIFIED.containsKey(key)) {
                return Optional.empty();
            }
            if (size != entry.bytes() || !RunManifest.sha256(p).equals(entry.sha256())) {
                return Optional.of(name + " is not the file `mosaic " + m.run().command() + "` wrote into " + folder
                        + " (its size or SHA-256 differs from " + FILE + "): the folder was changed or mixed with "
                        + "another run's files. Run the command again; if you edited " + name + " on purpose, delete "
                        + FILE + " from the folder");
            }
            VERIFIED.put(key, Boolean.TRUE);
            return Optional.empty();
        } catch (IOException | UncheckedIOException e) {
            return Optional.of(name + " could not be read to check it against " + FILE);
        }
    }

    private static String missing(Path folder, String name, Manifest m) {
        return name + " is missing from " + folder + ", but `mosaic " + m.run().command() + "` wrote it (see " + FILE
                + "): the folder is incomplete. Run the command again";
    }
}
