package org.mosaic.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.mosaic.model.BadInputException;
import org.mosaic.model.Dataset;
import org.mosaic.model.Grades;
import org.mosaic.model.School;
import org.mosaic.model.Section;
import org.mosaic.model.Student;
import org.mosaic.store.WebUser;

/**
 * The JSON API (docs/web.md): the same services and the same {@link Access} checks as the pages. Errors are JSON:
 * 400 with the CLI's file/line/column problems, 401 before sign-in, 403 for what the role may not see.
 */
final class ApiRoutes {
    private final WebServer server;
    private final ClassBuilder builder;

    ApiRoutes(WebServer server) {
        this.server = server;
        this.builder = server.builder();
    }

    void register(RoutesConfig r) {
        r.get("/api/me", this::me);
        r.get("/api/schools", this::schools);
        r.get("/api/schools/{id}/students", this::students);
        r.get("/api/schools/{id}/sections", this::sections);
        r.post("/api/sections/evaluate", this::evaluate);
        r.post("/api/jobs/sections", this::submit);
        r.get("/api/jobs/{id}", this::job);
        r.delete("/api/jobs/{id}", this::cancel);
        r.get("/api/results/{id}", this::result);
        r.get("/api/schools/{id}/results", this::schoolResults);
    }

    /** One stored result (growth, frontier, scenarios, ddk2011) with its version, if the user may read it. */
    private void result(Context ctx) {
        WebUser u = user(ctx);
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new BadInputException(List.of(new org.mosaic.model.InputProblem("request", 0, "id",
                    ctx.pathParam("id"), "a result id (a whole number)")));
        }
        org.mosaic.store.StoredResult r = server.results().readable(u, id);
        server.store().audit(u.username(), "view-result", "dataset " + r.datasetId() + " " + r.kind() + " result "
                + r.id());
        Map<String, Object> out = describe(r);
        try {
            out.put("result", WebServer.JSON.readTree(r.resultJson()));
        } catch (IOException e) {
            throw new IllegalStateException("stored result " + r.id() + " is not JSON", e);
        }
        ctx.json(out);
    }

    /** The saved versions of a school's results (its frontiers) in the current dataset, oldest first. */
    private void schoolResults(Context ctx) {
        WebUser u = user(ctx);
        String schoolId = ctx.pathParam("id");
        builder.schoolForBuilding(u, builder.current(), schoolId);
        long dataset = builder.currentInfo().id();
        List<Map<String, Object>> out = new ArrayList<>();
        for (org.mosaic.store.StoredResult r : server.store().results(dataset, StoredResults.FRONTIER, schoolId)) {
            out.add(describe(r));
        }
        ctx.json(Map.of("school", schoolId, "dataset", dataset, "results", out));
    }

    private static Map<String, Object> describe(org.mosaic.store.StoredResult r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", r.id());
        out.put("dataset", r.datasetId());
        out.put("kind", r.kind());
        out.put("school", r.districtWide() ? null : r.schoolId());
        out.put("name", r.name());
        out.put("version", r.version());
        out.put("created_by", r.createdBy());
        out.put("created_at", r.createdAt().toString());
        return out;
    }

    private static WebUser user(Context ctx) {
        return WebServer.session(ctx).user();
    }

    private void me(Context ctx) {
        WebUser u = user(ctx);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("username", u.username());
        out.put("role", u.role().code());
        out.put("school", u.schoolId());
        out.put("section", u.sectionId());
        out.put("csrf", WebServer.session(ctx).csrf());
        ctx.json(out);
    }

    private void schools(Context ctx) {
        WebUser u = user(ctx);
        Dataset d = builder.current();
        List<Map<String, Object>> out = new ArrayList<>();
        for (School s : Access.schools(u, d)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("name", s.name());
            m.put("type", s.type().code());
            m.put("cluster", s.clusterId());
            m.put("low_grade", Grades.label(s.lowGrade()));
            m.put("high_grade", Grades.label(s.highGrade()));
            out.add(m);
        }
        ctx.json(Map.of("dataset", builder.currentInfo().id(), "schools", out));
    }

    private void students(Context ctx) {
        WebUser u = user(ctx);
        Dataset d = builder.current();
        String schoolId = ctx.pathParam("id");
        builder.school(u, d, schoolId);
        boolean names = Access.seesNames(u, schoolId);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Student s : Access.students(u, d, schoolId)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("grade", Grades.label(s.grade()));
            if (names) {
                m.put("given_name", s.givenName());
                m.put("family_name", s.familyName());
            }
            m.put("gender", s.gender().code());
            m.put("frl", s.frl());
            m.put("race", s.race().code());
            m.put("ell", s.ell());
            m.put("iep", s.iep());
            m.put("gifted", s.gifted());
            out.add(m);
        }
        server.store().audit(u.username(), "api-students", "dataset " + builder.currentInfo().id() + " school "
                + schoolId);
        ctx.json(Map.of("school", schoolId, "students", out));
    }

    private void sections(Context ctx) {
        WebUser u = user(ctx);
        Dataset d = builder.current();
        String schoolId = ctx.pathParam("id");
        builder.school(u, d, schoolId);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Section s : Access.sections(u, d, schoolId)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("grade", Grades.label(s.grade()));
            m.put("subject", s.subject());
            m.put("capacity", s.capacity());
            m.put("co_taught", s.coTaught());
            m.put("ell_certified", s.ellCertified());
            m.put("students", d.roster(s.id()).size());
            out.add(m);
        }
        ctx.json(Map.of("school", schoolId, "sections", out));
    }

    private JsonNode body(Context ctx) {
        try {
            JsonNode n = WebServer.JSON.readTree(ctx.body());
            if (n == null || !n.isObject()) {
                throw new IOException("not an object");
            }
            return n;
        } catch (IOException e) {
            throw new BadInputException(List.of(new org.mosaic.model.InputProblem("request", 0, "body", "",
                    "a JSON object (see docs/web.md)")));
        }
    }

    private ClassSetup setup(Context ctx, JsonNode body) {
        JsonNode school = body.get("school");
        String schoolId = school == null ? "" : school.asText();
        Dataset d = builder.current();
        // Access before defaults: the defaults read the school's students.
        builder.schoolForBuilding(user(ctx), d, schoolId);
        return SetupParser.fromJson(body, builder.defaults(d, schoolId));
    }

    /** Scores a placement (student id → section id) with the solver's costs and rules; nothing is stored. */
    private void evaluate(Context ctx) {
        JsonNode body = body(ctx);
        ClassSetup setup = setup(ctx, body);
        JsonNode p = body.get("placement");
        if (p == null || !p.isObject()) {
            throw new BadInputException(List.of(new org.mosaic.model.InputProblem("request", 0, "placement", "",
                    "an object of student id → section id")));
        }
        Map<String, String> placement = new LinkedHashMap<>();
        p.fields().forEachRemaining(e -> placement.put(e.getKey(), e.getValue().asText()));
        ctx.json(builder.evaluate(user(ctx), setup, placement));
    }

    private void submit(Context ctx) {
        JsonNode body = body(ctx);
        ClassSetup setup = setup(ctx, body);
        SolveJobs.View v = builder.solve(WebServer.session(ctx), setup, null);
        ctx.status(202);
        ctx.json(jobJson(v, user(ctx)));
    }

    private void job(Context ctx) {
        WebUser u = user(ctx);
        ctx.json(jobJson(builder.job(u, ctx.pathParam("id")), u));
    }

    private void cancel(Context ctx) {
        WebUser u = user(ctx);
        SolveJobs.View v = builder.job(u, ctx.pathParam("id"));
        builder.jobs().cancel(v.id());
        ctx.json(jobJson(builder.job(u, v.id()), u));
    }

    private static Map<String, Object> jobJson(SolveJobs.View v, WebUser u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", v.id());
        m.put("state", v.state().name().toLowerCase(java.util.Locale.ROOT));
        m.put("place_in_line", v.placeInLine());
        m.put("progress", Math.round(v.progress() * 100) / 100.0);
        m.put("message", v.message());
        if (v.result() != null) {
            m.put("placement", v.result().placementById());
            m.put("score", v.result().score());
        }
        return m;
    }
}
