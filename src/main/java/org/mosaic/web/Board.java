package org.mosaic.web;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.mosaic.model.BadInputException;

/**
 * The classes a principal is editing: a formation, the current section of each student, and the locks. Lives in the
 * user's session until saved as a version; every change is re-scored by {@link SectionScorer}.
 */
public final class Board {
    private final ClassFormation formation;
    private final int[] section;
    private final Set<String> lockedStudents = new LinkedHashSet<>();
    private final Set<String> lockedSections = new LinkedHashSet<>();
    private final String solveStatus;

    public Board(ClassFormation formation, int[] section, String solveStatus) {
        if (section.length != formation.students().size()) {
            throw new IllegalArgumentException("a section for each student");
        }
        this.formation = formation;
        this.section = section.clone();
        this.solveStatus = solveStatus;
        formation.setup().locks().keySet().stream().filter(formation.index()::containsKey)
                .forEach(lockedStudents::add);
    }

    public ClassFormation formation() {
        return formation;
    }

    public String solveStatus() {
        return solveStatus;
    }

    public synchronized int[] placement() {
        return section.clone();
    }

    public synchronized SectionScorer.Score score() {
        return SectionScorer.score(formation.problem(), section);
    }

    /** Moves a student to another class and re-scores. */
    public synchronized SectionScorer.Score move(String studentId, String sectionId) {
        section[student(studentId)] = sectionIndex(sectionId);
        return score();
    }

    public synchronized boolean toggleStudentLock(String studentId) {
        student(studentId);
        return toggle(lockedStudents, studentId);
    }

    public synchronized boolean toggleSectionLock(String sectionId) {
        sectionIndex(sectionId);
        return toggle(lockedSections, sectionId);
    }

    /** True when the key is locked now. */
    private static boolean toggle(Set<String> locked, String key) {
        if (locked.remove(key)) {
            return false;
        }
        locked.add(key);
        return true;
    }

    public synchronized boolean studentLocked(String studentId) {
        return lockedStudents.contains(studentId);
    }

    public synchronized boolean sectionLocked(String sectionId) {
        return lockedSections.contains(sectionId);
    }

    /** The locks a re-solve keeps: each locked student where they are now, and everyone in a locked class. */
    public synchronized Map<String, String> locksForResolve() {
        Map<String, String> locks = new LinkedHashMap<>();
        for (int i = 0; i < section.length; i++) {
            String id = formation.students().get(i).id();
            String sec = formation.sections().get(section[i]).id();
            if (lockedStudents.contains(id) || lockedSections.contains(sec)) {
                locks.put(id, sec);
            }
        }
        return locks;
    }

    /** Student id → section id, in the students' order. */
    public synchronized Map<String, String> placementById() {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < section.length; i++) {
            out.put(formation.students().get(i).id(), formation.sections().get(section[i]).id());
        }
        return out;
    }

    /** A placement given as student id → section id, as an index per pupil of this formation. */
    public static int[] placementOf(ClassFormation f, Map<String, String> byId) {
        Map<String, Integer> sectionIndex = new HashMap<>();
        for (int s = 0; s < f.sections().size(); s++) {
            sectionIndex.put(f.sections().get(s).id(), s);
        }
        int[] out = new int[f.students().size()];
        for (int i = 0; i < out.length; i++) {
            String id = f.students().get(i).id();
            String sec = byId.get(id);
            if (sec == null) {
                throw new BadInputException("placement: student " + id + " has no section; give every student of "
                        + "the grade a section id");
            }
            Integer s = sectionIndex.get(sec);
            if (s == null) {
                throw new BadInputException("placement: section '" + sec + "' of student " + id + " is not one of "
                        + String.join(", ", sectionIndex.keySet()));
            }
            out[i] = s;
        }
        for (String id : byId.keySet()) {
            if (!f.index().containsKey(id)) {
                throw new BadInputException("placement: student " + id + " is not in this school and grade");
            }
        }
        return out;
    }

    private int student(String studentId) {
        Integer i = formation.index().get(studentId);
        if (i == null) {
            throw new BadInputException("student " + studentId + " is not in these classes");
        }
        return i;
    }

    private int sectionIndex(String sectionId) {
        for (int s = 0; s < formation.sections().size(); s++) {
            if (formation.sections().get(s).id().equals(sectionId)) {
                return s;
            }
        }
        throw new BadInputException("section '" + sectionId + "' is not one of these classes");
    }
}
