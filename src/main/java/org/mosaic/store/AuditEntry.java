package org.mosaic.store;

import java.time.Instant;

/** One row of the append-only audit log: who did what to which dataset, run or class list, and when. */
public record AuditEntry(long id, Instant at, String username, String action, String target) {
}
