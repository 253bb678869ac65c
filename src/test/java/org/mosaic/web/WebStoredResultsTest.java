package org.mosaic.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosaic.store.AuditEntry;
import org.mosaic.store.DbUrl;

/**
 * Growth, frontier, scenarios and ddk2011 results are kept in the store: a server on an H2 file runs each once, is
 * stopped, and a new server on the same file shows them again (same JSON, version 1), with the per-school access of
 * the other results: a school's frontier for that school's builders, district results for admins.
 */
class WebStoredResultsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RESULT = Pattern.compile("\\(result ([0-9]+)\\)");

    @TempDir
    static Path dir;
    private static DbUrl db;
    private static WebFixture restarted;
    /** What the first server showed, by page: each page's stored-result ids and chart data. */
    private static final Map<String, String> before = new LinkedHashMap<>();
    private static final Map<String, List<Long>> idsBefore = new LinkedHashMap<>();

    @BeforeAll
    static void runEachTaskThenRestart() throws Exception {
        db = new DbUrl("jdbc:h2:file:" + dir.resolve("web").toAbsolutePath(), null, null);
        try (WebFixture first = new WebFixture(db, 5, true)) {
            WebFixture.Client principal = first.client().signedIn("principal-a");
            assertThat(principal.postForm("/schools/elmhurst/classes/frontier", frontierForm()).statusCode())
                    .isEqualTo(302);
            await(principal, "/schools/elmhurst/classes");
            WebFixture.Client admin = first.client().signedIn("admin");
            assertThat(admin.postForm("/district/growth", Map.of("subject", "math")).statusCode()).isEqualTo(302);
            await(admin, "/district/growth?subject=math");
            assertThat(admin.postForm("/district/scenarios", Map.of("run", "district", "parameters", "hoxby2000",
                    "draws", "2", "seed", "5", "years", "1", "dial_by_school", "lakeside: 0")).statusCode())
                    .isEqualTo(302);
            await(admin, "/district/scenarios");
            assertThat(admin.postForm("/district/scenarios", Map.of("run", "ddk2011", "draws", "3", "seed", "2"))
                    .statusCode()).isEqualTo(302);
            await(admin, "/district/scenarios");
            before.put("frontier", principal.get("/schools/elmhurst/classes").body());
            before.put("growth", admin.get("/district/growth?subject=math").body());
            before.put("scenarios", admin.get("/district/scenarios").body());
        }
        restarted = new WebFixture(db, 5, false);
    }

    @AfterAll
    static void stop() {
        if (restarted != null) {
            restarted.close();
        }
    }

    @Test
    void everyResultSurvivesARestartOfTheServer() throws Exception {
        WebFixture.Client principal = restarted.client().signedIn("principal-a");
        WebFixture.Client admin = restarted.client().signedIn("admin");
        String frontier = principal.get("/schools/elmhurst/classes").body();
        String growth = admin.get("/district/growth?subject=math").body();
        String scenarios = admin.get("/district/scenarios").body();

        // The same charts as before the restart, and no new job was needed to draw them.
        for (String chart : List.of("frontier-chart")) {
            assertThat(chart(frontier, chart)).isNotEmpty().isEqualTo(chart(before.get("frontier"), chart));
        }
        assertThat(chart(growth, "growth-chart")).isNotEmpty().isEqualTo(chart(before.get("growth"), "growth-chart"));
        for (String chart : List.of("scenarios-chart", "ddk-chart")) {
            assertThat(chart(scenarios, chart)).isNotEmpty().isEqualTo(chart(before.get("scenarios"), chart));
        }
        assertThat(frontier).doesNotContain("hx-get=\"/jobs/");
        assertThat(scenarios).contains("(per-school dials)").contains("value=\"lakeside: 0\"");

        // Versioned: the growth page names version 1; computing again makes version 2 of the same name.
        assertThat(growth).contains("version 1 of “math”");
        long growthId = ids(growth).get(0);
        JsonNode stored = JSON.readTree(admin.get("/api/results/" + growthId).body());
        assertThat(stored.get("kind").asText()).isEqualTo("growth");
        assertThat(stored.get("version").asInt()).isEqualTo(1);
        assertThat(stored.get("school").isNull()).isTrue();
        assertThat(stored.get("result").get("subject").asText()).isEqualTo("math");
        assertThat(admin.postForm("/district/growth", Map.of("subject", "math")).statusCode()).isEqualTo(302);
        await(admin, "/district/growth?subject=math");
        String again = admin.get("/district/growth?subject=math").body();
        assertThat(again).contains("version 2 of “math”");
        assertThat(ids(again).get(0)).isNotEqualTo(growthId);

        // The school's saved frontiers are listed for its builders.
        JsonNode list = JSON.readTree(principal.get("/api/schools/elmhurst/results").body());
        assertThat(list.get("results")).hasSize(1);
        assertThat(list.get("results").get(0).get("name").asText()).isEqualTo("grade 6 math");
        assertThat(list.get("results").get(0).get("created_by").asText()).isEqualTo("principal-a");
    }

    @Test
    void aSchoolsStoredResultIsForThatSchoolsBuildersAndDistrictResultsForAdmins() throws Exception {
        WebFixture.Client admin = restarted.client().signedIn("admin");
        long frontierId = JSON.readTree(admin.get("/api/schools/elmhurst/results").body()).get("results").get(0)
                .get("id").asLong();
        long ddkId = ids(admin.get("/district/scenarios").body()).get(1);

        WebFixture.Client principalA = restarted.client().signedIn("principal-a");
        WebFixture.Client counselorA = restarted.client().signedIn("counselor-a");
        WebFixture.Client teacherA = restarted.client().signedIn("teacher-a");
        WebFixture.Client principalB = restarted.client().signedIn("principal-b");
        assertThat(admin.get("/api/results/" + frontierId).statusCode()).isEqualTo(200);
        assertThat(principalA.get("/api/results/" + frontierId).statusCode()).isEqualTo(200);
        assertThat(counselorA.get("/api/results/" + frontierId).statusCode()).isEqualTo(200);
        HttpResponse<String> other = principalB.get("/api/results/" + frontierId);
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.body()).doesNotContain("points").doesNotContain("withinSd");
        assertThat(teacherA.get("/api/results/" + frontierId).statusCode()).isEqualTo(403);
        assertThat(principalB.get("/api/schools/elmhurst/results").statusCode()).isEqualTo(403);
        // District-wide results are the admins'.
        assertThat(admin.get("/api/results/" + ddkId).statusCode()).isEqualTo(200);
        assertThat(principalA.get("/api/results/" + ddkId).statusCode()).isEqualTo(403);
        // Only an admin learns that an id does not exist.
        assertThat(admin.get("/api/results/999999").statusCode()).isEqualTo(404);
        assertThat(principalB.get("/api/results/999999").statusCode()).isEqualTo(403);
        assertThat(restarted.client().get("/api/results/" + frontierId).statusCode()).isEqualTo(401);

        // Saves and reads are in the audit log, by result id.
        List<String> audit = new ArrayList<>();
        for (AuditEntry e : restarted.server.store().auditLog(500)) {
            audit.add(e.username() + " " + e.action() + " " + e.target());
        }
        assertThat(audit).anyMatch(a -> a.startsWith("principal-a save-result ") && a.contains("frontier result "
                + frontierId + " "));
        assertThat(audit).anyMatch(a -> a.startsWith("principal-a view-result ") && a.endsWith("frontier result "
                + frontierId));
        assertThat(audit).anyMatch(a -> a.startsWith("admin save-result ") && a.contains("ddk2011 result " + ddkId
                + " "));
    }

    static Map<String, String> frontierForm() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grade", "6");
        form.put("subject", "math");
        form.put("sections_from", "count");
        form.put("count", "4");
        form.put("capacity", "32");
        form.put("ell_certified", "4");
        form.put("tracking", "0.5");
        form.put("time_limit", "1");
        return form;
    }

    /** Waits for the job the page polls, if any, to finish. */
    static void await(WebFixture.Client c, String page) throws Exception {
        Matcher job = Pattern.compile("hx-get=\"/jobs/([0-9a-f-]+)\"").matcher(c.get(page).body());
        if (!job.find()) {
            return;
        }
        String state = "";
        for (int i = 0; i < 3000 && !state.equals("done"); i++) {
            JsonNode j = JSON.readTree(c.get("/api/jobs/" + job.group(1)).body());
            state = j.get("state").asText();
            assertThat(state).as(j.toString()).isIn("queued", "running", "done");
            Thread.sleep(100);
        }
    }

    private static String chart(String html, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\" data-chart=\"([^\"]+)\"").matcher(html);
        return m.find() ? m.group(1) : "";
    }

    /** The stored-result ids a page names, in page order. */
    private static List<Long> ids(String html) {
        List<Long> out = new ArrayList<>();
        Matcher m = RESULT.matcher(html);
        while (m.find()) {
            out.add(Long.parseLong(m.group(1)));
        }
        return out;
    }
}
