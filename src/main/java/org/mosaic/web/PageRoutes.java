package org.mosaic.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.core.type.TypeReference;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import org.mosaic.io.oneroster.OneRosterExport;
import org.mosaic.io.oneroster.OneRosterVersion;
import org.mosaic.model.BadInputException;
import org.mosaic.model.Dataset;
import org.mosaic.model.Grades;
import org.mosaic.model.InputProblem;
import org.mosaic.model.RosterEntry;
import org.mosaic.model.School;
import org.mosaic.model.Section;
import org.mosaic.model.Student;
import org.mosaic.store.ClassListVersion;
import org.mosaic.store.DatasetInfo;
import org.mosaic.store.WebRole;
import org.mosaic.store.WebUser;

/** The HTML pages: server-rendered JTE, htmx for the parts that change in place. */
final class PageRoutes {
    private final WebServer server;
    private final ClassBuilder builder;

    PageRoutes(WebServer server) {
        this.server = server;
        this.builder = server.builder();
    }

    void register(RoutesConfig r) {
        r.get("/login", this::loginForm);
        r.post("/login", this::login);
        r.post("/logout", this::logout);
        r.get("/", this::home);
        r.get("/schools/{id}/classes", this::classBuilder);
        r.post("/schools/{id}/classes/solve", this::solve);
        r.post("/schools/{id}/classes/move", this::move);
        r.post("/schools/{id}/classes/frontier", this::frontier);
        r.post("/schools/{id}/classes/lock", this::lock);
        r.post("/schools/{id}/classes/versions", this::saveVersion);
        r.get("/schools/{id}/classes/compare", this::compare);
        r.post("/schools/{id}/classes/versions/{version}/open", this::openVersion);
        r.get("/schools/{id}/classes/export.csv", this::exportCsv);
        r.get("/schools/{id}/classes/oneroster.zip", this::exportOneRoster);
        r.get("/schools/{id}/classes/print", this::print);
        r.get("/jobs/{id}", this::job);
        r.post("/jobs/{id}/cancel", this::cancelJob);
        r.get("/admin/audit", this::audit);
        r.get("/data", this::dataPage);
        r.post("/data", this::upload);
    }

    static Page page(String title, WebSession s) {
        WebUser u = s == null ? null : s.user();
        return new Page(title, u == null ? null : u.username(), u == null ? null : u.role().code(),
                s == null ? null : s.csrf(), u != null && u.role() == WebRole.ADMIN);
    }

    private void render(Context ctx, String template, Map<String, Object> params) {
        ctx.html(server.templates().render(template, params));
    }

    private static WebUser user(Context ctx) {
        return WebServer.session(ctx).user();
    }

    // ------------------------------------------------------------------ sign in and out

    private void loginForm(Context ctx) {
        WebSession s = WebServer.session(ctx);
        if (s != null && s.user() != null) {
            ctx.redirect("/");
            return;
        }
        if (s == null) {
            s = server.sessions().anonymous();
            WebServer.setCookie(ctx, s);
        }
        render(ctx, "login.jte", Map.of("page", page("Sign in", s), "error", ""));
    }

    private void login(Context ctx) {
        WebSession anonymous = WebServer.session(ctx);
        String username = ctx.formParam("username");
        String password = ctx.formParam("password");
        String address = ctx.ip();
        long wait = server.throttle().retryAfterSeconds(String.valueOf(username), address);
        if (wait > 0) {
            ctx.attribute("retryAfter", wait);
            throw new WebError(429, "too many failed sign-ins: try again in " + wait + " s");
        }
        var user = server.store().authenticate(username, password == null ? null : password.toCharArray());
        if (user.isEmpty()) {
            server.throttle().failed(String.valueOf(username), address);
            ctx.status(401);
            render(ctx, "login.jte", Map.of("page", page("Sign in", anonymous), "error",
                    "The user name or password is wrong."));
            return;
        }
        server.throttle().succeeded(username);
        // A new session id at sign-in: an id fixed by someone else before login is worthless after it.
        WebSession s = server.sessions().signIn(anonymous, user.get());
        WebServer.setCookie(ctx, s);
        server.store().audit(username, "login", "");
        ctx.redirect("/");
    }

