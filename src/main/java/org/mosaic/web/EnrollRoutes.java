package org.mosaic.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import org.mosaic.enroll.Policy;
import org.mosaic.model.BadInputException;
import org.mosaic.model.Dataset;
import org.mosaic.model.InputProblem;
import org.mosaic.model.School;
import org.mosaic.store.RunRecord;
import org.mosaic.store.WebUser;

/**
 * Enrollment pages. The district office (admins) edits policies, runs assignments, looks up a student, computes
 * admission probabilities and compares runs; a school's principal and counselors see their school's results only.
 */
final class EnrollRoutes {
    private static final int MAX_POLICY = 200_000;
    private final WebServer server;
    private final ClassBuilder builder;
    private final Enrollment enrollment;
    private final Map<Long, String> oddsJobs = new java.util.concurrent.ConcurrentHashMap<>();

    EnrollRoutes(WebServer server) {
        this.server = server;
        this.builder = server.builder();
        this.enrollment = new Enrollment(server.options().db(), builder.datasets());
    }

    void register(RoutesConfig r) {
        r.get("/enroll", this::page);
        r.post("/enroll/upload", this::upload);
        r.post("/enroll/check", this::check);
        r.post("/enroll/run", this::run);
        r.get("/enroll/runs/{run}", this::results);
        r.post("/enroll/runs/{run}/probabilities", this::probabilities);
        r.get("/enroll/compare", this::compare);
        r.get("/schools/{id}/enrollment", this::school);
    }

    private static WebSession admin(Context ctx) {
        WebSession s = WebServer.session(ctx);
        PageRoutes.requireAdmin(s.user(), "the district's enrollment");
        return s;
    }

    private void page(Context ctx) {
        WebSession s = admin(ctx);
        String name = "policy.yaml";
        String text = "";
        String mechanism = "da";
        String seed = "1";
        String from = ctx.queryParam("from");
        if (from != null) {
            Enrollment.Run run = run(from);
            name = run.request().policyName();
            text = run.request().policyText();
            mechanism = run.request().mechanism().name().toLowerCase(java.util.Locale.ROOT);
            seed = Long.toString(run.request().seed());
        }
        render(ctx, s, name, text, List.of(), null, mechanism, seed);
    }

    private void render(Context ctx, WebSession s, String name, String text, List<String> problems, String checked,
                        String mechanism, String seed) {
        Dataset d = builder.current();
        Map<String, Object> p = new HashMap<>();
        p.put("page", PageRoutes.page("Enrollment", s));
        p.put("policyName", name);
        p.put("policyText", text);
        p.put("problems", problems);
        p.put("checked", checked);
        p.put("grades", Enrollment.grades(d));
        p.put("mechanism", mechanism);
        p.put("seed", seed);
        p.put("runs", enrollment.records(builder.currentInfo().id()));
        ctx.html(server.templates().render("enroll.jte", p));
    }

