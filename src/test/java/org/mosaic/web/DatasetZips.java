package org.mosaic.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.mosaic.io.MosaicCsvWriter;
import org.mosaic.io.MosaicFiles;
import org.mosaic.model.Dataset;

/** Mosaic CSV folders zipped for the upload tests; {@code broken} puts "thirteen" in line 3's grade column. */
final class DatasetZips {
    private DatasetZips() {
    }

    static Path zip(Dataset d, Path dir, boolean broken) throws IOException {
        Path csv = dir.resolve(broken ? "broken" : "valid");
        MosaicCsvWriter.write(d, csv);
        if (broken) {
            Path students = csv.resolve(MosaicFiles.STUDENTS);
            List<String> lines = new java.util.ArrayList<>(Files.readAllLines(students));
            String[] header = lines.get(0).split(",", -1);
            int grade = java.util.Arrays.asList(header).indexOf("grade");
            String[] row = lines.get(2).split(",", -1);
            row[grade] = "thirteen";
            lines.set(2, String.join(",", row));
            Files.write(students, lines);
        }
        Path zip = dir.resolve((broken ? "broken" : "valid") + ".zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip)); Stream<Path> files =
                Files.list(csv)) {
            for (Path f : files.sorted().toList()) {
                out.putNextEntry(new ZipEntry(f.getFileName().toString()));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        return zip;
    }
}