    private void logout(Context ctx) {
        WebSession s = WebServer.session(ctx);
        server.store().audit(s.user().username(), "logout", "");
        server.sessions().end(s);
        WebServer.setCookie(ctx, null);
        ctx.redirect("/login");
    }

    // ------------------------------------------------------------------ schools

    private void home(Context ctx) {
        WebSession s = WebServer.session(ctx);
        WebUser u = s.user();
        var info = builder.datasets().current();
        List<Views.SchoolRow> rows = new ArrayList<>();
        if (info.isPresent()) {
            Dataset d = builder.datasets().load(info.get().id());
            Map<String, Integer> students = new HashMap<>();
            d.students().forEach(st -> students.merge(st.schoolId(), 1, Integer::sum));
            Map<String, Integer> sections = new HashMap<>();
            d.sections().forEach(se -> sections.merge(se.schoolId(), 1, Integer::sum));
            for (School sc : Access.schools(u, d)) {
                rows.add(new Views.SchoolRow(sc.id(), sc.name(), sc.type().code(), students.getOrDefault(sc.id(),
                        0), sections.getOrDefault(sc.id(), 0), Access.buildsClasses(u, sc.id())));
            }
        }
        Map<String, Object> params = new HashMap<>();
        params.put("page", page("Schools", s));
        params.put("dataset", info.map(i -> i.name() + " (id " + i.id() + ", " + i.students() + " students)")
                .orElse(null));
        params.put("schools", rows);
        params.put("section", u.role() == WebRole.TEACHER ? u.sectionId() : null);
        render(ctx, "home.jte", params);
    }

    // ------------------------------------------------------------------ class builder

    private void classBuilder(Context ctx) {
        renderBuilder(ctx, null, null);
    }

    private void renderBuilder(Context ctx, ClassSetup tried, String error) {
        WebSession s = WebServer.session(ctx);
        WebUser u = s.user();
        String schoolId = ctx.pathParam("id");
        Dataset d = builder.current();
        School school = builder.schoolForBuilding(u, d, schoolId);
        long datasetId = builder.currentInfo().id();
        Board board = s.boards.get(schoolId);
        ClassSetup setup = tried != null ? tried : board != null ? board.formation().setup()
                : builder.defaults(d, schoolId);
        List<Views.Column> columns = board == null ? List.of() : columns(board, u, schoolId);
        String jobId = s.jobBySchool.get(schoolId);
        // The page shows the latest solve's line even after it ended: a small grade solves in milliseconds, before
        // the redirect lands, and the principal should still read how it ended and the link to its classes.
        if (jobId != null && builder.jobs().find(jobId).isEmpty()) {
            jobId = null;
        }
        server.store().audit(u.username(), "view-classes", "dataset " + datasetId + " school " + schoolId);
        render(ctx, "builder.jte", Map.of("page", page("Class builder", s), "b", new Views.Builder(schoolId,
                school.name(), setup, builder.grades(d, schoolId), builder.subjects(d), board != null,
                board == null ? "" : board.solveStatus(), columns, board == null ? emptyScore() : board.score(),
                jobId == null ? "" : jobId, server.store().classLists(datasetId, schoolId), error == null ? ""
                : error, server.results().latest(datasetId, StoredResults.FRONTIER, schoolId, Frontier.class)
                .map(StoredResults.Saved::value).orElse(null))));
    }

    private static SectionScorer.Score emptyScore() {
        return new SectionScorer.Score(0, Map.of(), List.of(), List.of());
    }

    private static List<Views.Column> columns(Board board, WebUser u, String schoolId) {
        ClassFormation f = board.formation();
        boolean names = Access.seesNames(u, schoolId);
        int[] placement = board.placement();
        List<Views.Column> out = new ArrayList<>();
        for (int sec = 0; sec < f.sections().size(); sec++) {
            Section section = f.sections().get(sec);
            List<Views.Card> cards = new ArrayList<>();
            for (int i = 0; i < placement.length; i++) {
                if (placement[i] != sec) {
                    continue;
                }
                Student st = f.students().get(i);
                cards.add(new Views.Card(st.id(), names ? st.givenName() + " " + st.familyName() : st.id(),
                        f.problem().pupils().get(i).score(), flags(st), board.studentLocked(st.id())));
            }
            cards.sort(Comparator.comparingDouble(Views.Card::score).reversed());
            out.add(new Views.Column(section.id(), section.id() + (section.coTaught() ? " (co-taught)" : "")
                    + (section.ellCertified() ? " (EL)" : ""), board.sectionLocked(section.id()), cards));
        }
        return out;
    }

