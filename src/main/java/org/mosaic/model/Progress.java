package org.mosaic.model;

/**
 * How long-running algorithms report progress without knowing who listens (a terminal progress bar, a web page, a
 * test). Implementations must be thread-safe: parallel lottery draws call it from several threads.
 */
@FunctionalInterface
public interface Progress {
    Progress NONE = (done, total) -> { };

    /** {@code done} units of {@code total} are finished. */
    void update(long done, long total);
}
