package org.mosaic.simulate;

import java.util.ArrayList;
import java.util.List;

import org.mosaic.model.Student;
import org.mosaic.sections.SectionProblem;
import org.mosaic.sections.SectionSolver;

/**
 * The one place simulate calls the sections engine (so that it can follow the engine's interface when it changes).
 * A school's grade is split into ⌈n / capacity⌉ sections at the scenario's tracking dial (or levels), balancing FRL,
 * race and gender as the engine does. The service rules (IEP co-teaching, EL-certified teachers, gifted clusters)
 * are off: the simulated rosters carry no staffing, and the model has no term for them.
 * <p>
 * {@link Mode#SEARCH} runs the engine's local search without the CP-SAT proof, for sweeps of thousands of classes;
 * {@link Mode#SOLVER} the full solve with its proof and time limit.
 */
public final class ClassFormation {
    public enum Mode { SEARCH, SOLVER }

    /** Candidate moves for the local search per class formation: a sweep forms thousands (docs/simulate.md). */
    static final long SEARCH_MOVES = 50_000;

    private final Mode mode;
    private final double dial;
    private final int levels;
    private final int capacity;
    private final double timeLimit;

    public ClassFormation(Mode mode, double dial, int levels, int capacity, double timeLimit) {
        this.mode = mode;
        this.dial = dial;
        this.levels = levels;
        this.capacity = capacity;
        this.timeLimit = timeLimit;
    }

    /** The section (0 …) of each student, given their current achievement (grade levels). */
    public int[] form(List<Student> students, double[] level, long seed) {
        int n = students.size();
        int sections = Math.max(1, (n + capacity - 1) / capacity);
        if (sections == 1) {
            return new int[n];
        }
        List<SectionProblem.Pupil> pupils = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Student s = students.get(i);
            // Tenths of a grade level: the engine's score bands and spreads work on a test-like scale.
            pupils.add(new SectionProblem.Pupil(s.id(), Math.round(level[i] * 100) / 10.0, s.frl(), s.race().code(),
                    s.gender().code(), false, false, false, false, false));
        }
        int minSize = Math.max(1, n / sections - 3);
        // Levels mode names each section's level, as the engine's rule reads them; a grade with fewer sections than
        // levels gets one level per section.
        int levelCount = levels > 1 ? Math.min(levels, sections) : 0;
        List<SectionProblem.Slot> slots = new ArrayList<>();
        for (int k = 0; k < sections; k++) {
            String levelName = levelCount > 1 ? "level-" + (Math.min(levelCount - 1, k * levelCount / sections) + 1) : "";
            slots.add(new SectionProblem.Slot("s" + (k + 1), Math.max(capacity, (n + sections - 1) / sections),
                    Math.min(minSize, capacity), false, false, levelName));
        }
        SectionProblem p = SectionProblem.builder(pupils, slots).tracking(dial).levels(levelCount)
                .rules(SectionProblem.Rules.off(n)).timeLimit(timeLimit).seed(seed).build();
        int[] placed = mode == Mode.SEARCH ? SectionSolver.localSearch(p, SEARCH_MOVES)
                : SectionSolver.solve(p).section();
        if (placed == null) {
            throw new IllegalStateException("the sections engine found no placement for " + n + " students");
        }
        return placed;
    }
}