    /** Opens a policy file into the editor: nothing runs until the user presses Run. */
    private void upload(Context ctx) throws IOException {
        WebSession s = admin(ctx);
        UploadedFile file = ctx.uploadedFile("file");
        if (file == null || file.size() > MAX_POLICY) {
            ctx.status(400);
            render(ctx, s, "policy.yaml", "", List.of("choose a policy file (YAML or JSON, at most 200 kB)"), null,
                    "da", "1");
            return;
        }
        String text;
        try (InputStream in = file.content()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String name = file.filename() == null || file.filename().isBlank() ? "policy.yaml" : file.filename();
        List<String> problems = List.of();
        String checked = null;
        try {
            checked = describe(Enrollment.policy(name, text));
        } catch (BadInputException e) {
            problems = lines(e);
        }
        render(ctx, s, name, text, problems, checked, "da", "1");
    }

    private static String describe(Policy p) {
        return "The policy '" + p.name() + "' is valid: " + p.priorityRules().size() + " priority rules, "
                + p.slots().size() + " seat types, " + p.schoolSlots().size() + " schools with their own seats, "
                + p.softBounds().size() + " soft bounds.";
    }

    private static List<String> lines(BadInputException e) {
        return e.problems().stream().map(InputProblem::toString).toList();
    }

    private void check(Context ctx) {
        WebSession s = admin(ctx);
        String name = orDefault(ctx.formParam("policy_name"), "policy.yaml");
        String text = orDefault(ctx.formParam("policy"), "");
        try {
            String ok = describe(Enrollment.policy(name, text));
            render(ctx, s, name, text, List.of(), ok, orDefault(ctx.formParam("mechanism"), "da"),
                    orDefault(ctx.formParam("seed"), "1"));
        } catch (BadInputException e) {
            ctx.status(400);
            render(ctx, s, name, text, lines(e), null, orDefault(ctx.formParam("mechanism"), "da"),
                    orDefault(ctx.formParam("seed"), "1"));
        }
    }

    private static String orDefault(String v, String d) {
        return v == null ? d : v;
    }

    private void run(Context ctx) {
        WebSession s = admin(ctx);
        String name = orDefault(ctx.formParam("policy_name"), "policy.yaml");
        String text = orDefault(ctx.formParam("policy"), "");
        if (text.length() > MAX_POLICY) {
            throw new BadInputException("the policy is longer than 200 kB");
        }
        Dataset d = builder.current();
        long datasetId = builder.currentInfo().id();
        Enrollment.Run run;
        try {
            Enrollment.Request req = Enrollment.request(name, text, ctx.formParam("mechanism"),
                    ctx.formParam("tie_break"), ctx.formParam("seed"), ctx.formParam("grade"), d);
            run = enrollment.run(datasetId, req, s.user().username());
        } catch (BadInputException e) {
            ctx.status(400);
            render(ctx, s, name, text, lines(e), null, orDefault(ctx.formParam("mechanism"), "da"),
                    orDefault(ctx.formParam("seed"), "1"));
            return;
        }
        server.store().audit(s.user().username(), "run-enrollment", "dataset " + datasetId + " run " + run.id());
        ctx.redirect("/enroll/runs/" + run.id());
    }

    private Enrollment.Run run(String id) {
        long n;
        try {
            n = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw WebError.notFound("enrollment run " + id);
        }
        return enrollment.find(n).orElseThrow(() -> WebError.notFound("enrollment run " + id));
    }

    private void results(Context ctx) {
        WebSession s = admin(ctx);
        Enrollment.Run run = run(ctx.pathParam("run"));
        String student = ctx.queryParam("student");
        Enrollment.Lookup lookup = null;
        String error = "";
        if (student != null && !student.isBlank()) {
            lookup = enrollment.lookup(run, student.trim()).orElse(null);
            if (lookup == null) {
                ctx.status(404);
                error = "No applicant with id '" + student.trim() + "' in this run (check the id, or the grade of "
                        + "the run).";
            }
            // The audit names the run, not the child: the log must not become a list of student ids.
            server.store().audit(s.user().username(), "lookup-enrollment", "run " + run.id());
        } else {
            server.store().audit(s.user().username(), "view-enrollment", "run " + run.id());
        }
        var odds = enrollment.odds(run).orElse(null);
        String jobId = oddsJobs.getOrDefault(run.id(), "");
        if (!jobId.isEmpty() && builder.jobs().find(jobId).map(v -> v.state() != SolveJobs.State.QUEUED
                && v.state() != SolveJobs.State.RUNNING).orElse(true)) {
            jobId = "";
        }
        Map<String, Object> p = new HashMap<>();
        p.put("page", PageRoutes.page("Enrollment run " + run.id(), s));
        p.put("r", enrollment.results(run));
        p.put("lookup", lookup);
        p.put("lookupError", error);
        p.put("odds", odds);
        p.put("oddsChart", odds == null ? "" : Enrollment.oddsChart(odds));
        p.put("jobId", jobId);
        ctx.html(server.templates().render("enroll-run.jte", p));
    }

    /** Queues the lottery draws in the job line; the page polls the job and shows the table when it is done. */
    private void probabilities(Context ctx) {
        WebSession s = admin(ctx);
        Enrollment.Run run = run(ctx.pathParam("run"));
        int draws;
        try {
            draws = Integer.parseInt(orDefault(ctx.formParam("draws"), "200").trim());
        } catch (NumberFormatException e) {
            draws = -1;
        }
        if (draws < 1 || draws > 5000) {
            throw new BadInputException(List.of(new InputProblem("form", 0, "draws", ctx.formParam("draws"),
                    "a whole number from 1 to 5000")));
        }
        SolveJobs.View v = builder.jobs().submitTask(s.user().username(), "", "/enroll/runs/" + run.id(),
                enrollment.probabilities(run, draws), out -> { });
        oddsJobs.put(run.id(), v.id());
        server.store().audit(s.user().username(), "enrollment-probabilities", "run " + run.id() + ", " + draws
                + " draws");
        ctx.redirect("/enroll/runs/" + run.id());
    }

    private void compare(Context ctx) {
        WebSession s = admin(ctx);
        String a = ctx.queryParam("a");
        String b = ctx.queryParam("b");
        if (a == null || b == null) {
            throw new BadInputException(List.of(new InputProblem("form", 0, a == null ? "a" : "b", "",
                    "two runs, A and B")));
        }
        Enrollment.Results ra = enrollment.results(run(a));
        Enrollment.Results rb = enrollment.results(run(b));
        server.store().audit(s.user().username(), "compare-enrollment", "runs " + a + " and " + b);
        ctx.html(server.templates().render("enroll-compare.jte", Map.of("page", PageRoutes.page("Side by side", s),
                "a", ra, "b", rb, "chart", Enrollment.compareChart(ra, rb))));
    }

    /** A school's part of a run: its rows and the students placed there, for its own staff or an admin. */
    private void school(Context ctx) {
        WebSession s = WebServer.session(ctx);
        WebUser u = s.user();
        String schoolId = ctx.pathParam("id");
        Dataset d = builder.current();
        School school = builder.school(u, d, schoolId);
        if (!Access.runsSchool(u, schoolId)) {
            throw WebError.forbidden("the enrollment results of school " + schoolId);
        }
        long datasetId = builder.currentInfo().id();
        List<RunRecord> runs = enrollment.records(datasetId);
        Enrollment.Results r = null;
        List<List<String>> admitted = List.of();
        if (!runs.isEmpty()) {
            String asked = ctx.queryParam("run");
            long id = runs.get(0).id();
            if (asked != null) {
                id = runs.stream().filter(x -> Long.toString(x.id()).equals(asked)).findFirst()
                        .orElseThrow(() -> WebError.notFound("enrollment run " + asked)).id();
            }
            Enrollment.Run run = enrollment.find(id).orElseThrow(() -> WebError.notFound("enrollment run"));
            r = enrollment.results(run, schoolId);
            admitted = Enrollment.admitted(run, schoolId, Access.seesNames(u, schoolId));
            server.store().audit(u.username(), "view-enrollment", "run " + id + " school " + schoolId);
        }
        Map<String, Object> p = new HashMap<>();
        p.put("page", PageRoutes.page("Enrollment", s));
        p.put("schoolId", schoolId);
        p.put("schoolName", school.name());
        p.put("runs", runs);
        p.put("r", r);
        p.put("admitted", admitted);
        ctx.html(server.templates().render("school-enrollment.jte", p));
    }
}