    /** The card's flags: the rules' attributes, as short tags. */
    private static String flags(Student s) {
        List<String> f = new ArrayList<>();
        if (s.iep()) {
            f.add("IEP");
        }
        if (s.ell()) {
            f.add("EL");
        }
        if (s.gifted()) {
            f.add("GT");
        }
        if (s.behavior()) {
            f.add("BEH");
        }
        if (s.frl()) {
            f.add("FRL");
        }
        return String.join(" ", f);
    }

    private void solve(Context ctx) {
        WebSession s = WebServer.session(ctx);
        String schoolId = ctx.pathParam("id");
        Dataset d = builder.current();
        builder.schoolForBuilding(s.user(), d, schoolId);
        Board board = s.boards.get(schoolId);
        ClassSetup setup;
        int[] warm = null;
        if ("1".equals(ctx.formParam("resolve")) && board != null) {
            setup = board.formation().setup().withLocks(board.locksForResolve());
            warm = board.placement();
        } else {
            ClassSetup base = board != null ? board.formation().setup() : builder.defaults(d, schoolId);
            try {
                setup = SetupParser.fromForm(schoolId, ctx::formParam, base.withLocks(Map.of()));
            } catch (BadInputException e) {
                ctx.status(400);
                renderBuilder(ctx, null, problems(e));
                return;
            }
        }
        try {
            builder.solve(s, setup, warm);
        } catch (BadInputException e) {
            ctx.status(400);
            renderBuilder(ctx, setup, problems(e));
            return;
        }
        ctx.redirect("/schools/" + schoolId + "/classes");
    }

    /**
     * Traces the tracking frontier of the board's set-up (or the form's) as a task in the solve line: one solve per
     * dial, so it waits its turn like any solve and shows its place and progress.
     */
    private void frontier(Context ctx) {
        WebSession s = WebServer.session(ctx);
        String schoolId = ctx.pathParam("id");
        Dataset d = builder.current();
        builder.schoolForBuilding(s.user(), d, schoolId);
        Board board = s.boards.get(schoolId);
        ClassSetup setup;
        try {
            setup = board != null ? board.formation().setup() : SetupParser.fromForm(schoolId, ctx::formParam,
                    builder.defaults(d, schoolId));
            // Built once here so a set-up error shows on the page now, not in a failed job later.
            ClassFormation.of(d, setup);
        } catch (BadInputException e) {
            ctx.status(400);
            renderBuilder(ctx, null, problems(e));
            return;
        }
        long datasetId = builder.currentInfo().id();
        String user = s.user().username();
        // Kept in the store for the school (not the session): a restart keeps it, and the school's staff share it.
        SolveJobs.View v = builder.jobs().submitTask(user, schoolId, "/schools/" + schoolId + "/classes",
                Frontier.task(d, setup), out -> server.results().save(datasetId, StoredResults.FRONTIER, schoolId,
                        "grade " + setup.grade() + " " + setup.subject(), user, out));
        s.jobBySchool.put(schoolId, v.id());
        server.store().audit(user, "frontier", "dataset " + datasetId + " school "
                + schoolId + " grade " + setup.grade() + " " + setup.subject());
        ctx.redirect("/schools/" + schoolId + "/classes");
    }

    private static String problems(BadInputException e) {
        return String.join("; ", e.problems().stream().map(InputProblem::toString).toList());
    }

