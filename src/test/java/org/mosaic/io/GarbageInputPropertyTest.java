package org.mosaic.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.mosaic.PropertySeed;
import org.mosaic.TestDirs;
import org.mosaic.model.BadInputException;

/** Random garbage in any file of a dataset is rejected as bad input, never with another exception. */
class GarbageInputPropertyTest {
    private static final String[] FILES = {"schools.csv", "students.csv", "scores.csv", "choices.csv",
            "priorities.csv", "requests.csv", "sections.csv", "rosters.csv"};

    @Property(tries = 150, seed = PropertySeed.FIXED)
    void randomBytesNeverCrashTheReader(@ForAll @IntRange(min = 0, max = 7) int fileIndex,
                                        @ForAll("garbage") byte[] garbage,
                                        @ForAll boolean keepHeader) throws IOException {
        Path dir = Files.createTempDirectory("garbage");
        try {
            TestDirs.copyTree(TestDirs.resource("datasets/tiny"), dir);
            Path target = dir.resolve(FILES[fileIndex]);
            byte[] content = garbage;
            if (keepHeader) {
                String header = Files.readAllLines(target).get(0) + "\n";
                byte[] h = header.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                content = new byte[h.length + garbage.length];
                System.arraycopy(h, 0, content, 0, h.length);
                System.arraycopy(garbage, 0, content, h.length, garbage.length);
            }
            Files.write(target, content);
            try {
                MosaicCsvReader.read(dir);
            } catch (BadInputException e) {
                assertThat(e.problems()).isNotEmpty();
                assertThat(e.getMessage()).contains(FILES[fileIndex]);
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Provide
    Arbitrary<byte[]> garbage() {
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(400);
        Arbitrary<byte[]> csvish = Arbitraries.strings().withChars("abs1269K,\"\r\n;= \t-.\uFEFFé")
                .ofMaxLength(300).map(s -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return Arbitraries.oneOf(raw, csvish);
    }
}
