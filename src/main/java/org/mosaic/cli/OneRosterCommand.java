package org.mosaic.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.mosaic.io.MosaicCsvReader;
import org.mosaic.io.MosaicCsvWriter;
import org.mosaic.io.OutputFolder;
import org.mosaic.io.oneroster.OneRosterExport;
import org.mosaic.io.oneroster.OneRosterImport;
import org.mosaic.io.oneroster.OneRosterVersion;
import org.mosaic.model.BadInputException;
import org.mosaic.model.Dataset;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "oneroster", mixinStandardHelpOptions = true,
        description = "Exchange data with a student information system in OneRoster 1.1 or 1.2 CSV.",
        subcommands = {OneRosterCommand.Import.class, OneRosterCommand.Export.class},
        footer = {"", "Examples:", "  mosaic oneroster import --in sis-export/ --out work/from-sis",
                "  mosaic oneroster export --data work/sections-out/dataset --out work/to-sis --version 1.2"})
public final class OneRosterCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Convert a OneRoster CSV bulk export (manifest, orgs, academicSessions, courses, classes, "
                    + "users, enrollments, demographics; 1.2 roles) into a Mosaic dataset. FRL, EL, IEP, gifted and "
                    + "SES tier come from metadata.* columns (docs/oneroster.md). All-or-nothing.",
            footer = {"", "Example:", "  mosaic oneroster import --in sis-export/ --out work/from-sis"})
    static final class Import implements Callable<Integer> {
        @Option(names = "--in", required = true, description = "Directory with the OneRoster CSV files.")
        Path in;

        @Option(names = "--out", required = true, description = "Mosaic dataset directory to write.")
        Path out;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Dataset d;
            try (OutputFolder folder = Outputs.open(spec, out)) {
                d = OneRosterImport.read(in);
                MosaicCsvWriter.write(d, folder.dir());
                folder.commit();
            }
            PrintWriter o = spec.commandLine().getOut();
            o.printf(Locale.ROOT, "Imported %,d students, %d schools, %d classes, %,d enrollments into %s%n",
                    d.students().size(), d.schools().size(), d.sections().size(), d.rosters().size(), out);
            o.flush();
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write a dataset's classes (sections.csv + rosters.csv) as OneRoster classes.csv, "
                    + "enrollments.csv and manifest.csv for the SIS to take back; ids are kept.",
            footer = {"", "Example:", "  mosaic oneroster export --data work/from-sis --out work/to-sis --version 1.1"})
    static final class Export implements Callable<Integer> {
        @Option(names = "--data", required = true, description = "Mosaic dataset directory.")
        Path data;

        @Option(names = "--out", required = true, description = "Directory for the OneRoster files.")
        Path out;

        @Option(names = "--version", defaultValue = "1.2", description = "1.1 or 1.2 (default: ${DEFAULT-VALUE}).")
        String version;

        @Option(names = "--date", defaultValue = "2026-01-01T00:00:00.000Z",
                description = "dateLastModified to stamp (default: ${DEFAULT-VALUE}, so output is reproducible).")
        String date;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            OneRosterVersion v = OneRosterVersion.parse(version);
            if (v == null) {
                throw new BadInputException("--version '" + version + "': use 1.1 or 1.2");
            }
            Dataset d;
            try (OutputFolder folder = Outputs.open(spec, out)) {
                d = MosaicCsvReader.read(data);
                if (d.sections().isEmpty()) {
                    throw new BadInputException(data + " has no sections.csv: form classes first (mosaic sections)");
                }
                OneRosterExport.writeClasses(folder.dir(), d.sections(), d.rosters(), v, date);
                folder.commit();
            }
            PrintWriter o = spec.commandLine().getOut();
            o.printf(Locale.ROOT, "Wrote OneRoster %s classes.csv (%d classes), enrollments.csv (%,d students) and "
                    + "manifest.csv to %s%n", v.text(), d.sections().size(), d.rosters().size(), out);
            o.flush();
            return 0;
        }
    }
}
