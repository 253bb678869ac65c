package org.mosaic.sections;

import java.util.Arrays;
import java.util.List;

import org.mosaic.sections.rules.RuleFlag;

/** How many of a class's students carry each rule flag (RuleFlag), read by flag. */
public final class FlagCounts {
    private final long[] counts;

    private FlagCounts(long[] counts) {
        this.counts = counts;
    }

    /** Counts indexed by RuleFlag's ordinal. */
    public static FlagCounts of(long[] byOrdinal) {
        if (byOrdinal.length != RuleFlag.values().length) {
            throw new IllegalArgumentException("one count per rule flag, got " + byOrdinal.length);
        }
        return new FlagCounts(byOrdinal.clone());
    }

    /** The counts among a class's pupils. */
    public static FlagCounts of(List<SectionProblem.Pupil> pupils) {
        long[] c = new long[RuleFlag.values().length];
        for (SectionProblem.Pupil p : pupils) {
            for (RuleFlag f : RuleFlag.values()) {
                c[f.ordinal()] += f.marks(p) ? 1 : 0;
            }
        }
        return new FlagCounts(c);
    }

    /** Students carrying {@code flag}. */
    public long of(RuleFlag flag) {
        return counts[flag.ordinal()];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlagCounts other && Arrays.equals(counts, other.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        for (RuleFlag f : RuleFlag.values()) {
            b.append(f.ordinal() == 0 ? "" : ", ").append(f.column()).append('=').append(counts[f.ordinal()]);
        }
        return b.append('}').toString();
    }
}
