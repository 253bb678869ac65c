package org.mosaic.web;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import org.mosaic.model.BadInputException;
import org.mosaic.model.InputProblem;
import org.mosaic.store.DbUrl;
import org.mosaic.store.StoreException;
import org.mosaic.store.WebStore;

/**
 * {@code mosaic serve}: Javalin on the store. Every request passes {@link #guard}: security headers, the session
 * cookie, sign-in (pages redirect to /login, the API answers 401) and the CSRF check on every state-changing
 * request. Handlers then ask {@link Access} before touching a school's data.
 */
public final class WebServer implements AutoCloseable {
    /** Options of {@code mosaic serve}; {@code solveWorkers} solves run at once, the rest wait in line. */
    public record Options(DbUrl db, String bind, int port, int solveWorkers, int maxLoginFailures,
                          long loginWindowMillis, int bcryptCost) {
        public static Options of(DbUrl db, String bind, int port) {
            return new Options(db, bind, port, 1, 5, 15 * 60_000L, WebStore.COST);
        }
    }

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";
    private static final Set<String> OPEN = Set.of("/login", "/favicon.ico");
    static final ObjectMapper JSON = new ObjectMapper();

    private final Options options;
    private final WebStore store;
    private final SolveJobs jobs;
    private final Sessions sessions = new Sessions(8 * 3600_000L);
    private final LoginThrottle throttle;
    private final ClassBuilder builder;
    private final StoredResults results;
    private final Templates templates = new Templates();
    private final Javalin app;

