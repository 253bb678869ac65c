package org.mosaic.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.mosaic.model.Dataset;
import org.mosaic.model.School;
import org.mosaic.model.Section;
import org.mosaic.model.Student;
import org.mosaic.sections.SectionProblem;
import org.mosaic.store.DatasetInfo;
import org.mosaic.store.WebRole;
import org.mosaic.store.WebStore;
import org.mosaic.store.WebUser;

/**
 * What the class-builder pages and the JSON API share: the current dataset, access checks, set-ups, scoring and
 * solve jobs. Pages and API handlers are thin wrappers around these methods, so both enforce the same rules.
 */
public final class ClassBuilder {
    private final Datasets datasets;
    private final WebStore store;
    private final SolveJobs jobs;

    public ClassBuilder(Datasets datasets, WebStore store, SolveJobs jobs) {
        this.datasets = datasets;
        this.store = store;
        this.jobs = jobs;
    }

    public Datasets datasets() {
        return datasets;
    }

    public WebStore store() {
        return store;
    }

    public SolveJobs jobs() {
        return jobs;
    }

    public DatasetInfo currentInfo() {
        return datasets.current().orElseThrow(() -> new WebError(404, "no dataset is stored yet: an admin uploads "
                + "one on the Data page"));
    }

    public Dataset current() {
        return datasets.load(currentInfo().id());
    }

    /** The school, if the user may see it: 404 for an unknown id, 403 for another school's. */
    public School school(WebUser u, Dataset d, String schoolId) {
        // Access first: whether a school id exists is itself not told to users of other schools.
        if (!Access.seesSchool(u, schoolId)) {
            throw WebError.forbidden("school " + schoolId);
        }
        return d.district().school(schoolId).orElseThrow(() -> WebError.notFound("school " + schoolId));
    }

    public School schoolForBuilding(WebUser u, Dataset d, String schoolId) {
        School s = school(u, d, schoolId);
        if (!Access.buildsClasses(u, schoolId)) {
            throw WebError.forbidden("the classes of school " + schoolId);
        }
        return s;
    }

    public List<Integer> grades(Dataset d, String schoolId) {
        return new ArrayList<>(new TreeSet<>(d.students().stream().filter(s -> s.schoolId().equals(schoolId))
                .map(Student::grade).toList()));
    }

    public List<String> subjects(Dataset d) {
        return new ArrayList<>(new TreeSet<>(d.scores().stream().map(sc -> sc.subject().toLowerCase(
                java.util.Locale.ROOT)).toList()));
    }

    /** A first set-up for a school: its lowest grade, the first subject, its sections if the data has them. */
    public ClassSetup defaults(Dataset d, String schoolId) {
        List<Integer> grades = grades(d, schoolId);
        int grade = grades.isEmpty() ? 0 : grades.get(0);
        List<String> subjects = subjects(d);
        String subject = subjects.isEmpty() ? "math" : subjects.contains("math") ? "math" : subjects.get(0);
        List<Section> existing = d.sections().stream().filter(s -> s.schoolId().equals(schoolId)
                && s.grade() == grade && s.subject().equalsIgnoreCase(subject)).toList();
        long students = d.students().stream().filter(s -> s.schoolId().equals(schoolId) && s.grade() == grade)
                .count();
        int capacity = existing.isEmpty() ? 28 : existing.get(0).capacity();
        int count = existing.isEmpty() ? (int) Math.max(1, Math.ceil(students / (double) capacity))
                : existing.size();
        return new ClassSetup(schoolId, grade, subject, false, count, capacity, -1, -1, 0,
                SectionProblem.Rules.defaults(), 5, 1, Map.of());
    }

    public ClassFormation formation(WebUser u, ClassSetup setup) {
        Dataset d = current();
        schoolForBuilding(u, d, setup.schoolId());
        return ClassFormation.of(d, setup);
    }

    /** Scores a whole placement (student id → section id) with the solver's costs and rules. */
    public SectionScorer.Score evaluate(WebUser u, ClassSetup setup, Map<String, String> placement) {
        ClassFormation f = formation(u, setup);
        return SectionScorer.score(f.problem(), Board.placementOf(f, placement));
    }

    /** Queues a solve for the session's board of that school; the board replaces the old one when it is done. */
    public SolveJobs.View solve(WebSession session, ClassSetup setup, int[] warmStart) {
        ClassFormation f = formation(session.user(), setup);
        SolveJobs.View v = jobs.submit(session.user().username(), f, warmStart,
                board -> session.boards.put(setup.schoolId(), board));
        session.jobBySchool.put(setup.schoolId(), v.id());
        store.audit(session.user().username(), "solve", "dataset " + currentInfo().id() + " school "
                + setup.schoolId() + " grade " + setup.grade() + " " + setup.subject());
        return v;
    }

    /** A job, if it is the user's (admins may look at any). */
    public SolveJobs.View job(WebUser u, String id) {
        SolveJobs.View v = jobs.find(id).orElseThrow(() -> WebError.notFound("job " + id));
        if (!v.owner().equals(u.username()) && u.role() != WebRole.ADMIN) {
            throw WebError.forbidden("job " + id);
        }
        return v;
    }
}
