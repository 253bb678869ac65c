package org.mosaic.store;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * One run of a command on a stored dataset. {@code parameters} and {@code summary} are JSON documents the command
 * wrote (aggregates only, never student records); {@code finishedAt} and {@code summary} are null while it runs.
 */
public record RunRecord(long id, Long datasetId, String command, String parameters, OptionalLong seed,
                        Instant startedAt, Instant finishedAt, String status, String summary) {
    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
}