    private WebServer(Options options) {
        this.options = options;
        this.store = WebStore.open(options.db(), options.bcryptCost());
        this.jobs = new SolveJobs(options.solveWorkers());
        this.throttle = new LoginThrottle(options.maxLoginFailures(), 20 * options.maxLoginFailures(),
                options.loginWindowMillis(), System::currentTimeMillis);
        this.builder = new ClassBuilder(new Datasets(options.db()), store, jobs);
        this.results = new StoredResults(store);
        PageRoutes pages = new PageRoutes(this);
        ApiRoutes api = new ApiRoutes(this);
        DashboardRoutes dashboards = new DashboardRoutes(this);
        EnrollRoutes enroll = new EnrollRoutes(this);
        GroupRoutes groups = new GroupRoutes(this);
        this.app = Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(JSON, false));
            config.jetty.host = options.bind();
            config.jetty.port = options.port();
            config.jetty.multipartConfig.maxFileSize(200, io.javalin.config.SizeUnit.MB);
            config.jetty.multipartConfig.maxTotalRequestSize(200, io.javalin.config.SizeUnit.MB);
            config.http.maxRequestSize = 20_000_000L;
            config.startup.showJavalinBanner = false;
            config.staticFiles.enableWebjars();
            config.staticFiles.add(s -> {
                s.hostedPath = "/static";
                s.directory = "/web/static";
                s.location = Location.CLASSPATH;
            });
            config.routes.before(this::guard);
            pages.register(config.routes);
            api.register(config.routes);
            dashboards.register(config.routes);
            enroll.register(config.routes);
            groups.register(config.routes);
            config.routes.exception(WebError.class, (e, ctx) -> fail(ctx, e.status(), e.getMessage(), List.of()));
            config.routes.exception(BadInputException.class, (e, ctx) -> fail(ctx, 400,
                    "the input has problems", e.problems()));
            config.routes.exception(StoreException.class, (e, ctx) -> fail(ctx, 503, e.getMessage(), List.of()));
            config.routes.error(404, ctx -> {
                if (ctx.attribute("failed") == null) {
                    fail(ctx, 404, "no page at this address", List.of());
                }
            });
        });
    }

    public static WebServer start(Options options) {
        WebServer s = new WebServer(options);
        s.app.start();
        return s;
    }

    public int port() {
        return app.port();
    }

    Options options() {
        return options;
    }

    WebStore store() {
        return store;
    }

    Sessions sessions() {
        return sessions;
    }

    LoginThrottle throttle() {
        return throttle;
    }

    SolveJobs jobs() {
        return jobs;
    }

    ClassBuilder builder() {
        return builder;
    }

    StoredResults results() {
        return results;
    }

    Templates templates() {
        return templates;
    }

    static boolean isApi(Context ctx) {
        return ctx.path().startsWith("/api/");
    }

    private static boolean isAsset(String path) {
        return path.startsWith("/static/") || path.startsWith("/webjars/");
    }

    /** Headers, session, sign-in and CSRF, in that order, before any handler runs. */
    private void guard(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        String path = ctx.path();
        if (isAsset(path)) {
            return;
        }
        ctx.header("Cache-Control", "no-store");
        WebSession session = sessions.find(ctx.cookie(Sessions.COOKIE)).orElse(null);
        ctx.attribute("session", session);
        boolean open = OPEN.contains(path);
        if (!open && (session == null || session.user() == null)) {
            if (isApi(ctx) || "true".equals(ctx.header("HX-Request"))) {
                throw new WebError(401, "sign in first: POST /login with username, password and _csrf");
            }
            ctx.redirect("/login");
            ctx.skipRemainingHandlers();
            return;
        }
        HandlerType m = ctx.method();
        boolean changes = m == HandlerType.POST || m == HandlerType.PUT || m == HandlerType.DELETE
                || m == HandlerType.PATCH;
        if (changes) {
            checkCsrf(ctx, session);
        }
    }

    /**
     * A state-changing request must carry the session's token (form field _csrf or header X-CSRF-Token). API calls
     * with a JSON body are exempt: a cross-site page cannot send one without a CORS preflight, which this server
     * never grants.
     */
    private static void checkCsrf(Context ctx, WebSession session) {
        if (isApi(ctx) && ctx.contentType() != null && ctx.contentType().startsWith("application/json")
                && ctx.method() != HandlerType.DELETE) {
            return;
        }
        String given = ctx.header("X-CSRF-Token");
        if (given == null) {
            given = ctx.formParam("_csrf");
        }
        if (session == null || !Sessions.sameToken(session.csrf(), given)) {
            throw new WebError(403, "the form's CSRF token is missing or stale: reload the page and try again");
        }
    }

    static WebSession session(Context ctx) {
        return ctx.attribute("session");
    }

    /** Sets the session cookie: HttpOnly, SameSite=Lax, and Secure when the request came over TLS. */
    static void setCookie(Context ctx, WebSession s) {
        String secure = "https".equalsIgnoreCase(ctx.scheme()) ? "; Secure" : "";
        ctx.header("Set-Cookie", Sessions.COOKIE + "=" + (s == null ? "" : s.id) + "; Path=/; HttpOnly; "
                + "SameSite=Lax" + secure + (s == null ? "; Max-Age=0" : ""));
    }

    /** An error as JSON for the API and htmx, as a page otherwise. Messages never hold student data. */
    void fail(Context ctx, int status, String message, List<InputProblem> problems) {
        ctx.attribute("failed", true);
        ctx.status(status);
        if (status == 429 && ctx.attribute("retryAfter") != null) {
            ctx.header("Retry-After", ctx.attribute("retryAfter").toString());
        }
        if (isApi(ctx)) {
            ctx.json(Map.of("status", status, "error", message, "problems", problems.stream().map(p -> Map.of(
                    "file", p.file(), "line", p.line(), "column", p.column(), "value", p.value(), "expected",
                    p.expected(), "message", p.toString())).toList()));
            return;
        }
        WebSession s = session(ctx);
        Page page = PageRoutes.page("Error", s);
        ctx.html(templates.render("error.jte", Map.of("page", page, "status", status, "message", message,
                "problems", problems.stream().map(InputProblem::toString).toList())));
    }

    @Override
    public void close() {
        app.stop();
        jobs.close();
        builder.datasets().close();
        store.close();
    }
}
