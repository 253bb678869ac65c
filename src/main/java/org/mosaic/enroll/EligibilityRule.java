package org.mosaic.enroll;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import org.mosaic.model.Student;

/**
 * Who may take a reserved seat, in a small rule language a policy file can hold: comparisons
 * {@code field op value} joined by {@code and} / {@code or} ({@code and} binds tighter). Fields: frl, ell, iep,
 * gifted (0/1), ses_tier (0-4), race, gender, zone, tract. Operators: = != < <= > >= and {@code in [a, b]}.
 * Examples: {@code frl = 1}, {@code ses_tier = 2}, {@code race in [black, hispanic] and frl = 1}, {@code any}.
 */
public final class EligibilityRule implements Predicate<Student> {
    private static final List<String> FIELDS = List.of("frl", "ell", "iep", "gifted", "ses_tier", "race", "gender",
            "zone", "tract");
    private final String text;
    private final List<List<Predicate<Student>>> anyOfAll;

    private EligibilityRule(String text, List<List<Predicate<Student>>> anyOfAll) {
        this.text = text;
        this.anyOfAll = anyOfAll;
    }

    public static final EligibilityRule ANY = new EligibilityRule("any", List.of(List.of(s -> true)));

    /** Parses a rule; throws IllegalArgumentException with a message that says what is allowed. */
    public static EligibilityRule parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty() || t.equalsIgnoreCase("any")) {
            return ANY;
        }
        List<List<Predicate<Student>>> ors = new ArrayList<>();
        for (String orPart : t.split("(?i)\\s+or\\s+")) {
            List<Predicate<Student>> ands = new ArrayList<>();
            for (String cmp : orPart.split("(?i)\\s+and\\s+")) {
                ands.add(comparison(cmp.trim(), t));
            }
            ors.add(ands);
        }
        return new EligibilityRule(t, ors);
    }

    private static Predicate<Student> comparison(String cmp, String whole) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "([a-z_]+)\\s*(<=|>=|!=|=|<|>|\\bin\\b)\\s*(.+)", java.util.regex.Pattern.CASE_INSENSITIVE)
                .matcher(cmp);
        if (!m.matches()) {
            throw new IllegalArgumentException("cannot read '" + cmp + "' in rule '" + whole + "'; write field op "
                    + "value, e.g. frl = 1 or race in [black, hispanic]");
        }
        String field = m.group(1).toLowerCase(Locale.ROOT);
        String op = m.group(2).toLowerCase(Locale.ROOT);
        String value = m.group(3).trim();
        if (!FIELDS.contains(field)) {
            throw new IllegalArgumentException("unknown field '" + field + "' in rule '" + whole + "'; fields are "
                    + String.join(", ", FIELDS));
        }
        if (op.equals("in")) {
            if (!value.startsWith("[") || !value.endsWith("]")) {
                throw new IllegalArgumentException("'in' takes a list in brackets, e.g. race in [black, hispanic]");
            }
            List<String> values = new ArrayList<>();
            for (String v : value.substring(1, value.length() - 1).split(",")) {
                values.add(v.trim().toLowerCase(Locale.ROOT));
            }
            return s -> values.contains(fieldText(s, field));
        }
        boolean numeric = !List.of("race", "gender", "zone", "tract").contains(field);
        if (numeric) {
            double v;
            try {
                v = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + field + "' compares with a number, not '" + value + "'");
            }
            return s -> compare(fieldNumber(s, field), op, v);
        }
        if (!op.equals("=") && !op.equals("!=")) {
            throw new IllegalArgumentException("'" + field + "' takes = or != or in, not " + op);
        }
        String v = value.toLowerCase(Locale.ROOT);
        return op.equals("=") ? s -> fieldText(s, field).equals(v) : s -> !fieldText(s, field).equals(v);
    }

    private static boolean compare(double a, String op, double b) {
        switch (op) {
            case "=": return a == b;
            case "!=": return a != b;
            case "<": return a < b;
            case "<=": return a <= b;
            case ">": return a > b;
            default: return a >= b;
        }
    }

    private static double fieldNumber(Student s, String field) {
        switch (field) {
            case "frl": return s.frl() ? 1 : 0;
            case "ell": return s.ell() ? 1 : 0;
            case "iep": return s.iep() ? 1 : 0;
            case "gifted": return s.gifted() ? 1 : 0;
            default: return s.sesTier();
        }
    }

    private static String fieldText(Student s, String field) {
        switch (field) {
            case "race": return s.race().code();
            case "gender": return s.gender().code();
            case "zone": return s.zone().toLowerCase(Locale.ROOT);
            case "tract": return s.tract().toLowerCase(Locale.ROOT);
            default: return Long.toString(Math.round(fieldNumber(s, field)));
        }
    }

    @Override
    public boolean test(Student s) {
        for (List<Predicate<Student>> all : anyOfAll) {
            boolean ok = true;
            for (Predicate<Student> p : all) {
                ok &= p.test(s);
            }
            if (ok) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }
}
