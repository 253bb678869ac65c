package org.mosaic.cli;

import java.util.List;

import org.mosaic.io.report.Html;

/**
 * The words and measures the reports use, in plain words for principals, teachers and parents' advocates; every
 * report links here instead of explaining M or H on each page.
 */
final class Glossary {
    static final String FILE = "glossary.html";

    /** Term, then what it means, in the order a reader meets them in the demo. */
    static final List<List<String>> TERMS = List.of(
            List.of("FRL, frl / not_frl", "Eligible for free or reduced-price lunch, the usual measure of a family's "
                    + "low income in US schools; frl marks eligible students, not_frl the others."),
            List.of("EL, ell", "English learner: a student still learning English, who is taught by an EL-certified "
                    + "teacher."),
            List.of("IEP", "Individualized Education Program: a student with a disability whose plan calls for "
                    + "special-education support, here a co-taught class (a special and a general educator)."),
            List.of("H (Theil's H)", "How segregated students are, from 0 (every school or class has the same mix as "
                    + "the whole) to 1 (no school or class shares a group). H = 0.2 means one fifth of the "
                    + "uncertainty about a student's group is removed by knowing their school or class."),
            List.of("M (mutual information)", "The same idea as H before it is divided by the district's diversity: "
                    + "M adds up exactly over levels (between clusters + between schools + between classes), which "
                    + "is why the reports split M and H into parts."),
            List.of("ls (local segregation)", "One school's or class's share of M: how far that unit's mix is from "
                    + "the whole, weighted by its size. The units with the largest ls are where segregation lives."),
            List.of("D (dissimilarity)", "The share of one group that would have to change school for every school "
                    + "to have the same mix; 0 is even, 1 is complete separation."),
            List.of("exposure to poverty", "For a typical student of a group, the share of FRL students in their "
                    + "school or class."),
            List.of("Hedges' g", "An achievement gap in standard deviations: the difference of two groups' mean "
                    + "scores divided by their pooled spread, corrected for small groups. 0.85 is a large gap, "
                    + "about two grade levels in the middle grades."),
            List.of("V (Ho's V)", "An achievement gap in standard deviations that uses only the order of scores, "
                    + "not their scale: it does not change when a test's scale is stretched, and agrees with g when "
                    + "scores are normal."),
            List.of("SGP (student growth percentile)", "Where a student's growth falls among students who started "
                    + "from the same score: 50 is typical growth, 80 grew more than four fifths of their peers."),
            List.of("tracking dial", "0 forms mixed-ability classes that are alike; 1 forms classes by score band "
                    + "(tracking); values in between trade the two."),
            List.of("within-section SD", "The spread of scores inside a class, in scale-score points: what a teacher "
                    + "faces when aiming at the middle."),
            List.of("objective, bound, gap", "The solver's cost of the classes it found, the lowest cost any classes "
                    + "could have (proven), and how far apart they are; gap 0% means proven best."),
            List.of("OPTIMAL / FEASIBLE", "OPTIMAL: proven best under the rules. FEASIBLE: good classes that meet "
                    + "every rule, not proven best within the time limit."),
            List.of("lottery number", "A random number per applicant, reproducible from the seed; at a tie in "
                    + "priority the lower lottery number is admitted first."),
            List.of("priority", "A rank a school gives an applicant (sibling, walk zone); a smaller number is "
                    + "admitted first; none means no priority group."));

    private Glossary() {
    }

    static Html page() {
        Html h = Html.page("Glossary: the words and measures in these reports");
        h.note("The measures follow Theil (1972), Reardon & Firebaugh (2002), Ho (2009) and Betebenner (2009); the "
                + "formulas are in docs/measure.md.");
        h.table(List.of("term", "in plain words"), List.copyOf(TERMS));
        return h;
    }
}