    private Board board(Context ctx) {
        WebSession s = WebServer.session(ctx);
        String schoolId = ctx.pathParam("id");
        Board b = s.boards.get(schoolId);
        // The drag-and-score loop's fast path: a board exists only for a school that passed the full check when it
        // was formed, so only the access rule is asked again (it is a comparison); the dataset is not read.
        if (b != null && Access.buildsClasses(s.user(), schoolId)) {
            return b;
        }
        builder.schoolForBuilding(s.user(), builder.current(), schoolId);
        if (b == null) {
            throw new WebError(409, "form the classes first");
        }
        return b;
    }

    /** A card dropped on another class: re-score and return the metrics fragment. */
    private void move(Context ctx) {
        Board b = board(ctx);
        SectionScorer.Score score = b.move(required(ctx, "student"), required(ctx, "section"));
        // A few kilobytes, sent on every drag: compressing them cost a tenth of the server's CPU per drag, more
        // than it saves on a school's network (a TLS proxy in front may still compress).
        ctx.disableCompression();
        render(ctx, "metrics.jte", Map.of("score", score));
    }

    private static String required(Context ctx, String name) {
        String v = ctx.formParam(name);
        if (v == null || v.isBlank()) {
            v = ctx.queryParam(name);
        }
        if (v == null || v.isBlank()) {
            throw new BadInputException(List.of(new InputProblem("form", 0, name, "", "a value")));
        }
        return v;
    }

    private void lock(Context ctx) {
        Board b = board(ctx);
        String student = ctx.queryParam("student");
        String section = ctx.queryParam("section");
        boolean on;
        String url = "/schools/" + ctx.pathParam("id") + "/classes/lock?";
        if (student != null) {
            on = b.toggleStudentLock(student);
            url += "student=" + java.net.URLEncoder.encode(student, java.nio.charset.StandardCharsets.UTF_8);
        } else {
            on = b.toggleSectionLock(required(ctx, "section"));
            url += "section=" + java.net.URLEncoder.encode(section, java.nio.charset.StandardCharsets.UTF_8);
        }
        String label = on ? "locked" : "lock";
        ctx.html("<button class=\"lock" + (on ? " on" : "") + "\" hx-post=\"" + Html.attr(url)
                + "\" hx-swap=\"outerHTML\">" + label + "</button>");
    }

    private void saveVersion(Context ctx) {
        Board b = board(ctx);
        WebUser u = user(ctx);
        long datasetId = builder.currentInfo().id();
        String schoolId = ctx.pathParam("id");
        ClassSetup setup = b.formation().setup().withLocks(b.locksForResolve());
        ClassListVersion v = server.store().saveClassList(datasetId, schoolId, required(ctx, "name").trim(),
                u.username(), Format.json(setup), Format.json(b.placementById()));
        server.store().audit(u.username(), "save-class-list", "dataset " + datasetId + " school " + schoolId
                + " class list " + v.id() + " (" + v.name() + " v" + v.version() + ")");
        ctx.redirect("/schools/" + schoolId + "/classes");
    }

