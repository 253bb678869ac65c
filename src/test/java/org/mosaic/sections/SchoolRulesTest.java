package org.mosaic.sections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosaic.config.SectionsConfigText;
import org.mosaic.io.StrictConfig;
import org.mosaic.model.BadInputException;
import org.mosaic.sections.SectionProblem.AttributeLimit;
import org.mosaic.sections.SectionProblem.Bound;
import org.mosaic.sections.SectionProblem.MeanLimit;

/**
 * The school's own rules ({@code section_rules}, {@code mean_within}) on tiny schools where each binds: tracked
 * classes (dial 1) without the rule break it, as the oracle below judges, and the solver's classes with it keep it.
 * The oracle reads the rule's words directly (counts and means in doubles from the raw pupils) and shares no code
 * with the rule package.
 */
class SchoolRulesTest {
    @TempDir
    Path tmp;

    /** n pupils scoring 100, 101, ... with the extra columns {@code extra(i)} gives. */
    static List<SectionProblem.Pupil> pupils(int n, IntFunction<Map<String, String>> extra) {
        List<SectionProblem.Pupil> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new SectionProblem.Pupil("p" + i, 100 + i, false, "white", i % 2 == 0 ? "male" : "female", false,
                    false, false, false, false, extra.apply(i)));
        }
        return out;
    }

    static List<SectionProblem.Slot> slots(int m, int cap, int min) {
        List<SectionProblem.Slot> out = new ArrayList<>();
        for (int s = 0; s < m; s++) {
            out.add(new SectionProblem.Slot("s" + s, cap, min, false, false, ""));
        }
        return out;
    }

    /**
     * The oracle: the rules a placement breaks, by the config's words. A count rule counts students whose column
     * reads the value (flags 1/true alike); a share compares with the share times the section's size; mean_within
     * compares each section's mean with the grade's mean.
     */
    static List<String> broken(SectionProblem p, int[] section) {
        List<String> out = new ArrayList<>();
        int m = p.sections().size();
        for (AttributeLimit l : p.limits()) {
            if (!l.hard()) {
                continue;
            }
            for (int s = 0; s < m; s++) {
                int size = 0;
                int count = 0;
                for (int i = 0; i < section.length; i++) {
                    if (section[i] == s) {
                        size++;
                        String v = p.pupils().get(i).attribute(l.attribute()).trim().toLowerCase();
                        v = v.equals("true") || v.equals("yes") ? "1" : v;
                        count += v.equals(l.value()) ? 1 : 0;
                    }
                }
                boolean ok = switch (l.bound()) {
                    case MIN -> count >= l.limit();
                    case MAX -> count <= l.limit();
                    case MIN_SHARE -> count >= l.limit() * size - 1e-9;
                    case MAX_SHARE -> count <= l.limit() * size + 1e-9;
                };
                if (!ok) {
                    out.add(l.attribute() + " " + l.bound() + " in s" + s + ": " + count + " of " + size);
                }
            }
        }
        MeanLimit mean = p.meanWithin();
        if (mean != null && mean.hard()) {
            double grade = p.pupils().stream().mapToDouble(SectionProblem.Pupil::score).average().orElse(0);
            for (int s = 0; s < m; s++) {
                double sum = 0;
                int size = 0;
                for (int i = 0; i < section.length; i++) {
                    if (section[i] == s) {
                        sum += p.pupils().get(i).score();
                        size++;
                    }
                }
                if (size > 0 && Math.abs(sum / size - grade) > mean.points() + 1e-9) {
                    out.add("mean of s" + s + ": " + sum / size + " vs " + grade);
                }
            }
        }
        return out;
    }

    static SectionProblem tracked(List<SectionProblem.Pupil> pupils, List<SectionProblem.Slot> slots) {
        return SectionProblem.builder(pupils, slots).tracking(1).timeLimit(1).seed(3).build();
    }

    /** Tracked classes without the rule break it; with it, the solver's classes keep it and claim honestly. */
    static int[] bindsAndHolds(SectionProblem without, SectionProblem with) {
        int[] free = SectionSolver.solve(without).section();
        assertThat(broken(with, free)).as("without the rule its classes break it").isNotEmpty();
        SectionSolver.Solution kept = SectionSolver.solve(with);
        assertThat(broken(with, kept.section())).as("with the rule").isEmpty();
        assertThat(kept.status()).isIn("OPTIMAL", "FEASIBLE");
        return kept.section();
    }

    @Test
    void aMaximumOnAnExtraColumnSpreadsTheStudentsItCounts() {
        // The six lowest scorers need support; tracked, they share the lowest band.
        SectionProblem without = tracked(pupils(24, i -> Map.of("support", i < 6 ? "1" : "0")), slots(3, 8, 8));
        SectionProblem with = without.toBuilder()
                .limits(List.of(new AttributeLimit("support", "1", Bound.MAX, 2, 0))).build();
        bindsAndHolds(without, with);
    }

    @Test
    void aMinimumGivesEverySectionItsLeaders() {
        SectionProblem without = tracked(pupils(24, i -> Map.of("leader", i >= 18 ? "yes" : "no")), slots(3, 8, 8));
        SectionProblem with = without.toBuilder()
                .limits(List.of(new AttributeLimit("leader", "1", Bound.MIN, 2, 0))).build();
        bindsAndHolds(without, with);
    }

    @Test
    void aMaximumShareCapsABuiltInColumn() {
        // The lowest 15 are boys here (gender by extra rule on the built-in column); tracked, one class is all boys.
        List<SectionProblem.Pupil> kids = new ArrayList<>();
        for (SectionProblem.Pupil p : pupils(30, i -> Map.of())) {
            int i = kids.size();
            kids.add(new SectionProblem.Pupil(p.id(), p.score(), false, "white", i < 15 ? "male" : "female", false,
                    false, false, false, false));
        }
        SectionProblem without = tracked(kids, slots(3, 10, 10));
        SectionProblem with = without.toBuilder()
                .limits(List.of(new AttributeLimit("gender", "male", Bound.MAX_SHARE, 0.6, 0))).build();
        bindsAndHolds(without, with);
    }

    @Test
    void aMinimumShareNeedsItsStudentsInEverySection() {
        SectionProblem without = tracked(pupils(30, i -> Map.of("band", i >= 21 ? "top" : "rest")), slots(3, 10, 10));
        SectionProblem with = without.toBuilder()
                .limits(List.of(new AttributeLimit("band", "top", Bound.MIN_SHARE, 0.2, 0))).build();
        bindsAndHolds(without, with);
    }

    @Test
    void meanWithinKeepsEverySectionMeanNearTheGrades() {
        // Tracked bands of 100-129 have means 104.5, 114.5 and 124.5 against 114.5 for the grade.
        SectionProblem without = tracked(pupils(30, i -> Map.of()), slots(3, 11, 9));
        SectionProblem with = without.toBuilder().meanWithin(new MeanLimit(3, 0)).build();
        int[] kept = bindsAndHolds(without, with);
        // Section sizes vary (9 to 11), and the rule is on means, not totals.
        assertThat(kept).hasSize(30);
    }

    @Test
    void aSoftRuleCostsItsWeightPerStudentInTheSolverAndTheEvaluatorAlike() {
        SectionProblem plain = tracked(pupils(24, i -> Map.of("support", i < 6 ? "1" : "0")), slots(3, 8, 8));
        SectionProblem soft = plain.toBuilder()
                .limits(List.of(new AttributeLimit("support", "1", Bound.MAX, 2, 1))).build();
        int[] bands = new int[24];
        for (int i = 0; i < 24; i++) {
            bands[i] = i / 8;
        }
        // Six in one section: four beyond the cap of two, each at weight 1 (K / n per student).
        long perStudent = Math.round(1e8 / 24);
        assertThat(SectionSolver.objectiveTerms(soft, bands).get("rules")).isEqualTo(4 * perStudent);
        assertThat(SectionSolver.objectiveTerms(plain, bands).get("rules")).isZero();
        SectionEvaluator ev = SectionEvaluator.of(soft, bands);
        assertThat(ev.terms()).isEqualTo(SectionSolver.objectiveTerms(soft, bands));
        ev.move(0, 1);
        ev.move(8, 0);
        assertThat(ev.terms().get("rules")).isEqualTo(3 * perStudent);
        assertThat(ev.terms()).isEqualTo(SectionSolver.objectiveTerms(soft, ev.placement()));
        // A soft rule is not a hard one: the classes that break it are still valid classes.
        assertThat(ev.violations()).isEmpty();
        // Weighted far above the spread, the solver pays for it only where it must.
        SectionProblem heavy = plain.toBuilder()
                .limits(List.of(new AttributeLimit("support", "1", Bound.MAX, 2, 50))).build();
        int[] kept = SectionSolver.solve(heavy).section();
        assertThat(broken(plain.toBuilder().limits(List.of(new AttributeLimit("support", "1", Bound.MAX, 2, 0)))
                .build(), kept)).isEmpty();
    }

    @Test
    void impossibleRulesAreExplainedByNameAndCountArithmetic() {
        SectionProblem p = SectionProblem.builder(pupils(80, i -> Map.of("leader", i < 11 ? "1" : "0")),
                slots(8, 10, 10)).limits(List.of(new AttributeLimit("leader", "1", Bound.MIN, 2, 0)))
                .timeLimit(1).build();
        assertThatThrownBy(() -> SectionSolver.solve(p)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("leader 1: at least 2 per section")
                .hasMessageContaining("2 × 8 sections = 16 > 11 students with leader 1");
        SectionProblem support = SectionProblem.builder(pupils(80, i -> Map.of("support", i < 9 ? "1" : "0")),
                slots(8, 10, 10)).limits(List.of(new AttributeLimit("support", "1", Bound.MAX, 1, 0)))
                .timeLimit(1).build();
        assertThatThrownBy(() -> SectionSolver.solve(support)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("9 students with support 1 > 1 × 8 sections = 8");
    }

    @Test
    void aRuleOnAColumnNobodyHasIsAnError() {
        assertThatThrownBy(() -> SectionProblem.builder(pupils(6, i -> Map.of("leader", "1")), slots(2, 3, 3))
                .limits(List.of(new AttributeLimit("leadr", "1", Bound.MIN, 1, 0))).build())
                .isInstanceOf(BadInputException.class).hasMessageContaining("'leadr'").hasMessageContaining("leader");
    }

    @Test
    void theConfigReadsSectionRulesMeanWithinAndWeightsOnExtraColumns() throws Exception {
        Path file = tmp.resolve("rules.yaml");
        Files.writeString(file, """
                section_rules:
                  - {attribute: gender, value: male, max: 20}
                  - {attribute: leader, value: 1, min: 2}
                  - {attribute: frl, value: 1, max_share: 0.6, weight: 2}
                mean_within: 10
                weights: {leader: 3}
                """);
        SectionConfig c = SectionsConfigText.read(StrictConfig.read(file));
        assertThat(c.limits()).containsExactly(new AttributeLimit("gender", "male", Bound.MAX, 20, 0),
                new AttributeLimit("leader", "1", Bound.MIN, 2, 0),
                new AttributeLimit("frl", "1", Bound.MAX_SHARE, 0.6, 2));
        assertThat(c.meanWithin()).isEqualTo(new MeanLimit(10, 0));
        assertThat(c.weights().custom()).containsEntry("leader", 3.0);
        Files.writeString(file, "mean_within: {points: 5, weight: 1}\nsection_rules: [{attribute: x, value: 1}]\n");
        assertThatThrownBy(() -> SectionsConfigText.read(StrictConfig.read(file))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("one of min, max, min_share, max_share");
    }

    @Test
    void theTextbookGradeSolvesWithEveryRuleHeld() {
        // 318 students into 8 classes of 39-40: at most 20 boys and 20 girls, at least 2 leaders, at most 1 student
        // needing support, every mean within 10 points of the grade's, three pairs kept apart.
        SplittableRandom r = new SplittableRandom(2024);
        List<SectionProblem.Pupil> kids = new ArrayList<>();
        for (int i = 0; i < 318; i++) {
            double score = Math.round(Math.max(0, Math.min(100, 65 + 15 * r.nextGaussian())));
            boolean boy = i < 159;
            kids.add(new SectionProblem.Pupil("s" + i, score, false, "white", boy ? "male" : "female", false, false,
                    false, false, false, Map.of("leader", r.nextInt(10) < 1 ? "1" : "0",
                    "support", i % 40 == 7 ? "1" : "0")));
        }
        List<SectionProblem.Slot> slots = slots(8, 40, 39);
        SectionProblem p = SectionProblem.builder(kids, slots).tracking(0).timeLimit(2).seed(1)
                .rules(SectionProblem.Rules.off(318))
                .apart(List.of(new int[] {0, 1}, new int[] {2, 3}, new int[] {4, 5}))
                .limits(List.of(new AttributeLimit("gender", "male", Bound.MAX, 20, 0),
                        new AttributeLimit("gender", "female", Bound.MAX, 20, 0),
                        new AttributeLimit("leader", "1", Bound.MIN, 2, 0),
                        new AttributeLimit("support", "1", Bound.MAX, 1, 0)))
                .meanWithin(new MeanLimit(10, 0)).build();
        SectionSolver.Solution s = SectionSolver.solve(p);
        assertThat(s.status()).isIn("OPTIMAL", "FEASIBLE");
        assertThat(broken(p, s.section())).isEmpty();
        int[] size = new int[8];
        for (int x : s.section()) {
            size[x]++;
        }
        assertThat(java.util.Arrays.stream(size).boxed().toList()).allMatch(z -> z == 39 || z == 40);
        for (int[] pair : p.apart()) {
            assertThat(s.section()[pair[0]]).isNotEqualTo(s.section()[pair[1]]);
        }
    }
}
