package org.mosaic.web;

import java.util.Map;

import org.mosaic.sections.SectionProblem;

/**
 * What a principal chooses before forming classes: grade, subject, the sections (those in the data, or
 * {@code count} × {@code capacity} with the CLI's automatic co-taught and EL-certified counts unless given), the
 * rules, the tracking dial, the solver's time limit and seed, and the locks (student id → section id).
 */
public record ClassSetup(String schoolId, int grade, String subject, boolean sectionsFromData, int count,
                         int capacity, int coTaught, int ellCertified, double tracking, SectionProblem.Rules rules,
                         double timeLimit, long seed, Map<String, String> locks) {

    public ClassSetup withLocks(Map<String, String> newLocks) {
        return new ClassSetup(schoolId, grade, subject, sectionsFromData, count, capacity, coTaught, ellCertified,
                tracking, rules, timeLimit, seed, Map.copyOf(newLocks));
    }

    public ClassSetup withTracking(double dial) {
        return new ClassSetup(schoolId, grade, subject, sectionsFromData, count, capacity, coTaught, ellCertified,
                dial, rules, timeLimit, seed, locks);
    }
}
