package org.mosaic.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosaic.model.BadInputException;

/** Whole outputs or none: the staging folder, its manifest, recovery after a kill, a full disk. */
class OutputFolderTest {
    private static final RunManifest RUN = new RunManifest("test", 7L, Map.of("--seed", "7"), Map.of());

    @TempDir
    Path tmp;

    private void writeOutput(Path target, String content) {
        try (OutputFolder out = OutputFolder.open(target, RUN)) {
            AtomicFiles.writeString(out.dir().resolve("a.csv"), "x\n" + content + "\n");
            AtomicFiles.writeString(out.dir().resolve("sub/b.csv"), "y\n" + content + "\n");
            out.commit();
        }
    }

    private List<String> siblings() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void commitReplacesThePreviousOutputWholeAndListsEveryFile() throws IOException {
        Path target = tmp.resolve("out");
        writeOutput(target, "first");
        Files.writeString(target.resolve("stale.csv"), "");
        Files.delete(target.resolve("stale.csv"));
        writeOutput(target, "second");
        assertThat(Files.readString(target.resolve("a.csv"))).isEqualTo("x\nsecond\n");
        assertThat(OutputFolder.listedFiles(target)).containsOnlyKeys("a.csv", "sub/b.csv")
                .containsEntry("a.csv", RunManifest.sha256(target.resolve("a.csv")));
        assertThat(Files.readString(target.resolve(Manifest.FILE))).contains("\"command\" : \"test\"")
                .contains("\"seed\" : 7").contains("\"--seed\" : \"7\"");
        assertThat(Manifest.check(target)).isEmpty();
        assertThat(siblings()).containsExactly("out");
    }

    @Test
    void outputsArePrivateUnlessAUmaskSaysOtherwise() throws IOException {
        Path target = tmp.resolve("out");
        writeOutput(target, "x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("a.csv"))))
                .isEqualTo("rw-------");
        try (OutputFolder out = OutputFolder.open(tmp.resolve("shared"), RUN, OutputFolder.FilePrivacy.ofUmask(
                "022"))) {
            AtomicFiles.writeString(out.dir().resolve("a.csv"), "x\n");
            out.commit();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("shared/a.csv"))))
                .isEqualTo("rw-r--r--");
        assertThatThrownBy(() -> OutputFolder.FilePrivacy.ofUmask("9x")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("octal");
    }

    @Test
    void aFailureBeforeCommitLeavesThePreviousOutputAndNoStaging() throws IOException {
        Path target = tmp.resolve("out");
        writeOutput(target, "first");
        assertThatThrownBy(() -> {
            try (OutputFolder out = OutputFolder.open(target, RUN)) {
                AtomicFiles.writeString(out.dir().resolve("a.csv"), "half");
                throw new IllegalStateException("crash");
            }
        }).hasMessage("crash");
        assertThat(Files.readString(target.resolve("a.csv"))).isEqualTo("x\nfirst\n");
        assertThat(siblings()).containsExactly("out");
    }

    @Test
    void leftoversOfAKilledProcessAreRemovedAndAMovedAsidePreviousOutputIsPutBack() throws IOException {
        Path target = tmp.resolve("out");
        writeOutput(target, "first");
        long deadPid = deadPid();
        Path staging = tmp.resolve(".out.mosaic-staging-" + deadPid + "-x");
        Files.createDirectories(staging);
        Files.writeString(staging.resolve("a.csv"), "half a file of student rows");
        // killed between the two renames: the previous output moved aside, the new one not yet in place
        Files.move(target, tmp.resolve(".out.mosaic-old-" + deadPid + "-y"));
        Path other = tmp.resolve(".unrelated.mosaic-staging-" + deadPid + "-z");
        Files.createDirectories(other);

        OutputFolder.recoverLeftovers(target.toAbsolutePath());

        assertThat(Files.readString(target.resolve("a.csv"))).isEqualTo("x\nfirst\n");
        assertThat(siblings()).containsExactly(".unrelated.mosaic-staging-" + deadPid + "-z", "out");
    }

    @Test
    void anOutThatIsAFileOrHoldsOtherFilesIsRefusedBeforeAnyWork() throws IOException {
        Path file = tmp.resolve("file.txt");
        Files.writeString(file, "mine");
        assertThatThrownBy(() -> OutputFolder.open(file, RUN)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("is a file");
        assertThatThrownBy(() -> OutputFolder.open(file.resolve("out"), RUN)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("cannot create the folder");
        Path home = tmp.resolve("home");
        Files.createDirectories(home);
        Files.writeString(home.resolve("thesis.docx"), "mine");
        assertThatThrownBy(() -> OutputFolder.open(home, RUN)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("did not write").hasMessageContaining("thesis.docx");
        Path out = tmp.resolve("out");
        writeOutput(out, "first");
        Files.writeString(out.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> OutputFolder.open(out, RUN)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("notes.txt");
        assertThat(Files.readString(home.resolve("thesis.docx"))).isEqualTo("mine");
    }

    @Test
    void aFullDiskIsReportedWithTheSizeAndTheTargetAndReplacesNothing() throws IOException {
        Path target = tmp.resolve("out");
        writeOutput(target, "first");
        assertThatThrownBy(() -> {
            try (OutputFolder out = OutputFolder.open(target, RUN)) {
                AtomicFiles.writeString(out.dir().resolve("a.csv"), "x\n");
                Csv.write(out.dir().resolve("big.csv"), List.of("id"), p -> {
                    p.printRecord("s1");
                    throw new IOException("No space left on device");
                });
                out.commit();
            }
        }).isInstanceOf(BadInputException.class)
                .hasMessageMatching("(?s)the disk is full: 1 MB needed at .*out/big\\.csv.*")
                .hasMessageNotContaining("staging");
        assertThat(Files.readString(target.resolve("a.csv"))).isEqualTo("x\nfirst\n");
        assertThat(siblings()).containsExactly("out");
    }

    @Test
    void readersRefuseAFolderThatNoLongerMatchesItsManifest() throws IOException {
        Path target = tmp.resolve("out");
        writeOutput(target, "first");
        Files.writeString(target.resolve("a.csv"), "x\nmixed in from another run\n");
        assertThat(Manifest.checkFile(target.resolve("a.csv"))).get().asString()
                .contains("a.csv is not the file `mosaic test` wrote").contains("delete manifest.json");
        Files.delete(target.resolve("sub/b.csv"));
        assertThat(Manifest.check(target)).hasSize(2).anyMatch(m -> m.startsWith("sub/b.csv is missing"));
    }

    @Test
    void shownPathNamesTheTargetNotTheStagingFolder() {
        Path p = tmp.resolve(".out.mosaic-staging-123-abc/oneroster/classes.csv");
        assertThat(OutputFolder.shown(p)).isEqualTo(tmp.resolve("out/oneroster/classes.csv").toAbsolutePath());
    }

    private static long deadPid() {
        long pid = 4_000_000;
        while (ProcessHandle.of(pid).isPresent()) {
            pid++;
        }
        return pid;
    }
}
