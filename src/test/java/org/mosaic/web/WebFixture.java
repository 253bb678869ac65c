package org.mosaic.web;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.mosaic.io.synthetic.ElmhurstPreset;
import org.mosaic.model.Choice;
import org.mosaic.model.Dataset;
import org.mosaic.model.District;
import org.mosaic.model.PlacementRequest;
import org.mosaic.model.RosterEntry;
import org.mosaic.model.School;
import org.mosaic.model.Score;
import org.mosaic.model.Section;
import org.mosaic.model.Student;
import org.mosaic.store.DbUrl;
import org.mosaic.store.MosaicStore;
import org.mosaic.store.WebRole;
import org.mosaic.store.WebStore;

/**
 * A running server on loopback with an in-memory database holding two schools (Elmhurst and a renamed copy,
 * "lakeside") and one user per role: admin, principal-a, counselor-a, teacher-a (of elmhurst-g6-math-1) and
 * principal-b (of lakeside), plus "throttled" for the rate-limit test. Every password is {@link #PASSWORD}. One
 * server is shared by all web tests of a JVM: starting Jetty and Flyway costs seconds on a busy machine.
 */
final class WebFixture implements AutoCloseable {
    private static WebFixture shared;

    static synchronized WebFixture shared() {
        if (shared == null) {
            shared = new WebFixture(3);
        }
        return shared;
    }

    static final String PASSWORD = "correct horse battery";
    static final String A = "elmhurst";
    static final String B = "lakeside";
    static final String TEACHER_SECTION = "elmhurst-g6-math-1";

    final DbUrl db;
    final WebServer server;
    final Dataset data;

    WebFixture() {
        this(5);
    }

    WebFixture(int maxLoginFailures) {
        this(new DbUrl("jdbc:h2:mem:web-" + UUID.randomUUID(), null, null), maxLoginFailures, true);
    }

    /**
     * A server on {@code db}; {@code seed} stores the two schools and the users first, else the database is used as
     * an earlier fixture left it (a restart).
     */
    WebFixture(DbUrl db, int maxLoginFailures, boolean seed) {
        this.db = db;
        data = twoSchools();
        if (seed) {
            seed(db, data);
        }
        server = WebServer.start(new WebServer.Options(db, "127.0.0.1", 0, 1, maxLoginFailures, 60_000, 4));
    }

