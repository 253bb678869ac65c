package org.mosaic.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import org.mosaic.io.OutputFolder;
import org.mosaic.model.BadInputException;
import org.mosaic.model.InputProblem;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mosaic} command: exit 0 on success, 2 for input the user can fix, 1 for an internal failure. */
@Command(name = "mosaic", mixinStandardHelpOptions = true, versionProvider = MosaicCli.Version.class,
        description = {"Mosaic decides who learns with whom: school choice with integration goals, class formation "
                + "with a tracking dial, small groups, and segregation measures.", ""},
        footer = {"", "Start with: mosaic demo    (generates a sample district and runs every stage)"})
public final class MosaicCli implements Runnable {
    public static final int EXIT_BAD_INPUT = 2;
    public static final int EXIT_INTERNAL = 1;

    /** The commands, in the order --help lists them. */
    static final List<Class<?>> COMMANDS = List.of(GenerateCommand.class, ValidateCommand.class,
            OneRosterCommand.class, MeasureCommand.class, EnrollCommand.class, SectionsCommand.class,
            GroupsCommand.class, SimulateCommand.class, GrowthCommand.class, ClustersCommand.class, DemoCommand.class,
            DbCommand.class, ServeCommand.class, UsersCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--umask", scope = CommandLine.ScopeType.INHERIT, paramLabel = "OCTAL",
            description = "Permissions of the output folders, as a umask: 077 (the default: only you may read them, "
                    + "as they hold student records), 027 (your group may read) or 022 (everyone may).")
    String umask;

    /** Who may read the files a command writes: private unless the user gave --umask. */
    static OutputFolder.FilePrivacy privacy(CommandLine.Model.CommandSpec spec) {
        CommandLine.Model.OptionSpec o = spec.findOption("--umask");
        Object v = o == null ? null : o.getValue();
        return v == null ? OutputFolder.FilePrivacy.PRIVATE : OutputFolder.FilePrivacy.ofUmask(v.toString());
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code; used by tests as well as main. */
    public static int run(String... args) {
        CommandLine cl = forArgs(args);
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            return outOfResources(e, cl.getErr());
        }
    }

    /** One line and a way out, never a stack trace: the usual cause is a dataset larger than the default heap. */
    static int outOfResources(Throwable e, PrintWriter err) {
        err.println(e instanceof OutOfMemoryError
                ? "mosaic: out of memory (the Java heap is too small for this input); run again with more, e.g. "
                        + "MOSAIC_JAVA_OPTS=-Xmx8g ./mosaic ... (or java -Xmx8g -jar mosaic.jar ...). Nothing was "
                        + "replaced."
                : "mosaic: the input nests too deeply to process (stack overflow); run again with a larger stack, "
                        + "e.g. MOSAIC_JAVA_OPTS=-Xss16m. Nothing was replaced.");
        err.flush();
        return EXIT_INTERNAL;
    }

    /** The whole command tree: every command and its subcommands. */
    public static CommandLine newCommandLine() {
        return build(COMMANDS, true);
    }

