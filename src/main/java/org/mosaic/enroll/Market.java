package org.mosaic.enroll;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.mosaic.model.BadInputException;
import org.mosaic.model.Choice;
import org.mosaic.model.Dataset;
import org.mosaic.model.Priority;
import org.mosaic.model.School;
import org.mosaic.model.Student;

/**
 * One grade's school-choice market in dense int form: applicants i, schools s, each applicant's ranked schools
 * {@code prefs[i]}, and aligned with it the priority class {@code prio[i][k]} (smaller wins) and lottery number
 * {@code lottery[i][k]} in [0, 1) (smaller wins) of applicant i at their k-th choice. Lottery numbers come from a
 * counter-based hash of (seed, student id, school id), so they do not depend on file order or on thread scheduling,
 * and anyone with the seed can recompute them.
 */
public final class Market {
    final int grade;
    final List<Student> students;
    final List<School> schools;
    final int[] capacity;
    final int[][] prefs;
    final int[][] prio;
    final double[][] lottery;
    final Policy policy;
    final TieBreak tieBreak;
    final long seed;
    final Map<String, Map<String, Double>> scores;
    /** Seat types of each school in precedence order; null for plain schools (one open type, priority order). */
    final Policy.SlotType[][] slots;
    final int[][] softFloor;
    final int[][] softCeiling;
    /**
     * The family's own rank number of each kept choice, aligned with {@code prefs}: a choice of a school without seats
     * in this grade is not part of the market, but the ranks stay as the family wrote them.
     */
    final int[][] writtenRank;
    /** Per applicant, the choices of schools with no seats in this grade (empty lists for most). */
    final List<List<Choice>> withoutSeats;
    /** Priority class of any applicant at any school, ranked or not: top trading cycles needs the full order. */
    final SchoolPriority anyPriority;

    /** Priority class (smaller wins) of applicant i at school s, whether or not i ranked s. */
    @FunctionalInterface
    interface SchoolPriority {
        int of(int i, int s);
    }

    private Market(int grade, List<Student> students, List<School> schools, int[] capacity, int[][] prefs,
                   int[][] prio, double[][] lottery, Policy policy, TieBreak tieBreak, long seed,
                   Map<String, Map<String, Double>> scores, SchoolPriority anyPriority, int[][] writtenRank,
                   List<List<Choice>> withoutSeats) {
        this.anyPriority = anyPriority;
        this.writtenRank = writtenRank;
        this.withoutSeats = withoutSeats;
        this.grade = grade;
        this.students = students;
        this.schools = schools;
        this.capacity = capacity;
        this.prefs = prefs;
        this.prio = prio;
        this.lottery = lottery;
        this.policy = policy;
        this.tieBreak = tieBreak;
        this.seed = seed;
        this.scores = scores;
        this.slots = new Policy.SlotType[schools.size()][];
        for (int s = 0; s < schools.size(); s++) {
            List<Policy.SlotType> types = policy.slotsOf(schools.get(s).id());
            slots[s] = types.isEmpty() ? null : types.toArray(new Policy.SlotType[0]);
        }
        int types = policy.softBounds().size();
        softFloor = new int[schools.size()][types];
        softCeiling = new int[schools.size()][types];
        if (types > 0) {
            double[] share = new double[types];
            for (Student st : students) {
                int t = softType(st);
                if (t >= 0) {
                    share[t]++;
                }
            }
            for (int t = 0; t < types; t++) {
                Policy.SoftBound b = policy.softBounds().get(t);
                double districtShare = students.isEmpty() ? 0 : share[t] / students.size();
                double floor = b.floor() >= 0 ? b.floor() : Math.max(0, districtShare - b.band());
                double ceiling = b.ceiling() >= 0 ? b.ceiling() : Math.min(1, districtShare + b.band());
                for (int s = 0; s < schools.size(); s++) {
                    softFloor[s][t] = (int) Math.floor(floor * capacity[s] + 1e-9);
                    softCeiling[s][t] = (int) Math.ceil(ceiling * capacity[s] - 1e-9);
                }
            }
        }
    }

