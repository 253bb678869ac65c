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

    DashboardRoutes(WebServer server) {
        this.server = server;
        this.builder = server.builder();
    }

    void register(RoutesConfig r) {
        r.get("/district", this::district);
        r.get("/schools/{id}/dashboard", this::school);
        r.get("/district/clusters", this::clusters);
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
