package org.mosaic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/**
 * {@code mosaic} builds only the command a run names (start-up, issue #14): the run must behave exactly as with the
 * whole tree, and the whole tree must still be there for --help, help and a misspelled command.
 */
class CommandTreeTest {
    private static String outputOf(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        int code = cl.execute(args);
        return code + "\n" + out;
    }

    @Test
    void aRunBuildsOnlyTheCommandItNames() {
        assertThat(MosaicCli.forArgs("sections", "--data", "x").getSubcommands().keySet()).containsExactly(
                "sections");
        assertThat(MosaicCli.forArgs("--umask", "027", "validate", "--data", "x").getSubcommands().keySet())
                .containsExactly("validate");
        assertThat(MosaicCli.forArgs("--umask=027", "measure").getSubcommands().keySet()).containsExactly("measure");
        assertThat(MosaicCli.forArgs("--version").getSubcommands()).isEmpty();
    }

    @Test
    void helpAndUnknownCommandsGetTheWholeTree() {
        int all = MosaicCli.COMMANDS.size() + 1; // and help
        for (List<String> args : List.of(List.<String>of(), List.of("--help"), List.of("help", "sections"),
                List.of("sectons", "--data", "x"), List.of("--version", "sections"))) {
            assertThat(MosaicCli.forArgs(args.toArray(new String[0])).getSubcommands()).as(args.toString())
                    .hasSize(all);
        }
    }

    @Test
    void theSmallTreeAnswersAsTheWholeOneDoes() {
        for (List<String> args : List.of(List.of("sections", "--help"), List.of("sections", "evaluate", "--help"),
                List.of("sections", "--data", "nowhere"), List.of("validate"), List.of("--version"),
                List.of("--umask", "027", "measure", "--help"), List.of("groups", "--no-such-option"))) {
            String[] a = args.toArray(new String[0]);
            assertThat(outputOf(MosaicCli.forArgs(a), a)).as(args.toString())
                    .isEqualTo(outputOf(MosaicCli.newCommandLine(), a));
        }
    }
}
