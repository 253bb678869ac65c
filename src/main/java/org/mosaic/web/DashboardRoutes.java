package org.mosaic.web;

import java.util.Map;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.mosaic.model.Dataset;
import org.mosaic.model.School;
import org.mosaic.store.WebUser;

/**
 * The district dashboard (admins) and its drill-down to one school (admins, and that school's principal and
 * counselors: a school's staff see their school's part and nothing of another school's).
 */
final class DashboardRoutes {
    private final WebServer server;
    private final ClassBuilder builder;
    private final Dashboard dashboard = new Dashboard();
    private final StoredResults results;
    private final Map<String, String> growthJobs = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<Long, String> scenarioJobs = new java.util.concurrent.ConcurrentHashMap<>();

    DashboardRoutes(WebServer server) {
        this.server = server;
        this.builder = server.builder();
        this.results = server.results();
    }

    void register(RoutesConfig r) {
        r.get("/district", this::district);
        r.get("/schools/{id}/dashboard", this::school);
        r.get("/district/clusters", this::clusters);
        r.get("/district/growth", this::growth);
        r.post("/district/growth", this::computeGrowth);
        r.get("/district/scenarios", this::scenarios);
        r.post("/district/scenarios", this::runScenarios);
    }

    private java.util.List<org.mosaic.model.Enrollment> history(long datasetId) {
        try (org.mosaic.store.MosaicStore store = org.mosaic.store.MosaicStore.open(server.options().db())) {
            return store.enrollments(datasetId);
        }
    }

    private void growth(Context ctx) {
        WebSession s = WebServer.session(ctx);
        PageRoutes.requireAdmin(s.user(), "the district's growth");
        Dataset d = builder.current();
        long id = builder.currentInfo().id();
        var subjects = builder.subjects(d);
        String subject = Dashboard.subject(ctx.queryParam("subject"), subjects);
        var g = results.latest(id, StoredResults.GROWTH, org.mosaic.store.StoredResult.DISTRICT, subject,
                Growth.Result.class);
        String job = growthJobs.getOrDefault(id + "/" + subject, "");
        if (!job.isEmpty() && builder.jobs().find(job).map(v -> v.state() != SolveJobs.State.QUEUED
                && v.state() != SolveJobs.State.RUNNING).orElse(true)) {
            job = "";
        }
        Map<String, Object> p = new java.util.HashMap<>();
        p.put("page", PageRoutes.page("Growth", s));
        p.put("subject", subject);
        p.put("subjects", subjects);
        p.put("g", g.map(StoredResults.Saved::value).orElse(null));
        p.put("saved", g.map(StoredResults.Saved::provenance).orElse(""));
        p.put("jobId", job);
        server.store().audit(s.user().username(), "view-growth", "dataset " + id);
        ctx.html(server.templates().render("growth.jte", p));
    }

    /** Queues the growth fits in the job line. */
    private void computeGrowth(Context ctx) {
        WebSession s = WebServer.session(ctx);
        PageRoutes.requireAdmin(s.user(), "the district's growth");
        Dataset d = builder.current();
        long id = builder.currentInfo().id();
        String subject = Dashboard.subject(ctx.formParam("subject"), builder.subjects(d));
        String back = "/district/growth?subject=" + subject;
        String user = s.user().username();
        SolveJobs.View v = builder.jobs().submitTask(user, "", back, Growth.task(d, history(id), subject),
                out -> results.save(id, StoredResults.GROWTH, org.mosaic.store.StoredResult.DISTRICT, subject, user,
                        out));
        growthJobs.put(id + "/" + subject, v.id());
        server.store().audit(s.user().username(), "growth", "dataset " + id + " " + subject);
        ctx.redirect(back);
    }

    /**
     * The newest scenarios and ddk2011 results stored for the current dataset, the form to run either again, and a
     * running job's progress.
     */
    private void scenarios(Context ctx) {
        WebSession s = WebServer.session(ctx);
        PageRoutes.requireAdmin(s.user(), "the district's scenarios");
        long id = builder.currentInfo().id();
        var r = results.latest(id, StoredResults.SCENARIOS, org.mosaic.store.StoredResult.DISTRICT,
                Scenarios.Result.class);
        Scenarios.Form form = r.map(x -> Scenarios.Form.of(x.value().request())).orElse(Scenarios.Form.DEFAULT);
        renderScenarios(ctx, s, id, form, java.util.List.of());
    }

