package org.mosaic.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.mosaic.io.CheckedDataset;
import org.mosaic.io.MosaicCsvWriter;
import org.mosaic.io.OutputFolder;
import org.mosaic.store.DatasetInfo;
import org.mosaic.store.DbUrl;
import org.mosaic.store.MosaicStore;
import org.mosaic.store.RunRecord;
import org.mosaic.store.StoreException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mosaic db}: keep dataset versions and run records in an embedded H2 database or in PostgreSQL. */
@Command(name = "db", mixinStandardHelpOptions = true,
        description = {"Store dataset versions and run records in a database: an embedded H2 file "
                + "(~/.mosaic/mosaic.mv.db) by default, PostgreSQL with --db or MOSAIC_DB_URL. Credentials can come "
                + "from MOSAIC_DB_USER and MOSAIC_DB_PASSWORD; passwords are never printed.", ""},
        subcommands = {DbCommand.Import.class, DbCommand.ListDatasets.class, DbCommand.Export.class,
                DbCommand.Delete.class, DbCommand.Runs.class, DbCommand.Migrate.class},
        footer = {"", "Example:", "  mosaic db import --data work/district --name spring-2025",
                "  mosaic db list --db 'jdbc:postgresql://localhost/mosaic?user=mosaic'"})
public final class DbCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The --db option every subcommand shares. */
    static final class DbOption {
        @Option(names = "--db", paramLabel = "URL", description = "JDBC URL: jdbc:postgresql://HOST[:PORT]/DB"
                + "[?user=..&password=..] or jdbc:h2:file:PATH. Default: MOSAIC_DB_URL, else the embedded "
                + "database ~/.mosaic/mosaic.mv.db.")
        String url;

        DbUrl resolve() {
            return DbUrl.resolve(url, System.getenv(), DbUrl.defaultLocation());
        }
    }

    /** Runs a subcommand's body; database failures print one clean line (no stack trace, no row data), exit 1. */
    abstract static class Sub implements Callable<Integer> {
        @Mixin
        DbOption db;

        @Spec
        CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        @Override
        public final Integer call() throws Exception {
            try {
                int rc = body();
                out().flush();
                return rc;
            } catch (StoreException e) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("mosaic db " + spec.name() + ": " + e.getMessage());
                err.flush();
                return MosaicCli.EXIT_INTERNAL;
            }
        }

        abstract int body() throws Exception;
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Read a Mosaic CSV dataset directory, check it, and save it as a new dataset version in "
                    + "one transaction: all of it or, on any problem, nothing.",
            footer = {"", "Example:", "  mosaic db import --data work/district --name spring-2025"})
    static final class Import extends Sub {
        @Option(names = "--data", required = true, paramLabel = "DIR",
                description = "Dataset directory (schools.csv, students.csv, ...).")
        Path data;

        @Option(names = "--name", description = "Name of the new version (default: the directory's name). "
                + "Must not be in use.")
        String name;

        @Override
        int body() {
            Instant t0 = Instant.now();
            // Checked in full first, holding no rows, so a dataset with a problem never reaches the database; the
            // save then reads the files again and streams them in batches: memory stays flat with the dataset's size.
            CheckedDataset dataset = CheckedDataset.check(data);
            String versionName = name != null ? name : dataset.outline().districtId();
            DbUrl url = db.resolve();
            try (MosaicStore store = MosaicStore.open(url)) {
                long id = store.save(dataset, versionName, data.toAbsolutePath().normalize().toString());
                DatasetInfo info = store.find(id).orElseThrow();
                out().printf(Locale.ROOT, "Imported %s as dataset '%s' (id %d): %s in %s%n", data, versionName, id,
                        counts(info), Terminal.elapsed(Duration.between(t0, Instant.now())));
                out().printf("Database: %s%n", url.redacted());
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the stored dataset versions, oldest first, with their row counts and checksums.",
            footer = {"", "Example:", "  mosaic db list --json"})
    static final class ListDatasets extends Sub {
        @Option(names = "--json", description = "Print the list as JSON.")
        boolean json;

        @Override
        int body() {
            List<DatasetInfo> list;
            try (MosaicStore store = MosaicStore.open(db.resolve())) {
                list = store.list();
            }
            if (json) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (DatasetInfo d : list) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", d.id());
                    m.put("name", d.name());
                    m.put("district_id", d.districtId());
                    m.put("district_name", d.districtName());
                    m.put("imported_at", d.importedAt().toString());
                    m.put("source", d.source());
                    m.put("checksum", d.checksum());
                    m.put("schools", d.schools());
                    m.put("students", d.students());
                    m.put("scores", d.scores());
                    m.put("choices", d.choices());
                    m.put("sections", d.sections());
                    rows.add(m);
                }
                out().println(Json.write(rows));
                return 0;
            }
            if (list.isEmpty()) {
                out().println("No datasets stored yet. Save one with: mosaic db import --data DIR");
                return 0;
            }
            List<List<?>> rows = new ArrayList<>();
            for (DatasetInfo d : list) {
                rows.add(List.of(d.name(), d.id(), time(d.importedAt()), d.schools(), d.students(), d.scores(),
                        d.choices(), d.sections(), d.checksum().substring(0, 12)));
            }
            out().print(Tables.render(List.of("name", "id", "imported (UTC)", "schools", "students", "scores",
                    "choices", "sections", "sha-256"), rows));
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write a stored dataset version back out as a Mosaic CSV directory (files replaced "
                    + "atomically). The load checks the version's SHA-256, so the files are exactly what was "
                    + "imported.",
            footer = {"", "Example:", "  mosaic db export --name spring-2025 --out exported/spring-2025"})
    static final class Export extends Sub {
        @Option(names = "--name", required = true, description = "Name of the stored dataset.")
        String name;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write.")
        Path outDir;

        @Override
        int body() {
            Instant t0 = Instant.now();
            DatasetInfo info;
            try (OutputFolder folder = Outputs.open(spec, outDir)) {
                // Rows go from the database to the files one at a time; the folder is committed only when the
                // stream's checksum matched, so a failed export leaves the previous folder as it was.
                try (MosaicStore store = MosaicStore.open(db.resolve());
                     MosaicCsvWriter.Streaming files = MosaicCsvWriter.streaming(folder.dir())) {
                    info = store.export(name, files);
                }
                folder.commit();
            }
            out().printf(Locale.ROOT, "Exported '%s' to %s: %,d students, %,d scores in %s%n", name, outDir,
                    info.students(), info.scores(), Terminal.elapsed(Duration.between(t0, Instant.now())));
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete a stored dataset version with all its rows and the runs recorded on it.",
            footer = {"", "Example:", "  mosaic db delete --name spring-2025"})
    static final class Delete extends Sub {
        @Option(names = "--name", required = true, description = "Name of the stored dataset.")
        String name;

        @Override
        int body() {
            try (MosaicStore store = MosaicStore.open(db.resolve())) {
                if (!store.delete(name)) {
                    throw new org.mosaic.model.BadInputException(List.of(new org.mosaic.model.InputProblem("", 0,
                            "--name", name, "the name of a stored dataset (see `mosaic db list`)")));
                }
            }
            out().printf("Deleted dataset '%s'.%n", name);
            return 0;
        }
    }

    @Command(name = "runs", mixinStandardHelpOptions = true,
            description = "List the recorded runs: command, dataset, seed, start and end, status and summary.",
            footer = {"", "Example:", "  mosaic db runs --json"})
    static final class Runs extends Sub {
        @Option(names = "--json", description = "Print the runs as JSON.")
        boolean json;

        @Override
        int body() throws Exception {
            List<RunRecord> runs;
            Map<Long, String> names = new LinkedHashMap<>();
            try (MosaicStore store = MosaicStore.open(db.resolve())) {
                runs = store.runs();
                store.list().forEach(d -> names.put(d.id(), d.name()));
            }
            if (json) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (RunRecord r : runs) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", r.id());
                    m.put("dataset", r.datasetId() == null ? null : names.get(r.datasetId()));
                    m.put("command", r.command());
                    m.put("parameters", Json.MAPPER.readTree(r.parameters()));
                    m.put("seed", r.seed().isPresent() ? r.seed().getAsLong() : null);
                    m.put("started_at", r.startedAt().toString());
                    m.put("finished_at", r.finishedAt() == null ? null : r.finishedAt().toString());
                    m.put("status", r.status());
                    m.put("summary", r.summary() == null ? null : Json.MAPPER.readTree(r.summary()));
                    rows.add(m);
                }
                out().println(Json.write(rows));
                return 0;
            }
            if (runs.isEmpty()) {
                out().println("No runs recorded yet.");
                return 0;
            }
            List<List<?>> rows = new ArrayList<>();
            for (RunRecord r : runs) {
                rows.add(List.of(r.id(), r.command(), r.datasetId() == null ? "" : names.get(r.datasetId()),
                        r.seed().isPresent() ? r.seed().getAsLong() : "", time(r.startedAt()),
                        r.finishedAt() == null ? "" : Terminal.elapsed(Duration.between(r.startedAt(),
                                r.finishedAt())), r.status(), r.summary() == null ? "" : r.summary()));
            }
            out().print(Tables.render(List.of("run", "command", "dataset", "seed", "started (UTC)", "took",
                    "status", "summary"), rows));
            return 0;
        }
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = "Create the Mosaic tables in a new database, or bring an older one up to date. Safe to "
                    + "run again: it applies only what is missing. Other commands do this themselves.",
            footer = {"", "Example:", "  MOSAIC_DB_PASSWORD=... mosaic db migrate --db "
                    + "'jdbc:postgresql://db.example.org/mosaic?user=mosaic'"})
    static final class Migrate extends Sub {
        @Override
        int body() {
            DbUrl url = db.resolve();
            int applied = MosaicStore.migrate(url);
            out().printf("%s: %s%n", url.redacted(), applied == 0 ? "schema already up to date"
                    : applied + (applied == 1 ? " migration" : " migrations") + " applied; schema up to date");
            return 0;
        }
    }

    static String counts(DatasetInfo d) {
        return String.format(Locale.ROOT, "%,d schools, %,d students, %,d scores, %,d choices, %,d sections",
                d.schools(), d.students(), d.scores(), d.choices(), d.sections());
    }

    private static String time(Instant t) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC).format(t);
    }
}
