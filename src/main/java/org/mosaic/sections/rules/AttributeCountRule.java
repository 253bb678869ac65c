package org.mosaic.sections.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.mosaic.sections.SectionProblem;
import org.mosaic.sections.SectionProblem.AttributeLimit;

/**
 * A school's rule on one student attribute per section ({@code section_rules} in the config): at least or at most so
 * many students (or such a share of the section) whose attribute has the given value, e.g. at most 20 boys, at least
 * 2 leaders, at most 1 student who needs extra support. The attribute is a built-in column (gender, race, frl, ...)
 * or any extra column of students.csv.
 */
public final class AttributeCountRule extends CountingRule {
    private final AttributeLimit limit;
    private final String name;

    AttributeCountRule(SectionProblem p, AttributeLimit limit, String name, long coefficient) {
        super(p, amounts(p, limit), all(p), limits(limit), coefficient);
        this.limit = limit;
        this.name = name;
    }

    private static long[] amounts(SectionProblem p, AttributeLimit limit) {
        return p.pupils().stream().mapToLong(pu -> limit.matches(pu) ? 1 : 0).toArray();
    }

    private static boolean[] all(SectionProblem p) {
        boolean[] b = new boolean[p.sections().size()];
        Arrays.fill(b, true);
        return b;
    }

    /** The limit in linear form: counts as themselves, shares as 100 · count against whole percents of the size. */
    private static List<Limit> limits(AttributeLimit l) {
        long pct = Math.round(100 * l.limit());
        long whole = Math.round(l.limit());
        return List.of(switch (l.bound()) {
            case MIN -> new Limit(-1, 0, -whole, 1);
            case MAX -> new Limit(1, 0, whole, 1);
            case MIN_SHARE -> new Limit(-100, pct, 0, 100);
            case MAX_SHARE -> new Limit(100, -pct, 0, 100);
        });
    }

    public AttributeLimit limit() {
        return limit;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    protected String describe(int s, long count, int size) {
        return count + " of " + size + " have " + limit.attribute() + " " + limit.value() + "; "
                + (limit.bound().lower() ? "at least " : "at most ") + limitFor(size);
    }

    /** The rule's number for a section of this size, in words ("2", "60 % (24)"). */
    private String limitFor(int size) {
        if (!limit.bound().share()) {
            return Long.toString(Math.round(limit.limit()));
        }
        long pct = Math.round(100 * limit.limit());
        long students = limit.bound().lower() ? (pct * size + 99) / 100 : pct * size / 100;
        return pct + " % (" + students + ")";
    }

    @Override
    public List<String> conflicts() {
        List<String> out = new ArrayList<>();
        if (!hard()) {
            return out;
        }
        long have = 0;
        for (int i = 0; i < p.pupils().size(); i++) {
            have += amount(i);
        }
        int m = p.sections().size();
        int n = p.pupils().size();
        String who = have + " student" + (have == 1 ? "" : "s") + " with " + limit.attribute() + " "
                + limit.value();
        long pct = Math.round(100 * limit.limit());
        long whole = Math.round(limit.limit());
        switch (limit.bound()) {
            case MIN -> {
                if (whole * m > have) {
                    out.add(name + ": " + whole + " × " + m + " sections = " + whole * m + " > " + who);
                }
            }
            case MAX -> {
                if (have > whole * m) {
                    out.add(name + ": " + who + " > " + whole + " × " + m + " sections = " + whole * m);
                }
            }
            case MIN_SHARE -> {
                // The sections' sizes add up to n, so their shares add up to pct % of n.
                if (100 * have < pct * n) {
                    out.add(name + ": " + pct + " % of " + n + " students = " + String.format(Locale.ROOT, "%.1f",
                            pct * n / 100.0) + " > " + who);
                }
            }
            case MAX_SHARE -> {
                if (100 * have > pct * n) {
                    out.add(name + ": " + who + " > " + pct + " % of " + n + " students = "
                            + String.format(Locale.ROOT, "%.1f", pct * n / 100.0));
                }
            }
        }
        return out;
    }
}
