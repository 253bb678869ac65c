package org.mosaic.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.mosaic.store.DbUrl;
import org.mosaic.web.WebServer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mosaic serve}: the class builder and the JSON API in the browser, on the store (docs/web.md). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve Mosaic in the browser: sign in, build a school's classes by hand and with the solver, "
                + "save and compare versions, export them; a JSON API with the same access rules (docs/web.md). "
                + "Runs on the store: work/mosaic.mv.db when ./mosaic demo made one, else ~/.mosaic/mosaic.mv.db, "
                + "or PostgreSQL with --db. Add users first with `mosaic users add`."},
        footer = {"", "Examples:", "  mosaic serve", "  mosaic serve --db 'jdbc:postgresql://localhost/mosaic' "
                + "--port 8080 --bind 127.0.0.1"})
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--db", paramLabel = "URL", description = "JDBC URL (default: MOSAIC_DB_URL, else the demo's "
            + "work/mosaic.mv.db if present, else ~/.mosaic/mosaic.mv.db).")
    String db;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a "
            + "free one).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default: "
            + "${DEFAULT-VALUE}, this machine only; put a TLS proxy in front before opening it wider).")
    String bind;

    @Option(names = "--solve-workers", defaultValue = "1", description = "Solves that run at once; the rest wait "
            + "in line (default: ${DEFAULT-VALUE}).")
    int solveWorkers;

    @Spec
    CommandSpec spec;

    /** The demo's database when it exists in the working directory, else the store's default. */
    static Path defaultBase() {
        Path demo = Path.of("work", "mosaic");
        return Files.exists(Path.of("work", "mosaic.mv.db")) ? demo : DbUrl.defaultLocation();
    }

    static DbUrl resolve(String option) {
        return DbUrl.resolve(option, System.getenv(), defaultBase());
    }

    @Override
    public Integer call() throws InterruptedException {
        DbUrl url = resolve(db);
        WebServer.Options o = WebServer.Options.of(url, bind, port);
        WebServer server = WebServer.start(new WebServer.Options(url, bind, port, Math.max(1, solveWorkers),
                o.maxLoginFailures(), o.loginWindowMillis(), o.bcryptCost()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Mosaic is serving http://%s:%d/ (database %s). Press Ctrl-C to stop.%n", bind, server.port(),
                url.redacted());
        out.flush();
        stopped.await();
        return 0;
    }
}
