package org.mosaic.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The authorization matrix of docs/web.md, role × school × route, over HTTP: every route that names a school answers
 * 403 to a user of another school, by page and by API, and 401 before sign-in. The expected statuses are written
 * out here by hand, not derived from {@link Access}.
 */
class WebAuthorizationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static WebFixture f;
    private static final Map<String, WebFixture.Client> CLIENTS = new LinkedHashMap<>();

    @BeforeAll
    static void start() {
        f = WebFixture.shared();
        for (String u : List.of("admin", "principal-a", "counselor-a", "teacher-a", "principal-b")) {
            CLIENTS.put(u, f.client().signedIn(u));
        }
    }

    /** A route on one school: how to call it, and the status a user who may use it gets. */
    private record Route(String name, BiFunction<WebFixture.Client, String, HttpResponse<String>> call,
                         int allowed, boolean classBuilder) {
    }

    private static List<Route> routes() {
        List<Route> r = new ArrayList<>();
        r.add(new Route("GET /api/schools/{id}/students", (c, s) -> c.get("/api/schools/" + s + "/students"), 200,
                false));
        r.add(new Route("GET /api/schools/{id}/sections", (c, s) -> c.get("/api/schools/" + s + "/sections"), 200,
                false));
        r.add(new Route("GET /schools/{id}/classes", (c, s) -> c.get("/schools/" + s + "/classes"), 200, true));
        r.add(new Route("GET /schools/{id}/dashboard", (c, s) -> c.get("/schools/" + s + "/dashboard"), 200, true));
        // A section of each school: A's is teacher-a's own section.
        r.add(new Route("GET /sections/{school}-g6-math-1/groups", (c, s) -> c.get("/sections/" + s
                + "-g6-math-1/groups"), 200, false));
        r.add(new Route("GET /sections/{school}-g6-math-1/groups/sheet", (c, s) -> c.get("/sections/" + s
                + "-g6-math-1/groups/sheet"), 200, false));
        r.add(new Route("POST /sections/{school}-g6-math-1/groups/regroup", (c, s) -> c.postForm("/sections/" + s
                + "-g6-math-1/groups/regroup", Map.of()), 400, false));
        r.add(new Route("GET /schools/{id}/enrollment", (c, s) -> c.get("/schools/" + s + "/enrollment"), 200,
                true));
        // Allowed users get the input error (400), so these calls start no solve; others must get 403 first.
        r.add(new Route("POST /api/sections/evaluate", (c, s) -> c.postJson("/api/sections/evaluate",
                "{\"school\":\"" + s + "\",\"grade\":6,\"subject\":\"math\",\"placement\":{}}"), 400, true));
        r.add(new Route("POST /api/jobs/sections", (c, s) -> c.postJson("/api/jobs/sections",
                "{\"school\":\"" + s + "\",\"grade\":6,\"tracking\":7}"), 400, true));
        r.add(new Route("POST /schools/{id}/classes/solve", (c, s) -> c.postForm("/schools/" + s
                + "/classes/solve", Map.of("tracking", "7")), 400, true));
        r.add(new Route("POST /schools/{id}/classes/frontier", (c, s) -> c.postForm("/schools/" + s
                + "/classes/frontier", Map.of("tracking", "7")), 400, true));
        r.add(new Route("POST /schools/{id}/classes/move", (c, s) -> c.postForm("/schools/" + s + "/classes/move",
                Map.of("student", "EL0001", "section", "x")), 409, true));
        r.add(new Route("POST /schools/{id}/classes/lock", (c, s) -> c.postForm("/schools/" + s
                + "/classes/lock?student=EL0001", Map.of()), 409, true));
        r.add(new Route("POST /schools/{id}/classes/versions", (c, s) -> c.postForm("/schools/" + s
                + "/classes/versions", Map.of("name", "v")), 409, true));
        r.add(new Route("GET /schools/{id}/classes/compare", (c, s) -> c.get("/schools/" + s
                + "/classes/compare?a=x&b=y"), 400, true));
        r.add(new Route("GET /schools/{id}/classes/export.csv", (c, s) -> c.get("/schools/" + s
                + "/classes/export.csv"), 409, true));
        r.add(new Route("GET /schools/{id}/classes/oneroster.zip", (c, s) -> c.get("/schools/" + s
                + "/classes/oneroster.zip"), 409, true));
        r.add(new Route("GET /schools/{id}/classes/print", (c, s) -> c.get("/schools/" + s + "/classes/print"),
                409, true));
        return r;
    }

    /** May this user see (or, for class-builder routes, build) this school's data? Written out per role. */
    private static boolean allowed(String user, String school, boolean classBuilder) {
        return switch (user) {
            case "admin" -> true;
            case "principal-a", "counselor-a" -> school.equals(WebFixture.A);
            case "teacher-a" -> !classBuilder && school.equals(WebFixture.A);
            case "principal-b" -> school.equals(WebFixture.B);
            default -> false;
        };
    }

    @Test
    void everyRoleGets403ForEverySchoolItMayNotSeeByPageAndByApi() {
        SoftAssertions soft = new SoftAssertions();
        int cells = 0;
        for (Route route : routes()) {
            for (String school : List.of(WebFixture.A, WebFixture.B)) {
                for (var e : CLIENTS.entrySet()) {
                    int expected = allowed(e.getKey(), school, route.classBuilder()) ? route.allowed() : 403;
                    int got = route.call().apply(e.getValue(), school).statusCode();
                    soft.assertThat(got).as(e.getKey() + " " + route.name() + " " + school).isEqualTo(expected);
                    cells++;
                }
            }
        }
        soft.assertAll();
        assertThat(cells).isEqualTo(routes().size() * 2 * 5);
    }

    @Test
    void everyRouteAnswers401BeforeSignInAndNeverServesData() {
        WebFixture.Client anonymous = f.client();
        anonymous.get("/login");
        for (Route route : routes()) {
            HttpResponse<String> r = route.call().apply(anonymous, WebFixture.A);
            boolean api = route.name().contains("/api/");
            // A form post without a session fails the CSRF check first (403); pages redirect; the API says 401.
            assertThat(r.statusCode()).as(route.name()).isIn(api ? List.of(401) : List.of(302, 401, 403));
            assertThat(r.body()).as(route.name()).doesNotContain("EL0001");
        }
    }

    @Test
    void anUnknownSchoolIs404ForAnAdminAnd403ForOthersSoIdsCannotBeProbed() {
        assertThat(CLIENTS.get("admin").get("/api/schools/nowhere/students").statusCode()).isEqualTo(404);
        assertThat(CLIENTS.get("principal-a").get("/api/schools/nowhere/students").statusCode()).isEqualTo(403);
        HttpResponse<String> none = CLIENTS.get("admin").get("/api/no-such-call");
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(none.body()).contains("\"status\":404");
    }

    @Test
    void theSchoolListShowsOnlyTheUsersSchools() throws Exception {
        assertThat(schoolIds("admin")).containsExactly(WebFixture.A, WebFixture.B);
        assertThat(schoolIds("principal-a")).containsExactly(WebFixture.A);
        assertThat(schoolIds("teacher-a")).containsExactly(WebFixture.A);
        assertThat(schoolIds("principal-b")).containsExactly(WebFixture.B);
        assertThat(CLIENTS.get("principal-b").get("/").body()).contains("Lakeside Middle")
                .doesNotContain("Elmhurst Community Prep");
    }

    private static List<String> schoolIds(String user) throws Exception {
        JsonNode n = JSON.readTree(CLIENTS.get(user).get("/api/schools").body());
        List<String> ids = new ArrayList<>();
        n.get("schools").forEach(s -> ids.add(s.get("id").asText()));
        return ids;
    }

    @Test
    void aTeacherSeesOnlyTheirSectionAndItsStudents() throws Exception {
        JsonNode students = JSON.readTree(CLIENTS.get("teacher-a").get("/api/schools/elmhurst/students").body())
                .get("students");
        List<String> roster = f.data.roster(WebFixture.TEACHER_SECTION);
        assertThat(students.size()).isEqualTo(roster.size()).isLessThan(375);
        students.forEach(s -> assertThat(roster).contains(s.get("id").asText()));
        JsonNode sections = JSON.readTree(CLIENTS.get("teacher-a").get("/api/schools/elmhurst/sections").body())
                .get("sections");
        assertThat(sections.size()).isEqualTo(1);
        assertThat(sections.get(0).get("id").asText()).isEqualTo(WebFixture.TEACHER_SECTION);
    }

    @Test
    void namesGoToTheSchoolsOwnStaffOnlyNotToTheDistrictAdmin() throws Exception {
        JsonNode principal = JSON.readTree(CLIENTS.get("principal-a").get("/api/schools/elmhurst/students").body());
        JsonNode admin = JSON.readTree(CLIENTS.get("admin").get("/api/schools/elmhurst/students").body());
        assertThat(principal.get("students").get(0).has("given_name")).isTrue();
        assertThat(admin.get("students").get(0).has("given_name")).isFalse();
        assertThat(admin.get("students").size()).isEqualTo(375);
    }

    @Test
    void theAuditLogTheDataPageAndTheDistrictDashboardAreForAdminsOnly() {
        for (var e : CLIENTS.entrySet()) {
            int expected = e.getKey().equals("admin") ? 200 : 403;
            assertThat(e.getValue().get("/admin/audit").statusCode()).as(e.getKey()).isEqualTo(expected);
            assertThat(e.getValue().get("/data").statusCode()).as(e.getKey()).isEqualTo(expected);
            assertThat(e.getValue().get("/district").statusCode()).as(e.getKey()).isEqualTo(expected);
            assertThat(e.getValue().get("/enroll").statusCode()).as(e.getKey()).isEqualTo(expected);
            assertThat(e.getValue().get("/district/clusters").statusCode()).as(e.getKey()).isEqualTo(expected);
            assertThat(e.getValue().get("/district/growth").statusCode()).as(e.getKey()).isEqualTo(expected);
            assertThat(e.getValue().get("/district/scenarios").statusCode()).as(e.getKey()).isEqualTo(expected);
            // State-changing admin routes: an admin gets the input error (nothing runs), everyone else 403 first.
            int adminOnlyPost = e.getKey().equals("admin") ? 400 : 403;
            assertThat(e.getValue().postForm("/district/growth", Map.of("subject", "latin")).statusCode())
                    .as(e.getKey()).isEqualTo(adminOnlyPost);
            assertThat(e.getValue().postForm("/district/scenarios", Map.of("draws", "1")).statusCode())
                    .as(e.getKey()).isEqualTo(adminOnlyPost);
            assertThat(e.getValue().postForm("/enroll/check", Map.of("policy", "seats: [")).statusCode())
                    .as(e.getKey()).isEqualTo(adminOnlyPost);
            assertThat(e.getValue().postForm("/enroll/run", Map.of("mechanism", "lottery")).statusCode())
                    .as(e.getKey()).isEqualTo(adminOnlyPost);
            assertThat(e.getValue().postForm("/enroll/runs/999999/probabilities", Map.of()).statusCode())
                    .as(e.getKey()).isEqualTo(e.getKey().equals("admin") ? 404 : 403);
            assertThat(e.getValue().get("/enroll/compare?a=999999&b=999998").statusCode())
                    .as(e.getKey()).isEqualTo(e.getKey().equals("admin") ? 404 : 403);
        }
    }

    @Test
    void anotherUsersJobIsForbidden() throws Exception {
        // A session of its own: the solved board would otherwise change what the matrix's principal-a sees.
        WebFixture.Client owner = f.client().signedIn("principal-a");
        HttpResponse<String> submitted = owner.postJson("/api/jobs/sections",
                "{\"school\":\"elmhurst\",\"grade\":8,\"subject\":\"reading\",\"time_limit\":1}");
        assertThat(submitted.statusCode()).isEqualTo(202);
        String id = JSON.readTree(submitted.body()).get("id").asText();
        assertThat(CLIENTS.get("principal-b").get("/api/jobs/" + id).statusCode()).isEqualTo(403);
        assertThat(CLIENTS.get("counselor-a").get("/jobs/" + id).statusCode()).isEqualTo(403);
        assertThat(owner.get("/api/jobs/" + id).statusCode()).isEqualTo(200);
        assertThat(CLIENTS.get("admin").get("/api/jobs/" + id).statusCode()).isEqualTo(200);
    }
}
