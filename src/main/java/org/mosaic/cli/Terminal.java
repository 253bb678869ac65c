package org.mosaic.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.mosaic.model.Progress;

/** Progress bars on standard error, so that standard output stays clean for tables and JSON. */
public final class Terminal {
    private Terminal() {
    }

    /** A bar that closes itself; {@link Bar#progress()} is what algorithms receive. */
    public static Bar bar(String task, long total, boolean quiet) {
        return new Bar(task, total, quiet);
    }

    public static final class Bar implements AutoCloseable {
        private final ProgressBar bar;

        private Bar(String task, long total, boolean quiet) {
            this.bar = quiet ? null : new ProgressBarBuilder()
                    .setTaskName(task)
                    .setInitialMax(Math.max(total, 1))
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250)
                    .setConsumer(new ConsoleProgressBarConsumer(new PrintStream(System.err, true), 100))
                    .setMaxRenderedLength(100)
                    .showSpeed()
                    .build();
        }

        public Progress progress() {
            if (bar == null) {
                return Progress.NONE;
            }
            return (done, total) -> {
                synchronized (bar) {
                    if (total != bar.getMax()) {
                        bar.maxHint(total);
                    }
                    bar.stepTo(done);
                }
            };
        }

        public void step() {
            if (bar != null) {
                synchronized (bar) {
                    bar.step();
                }
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }

    /**
     * Moves a bar of {@code seconds} units with the wall clock until closed, then fills it: for work bounded by a
     * time limit whose progress cannot be counted (a solver running in native code).
     */
    public static Clock clock(Bar bar, long seconds) {
        Progress progress = bar.progress();
        long total = Math.max(1, seconds);
        long t0 = System.nanoTime();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progress-clock");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> progress.update(Math.min(total, (System.nanoTime() - t0) / 1_000_000_000L),
                total), 0, 250, TimeUnit.MILLISECONDS);
        return () -> {
            timer.shutdownNow();
            progress.update(total, total);
        };
    }

    /** A running clock; closing it stops the clock and fills the bar. */
    public interface Clock extends AutoCloseable {
        @Override
        void close();
    }

    public static String elapsed(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }
}
