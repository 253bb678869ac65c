package org.mosaic.web;

import java.util.List;

import org.mosaic.model.Dataset;
import org.mosaic.model.School;
import org.mosaic.model.Section;
import org.mosaic.model.Student;
import org.mosaic.store.WebRole;
import org.mosaic.store.WebUser;

/**
 * Who may see and do what (the matrix in docs/web.md). Every page and API handler asks here before it reads a
 * school's data, so a URL or API call naming another school gets 403 whatever route it takes.
 */
public final class Access {
    private Access() {
    }

    /** Admins see every school; everyone else only their own. */
    public static boolean seesSchool(WebUser u, String schoolId) {
        return u.role() == WebRole.ADMIN || schoolId.equals(u.schoolId());
    }

    /** Admins, and principals and counselors of the school, form its classes. */
    public static boolean buildsClasses(WebUser u, String schoolId) {
        return runsSchool(u, schoolId);
    }

    /**
     * Admins, and the school's principal and counselors: they see the school as a whole (its dashboard, its groups,
     * its enrollment results); a teacher sees only their own section.
     */
    public static boolean runsSchool(WebUser u, String schoolId) {
        return u.role() == WebRole.ADMIN || u.role().runsASchool() && schoolId.equals(u.schoolId());
    }

    /**
     * Names are shown only to the school's own staff: its principal and counselors, and a teacher for their own
     * students. A district admin works with ids.
     */
    public static boolean seesNames(WebUser u, String schoolId) {
        return u.role() != WebRole.ADMIN && schoolId.equals(u.schoolId());
    }

    public static List<School> schools(WebUser u, Dataset d) {
        return d.schools().stream().filter(s -> seesSchool(u, s.id())).toList();
    }

    /** A school's students the user may see: all of them, or for a teacher those on their section's roster. */
    public static List<Student> students(WebUser u, Dataset d, String schoolId) {
        List<Student> all = d.students().stream().filter(s -> s.schoolId().equals(schoolId)).toList();
        if (u.role() != WebRole.TEACHER) {
            return all;
        }
        java.util.Set<String> mine = new java.util.HashSet<>(d.roster(u.sectionId()));
        return all.stream().filter(s -> mine.contains(s.id())).toList();
    }

    /** A school's sections the user may see: all of them, or for a teacher their own. */
    public static List<Section> sections(WebUser u, Dataset d, String schoolId) {
        return d.sections().stream().filter(s -> s.schoolId().equals(schoolId))
                .filter(s -> u.role() != WebRole.TEACHER || s.id().equals(u.sectionId())).toList();
    }
}