    /** Puts a saved version on the board, to edit it further or re-solve around its locks. */
    private void openVersion(Context ctx) {
        WebSession s = WebServer.session(ctx);
        String schoolId = ctx.pathParam("id");
        builder.schoolForBuilding(s.user(), builder.current(), schoolId);
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("version"));
        } catch (NumberFormatException e) {
            throw WebError.notFound("class list " + ctx.pathParam("version"));
        }
        ClassListVersion v = server.store().classList(id).orElseThrow(() -> WebError.notFound("class list " + id));
        if (!v.schoolId().equals(schoolId) || v.datasetId() != builder.currentInfo().id()) {
            throw WebError.forbidden("class list " + id + " here (another school or dataset)");
        }
        ClassFormation f = builder.formation(s.user(), setup(v));
        s.boards.put(schoolId, new Board(f, Board.placementOf(f, placement(v)), v.name() + " v" + v.version()));
        server.store().audit(s.user().username(), "open-class-list", "class list " + id);
        ctx.redirect("/schools/" + schoolId + "/classes");
    }

    private void compare(Context ctx) {
        WebUser u = user(ctx);
        String schoolId = ctx.pathParam("id");
        builder.schoolForBuilding(u, builder.current(), schoolId);
        ClassListVersion a = version(ctx, "a", schoolId);
        ClassListVersion b = version(ctx, "b", schoolId);
        Map<String, String> pa = placement(a);
        Map<String, String> pb = placement(b);
        ClassSetup sa = setup(a);
        ClassSetup sb = setup(b);
        SectionScorer.Score scoreA = builder.evaluate(u, sa, pa);
        SectionScorer.Score scoreB = builder.evaluate(u, sb, pb);
        boolean names = Access.seesNames(u, schoolId);
        Map<String, Student> byId = new HashMap<>();
        builder.current().students().forEach(st -> byId.put(st.id(), st));
        List<String> moved = new ArrayList<>();
        pa.forEach((id, sec) -> {
            String other = pb.get(id);
            if (other != null && !other.equals(sec)) {
                Student st = byId.get(id);
                String who = names && st != null ? st.givenName() + " " + st.familyName() : id;
                moved.add(who + ": " + sec + " → " + other);
            }
        });
        server.store().audit(u.username(), "compare-class-lists", "class lists " + a.id() + " and " + b.id());
        render(ctx, "compare.jte", Map.of("page", page("Compare", WebServer.session(ctx)), "c",
                new Views.Compare(schoolId, a, b, scoreA, scoreB, moved, pa.size())));
    }

    private ClassListVersion version(Context ctx, String param, String schoolId) {
        String v = ctx.queryParam(param);
        long id;
        try {
            id = Long.parseLong(v == null ? "" : v);
        } catch (NumberFormatException e) {
            throw new BadInputException(List.of(new InputProblem("form", 0, param, v, "two saved versions, A and "
                    + "B")));
        }
        ClassListVersion found = server.store().classList(id).orElseThrow(() -> WebError.notFound("class list "
                + id));
        if (!found.schoolId().equals(schoolId)) {
            throw WebError.forbidden("class list " + id);
        }
        return found;
    }

    static Map<String, String> placement(ClassListVersion v) {
        try {
            return WebServer.JSON.readValue(v.placementJson(), new TypeReference<LinkedHashMap<String, String>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ClassSetup setup(ClassListVersion v) {
        try {
            return WebServer.JSON.readValue(v.setupJson(), ClassSetup.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void exportCsv(Context ctx) {
        Board b = board(ctx);
        WebUser u = user(ctx);
        String schoolId = ctx.pathParam("id");
        boolean names = Access.seesNames(u, schoolId);
        StringBuilder sb = new StringBuilder(names ? "student_id,given_name,family_name,section_id\n"
                : "student_id,section_id\n");
        ClassFormation f = b.formation();
        int[] p = b.placement();
        for (int i = 0; i < p.length; i++) {
            Student st = f.students().get(i);
            sb.append(csv(st.id()));
            if (names) {
                sb.append(',').append(csv(st.givenName())).append(',').append(csv(st.familyName()));
            }
            sb.append(',').append(csv(f.sections().get(p[i]).id())).append('\n');
        }
        server.store().audit(u.username(), "export-csv", "dataset " + builder.currentInfo().id() + " school "
                + schoolId);
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"classes-" + schoolId + ".csv\"");
        ctx.result(sb.toString());
    }

    private static String csv(String v) {
        return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    private void exportOneRoster(Context ctx) throws IOException {
        Board b = board(ctx);
        WebUser u = user(ctx);
        ClassFormation f = b.formation();
        int[] p = b.placement();
        List<RosterEntry> rosters = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            rosters.add(new RosterEntry(f.sections().get(p[i]).id(), f.students().get(i).id()));
        }
        Path dir = Files.createTempDirectory("mosaic-oneroster");
        try {
            OneRosterExport.writeClasses(dir, f.sections(), rosters, OneRosterVersion.V1_2);
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> files = Files.list(dir)) {
                for (Path file : files.sorted().toList()) {
                    zip.putNextEntry(new ZipEntry(file.getFileName().toString()));
                    Files.copy(file, zip);
                    zip.closeEntry();
                }
            }
            server.store().audit(u.username(), "export-oneroster", "dataset " + builder.currentInfo().id()
                    + " school " + ctx.pathParam("id"));
            ctx.contentType("application/zip");
            ctx.header("Content-Disposition", "attachment; filename=\"oneroster-" + ctx.pathParam("id") + ".zip\"");
            ctx.result(bytes.toByteArray());
        } finally {
            deleteTree(dir);
        }
    }

    private void print(Context ctx) {
        Board b = board(ctx);
        WebUser u = user(ctx);
        String schoolId = ctx.pathParam("id");
        School school = builder.school(u, builder.current(), schoolId);
        server.store().audit(u.username(), "print-classes", "dataset " + builder.currentInfo().id() + " school "
                + schoolId);
        render(ctx, "print.jte", Map.of("page", page("Print", WebServer.session(ctx)), "schoolName", school.name(),
                "columns", columns(b, u, schoolId)));
    }

    // ------------------------------------------------------------------ jobs

    private void job(Context ctx) {
        WebSession s = WebServer.session(ctx);
        SolveJobs.View v = builder.job(s.user(), ctx.pathParam("id"));
        render(ctx, "job.jte", Map.of("job", v, "csrf", s.csrf()));
    }

    private void cancelJob(Context ctx) {
        WebSession s = WebServer.session(ctx);
        SolveJobs.View v = builder.job(s.user(), ctx.pathParam("id"));
        builder.jobs().cancel(v.id());
        render(ctx, "job.jte", Map.of("job", builder.job(s.user(), v.id()), "csrf", s.csrf()));
    }

    // ------------------------------------------------------------------ admin

    private void audit(Context ctx) {
        WebSession s = WebServer.session(ctx);
        requireAdmin(s.user(), "the audit log");
        render(ctx, "audit.jte", Map.of("page", page("Audit log", s), "entries", server.store().auditLog(500)));
    }

    static void requireAdmin(WebUser u, String what) {
        if (u.role() != WebRole.ADMIN) {
            throw WebError.forbidden(what);
        }
    }

    private void dataPage(Context ctx) {
        WebSession s = WebServer.session(ctx);
        requireAdmin(s.user(), "the district's datasets");
        renderData(ctx, List.of(), null);
    }

    private void renderData(Context ctx, List<String> problems, String message) {
        Map<String, Object> params = new HashMap<>();
        params.put("page", page("Data", WebServer.session(ctx)));
        params.put("problems", problems);
        params.put("message", message);
        params.put("datasets", builder.datasets().list());
        render(ctx, "upload.jte", params);
    }

    /** Reads the zip with the CLI's readers; saves only a dataset that is valid as a whole. */
    private void upload(Context ctx) throws IOException {
        WebSession s = WebServer.session(ctx);
        requireAdmin(s.user(), "the district's datasets");
        UploadedFile file = ctx.uploadedFile("file");
        String name = ctx.formParam("name");
        if (file == null || name == null || name.isBlank()) {
            ctx.status(400);
            renderData(ctx, List.of("choose a zip file and give the dataset a name"), null);
            return;
        }
        Path dir = Files.createTempDirectory("mosaic-upload");
        try {
            try (InputStream in = file.content()) {
                DatasetUpload.unzip(in, dir);
            }
            Dataset d = DatasetUpload.read(dir);
            long id = builder.datasets().save(d, name.trim(), "upload " + file.filename());
            server.store().audit(s.user().username(), "upload-dataset", "dataset " + id + " (" + name.trim()
                    + ")");
            renderData(ctx, List.of(), "Saved dataset '" + name.trim() + "' (id " + id + "): " + d.students().size()
                    + " students in " + d.schools().size() + " schools. It is now the current dataset.");
        } catch (BadInputException e) {
            ctx.status(400);
            List<String> problems = new ArrayList<>(e.problems().stream().map(InputProblem::toString).toList());
            if (e.omitted() > 0) {
                problems.add("... and " + e.omitted() + " more not shown (at most 25 per file)");
            }
            renderData(ctx, problems, null);
        } finally {
            deleteTree(dir);
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind is harmless; the OS cleans it.
        }
    }

    /** Minimal HTML attribute escaping for the few fragments written by hand. */
    static final class Html {
        static String attr(String s) {
            return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
        }
    }

}
