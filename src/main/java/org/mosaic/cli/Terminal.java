package org.mosaic.cli;

import java.io.PrintStream;
import java.time.Duration;

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

    public static String elapsed(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }
}
