package org.mosaic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** --help follows the terminal's width, and an example command is never split in the middle. */
class HelpFormatTest {
    /** Every command line of the tree, the root first. */
    private static List<CommandLine> all(CommandLine cl) {
        List<CommandLine> out = new ArrayList<>(List.of(cl));
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            if (!e.getKey().equals("help")) {
                out.addAll(all(e.getValue()));
            }
        }
        return out;
    }

    /** The example commands as written in a command's annotation (before folding). */
    private static List<String> examplesAsWritten(CommandLine cl) {
        CommandLine.Command c = cl.getCommand().getClass().getAnnotation(CommandLine.Command.class);
        return c == null ? List.of() : List.of(c.footer()).stream().filter(l -> l.startsWith("  mosaic ")).toList();
    }

    /** The example commands as --help prints them, continuation lines joined back into one. */
    private static List<String> examplesPrinted(String usage) {
        List<String> out = new ArrayList<>();
        StringBuilder current = null;
        for (String line : usage.split("\n")) {
            if (current == null && line.startsWith("  mosaic ")) {
                current = new StringBuilder(line);
            } else if (current != null) {
                current.append(' ').append(line.strip());
            } else {
                continue;
            }
            if (current.toString().endsWith(" \\")) {
                current.setLength(current.length() - 2);
            } else {
                out.add(current.toString());
                current = null;
            }
        }
        return out;
    }

    @Test
    void examplesFitEightyColumnsAndJoinBackIntoTheCommandsAsWritten() {
        CommandLine root = MosaicCli.newCommandLine();
        int checked = 0;
        for (CommandLine cl : all(root)) {
            cl.getCommandSpec().usageMessage().autoWidth(false).width(80);
            String usage = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
            for (String line : usage.split("\n")) {
                if (line.startsWith("  mosaic ") || line.endsWith(" \\")) {
                    assertThat(line.length()).as("%s: %s", cl.getCommandName(), line).isLessThanOrEqualTo(80);
                }
            }
            List<String> written = examplesAsWritten(cl);
            assertThat(examplesPrinted(usage)).as(cl.getCommandName()).isEqualTo(written);
            checked += written.size();
        }
        assertThat(checked).isGreaterThan(10);
    }

    @Test
    void helpUsesTheTerminalsWidthNotEightyColumns() {
        CommandLine root = MosaicCli.newCommandLine();
        assertThat(root.getCommandSpec().usageMessage().autoWidth()).isTrue();
        CommandLine sections = root.getSubcommands().get("sections");
        assertThat(sections.getCommandSpec().usageMessage().autoWidth()).isTrue();
        // What a 160-column terminal gets: descriptions run past column 80 instead of wrapping there.
        sections.getCommandSpec().usageMessage().autoWidth(false).width(160);
        String wide = sections.getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertThat(wide.lines().mapToInt(String::length).max().orElse(0)).isGreaterThan(100).isLessThanOrEqualTo(160);
    }

    @Test
    void foldBreaksBeforeAnOptionAndKeepsEveryWord() {
        String command = "  mosaic sections --data work/elmhurst --school elmhurst --grade 6 --subject math "
                + "--sections 4 --capacity 32 --frontier --time-limit 3 --out work/frontier";
        List<String> lines = MosaicCli.fold(command);
        assertThat(lines).hasSizeGreaterThan(1);
        for (int i = 0; i < lines.size() - 1; i++) {
            assertThat(lines.get(i)).endsWith(" \\").hasSizeLessThanOrEqualTo(MosaicCli.EXAMPLE_WIDTH);
            assertThat(lines.get(i + 1)).startsWith("      --");
        }
        assertThat(String.join(" ", lines.stream().map(l -> l.endsWith(" \\") ? l.substring(0, l.length() - 2)
                : l).map(String::strip).toList())).isEqualTo(command.strip());
    }
}