    /**
     * The command tree {@code args} need: only the command they name (picocli reads the annotations of every command
     * it is given, about 0.45 CPU s for the whole tree, which every run paid before the command started), the root
     * alone for {@code --version}, and the whole tree for anything else (--help, help, a misspelled command, so that
     * picocli can list or suggest the commands).
     */
    static CommandLine forArgs(String... args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--umask")) {
                i++;
                continue;
            }
            if (a.startsWith("--umask=")) {
                continue;
            }
            if ((a.equals("--version") || a.equals("-V")) && i == args.length - 1) {
                return build(List.of(), false);
            }
            if (a.startsWith("-")) {
                break;
            }
            for (Class<?> c : COMMANDS) {
                if (c.getAnnotation(Command.class).name().equals(a)) {
                    return build(List.of(c), false);
                }
            }
            break;
        }
        return newCommandLine();
    }

    private static CommandLine build(List<Class<?>> commands, boolean help) {
        CommandLine cl = new CommandLine(new MosaicCli());
        for (Class<?> c : commands) {
            cl.addSubcommand(c);
        }
        if (help) {
            cl.addSubcommand(new CommandLine.HelpCommand());
        }
        cl.setExecutionExceptionHandler(MosaicCli::handle);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // --help uses the terminal's width (80 columns when it cannot be told, e.g. in a pipe).
        cl.setUsageHelpAutoWidth(true);
        foldExamples(cl);
        return cl;
    }

    /** Example commands longer than this are folded so that no terminal, however narrow, splits one mid-word. */
    static final int EXAMPLE_WIDTH = 76;

    /**
     * Folds each long example command of every --help footer into shell continuation lines (" \\" and an indent) at
     * option boundaries: picocli would otherwise wrap it anywhere, and a wrapped command cannot be copied.
     */
    static void foldExamples(CommandLine cl) {
        String[] footer = cl.getCommandSpec().usageMessage().footer();
        List<String> folded = new ArrayList<>();
        for (String line : footer) {
            folded.addAll(line.startsWith("  mosaic ") ? fold(line) : List.of(line));
        }
        cl.getCommandSpec().usageMessage().footer(folded.toArray(new String[0]));
        for (CommandLine sub : cl.getSubcommands().values()) {
            foldExamples(sub);
        }
    }

    /** One example command as lines of at most {@link #EXAMPLE_WIDTH}, broken before an option where possible. */
    static List<String> fold(String command) {
        List<String> lines = new ArrayList<>();
        String rest = command;
        String indent = "      ";
        while (rest.length() > EXAMPLE_WIDTH) {
            int cut = rest.lastIndexOf(" --", EXAMPLE_WIDTH - 2);
            if (cut <= indent.length()) {
                cut = rest.lastIndexOf(' ', EXAMPLE_WIDTH - 2);
            }
            if (cut <= indent.length()) {
                break;
            }
            lines.add(rest.substring(0, cut) + " \\");
            rest = indent + rest.substring(cut + 1);
        }
        lines.add(rest);
        return lines;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parseResult) {
        PrintWriter err = cl.getErr();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError || t instanceof StackOverflowError) {
                return outOfResources(t, err);
            }
        }
        BadInputException bad = findBadInput(e);
        if (bad != null && bad.problems().size() == 1 && bad.omitted() == 0
                && bad.problems().get(0).file().isEmpty() && bad.problems().get(0).column().isEmpty()) {
            // A problem with the command line or the machine (an --out that is a file, a full disk), not a file.
            err.println("mosaic " + cl.getCommandName() + ": " + bad.problems().get(0).expected());
            err.println("Nothing was written.");
            err.flush();
            return EXIT_BAD_INPUT;
        }
        if (bad != null) {
            err.println("mosaic " + cl.getCommandName() + ": the input has "
                    + (bad.problems().size() + bad.omitted() == 1 ? "a problem" : "problems") + ":");
            for (InputProblem p : bad.problems()) {
                err.println("  " + p);
            }
            if (bad.omitted() > 0) {
                err.println("  ... and " + bad.omitted() + " more not shown (at most 25 per file)");
            }
            err.println("Nothing was written. Fix the input and run the command again.");
            err.flush();
            return EXIT_BAD_INPUT;
        }
        err.println("mosaic " + cl.getCommandName() + ": internal error: " + e);
        if (System.getenv("MOSAIC_DEBUG") != null) {
            e.printStackTrace(err);
        } else {
            err.println("(set MOSAIC_DEBUG=1 to see the stack trace; please report it with the command you ran)");
        }
        err.flush();
        return EXIT_INTERNAL;
    }

    private static BadInputException findBadInput(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BadInputException b) {
                return b;
            }
        }
        return null;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = MosaicCli.class.getPackage().getImplementationVersion();
            return new String[] {"mosaic " + (v == null ? "development build" : v)};
        }
    }
}
