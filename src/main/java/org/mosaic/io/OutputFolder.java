package org.mosaic.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.mosaic.model.BadInputException;

/**
 * A command's output folder, written whole or not at all. Everything goes into a staging folder beside the target
 * ({@code .NAME.mosaic-staging-PID-…}); {@link #commit()} writes {@code manifest.json} (the run and every file's
 * SHA-256) and swaps the staging folder into place with two renames. A kill, Ctrl-C, crash or full disk before the
 * swap leaves the previous output as it was; staging left behind by a killed process is removed by the next run, and
 * a previous output caught between the two renames is put back.
 *
 * <p>Usage: {@code try (OutputFolder out = OutputFolder.open(target, run)) { write into out.dir(); out.commit(); }}.
 * Any file written under {@link #dir()} (CSV through {@link Csv}, HTML, JSON, subfolders) is covered.
 *
 * <p>The target must be absent, empty, or an earlier Mosaic output holding only what its manifest lists: a folder
 * with other files is refused up front, because replacing it would delete them.
 */
public final class OutputFolder implements AutoCloseable {
    private static final String STAGING = ".mosaic-staging-";
    private static final String OLD = ".mosaic-old-";
    private static final long PID = ProcessHandle.current().pid();
    /** Staging folders of this process still being written; the shutdown hook removes them on Ctrl-C. */
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
    private static final Object SWAP = new Object();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            synchronized (SWAP) {
                for (Path p : LIVE) {
                    deleteQuietly(p);
                }
            }
        }, "mosaic-staging-cleanup"));
    }

    private final Path target;
    private final Path staging;
    private final RunManifest run;
    private final FilePrivacy privacy;
    private boolean committed;

    private OutputFolder(Path target, Path staging, RunManifest run, FilePrivacy privacy) {
        this.target = target;
        this.staging = staging;
        this.run = run;
        this.privacy = privacy;
    }

    /** Opens with private files (folders 0700, files 0600), the default for outputs that may hold student rows. */
    public static OutputFolder open(Path target, RunManifest run) {
        return open(target, run, FilePrivacy.PRIVATE);
    }

    /**
     * Checks that {@code target} can be written (before any work is done, so a bad {@code --out} costs nothing),
     * removes what killed runs left beside it, and creates the staging folder.
     */
    public static OutputFolder open(Path target, RunManifest run, FilePrivacy privacy) {
        Path abs = target.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (parent == null) {
            throw new BadInputException(target + " is the root folder; give a folder to write the output into");
        }
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new BadInputException(target + " is a file, not a folder; give --out the path of a new or empty "
                    + "folder");
        }
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new BadInputException("cannot create the folder " + parent + " (" + DiskFull.reason(e)
                    + "); choose an --out in a folder you can write to");
        }
        if (!Files.isWritable(parent)) {
            throw new BadInputException("cannot write in " + parent + " (permission denied); choose an --out in a "
                    + "folder you can write to");
        }
        recoverLeftovers(abs);
        if (Files.isDirectory(abs)) {
            refuseForeignContent(abs);
        }
        Path staging = parent.resolve("." + abs.getFileName() + STAGING + PID + "-" + UUID.randomUUID());
        try {
            privacy.createDirectory(staging);
        } catch (IOException e) {
            throw new BadInputException("cannot create a folder in " + parent + " (" + DiskFull.reason(e)
                    + "); choose an --out in a folder you can write to");
        }
        LIVE.add(staging);
        return new OutputFolder(abs, staging, run, privacy);
    }

    /** Where the command writes its files until {@link #commit()}. */
    public Path dir() {
        return staging;
    }

    /** Where the output will be once committed. */
    public Path target() {
        return target;
    }

    /** Writes manifest.json and moves the finished output into place, replacing the previous one. */
    public void commit() {
        if (committed) {
            throw new IllegalStateException("already committed");
        }
        try {
            Manifest.write(staging, run);
            privacy.apply(staging);
            synchronized (SWAP) {
                if (!LIVE.contains(staging)) {
                    throw new IllegalStateException("the output was removed while shutting down");
                }
                Path old = null;
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    old = target.resolveSibling("." + target.getFileName() + OLD + PID + "-" + UUID.randomUUID());
                    move(target, old);
                }
                move(staging, target);
                LIVE.remove(staging);
                committed = true;
                if (old != null) {
                    deleteQuietly(old);
                }
            }
        } catch (IOException e) {
            throw DiskFull.orUnchecked(e, staging, target);
        }
    }

    /** Without a commit (an exception, a refused input), the staging folder goes and the target stays as it was. */
    @Override
    public void close() {
        if (!committed) {
            synchronized (SWAP) {
                LIVE.remove(staging);
                deleteQuietly(staging);
            }
        }
    }

    /**
     * The path the user knows for a path inside a staging folder: {@code .out.mosaic-staging-…/a.csv} → {@code out/a.csv}.
     * Messages (a full disk, a failed write) use it so that they never name the staging folder.
     */
    public static Path shown(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path result = abs.getRoot();
        for (Path part : abs) {
            String name = part.toString();
            int i = name.indexOf(STAGING);
            if (name.startsWith(".") && i > 0) {
                name = name.substring(1, i);
            }
            result = result == null ? Path.of(name) : result.resolve(name);
        }
        return result == null ? p : result;
    }

    /** The staging folder {@code p} lies in, if any. */
    static java.util.Optional<Path> stagingRoot(Path p) {
        for (Path q = p.toAbsolutePath().normalize(); q != null; q = q.getParent()) {
            Path name = q.getFileName();
            if (name != null && name.toString().startsWith(".") && name.toString().contains(STAGING)) {
                return java.util.Optional.of(q);
            }
        }
        return java.util.Optional.empty();
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /**
     * Removes staging folders of processes that are gone (kill -9, power cut), and puts back a previous output that
     * a killed run had moved aside but not yet replaced.
     */
    static void recoverLeftovers(Path target) {
        Path parent = target.getParent();
        String prefix = "." + target.getFileName();
        List<Path> olds = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, prefix + ".mosaic-*")) {
            for (Path p : entries) {
                String rest = p.getFileName().toString().substring(prefix.length());
                boolean staging = rest.startsWith(STAGING);
                if (!staging && !rest.startsWith(OLD)) {
                    continue;
                }
                String idPart = rest.substring((staging ? STAGING : OLD).length());
                int dash = idPart.indexOf('-');
                long pid;
                try {
                    pid = Long.parseLong(dash < 0 ? idPart : idPart.substring(0, dash));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (LIVE.contains(p) || (pid != PID && ProcessHandle.of(pid).map(ProcessHandle::isAlive)
                        .orElse(false))) {
                    continue;
                }
                if (staging) {
                    deleteQuietly(p);
                } else {
                    olds.add(p);
                }
            }
        } catch (IOException e) {
            return;
        }
        for (Path old : olds) {
            if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    move(old, target);
                    continue;
                } catch (IOException e) {
                    // fall through: leave it for the user rather than delete a previous output we could not restore
                    continue;
                }
            }
            deleteQuietly(old);
        }
    }

    private static void refuseForeignContent(Path dir) {
        Map<String, Manifest.Entry> listed;
        try (Stream<Path> entries = Files.list(dir)) {
            List<Path> all = entries.toList();
            if (all.isEmpty()) {
                return;
            }
            listed = Manifest.read(dir).map(Manifest::files).orElse(null);
            if (listed == null) {
                throw new BadInputException(dir + " already holds files that Mosaic did not write (e.g. "
                        + all.get(0).getFileName() + "); choose a new or empty folder for --out, or delete this one "
                        + "(a Mosaic output is replaced whole, so other files in it would be lost)");
            }
            for (Path p : all) {
                String name = p.getFileName().toString();
                if (name.equals(Manifest.FILE)) {
                    continue;
                }
                boolean ours = listed.keySet().stream().anyMatch(f -> f.equals(name) || f.startsWith(name + "/"));
                if (!ours) {
                    throw new BadInputException(dir + " holds " + name + ", which the earlier Mosaic run did not "
                            + "write; move it out of the folder or choose another --out (a Mosaic output is "
                            + "replaced whole, so it would be lost)");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteQuietly(Path p) {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            List<Path> all = new ArrayList<>(walk.toList());
            java.util.Collections.reverse(all);
            for (Path q : all) {
                Files.deleteIfExists(q);
            }
        } catch (IOException | UncheckedIOException e) {
            // best effort: the next run retries
        }
    }

    /** Who may read what a command writes. */
    public record FilePrivacy(Set<PosixFilePermission> dirs, Set<PosixFilePermission> files) {
        /** Folders 0700 and files 0600: only the user who ran the command. */
        public static final FilePrivacy PRIVATE = new FilePrivacy(PosixFilePermissions.fromString("rwx------"),
                PosixFilePermissions.fromString("rw-------"));

        /** Permissions from an explicit umask such as 022 or 027 (octal), for outputs meant to be shared. */
        public static FilePrivacy ofUmask(String umask) {
            int mask;
            try {
                mask = Integer.parseInt(umask, 8);
            } catch (NumberFormatException e) {
                mask = -1;
            }
            if (mask < 0 || mask > 0777) {
                throw new BadInputException("--umask '" + umask + "' is not an octal umask; use e.g. 077 (private, "
                        + "the default), 027 (group may read) or 022 (everyone may read)");
            }
            return new FilePrivacy(perms(0777 & ~mask), perms(0666 & ~mask));
        }

        private static Set<PosixFilePermission> perms(int mode) {
            StringBuilder sb = new StringBuilder();
            String rwx = "rwx";
            for (int bit = 8; bit >= 0; bit--) {
                sb.append((mode & (1 << bit)) != 0 ? rwx.charAt((8 - bit) % 3) : '-');
            }
            return PosixFilePermissions.fromString(sb.toString());
        }

        void createDirectory(Path dir) throws IOException {
            Files.createDirectory(dir);
            setQuietly(dir, PosixFilePermissions.fromString("rwx------"));
        }

        /** Sets the final permissions once everything is written (staging was 0700 throughout). */
        void apply(Path root) throws IOException {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : (Iterable<Path>) walk::iterator) {
                    setQuietly(p, Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? dirs : files);
                }
            }
        }

        private static void setQuietly(Path p, Set<PosixFilePermission> perms) throws IOException {
            try {
                Files.setPosixFilePermissions(p, perms);
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system (Windows): its ACLs decide
            } catch (AccessDeniedException e) {
                throw e;
            } catch (FileSystemException e) {
                // e.g. a file system that ignores modes
            }
        }
    }

    /** For tests and messages: the manifest's file list of an output folder, in name order. */
    public static Map<String, String> listedFiles(Path dir) {
        Map<String, String> m = new TreeMap<>();
        Manifest.read(dir).ifPresent(man -> man.files().forEach((k, v) -> m.put(k, v.sha256())));
        return m;
    }
}
