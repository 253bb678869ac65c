package org.mosaic.sections;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.mosaic.model.BadInputException;

/**
 * One class-formation problem: the students of one school, grade and subject (or a homeroom cohort), the sections to
 * fill, the requests and locks, and the rules. Pure data; {@link SectionSolver} solves it. Built with
 * {@link #builder}; {@link org.mosaic.sections.rules.RuleSet} turns the rules into the rule objects that check,
 * model and search them.
 *
 * @param limits     the school's own rules on counts per section ({@code section_rules} in the config)
 * @param meanWithin every section's mean score within so many points of the grade's (null: no such rule)
 */
public record SectionProblem(List<Pupil> pupils, List<Slot> sections, double tracking, int levels,
                             List<int[]> apart, List<int[]> together, Map<Integer, Integer> locks, Rules rules,
                             Weights weights, double timeLimit, int workers, long seed, List<AttributeLimit> limits,
                             MeanLimit meanWithin) {
    public SectionProblem {
        limits = limits == null ? List.of() : List.copyOf(limits);
        List<String> named = new ArrayList<>();
        limits.forEach(l -> named.add(l.attribute()));
        named.addAll(weights.custom().keySet());
        for (String column : named) {
            if (!pupils.isEmpty() && !Pupil.BUILT_IN.contains(column)
                    && pupils.stream().noneMatch(p -> p.attributes().containsKey(column))) {
                // A rule on a column nobody has would hold (or cost) nothing in silence: most likely a typo.
                throw new BadInputException("a rule or weight names '" + column + "', which is neither a column of "
                        + "students.csv (" + String.join(", ", extraColumns(pupils)) + ") nor one of "
                        + String.join(", ", Pupil.BUILT_IN));
            }
        }
    }

    /** A builder with the defaults: dial 0, no levels, no requests or locks, default rules and weights, 20 s. */
    public static Builder builder(List<Pupil> pupils, List<Slot> sections) {
        return new Builder(pupils, sections);
    }

    /** A builder holding everything of this problem, to change a part. */
    public Builder toBuilder() {
        return new Builder(pupils, sections).tracking(tracking).levels(levels).apart(apart).together(together)
                .locks(locks).rules(rules).weights(weights).timeLimit(timeLimit).workers(workers).seed(seed)
                .limits(limits).meanWithin(meanWithin);
    }

    /** The same problem at another setting of the tracking dial. */
    public SectionProblem atDial(double dial) {
        return toBuilder().tracking(dial).build();
    }

    /** The one way to make a problem: named settings instead of fourteen positional arguments. */
    public static final class Builder {
        private final List<Pupil> pupils;
        private final List<Slot> sections;
        private double tracking;
        private int levels;
        private List<int[]> apart = List.of();
        private List<int[]> together = List.of();
        private Map<Integer, Integer> locks = Map.of();
        private Rules rules = Rules.defaults();
        private Weights weights = Weights.defaults();
        private double timeLimit = 20;
        private int workers = 1;
        private long seed = 1;
        private List<AttributeLimit> limits = List.of();
        private MeanLimit meanWithin;

        private Builder(List<Pupil> pupils, List<Slot> sections) {
            this.pupils = pupils;
            this.sections = sections;
        }

        public Builder tracking(double v) {
            tracking = v;
            return this;
        }

        public Builder levels(int v) {
            levels = v;
            return this;
        }

        public Builder apart(List<int[]> v) {
            apart = v;
            return this;
        }

        public Builder together(List<int[]> v) {
            together = v;
            return this;
        }

        public Builder locks(Map<Integer, Integer> v) {
            locks = v;
            return this;
        }

        public Builder rules(Rules v) {
            rules = v;
            return this;
        }

        public Builder weights(Weights v) {
            weights = v;
            return this;
        }

        public Builder timeLimit(double v) {
            timeLimit = v;
            return this;
        }

        public Builder workers(int v) {
            workers = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder limits(List<AttributeLimit> v) {
            limits = v;
            return this;
        }

        public Builder meanWithin(MeanLimit v) {
            meanWithin = v;
            return this;
        }

        public SectionProblem build() {
            return new SectionProblem(pupils, sections, tracking, levels, apart, together, locks, rules, weights,
                    timeLimit, workers, seed, limits, meanWithin);
        }
    }

    /**
     * A student as the solver sees them. {@code accelerated}: from the grade below, placed up (flagged).
     * {@code attributes}: the extra columns of students.csv, for the school's own rules and balance weights.
     */
    public record Pupil(String id, double score, boolean frl, String race, String gender, boolean ell, boolean iep,
                        boolean gifted, boolean behavior, boolean accelerated, Map<String, String> attributes) {
        public Pupil {
            attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        }

        public Pupil(String id, double score, boolean frl, String race, String gender, boolean ell, boolean iep,
                     boolean gifted, boolean behavior, boolean accelerated) {
            this(id, score, frl, race, gender, ell, iep, gifted, behavior, accelerated, Map.of());
        }

        /** The names a rule may use for the built-in columns; any other name is an extra column. */
        public static final List<String> BUILT_IN = List.of("gender", "race", "frl", "ell", "iep", "gifted",
                "behavior", "accelerated");

        /**
         * The value of an attribute as a rule compares it: flags as "1" or "0", gender and race as their codes, an
         * extra column as written (empty when the student has none).
         */
        public String attribute(String name) {
            return switch (name) {
                case "gender" -> gender;
                case "race" -> race;
                case "frl" -> frl ? "1" : "0";
                case "ell" -> ell ? "1" : "0";
                case "iep" -> iep ? "1" : "0";
                case "gifted" -> gifted ? "1" : "0";
                case "behavior" -> behavior ? "1" : "0";
                case "accelerated" -> accelerated ? "1" : "0";
                default -> attributes.getOrDefault(name, "");
            };
        }
    }

    /** A section to fill: capacity, minimum size and the attributes that hard rules use. */
    public record Slot(String id, int capacity, int minSize, boolean coTaught, boolean ellCertified, String level) {
    }

    /**
     * Hard rules and their defaults: IEP students only in co-taught sections, at most {@code iepShare} of a section
     * and {@code iepMax} students (New York's ICT rule: 40 % and 12); English learners only with an EL-certified
     * teacher; gifted students clustered {@code giftedMin}-{@code giftedMax} per cluster section and at most
     * {@code giftedShare} of it.
     */
    public record Rules(boolean clusterIep, double iepShare, int iepMax, boolean clusterEll, boolean clusterGifted,
                        int giftedMin, int giftedMax, double giftedShare) {
        public static Rules defaults() {
            return new Rules(true, 0.40, 12, true, true, 4, 8, 0.25);
        }

        /** Every built-in rule off (simulated rosters carry no staffing). */
        public static Rules off(int students) {
            return new Rules(false, 1.0, students, false, false, 0, students, 1.0);
        }
    }

    /**
     * Relative weights of the balance terms (0 turns one off). English learners and IEP students are balanced only
     * when their clustering rule is off: clustered, they are placed by the rule instead. {@code custom}: extra
     * columns of students.csv to balance too, each of their values like a race.
     */
    public record Weights(double gender, double frl, double race, double ell, double iep, double behavior,
                          double size, Map<String, Double> custom) {
        public Weights {
            custom = custom == null ? Map.of() : Map.copyOf(custom);
        }

        public Weights(double gender, double frl, double race, double ell, double iep, double behavior, double size) {
            this(gender, frl, race, ell, iep, behavior, size, Map.of());
        }

        public static Weights defaults() {
            return new Weights(1, 1, 1, 1, 1, 1, 1);
        }
    }

    /** Which bound an {@link AttributeLimit} sets on a section. */
    public enum Bound {
        MIN("min", "at least"), MAX("max", "at most"), MIN_SHARE("min_share", "at least a share of"),
        MAX_SHARE("max_share", "at most a share of");

        /** The config key. */
        public final String key;
        final String words;

        Bound(String key, String words) {
            this.key = key;
            this.words = words;
        }

        public boolean share() {
            return this == MIN_SHARE || this == MAX_SHARE;
        }

        public boolean lower() {
            return this == MIN || this == MIN_SHARE;
        }
    }

    /**
     * A school's rule on one attribute, per section: students whose {@code attribute} is {@code value} number at
     * least or at most {@code limit} (a count, or a share of the section from 0 to 1). {@code weight} 0: hard, the
     * classes must keep it; above 0: soft, each student beyond the limit costs the weight in the objective.
     */
    public record AttributeLimit(String attribute, String value, Bound bound, double limit, double weight) {
        public AttributeLimit {
            attribute = attribute.toLowerCase(Locale.ROOT);
            value = normalized(value);
        }

        public boolean hard() {
            return weight == 0;
        }

        /** Whether a student's value of the attribute is this rule's value (flags read 1/true/yes alike). */
        public boolean matches(Pupil p) {
            return normalized(p.attribute(attribute)).equals(value);
        }

        /** The rule as a principal would say it, which names it in violations and conflicts. */
        public String name() {
            String amount = bound.share() ? Math.round(100 * limit) + " %" : Long.toString(Math.round(limit));
            return attribute + " " + value + ": " + bound.words.replace(" a share of", "") + " " + amount
                    + " per section" + (hard() ? "" : " (soft)");
        }

        /** Lower case, and the ways of writing a flag as 1 or 0, so "TRUE", "yes" and "1" match alike. */
        public static String normalized(String v) {
            String t = v == null ? "" : v.trim().toLowerCase(Locale.ROOT);
            return switch (t) {
                case "true", "yes", "y" -> "1";
                case "false", "no", "n" -> "0";
                default -> t;
            };
        }
    }

    /**
     * Every section's mean score within {@code points} of the grade's mean; {@code weight} 0: hard, above 0: soft,
     * each student-point outside the band costs the weight.
     */
    public record MeanLimit(double points, double weight) {
        public boolean hard() {
            return weight == 0;
        }

        public String name() {
            return "section means within " + (points == Math.rint(points) ? Long.toString((long) points)
                    : Double.toString(points)) + " points of the grade mean" + (hard() ? "" : " (soft)");
        }
    }

    /** Helper for callers that index students: id → position. */
    public Map<String, Integer> indexById() {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < pupils.size(); i++) {
            index.put(pupils.get(i).id(), i);
        }
        return index;
    }

    /** The attribute columns the pupils carry beyond the built-ins. */
    static List<String> extraColumns(List<Pupil> pupils) {
        Map<String, Boolean> seen = new LinkedHashMap<>();
        pupils.forEach(p -> p.attributes().keySet().forEach(k -> seen.put(k, true)));
        return new ArrayList<>(seen.keySet());
    }
}
