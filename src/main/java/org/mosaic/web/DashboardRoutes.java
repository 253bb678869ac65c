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
