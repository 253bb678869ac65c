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
    private final Growth growth = new Growth();
    private final Map<String, String> growthJobs = new java.util.concurrent.ConcurrentHashMap<>();
    private final Scenarios scenarios = new Scenarios();
    private final Map<Long, String> scenarioJobs = new java.util.concurrent.ConcurrentHashMap<>();

    DashboardRoutes(WebServer server) {
        this.server = server;
        this.builder = server.builder();
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
        Growth.Result g = growth.find(id, subject);
        String job = growthJobs.getOrDefault(id + "/" + subject, "");
        if (!job.isEmpty() && builder.jobs().find(job).map(v -> v.state() != SolveJobs.State.QUEUED
                && v.state() != SolveJobs.State.RUNNING).orElse(true)) {
            job = "";
        }
        Map<String, Object> p = new java.util.HashMap<>();
        p.put("page", PageRoutes.page("Growth", s));
        p.put("subject", subject);
        p.put("subjects", subjects);
        p.put("g", g);
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
        SolveJobs.View v = builder.jobs().submitTask(s.user().username(), "", back, growth.task(id, d, history(id),
                subject), out -> { });
        growthJobs.put(id + "/" + subject, v.id());
        server.store().audit(s.user().username(), "growth", "dataset " + id + " " + subject);
        ctx.redirect(back);
    }

    /** The last scenarios run on the current dataset, the form to run them again, and a running job's progress. */
    private void scenarios(Context ctx) {
        WebSession s = WebServer.session(ctx);
        PageRoutes.requireAdmin(s.user(), "the district's scenarios");
        Dataset d = builder.current();
        long id = builder.currentInfo().id();
        Scenarios.Result r = scenarios.find(id);
        String job = scenarioJobs.getOrDefault(id, "");
        if (!job.isEmpty() && builder.jobs().find(job).map(v -> v.state() != SolveJobs.State.QUEUED
                && v.state() != SolveJobs.State.RUNNING).orElse(true)) {
            job = "";
        }
        Map<String, Object> p = new java.util.HashMap<>();
        p.put("page", PageRoutes.page("Scenarios", s));
        p.put("form", r == null ? Scenarios.Request.DEFAULT : r.request());
        p.put("sets", org.mosaic.simulate.ModelParameters.SETS);
        p.put("r", r);
        p.put("jobId", job);
        server.store().audit(s.user().username(), "view-scenarios", "dataset " + id);
        ctx.html(server.templates().render("scenarios.jte", p));
    }

    /** Checks the form, builds the scenarios and the cohorts (a 400 before anything runs), then queues the draws. */
    private void runScenarios(Context ctx) {
        WebSession s = WebServer.session(ctx);
        PageRoutes.requireAdmin(s.user(), "the district's scenarios");
        Dataset d = builder.current();
        long id = builder.currentInfo().id();
        Scenarios.Request req = Scenarios.request(ctx.formParam("parameters"), ctx.formParam("draws"),
                ctx.formParam("seed"), ctx.formParam("years"), ctx.formParam("policy_name"),
                ctx.formParam("policy"));
        String subject = Dashboard.subject(ctx.formParam("subject"), builder.subjects(d));
        SolveJobs.View v = builder.jobs().submitTask(s.user().username(), "", "/district/scenarios",
                scenarios.task(id, d, subject, req), out -> { });
        scenarioJobs.put(id, v.id());
        server.store().audit(s.user().username(), "scenarios", "dataset " + id + " " + req.parameterSet() + " "
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