    private static void seed(DbUrl db, Dataset data) {
        try (MosaicStore store = MosaicStore.open(db)) {
            store.save(data, "two-schools", "test");
        }
        try (WebStore users = WebStore.open(db, 4)) {
            users.addUser("admin", WebRole.ADMIN, null, null, PASSWORD.toCharArray());
            users.addUser("principal-a", WebRole.PRINCIPAL, A, null, PASSWORD.toCharArray());
            users.addUser("counselor-a", WebRole.COUNSELOR, A, null, PASSWORD.toCharArray());
            users.addUser("teacher-a", WebRole.TEACHER, A, TEACHER_SECTION, PASSWORD.toCharArray());
            users.addUser("principal-b", WebRole.PRINCIPAL, B, null, PASSWORD.toCharArray());
            users.addUser("throttled", WebRole.COUNSELOR, B, null, PASSWORD.toCharArray());
        }
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Elmhurst plus a copy of it as a second school, every student with a made-up name. */
    static Dataset twoSchools() {
        Dataset e = ElmhurstPreset.build(7);
        List<Student> students = new ArrayList<>();
        List<Score> scores = new ArrayList<>(e.scores());
        List<Section> sections = new ArrayList<>(e.sections());
        List<RosterEntry> rosters = new ArrayList<>(e.rosters());
        List<PlacementRequest> requests = new ArrayList<>(e.requests());
        int n = 0;
        for (Student s : e.students()) {
            n++;
            students.add(named(s, s.id(), A, n));
        }
        for (Student s : e.students()) {
            n++;
            students.add(named(s, "LS" + s.id().substring(2), B, n));
        }
        for (Score sc : e.scores()) {
            scores.add(new Score("LS" + sc.studentId().substring(2), sc.subject(), sc.strand(), sc.year(), sc.term(),
                    sc.scale(), sc.gradeEquivalent()));
        }
        for (Section s : e.sections()) {
            sections.add(new Section(s.id().replace(A, B), B, s.grade(), s.subject(), s.capacity(), s.level(),
                    s.coTaught(), s.ellCertified(), s.period(), s.teacher(), s.course(), s.term()));
        }
        for (RosterEntry r : e.rosters()) {
            rosters.add(new RosterEntry(r.sectionId().replace(A, B), "LS" + r.studentId().substring(2)));
        }
        School a = e.schools().get(0);
        // Another feeder cluster, so the dashboard's cluster level has two units.
        School b = new School(B, "Lakeside Middle", a.type(), "east", a.lowGrade(), a.highGrade(),
                a.location(), B, a.capacityByGrade());
        // Every sixth grader of both schools ranks both; two in three put Elmhurst first, so Elmhurst's 128 seats
        // are short and its cutoff falls inside the lottery.
        List<Choice> choices = new ArrayList<>();
        int k = 0;
        for (Student s : students) {
            if (s.grade() == 6) {
                boolean elmhurstFirst = k++ % 3 != 0;
                choices.add(new Choice(s.id(), 1, elmhurstFirst ? A : B));
                choices.add(new Choice(s.id(), 2, elmhurstFirst ? B : A));
            }
        }
        District d = new District("two", "Two schools", List.of(a, b), List.of(), students);
        return new Dataset(d, scores, choices, List.of(), requests, sections, rosters);
    }

    private static Student named(Student s, String id, String school, int n) {
        return new Student(id, s.grade(), school, s.home(), school, s.tract(), s.frl(), s.race(), s.gender(), s.ell(),
                s.iep(), s.gifted(), s.sesTier(), s.behavior(), "Given" + n, "Family" + n);
    }

    Client client() {
        return new Client(base());
    }

    @Override
    public void close() {
        server.close();
    }

    /** An HTTP client with one cookie jar: a browser without JavaScript. */
    static final class Client {
        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
        private final String base;
        private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String cookie;
        String csrf;

        Client(String base) {
            this.base = base;
        }

        HttpResponse<String> get(String path) {
            return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        }

        HttpResponse<byte[]> getBytes(String path) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
            if (cookie != null) {
                b.header("Cookie", cookie);
            }
            try {
                return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }

        HttpResponse<String> post(String path, Map<String, String> form) {
            String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                    .collect(Collectors.joining("&"));
            return send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        /** A form post with the session's CSRF token added. */
        HttpResponse<String> postForm(String path, Map<String, String> form) {
            Map<String, String> withToken = new java.util.LinkedHashMap<>(form);
            withToken.put("_csrf", csrf);
            return post(path, withToken);
        }

        HttpResponse<String> postJson(String path, String json) {
            return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)));
        }

        HttpResponse<String> delete(String path) {
            return send(HttpRequest.newBuilder(URI.create(base + path)).header("X-CSRF-Token", csrf == null ? ""
                    : csrf).DELETE());
        }

        HttpResponse<String> send(HttpRequest.Builder b) {
            if (cookie != null) {
                b.header("Cookie", cookie);
            }
            try {
                HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                r.headers().firstValue("Set-Cookie").ifPresent(c -> {
                    String v = c.substring(0, c.indexOf(';'));
                    cookie = v.endsWith("=") ? null : v;
                });
                Matcher m = CSRF.matcher(r.body());
                if (m.find()) {
                    csrf = m.group(1);
                }
                return r;
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Signs in through the form; returns the POST's response (303/302 to / on success). */
        HttpResponse<String> login(String user, String password) {
            get("/login");
            return post("/login", Map.of("username", user, "password", password, "_csrf", csrf));
        }

        Client signedIn(String user) {
            HttpResponse<String> r = login(user, PASSWORD);
            if (r.statusCode() / 100 != 3) {
                throw new IllegalStateException("login of " + user + " failed: " + r.statusCode());
            }
            get("/");
            return this;
        }

        private static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }
}
