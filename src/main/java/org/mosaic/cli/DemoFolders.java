package org.mosaic.cli;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.mosaic.io.OutputFolder;
import org.mosaic.io.RunManifest;

/**
 * The demo's output folders (district/, elmhurst/, each stage's report), each staged like a command's {@code --out}:
 * a stage writes into staging folders that replace the previous ones only when the stage has finished, so a killed
 * demo leaves every folder whole. Later stages read the committed folders.
 */
final class DemoFolders implements AutoCloseable {
    private final RunManifest run;
    private final OutputFolder.FilePrivacy privacy;
    private final Map<Path, OutputFolder> open = new LinkedHashMap<>();
    private final Set<Path> committed = new HashSet<>();

    DemoFolders(RunManifest run, OutputFolder.FilePrivacy privacy) {
        this.run = run;
        this.privacy = privacy;
    }

    /** Where to read {@code target}: its staging folder while the stage writing it runs, else the folder itself. */
    synchronized Path reading(Path target) {
        OutputFolder staged = open.get(target.toAbsolutePath().normalize());
        return staged == null ? target : staged.dir();
    }

    /** Where to write (or, once its stage has finished, read) {@code target}. */
    synchronized Path folder(Path target) {
        Path key = target.toAbsolutePath().normalize();
        if (committed.contains(key)) {
            return target;
        }
        return open.computeIfAbsent(key, k -> OutputFolder.open(k, run, privacy)).dir();
    }

    /** A summary line with the staging folders it names replaced by the folders they become. */
    synchronized String shown(String line) {
        String s = line;
        for (Map.Entry<Path, OutputFolder> e : open.entrySet()) {
            s = s.replace(e.getValue().dir().toString(), e.getKey().toString());
        }
        return s;
    }

    /** Puts every folder the stage wrote into place. */
    synchronized void commitAll() {
        for (Map.Entry<Path, OutputFolder> e : open.entrySet()) {
            e.getValue().commit();
            committed.add(e.getKey());
        }
        open.clear();
    }

    @Override
    public synchronized void close() {
        open.values().forEach(OutputFolder::close);
        open.clear();
    }
}