    private void renderScenarios(Context ctx, WebSession s, long id, Scenarios.Form form,
                                 java.util.List<org.mosaic.model.InputProblem> problems) {
        var r = results.latest(id, StoredResults.SCENARIOS, org.mosaic.store.StoredResult.DISTRICT,
                Scenarios.Result.class);
        var x = results.latest(id, StoredResults.DDK, org.mosaic.store.StoredResult.DISTRICT,
                Scenarios.Experiment.class);
        String job = scenarioJobs.getOrDefault(id, "");
        if (!job.isEmpty() && builder.jobs().find(job).map(v -> v.state() != SolveJobs.State.QUEUED
                && v.state() != SolveJobs.State.RUNNING).orElse(true)) {
            job = "";
        }
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        for (org.mosaic.model.InputProblem p : problems) {
            // A field's problem beside the field; the policy's own (by file, line and key) and the data's above the button.
            errors.merge(p.file().equals("form") ? p.column() : "other", p.toString(), (a, b) -> a + "; " + b);
        }
        Map<String, Object> p = new java.util.HashMap<>();
        p.put("page", PageRoutes.page("Scenarios", s));
        p.put("form", form);
        p.put("errors", errors);
        p.put("sets", org.mosaic.simulate.ModelParameters.SETS);
        p.put("r", r.map(StoredResults.Saved::value).orElse(null));
        p.put("rSaved", r.map(StoredResults.Saved::provenance).orElse(""));
        p.put("x", x.map(StoredResults.Saved::value).orElse(null));
        p.put("xSaved", x.map(StoredResults.Saved::provenance).orElse(""));
        p.put("jobId", job);
        server.store().audit(s.user().username(), "view-scenarios", "dataset " + id);
        ctx.html(server.templates().render("scenarios.jte", p));
    }

    /**
     * Checks the form (every wrong field shown beside it, 400, before anything runs), then queues the district's
     * scenarios or the ddk2011 re-run; the finished result is stored as the next version.
     */
    private void runScenarios(Context ctx) {
        WebSession s = WebServer.session(ctx);
        PageRoutes.requireAdmin(s.user(), "the district's scenarios");
        Dataset d = builder.current();
        long id = builder.currentInfo().id();
        Scenarios.Form form = new Scenarios.Form(ctx.formParam("run"), ctx.formParam("parameters"),
                ctx.formParam("draws"), ctx.formParam("seed"), ctx.formParam("years"), ctx.formParam("policy_name"),
                ctx.formParam("policy"), ctx.formParam("dial_by_school"));
        String user = s.user().username();
        SolveJobs.Task task;
        Scenarios.Request req;
        String kind;
        try {
            req = Scenarios.request(form, d.district().schoolsById().keySet());
            if (req.preset()) {
                task = Scenarios.experiment(req);
                kind = StoredResults.DDK;
            } else {
                String subject = Dashboard.subject(ctx.formParam("subject"), builder.subjects(d));
                task = Scenarios.task(d, subject, req);
                kind = StoredResults.SCENARIOS;
            }
        } catch (org.mosaic.model.BadInputException e) {
            ctx.status(400);
            renderScenarios(ctx, s, id, form, e.problems());
            return;
        }
        SolveJobs.View v = builder.jobs().submitTask(user, "", "/district/scenarios", task,
                out -> results.save(id, kind, org.mosaic.store.StoredResult.DISTRICT, kind, user, out));
        scenarioJobs.put(id, v.id());
        server.store().audit(user, "scenarios", "dataset " + id + " " + kind + " " + req.parameterSet() + " "
                + req.draws() + " draws");
        ctx.redirect("/district/scenarios");
    }

    /** Feeder flows and inferred clusters from the enrollment history stored with the current dataset. */
    private void clusters(Context ctx) {
        WebSession s = WebServer.session(ctx);
        PageRoutes.requireAdmin(s.user(), "the district's feeder clusters");
        Dataset d = builder.current();
        long id = builder.currentInfo().id();
        java.util.List<org.mosaic.model.Enrollment> history;
        try (org.mosaic.store.MosaicStore store = org.mosaic.store.MosaicStore.open(server.options().db())) {
            history = store.enrollments(id);
        }
        server.store().audit(s.user().username(), "view-clusters", "dataset " + id);
        ctx.html(server.templates().render("clusters.jte", Map.of("page", PageRoutes.page("Feeder clusters", s),
                "c", Clusters.of(d, history))));
    }

    private void district(Context ctx) {
        WebSession s = WebServer.session(ctx);
        PageRoutes.requireAdmin(s.user(), "the district dashboard");
        Dataset d = builder.current();
        long id = builder.currentInfo().id();
        var subjects = builder.subjects(d);
        Dashboard.District v = dashboard.district(id, d, Dashboard.subject(ctx.queryParam("subject"), subjects),
                subjects);
        server.store().audit(s.user().username(), "view-dashboard", "dataset " + id + " district");
        ctx.html(server.templates().render("district.jte", Map.of("page", PageRoutes.page("District dashboard", s),
                "v", v)));
    }

    private void school(Context ctx) {
        WebSession s = WebServer.session(ctx);
        WebUser u = s.user();
        String schoolId = ctx.pathParam("id");
        Dataset d = builder.current();
        School school = builder.school(u, d, schoolId);
        if (!Access.runsSchool(u, schoolId)) {
            throw WebError.forbidden("the dashboard of school " + schoolId);
        }
        long id = builder.currentInfo().id();
        var subjects = builder.subjects(d);
        Dashboard.OneSchool v = dashboard.school(id, d, school, Dashboard.subject(ctx.queryParam("subject"),
                subjects), subjects);
        server.store().audit(u.username(), "view-dashboard", "dataset " + id + " school " + schoolId);
        ctx.html(server.templates().render("school-dashboard.jte", Map.of("page", PageRoutes.page(school.name(), s),
                "v", v)));
    }
}
