package org.mosaic.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import org.mosaic.groups.GroupPlanner;
import org.mosaic.io.NewScoresCsv;
import org.mosaic.model.BadInputException;
import org.mosaic.model.Dataset;
import org.mosaic.model.InputProblem;
import org.mosaic.model.Score;
import org.mosaic.model.Section;
import org.mosaic.model.Student;
import org.mosaic.store.WebRole;
import org.mosaic.store.WebUser;

/**
 * A section's small groups, its rotation timetable and the teacher's sheet, and regrouping after new scores. For the
 * section's teacher, the school's principal and counselors, and admins (who see ids, not names).
 */
public final class GroupRoutes {
    private final WebServer server;
    private final ClassBuilder builder;

    GroupRoutes(WebServer server) {
        this.server = server;
        this.builder = server.builder();
    }

    void register(RoutesConfig r) {
        r.get("/sections/{id}/groups", this::groups);
        r.get("/sections/{id}/groups/sheet", this::sheet);
        r.post("/sections/{id}/groups/regroup", this::regroup);
    }

    /** A group's row: id, size, score range, years against grade level, and its students as the role may see them. */
    public record GroupRow(String id, int size, String range, String levelGap, String students) {
    }

    /** A student who moved, their new group, and the planner's reason. */
    public record Move(String student, String from, String to, String why) {
    }

    /** The section, if the user may see its groups: 403 for another school's or another teacher's section. */
    static Section section(WebUser u, Dataset d, String sectionId) {
        Section sec = d.section(sectionId).orElse(null);
        boolean own = u.role() == WebRole.TEACHER && sectionId.equals(u.sectionId());
        if (sec == null) {
            // Whether a section id exists is not told to users who could not see it.
            throw u.role() == WebRole.ADMIN ? WebError.notFound("section " + sectionId)
                    : WebError.forbidden("section " + sectionId);
        }
        if (!own && !(u.role() != WebRole.TEACHER && Access.runsSchool(u, sec.schoolId()))) {
            throw WebError.forbidden("the groups of section " + sectionId);
        }
        return sec;
    }

    private static List<GroupRow> rows(SectionGroups.Result r, Map<String, String> label) {
        List<GroupRow> rows = new ArrayList<>();
        for (GroupPlanner.PlannedGroup g : r.plan().groups()) {
            rows.add(new GroupRow(g.id(), g.members().size(), Format.one(g.low()) + "–" + Format.one(g.high()),
                    Double.isNaN(g.meanLevelGap()) ? "" : String.format(Locale.ROOT, "%+.1f", g.meanLevelGap()),
                    String.join(", ", g.members().stream().map(label::get).toList())));
        }
        return rows;
    }

    private static Map<String, String> labels(Dataset d, SectionGroups.Result r, boolean names) {
        Map<String, Student> byId = d.district().studentsById();
        Map<String, String> out = new HashMap<>();
        for (GroupPlanner.Member m : r.roster()) {
            Student s = byId.get(m.id());
            out.put(m.id(), names && s != null ? (s.givenName() + " " + s.familyName()).trim() : m.id());
        }
        return out;
    }

    private Map<String, Object> params(Context ctx, Section sec, SectionGroups.Result r, List<Move> moves,
                                       List<String> problems) {
        WebSession s = WebServer.session(ctx);
        Dataset d = builder.current();
        Map<String, String> label = labels(d, r, Access.seesNames(s.user(), sec.schoolId()));
        Map<String, Object> p = new HashMap<>();
        p.put("page", PageRoutes.page("Groups: " + sec.id(), s));
        p.put("section", sec);
        p.put("r", r);
        p.put("groups", rows(r, label));
        p.put("chart", SectionGroups.chart(r));
        p.put("moves", moves);
        p.put("problems", problems);
        return p;
    }

    private void groups(Context ctx) {
        WebUser u = WebServer.session(ctx).user();
        Dataset d = builder.current();
        Section sec = section(u, d, ctx.pathParam("id"));
        SectionGroups.Result r = SectionGroups.plan(d, sec);
        server.store().audit(u.username(), "view-groups", "dataset " + builder.currentInfo().id() + " section "
                + sec.id());
        ctx.html(server.templates().render("groups.jte", params(ctx, sec, r, null, List.of())));
    }

    private void sheet(Context ctx) {
        WebUser u = WebServer.session(ctx).user();
        Dataset d = builder.current();
        Section sec = section(u, d, ctx.pathParam("id"));
        SectionGroups.Result r = SectionGroups.plan(d, sec);
        server.store().audit(u.username(), "print-groups", "dataset " + builder.currentInfo().id() + " section "
                + sec.id());
        ctx.html(server.templates().render("groups-sheet.jte", params(ctx, sec, r, null, List.of())));
    }

    /** New scores (a scores.csv) regroup the section from its current groups: who moved, to where, and why. */
    private void regroup(Context ctx) throws IOException {
        WebUser u = WebServer.session(ctx).user();
        Dataset d = builder.current();
        Section sec = section(u, d, ctx.pathParam("id"));
        SectionGroups.Result before = SectionGroups.plan(d, sec);
        UploadedFile file = ctx.uploadedFile("file");
        if (file == null) {
            ctx.status(400);
            ctx.html(server.templates().render("groups.jte", params(ctx, sec, before, null,
                    List.of("choose a scores.csv with student_id, subject, score"))));
            return;
        }
        Path dir = Files.createTempDirectory("mosaic-regroup");
        try {
            // The reader names problems by file name: keep the one the teacher chose (only its last part).
            String name = Path.of(file.filename() == null || file.filename().isBlank() ? "scores.csv"
                    : file.filename()).getFileName().toString();
            Path csv = dir.resolve(name);
            try (InputStream in = file.content()) {
                Files.copy(in, csv);
            }
            List<Score> scores = NewScoresCsv.read(csv, d.district().studentsById());
            SectionGroups.Result after = SectionGroups.regroup(d, sec, before, scores);
            List<Move> moves = new ArrayList<>();
            Map<String, String> label = labels(d, after, Access.seesNames(u, sec.schoolId()));
            for (String id : after.plan().moved()) {
                moves.add(new Move(label.get(id), before.plan().groupOf().getOrDefault(id, ""),
                        after.plan().groupOf().get(id), after.plan().reason().get(id)));
            }
            server.store().audit(u.username(), "regroup", "dataset " + builder.currentInfo().id() + " section "
                    + sec.id());
            ctx.html(server.templates().render("groups.jte", params(ctx, sec, after, moves, List.of())));
        } catch (BadInputException e) {
            ctx.status(400);
            List<String> problems = new ArrayList<>(e.problems().stream().map(InputProblem::toString).toList());
            ctx.html(server.templates().render("groups.jte", params(ctx, sec, before, null, problems)));
        } finally {
            PageRoutes.deleteTree(dir);
        }
    }
}