    /** The applicants of one grade: students with rows in choices.csv whose grade is {@code grade}. */
    public static Market of(Dataset data, int grade, Policy policy, TieBreak tieBreak, long seed) {
        Map<String, Student> byId = data.district().studentsById();
        Map<String, School> schoolsById = data.district().schoolsById();
        Map<String, List<Choice>> choicesOf = new LinkedHashMap<>();
        for (Choice c : data.choices()) {
            Student s = byId.get(c.studentId());
            if (s != null && s.grade() == grade) {
                choicesOf.computeIfAbsent(c.studentId(), k -> new ArrayList<>()).add(c);
            }
        }
        List<String> ids = new ArrayList<>(choicesOf.keySet());
        ids.sort(Comparator.naturalOrder());
        List<Student> students = new ArrayList<>(ids.size());
        Map<String, Integer> schoolIndex = new LinkedHashMap<>();
        List<School> schools = new ArrayList<>();
        for (School s : data.schools()) {
            if (s.capacity(grade) > 0) {
                schoolIndex.put(s.id(), schools.size());
                schools.add(s);
            }
        }
        Map<String, Integer> filePriority = new HashMap<>();
        for (Priority p : data.priorities()) {
            filePriority.merge(p.studentId() + '\u0000' + p.schoolId(), p.priority(), Math::min);
        }
        List<EligibilityRule> ruleTests = new ArrayList<>();
        for (Policy.PriorityRule r : policy.priorityRules()) {
            String w = r.when().trim().toLowerCase(java.util.Locale.ROOT);
            ruleTests.add(BUILT_IN_RULES.contains(w) ? null : EligibilityRule.parse(r.when()));
        }
        // Siblings: the model has no family links, so a household is a family name at one home address; a sibling
        // is another student of that household enrolled at the school. Files that know siblings can instead give
        // the class directly in priorities.csv.
        Map<String, Map<String, Integer>> householdSchools = new HashMap<>();
        for (Student st : data.students()) {
            if (!st.familyName().isEmpty() && !st.schoolId().isEmpty()) {
                householdSchools.computeIfAbsent(household(st), k -> new HashMap<>()).merge(st.schoolId(), 1,
                        Integer::sum);
            }
        }
        int[][] prefs = new int[ids.size()][];
        int[][] prio = new int[ids.size()][];
        double[][] lottery = new double[ids.size()][];
        int[][] writtenRank = new int[ids.size()][];
        List<List<Choice>> withoutSeats = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            Student st = byId.get(ids.get(i));
            students.add(st);
            List<Choice> list = choicesOf.get(ids.get(i));
            list.sort(Comparator.comparingInt(Choice::rank));
            List<Integer> ranked = new ArrayList<>();
            List<Integer> written = new ArrayList<>();
            List<Choice> none = new ArrayList<>(0);
            for (Choice c : list) {
                Integer s = schoolIndex.get(c.schoolId());
                if (s == null) {
                    // validate rejects schools that do not serve the grade; one that does but has no seats this
                    // year stays in the family's list, and its reason says so.
                    none.add(c);
                    continue;
                }
                ranked.add(s);
                written.add(c.rank());
            }
            withoutSeats.add(none.isEmpty() ? List.of() : List.copyOf(none));
            writtenRank[i] = written.stream().mapToInt(Integer::intValue).toArray();
            prefs[i] = ranked.stream().mapToInt(Integer::intValue).toArray();
            prio[i] = new int[prefs[i].length];
            lottery[i] = new double[prefs[i].length];
            for (int k = 0; k < prefs[i].length; k++) {
                School school = schools.get(prefs[i][k]);
                prio[i][k] = priorityOf(st, school, policy, ruleTests, filePriority, householdSchools);
                lottery[i][k] = tieBreak == TieBreak.SINGLE ? lotteryNumber(seed, st.id(), "")
                        : lotteryNumber(seed, st.id(), school.id());
            }
        }
        Map<String, Map<String, Double>> scores = new HashMap<>();
        for (Policy.SlotType t : allSlotTypes(policy)) {
            if (t.order().kind().equals("score") && !scores.containsKey(t.order().subject())) {
                scores.put(t.order().subject(), data.latestScores(t.order().subject()));
            }
        }
        int[] capacity = new int[schools.size()];
        for (int s = 0; s < schools.size(); s++) {
            capacity[s] = schools.get(s).capacity(grade);
        }
        SchoolPriority any = (i, s) -> priorityOf(students.get(i), schools.get(s), policy, ruleTests, filePriority,
                householdSchools);
        return new Market(grade, students, schools, capacity, prefs, prio, lottery, policy, tieBreak, seed, scores,
                any, writtenRank, withoutSeats);
    }

    /** The smallest class of every matching rule and file row, else {@link Policy#NO_PRIORITY}. */
    private static int priorityOf(Student st, School school, Policy policy, List<EligibilityRule> ruleTests,
                                  Map<String, Integer> filePriority,
                                  Map<String, Map<String, Integer>> householdSchools) {
        int p = filePriority.getOrDefault(st.id() + '\u0000' + school.id(), Policy.NO_PRIORITY);
        for (int r = 0; r < policy.priorityRules().size(); r++) {
            Policy.PriorityRule rule = policy.priorityRules().get(r);
            String w = rule.when().trim().toLowerCase(java.util.Locale.ROOT);
            boolean match = w.equals("zone") ? !st.zone().isEmpty() && st.zone().equals(school.zone())
                    : w.equals("current_school") ? st.schoolId().equals(school.id())
                    : w.equals("sibling") ? hasSibling(st, school.id(), householdSchools)
                    : ruleTests.get(r).test(st);
            if (match) {
                p = Math.min(p, rule.priority());
            }
        }
        return p;
    }

    static final List<String> BUILT_IN_RULES = List.of("zone", "current_school", "sibling");

    private static String household(Student st) {
        return st.familyName().toLowerCase(java.util.Locale.ROOT) + '\u0000' + st.home().x() + '\u0000' + st.home().y();
    }

    /** Another student of the same household (family name and home) is enrolled at the school. */
    static boolean hasSibling(Student st, String schoolId, Map<String, Map<String, Integer>> householdSchools) {
        if (st.familyName().isEmpty()) {
            return false;
        }
        int enrolled = householdSchools.getOrDefault(household(st), Map.of()).getOrDefault(schoolId, 0);
        // The applicant may be enrolled there already (a continuing student): count only the others.
        return enrolled - (st.schoolId().equals(schoolId) ? 1 : 0) > 0;
    }

    /**
     * A market given directly (tests, benchmarks): prefs and, aligned with them, priorities as arrays. Applicants have
     * no priority at schools they did not rank.
     */
    public static Market of(List<Student> students, List<School> schools, int grade, int[][] prefs, int[][] prio,
                            Policy policy, TieBreak tieBreak, long seed) {
        return of(students, schools, grade, prefs, prio, policy, tieBreak, seed, (i, s) -> Policy.NO_PRIORITY);
    }

    /**
     * A market given directly with every applicant's priority class at every school, {@code priority[i][s]}, ranked
     * or not (tests of top trading cycles, where a school's priority over a student who did not rank it matters).
     */
    public static Market withFullPriorities(List<Student> students, List<School> schools, int grade, int[][] prefs,
                                            int[][] priority, Policy policy, TieBreak tieBreak, long seed) {
        int[][] prio = new int[prefs.length][];
        for (int i = 0; i < prefs.length; i++) {
            prio[i] = new int[prefs[i].length];
            for (int k = 0; k < prefs[i].length; k++) {
                prio[i][k] = priority[i][prefs[i][k]];
            }
        }
        return of(students, schools, grade, prefs, prio, policy, tieBreak, seed, (i, s) -> priority[i][s]);
    }

    private static Market of(List<Student> students, List<School> schools, int grade, int[][] prefs, int[][] prio,
                             Policy policy, TieBreak tieBreak, long seed, SchoolPriority unranked) {
        double[][] lottery = new double[prefs.length][];
        int[] capacity = new int[schools.size()];
        for (int s = 0; s < schools.size(); s++) {
            capacity[s] = schools.get(s).capacity(grade);
        }
        for (int i = 0; i < prefs.length; i++) {
            lottery[i] = new double[prefs[i].length];
            for (int k = 0; k < prefs[i].length; k++) {
                lottery[i][k] = tieBreak == TieBreak.SINGLE ? lotteryNumber(seed, students.get(i).id(), "")
                        : lotteryNumber(seed, students.get(i).id(), schools.get(prefs[i][k]).id());
            }
        }
        SchoolPriority any = (i, s) -> {
            for (int k = 0; k < prefs[i].length; k++) {
                if (prefs[i][k] == s) {
                    return prio[i][k];
                }
            }
            return unranked.of(i, s);
        };
        int[][] writtenRank = new int[prefs.length][];
        List<List<Choice>> withoutSeats = new ArrayList<>(prefs.length);
        for (int i = 0; i < prefs.length; i++) {
            writtenRank[i] = java.util.stream.IntStream.rangeClosed(1, prefs[i].length).toArray();
            withoutSeats.add(List.of());
        }
        return new Market(grade, students, schools, capacity, prefs, prio, lottery, policy, tieBreak, seed,
                Map.of(), any, writtenRank, withoutSeats);
    }

    /** The same market with another lottery seed (admission-probability draws). */
    public Market withSeed(long newSeed) {
        double[][] lot = new double[prefs.length][];
        for (int i = 0; i < prefs.length; i++) {
            lot[i] = new double[prefs[i].length];
            for (int k = 0; k < prefs[i].length; k++) {
                lot[i][k] = tieBreak == TieBreak.SINGLE ? lotteryNumber(newSeed, students.get(i).id(), "")
                        : lotteryNumber(newSeed, students.get(i).id(), schools.get(prefs[i][k]).id());
            }
        }
        return new Market(grade, students, schools, capacity, prefs, prio, lot, policy, tieBreak, newSeed, scores,
                anyPriority, writtenRank, withoutSeats);
    }

    private static List<Policy.SlotType> allSlotTypes(Policy p) {
        List<Policy.SlotType> all = new ArrayList<>(p.slots());
        p.schoolSlots().values().forEach(all::addAll);
        return all;
    }

    /**
     * The lottery number of a student (at a school, for multiple tie-breaking): SplitMix64 of the seed and the ids,
     * scaled to [0, 1). Published with the seed so that any family can check its number.
     */
    public static double lotteryNumber(long seed, String studentId, String schoolId) {
        long h = seed;
        h = mix(h ^ studentId.hashCode() * 0x9E3779B97F4A7C15L);
        h = mix(h ^ fnv(studentId));
        h = mix(h ^ fnv(schoolId) * 0xBF58476D1CE4E5B9L);
        return (h >>> 28) / LOTTERY_SCALE;
    }

    private static long fnv(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    int softType(Student st) {
        List<Policy.SoftBound> b = policy.softBounds();
        for (int t = 0; t < b.size(); t++) {
            if (b.get(t).member().test(st)) {
                return t;
            }
        }
        return -1;
    }

    /** Position of school s in applicant i's list, or −1. */
    int rankOf(int i, int s) {
        int[] p = prefs[i];
        for (int k = 0; k < p.length; k++) {
            if (p[k] == s) {
                return k;
            }
        }
        return -1;
    }

    /** Score of applicant i in a subject (higher is better), or NaN. */
    double score(int i, String subject) {
        Map<String, Double> m = scores.get(subject);
        Double v = m == null ? null : m.get(students.get(i).id());
        return v == null ? Double.NaN : v;
    }

    /**
     * Each (applicant, choice) as one long that orders exactly like (priority class, lottery number, applicant
     * index): priority classes become dense ranks (at most 128 distinct), lottery numbers are 36-bit fractions by
     * construction, applicants fit in 20 bits. Null when a market exceeds those bounds (the general path is used).
     */
    long[][] packedKeys() {
        int n = students.size();
        java.util.TreeSet<Integer> classes = new java.util.TreeSet<>();
        for (int i = 0; i < n; i++) {
            for (int p : prio[i]) {
                classes.add(p);
            }
        }
        if (n >= (1 << 20) || classes.size() > 127) {
            return null;
        }
        Map<Integer, Integer> classRank = new HashMap<>();
        for (int p : classes) {
            classRank.put(p, classRank.size());
        }
        long[][] key = new long[n][];
        for (int i = 0; i < n; i++) {
            key[i] = new long[prefs[i].length];
            for (int k = 0; k < prefs[i].length; k++) {
                long lot = (long) (lottery[i][k] * LOTTERY_SCALE);
                key[i][k] = ((long) classRank.get(prio[i][k]) << 56) | (lot << 20) | i;
            }
        }
        return key;
    }

    /**
     * Every applicant in school s's priority order (priority class, then lottery number at s, then index), ranked
     * or not: the order in which a school hands out its seats as endowments in top trading cycles.
     */
    int[] priorityOrder(int s) {
        int n = students.size();
        String schoolId = tieBreak == TieBreak.SINGLE ? "" : schools.get(s).id();
        int[] p = new int[n];
        long[] lot = new long[n];
        java.util.TreeSet<Integer> classes = new java.util.TreeSet<>();
        for (int i = 0; i < n; i++) {
            int k = rankOf(i, s);
            p[i] = k >= 0 ? prio[i][k] : anyPriority.of(i, s);
            lot[i] = (long) ((k >= 0 ? lottery[i][k] : lotteryNumber(seed, students.get(i).id(), schoolId))
                    * LOTTERY_SCALE);
            classes.add(p[i]);
        }
        int[] order = new int[n];
        if (n < (1 << 20) && classes.size() <= 127) {
            int[] sortedClasses = classes.stream().mapToInt(Integer::intValue).toArray();
            long[] key = new long[n];
            for (int i = 0; i < n; i++) {
                key[i] = ((long) Arrays.binarySearch(sortedClasses, p[i]) << 56) | (lot[i] << 20) | i;
            }
            Arrays.sort(key);
            for (int r = 0; r < n; r++) {
                order[r] = (int) (key[r] & ((1L << 20) - 1));
            }
            return order;
        }
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, Comparator.<Integer>comparingInt(i -> p[i]).thenComparingLong(i -> lot[i])
                .thenComparingInt(i -> i));
        for (int r = 0; r < n; r++) {
            order[r] = boxed[r];
        }
        return order;
    }

    /** Lottery numbers are multiples of 2^-36, so they pack exactly into a sort key. */
    static final double LOTTERY_SCALE = 0x1.0p36;

    /** Position (0-based) of school s in applicant i's list, or −1. */
    public int rankOfSchool(int i, int s) {
        return rankOf(i, s);
    }

    /** The rank number the family wrote for applicant i's k-th kept choice (1 = first choice). */
    public int writtenRank(int i, int k) {
        return writtenRank[i][k];
    }

    /** Applicant i's choices of schools that have no seats in this grade, as the family ranked them. */
    public List<Choice> choicesWithoutSeats(int i) {
        return withoutSeats.get(i);
    }

    /** School index of applicant i's k-th choice. */
    public int schoolAt(int i, int k) {
        return prefs[i][k];
    }

    public int choices(int i) {
        return prefs[i].length;
    }

    /** Priority class of applicant i at their k-th choice (smaller wins; {@link Policy#NO_PRIORITY} = none). */
    public int priorityAt(int i, int k) {
        return prio[i][k];
    }

    /** Lottery number of applicant i at their k-th choice. */
    public double lotteryAt(int i, int k) {
        return lottery[i][k];
    }

    public int applicants() {
        return students.size();
    }

    public int grade() {
        return grade;
    }

    public List<School> schools() {
        return schools;
    }

    public List<Student> students() {
        return students;
    }

    public long seed() {
        return seed;
    }

    void requireSomeApplicants() {
        if (students.isEmpty()) {
            throw new BadInputException("no applicants in grade " + grade + ": choices.csv has no rows for students in"
                    + " that grade");
        }
        Objects.requireNonNull(policy);
    }
}
