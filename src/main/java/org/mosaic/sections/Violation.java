package org.mosaic.sections;

import java.util.List;

/**
 * One broken hard rule in a class list: the rule family (as docs/sections.md and the conflict messages name it), the
 * section concerned (empty when the rule is about students, not one section), the students concerned, and the count
 * arithmetic in words ("3 of 40 have support 1; at most 1").
 */
public record Violation(String rule, String section, List<String> students, String detail) {
    public Violation {
        students = List.copyOf(students);
    }
}
