package org.mosaic.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.mosaic.io.MosaicCsvReader;
import org.mosaic.io.oneroster.OneRosterImport;
import org.mosaic.model.BadInputException;
import org.mosaic.model.Dataset;

/**
 * An uploaded zip: a Mosaic CSV folder or a OneRoster export (it has manifest.csv), read with the same readers and
 * so the same file/line/column messages as {@code mosaic validate} and {@code mosaic oneroster import}.
 */
final class DatasetUpload {
    private static final int MAX_ENTRIES = 200;
    private static final long MAX_BYTES = 1L << 30;

    private DatasetUpload() {
    }

    /** Unpacks into {@code dir}, refusing entries that would land outside it and archives past 1 GB unpacked. */
    static void unzip(InputStream in, Path dir) throws IOException {
        long total = 0;
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (++entries > MAX_ENTRIES) {
                    throw new BadInputException("the zip has more than " + MAX_ENTRIES + " files; upload only the "
                            + "dataset's CSV files");
                }
                Path target = dir.resolve(e.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new BadInputException("the zip entry '" + e.getName() + "' points outside the archive; "
                            + "zip the CSV files themselves");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                byte[] buf = new byte[65536];
                try (var out = Files.newOutputStream(target)) {
                    for (int r = zip.read(buf); r > 0; r = zip.read(buf)) {
                        total += r;
                        if (total > MAX_BYTES) {
                            throw new BadInputException("the zip unpacks to more than 1 GB");
                        }
                        out.write(buf, 0, r);
                    }
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new BadInputException("the upload is not a valid zip file (" + e.getMessage() + ")");
        }
        if (entries == 0) {
            throw new BadInputException("the upload is not a zip file, or an empty one: zip the dataset's CSV files");
        }
    }

    /** Reads the unpacked dataset; the folder holding the CSV files may be the root or one folder down. */
    static Dataset read(Path dir) throws IOException {
        Path root = dir;
        if (!hasCsv(dir)) {
            try (Stream<Path> children = Files.list(dir)) {
                List<Path> folders = children.filter(Files::isDirectory).toList();
                if (folders.size() == 1 && hasCsv(folders.get(0))) {
                    root = folders.get(0);
                }
            }
        }
        if (!hasCsv(root)) {
            throw new BadInputException("the zip holds no CSV files: expected schools.csv, students.csv, ... "
                    + "(Mosaic CSV) or manifest.csv, orgs.csv, users.csv, ... (OneRoster)");
        }
        return Files.exists(root.resolve("manifest.csv")) ? OneRosterImport.read(root) : MosaicCsvReader.read(root);
    }

    private static boolean hasCsv(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".csv"));
        }
    }
}
