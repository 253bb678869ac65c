package org.mosaic.sections.rules;

import org.mosaic.sections.SectionProblem;

/**
 * A rule's share of the bounds, the drafts and the reasons when it sends one kind of student only to sections of one
 * kind: students with an IEP to co-taught sections (at most so many per section), English learners to sections with
 * an EL-certified teacher. The bounds and the drafts know students and sections only through these answers, so a rule
 * of this shape states them once, here.
 */
public interface PlacementShare {
    /** In force: the school asked for it and some section is of the kind. */
    boolean on();

    /** The school asked for it (the snake deal deals by it even where no section is of the kind). */
    boolean asked();

    /** Whether student i is of the kind the rule places (whether or not it is in force). */
    boolean marks(int i);

    /** Whether section s is of the kind that may take them (whether or not the rule is in force). */
    boolean opens(int s);

    /** The most of them a section of the kind may hold with z students in all. */
    int most(int z);

    /** The most of them any one section may hold, whatever its size. */
    int cap();

    /** The students.csv column that marks its students (balanced like any flag while the rule is off). */
    String column();

    /** The balance weight of that column. */
    double weight(SectionProblem.Weights w);

    /** How many students the rule places. */
    default int marked(int n) {
        int count = 0;
        for (int i = 0; i < n; i++) {
            count += marks(i) ? 1 : 0;
        }
        return count;
    }
}
