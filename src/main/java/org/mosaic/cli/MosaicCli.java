package org.mosaic.cli;

import java.io.PrintWriter;

import org.mosaic.model.BadInputException;
import org.mosaic.model.InputProblem;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mosaic} command: exit 0 on success, 2 for input the user can fix, 1 for an internal failure. */
@Command(name = "mosaic", mixinStandardHelpOptions = true, versionProvider = MosaicCli.Version.class,
        description = {"Mosaic decides who learns with whom: school choice with integration goals, class formation "
                + "with a tracking dial, small groups, and segregation measures.", ""},
        subcommands = {
                GenerateCommand.class,
                ValidateCommand.class,
                OneRosterCommand.class,
                MeasureCommand.class,
                EnrollCommand.class,
                SectionsCommand.class,
                GroupsCommand.class,
                GrowthCommand.class,
                ClustersCommand.class,
                DemoCommand.class,
                DbCommand.class,
                CommandLine.HelpCommand.class
        },
        footer = {"", "Start with: mosaic demo    (generates a sample district and runs every stage)"})
public final class MosaicCli implements Runnable {
    public static final int EXIT_BAD_INPUT = 2;
    public static final int EXIT_INTERNAL = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code; used by tests as well as main. */
    public static int run(String... args) {
        return newCommandLine().execute(args);
    }

    public static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new MosaicCli());
        cl.setExecutionExceptionHandler(MosaicCli::handle);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parseResult) {
        PrintWriter err = cl.getErr();
        BadInputException bad = findBadInput(e);
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
