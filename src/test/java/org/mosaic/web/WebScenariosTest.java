package org.mosaic.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosaic.CliRun;
import org.mosaic.model.Choice;
import org.mosaic.model.Dataset;
import org.mosaic.model.Student;

/**
 * The scenarios page (admins): the simulate engine's integration x tracking scenarios as a job, then growth of low,
 * middle and high achievers with intervals, every outcome, the parameter set and its citation. Checked against what
 * the test computes from the fixture on its own: who is followed, and the segregation between the current schools.
 */
class WebScenariosTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static WebFixture f;

    @BeforeAll
    static void start() {
        f = WebFixture.shared();
    }

    @Test
    void adminsRunTheScenariosAsAJobAndSeeEachAchieverGroupWithItsInterval() throws Exception {
        WebFixture.Client admin = f.client().signedIn("admin");
        assertThat(admin.get("/district/scenarios").statusCode()).isEqualTo(200);
        HttpResponse<String> post = admin.postForm("/district/scenarios", Map.of("parameters", "hoxby2000",
                "draws", "3", "seed", "11", "years", "1", "policy", ""));
        assertThat(post.statusCode()).isEqualTo(302);
        awaitJob(admin);
        String html = admin.get("/district/scenarios").body();
        assertThat(html).contains("id=\"scenarios-chart\"").contains("Model projection, not a forecast")
                .contains("3 draws (seed 11)");

        // Who is followed: the applicants' grade (the grades with choices), counted here from the fixture.
        Dataset d = WebFixture.twoSchools();
        Map<String, Student> byId = d.district().studentsById();
        java.util.Set<Integer> entry = new java.util.TreeSet<>();
        for (Choice c : d.choices()) {
            entry.add(byId.get(c.studentId()).grade());
        }
        List<Student> followed = d.students().stream().filter(s -> entry.contains(s.grade())).toList();
        assertThat(html).contains(followed.size() + " students of the entry grades followed");

        // Four scenarios x three achiever groups, each a mean inside its 95 % of draws.
        Matcher row = Pattern.compile("<tr><td>([^<]+)</td><td>(low \\(Q1\\)|middle \\(Q2-Q3\\)|high \\(Q4\\))</td>"
                + "<td class=\"num\">(-?[0-9.]+) \\[(-?[0-9.]+), (-?[0-9.]+)\\]</td></tr>").matcher(html);
        List<String> rows = new ArrayList<>();
        while (row.find()) {
            rows.add(row.group(1) + " / " + row.group(2));
            double mean = Double.parseDouble(row.group(3));
            assertThat(mean).as(row.group()).isBetween(Double.parseDouble(row.group(4)),
                    Double.parseDouble(row.group(5)));
            // A year of learning in grade levels: positive and below three years for any group.
            assertThat(mean).as(row.group()).isBetween(0.0, 3.0);
        }
        assertThat(rows).hasSize(12).contains("current schools, mixed / low (Q1)", "choice, tracked / high (Q4)");

        // Staying in the current schools, the between-school segregation by income is the fixture's own, in every
        // draw: Theil's H of the followed students by school, computed here.
        Map<String, int[]> bySchool = new LinkedHashMap<>();
        followed.forEach(s -> bySchool.computeIfAbsent(s.schoolId(), k -> new int[2])[s.frl() ? 0 : 1]++);
        String h = String.format(java.util.Locale.ROOT, "%.3f", theilH(bySchool));
        Matcher hRow = Pattern.compile("<tr><td>h_between_schools_frl</td><td class=\"num\">([^<]+)</td><td "
                + "class=\"num\">([^<]+)</td>").matcher(html);
        assertThat(hRow.find()).as(html).isTrue();
        assertThat(hRow.group(1)).isEqualTo(h + " [" + h + ", " + h + "]");
        assertThat(hRow.group(2)).isEqualTo(hRow.group(1));

        // The parameter set that ran, with the value docs/simulate.md gives it, and its source.
        assertThat(html).contains("<td>peer_effect</td><td class=\"num\">0.25</td>").contains("Hoxby")
                .contains("NBER Working Paper 7867");
    }

    @Test
    void aWrongFieldIsA400BeforeAnythingRunsAndOnlyAdminsMayComeIn() {
        WebFixture.Client admin = f.client().signedIn("admin");
        assertThat(admin.postForm("/district/scenarios", Map.of("draws", "1")).statusCode()).isEqualTo(400);
        assertThat(admin.postForm("/district/scenarios", Map.of("parameters", "kenya")).statusCode()).isEqualTo(400);
        assertThat(admin.postForm("/district/scenarios", Map.of("policy", "seats: [")).statusCode()).isEqualTo(400);
        WebFixture.Client principal = f.client().signedIn("principal-a");
        assertThat(principal.get("/district/scenarios").statusCode()).isEqualTo(403);
        assertThat(principal.postForm("/district/scenarios", Map.of("draws", "2")).statusCode()).isEqualTo(403);
        WebFixture.Client anonymous = f.client();
        assertThat(anonymous.get("/district/scenarios").statusCode()).isIn(302, 401);
    }

    @Test
    void theDdk2011PresetGivesTheCommandLinesEstimatesAndVerdicts(@TempDir Path tmp) throws Exception {
        WebFixture.Client admin = f.client().signedIn("admin");
        HttpResponse<String> post = admin.postForm("/district/scenarios", Map.of("run", "ddk2011", "parameters",
                "hoxby2000", "draws", "6", "seed", "3"));
        assertThat(post.statusCode()).as(post.body()).isEqualTo(302);
        awaitJob(admin);
        String html = admin.get("/district/scenarios").body();
        assertThat(html).contains("id=\"ddk-chart\"").contains("6 simulated experiments (seed 3), each of 121 "
                + "schools");

        // The same experiment on the command line: its summary.json is the oracle for every estimate and verdict.
        CliRun cli = CliRun.of("simulate", "--preset", "ddk2011", "--parameters", "hoxby2000", "--draws", "6",
                "--seed", "3", "--threads", "1", "--quiet", "--out", tmp.resolve("ddk").toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        JsonNode s = JSON.readTree(tmp.resolve("ddk/summary.json").toFile());
        List<JsonNode> expected = new ArrayList<>();
        expected.add(s.get("tracking_effect_sd"));
        s.get("effect_by_quartile_sd").forEach(expected::add);
        expected.add(s.get("median_discontinuity_sd"));
        expected.add(s.get("peer_effect_untracked"));
        Matcher row = Pattern.compile("<tr><td>([^<]+)</td><td class=\"num\">(-?[0-9.]+) \\[(-?[0-9.]+), "
                + "(-?[0-9.]+)\\]</td><td>[^<]+</td><td class=\"[a-z]*\">(yes|no)</td></tr>").matcher(html);
        int k = 0;
        while (row.find()) {
            JsonNode e = expected.get(k++);
            assertThat(Double.parseDouble(row.group(2))).as(row.group(1)).isCloseTo(e.get("mean").asDouble(),
                    within(0.0005));
            assertThat(Double.parseDouble(row.group(3))).as(row.group(1)).isCloseTo(e.get("low").asDouble(),
                    within(0.0005));
            assertThat(Double.parseDouble(row.group(4))).as(row.group(1)).isCloseTo(e.get("high").asDouble(),
                    within(0.0005));
        }
        assertThat(k).isEqualTo(7);
        long met = 0;
        for (JsonNode t : s.get("targets")) {
            met += t.asBoolean() ? 1 : 0;
        }
        assertThat(html).contains(met + " of 4 of DDK's findings reproduced");

        // The chart: seven estimates, each a dot inside its whisker.
        JsonNode chart = JSON.readTree(attribute(html, "ddk-chart"));
        assertThat(chart.get("labels")).hasSize(7);
        assertThat(chart.get("whiskers")).hasSize(7);
        for (int i = 0; i < 7; i++) {
            double mean = chart.get("series").get(0).get("data").get(i).get("value").get(0).asDouble();
            JsonNode w = chart.get("whiskers").get(i);
            assertThat(mean).isBetween(w.get(1).asDouble(), w.get(2).asDouble());
        }
    }

    @Test
    void perSchoolDialsReachTheClassesEveryScenarioForms() throws Exception {
        WebFixture.Client admin = f.client().signedIn("admin");
        // Every school held at dial 0: the "tracked" scenarios form the same mixed classes as the mixed ones.
        HttpResponse<String> post = admin.postForm("/district/scenarios", Map.of("run", "district", "parameters",
                "ddk2011", "draws", "2", "seed", "4", "years", "1", "dial_by_school", "elmhurst: 0\nlakeside: 0"));
        assertThat(post.statusCode()).as(post.body()).isEqualTo(302);
        awaitJob(admin);
        String html = admin.get("/district/scenarios").body();
        assertThat(html).contains("value=\"elmhurst: 0, lakeside: 0\"").contains("current schools, tracked "
                + "(per-school dials)");
        List<String> h = outcome(html, "h_classrooms_frl");
        assertThat(h).hasSize(4);
        assertThat(h.get(1)).isEqualTo(h.get(0));
        assertThat(h.get(3)).isEqualTo(h.get(2));
        assertThat(outcome(html, "mean_growth").get(1)).isEqualTo(outcome(html, "mean_growth").get(0));

        // Without the dials, tracked and mixed classes differ (the same seed and draws).
        admin.postForm("/district/scenarios", Map.of("run", "district", "parameters", "ddk2011", "draws", "2",
                "seed", "4", "years", "1"));
        awaitJob(admin);
        List<String> free = outcome(admin.get("/district/scenarios").body(), "h_classrooms_frl");
        assertThat(free.get(1)).isNotEqualTo(free.get(0));
        assertThat(free.get(0)).isEqualTo(h.get(0));
    }

    @Test
    void wrongFieldsAreShownBesideThemWithWhatWasTyped() {
        WebFixture.Client admin = f.client().signedIn("admin");
        HttpResponse<String> r = admin.postForm("/district/scenarios", Map.of("run", "district", "draws", "1",
                "years", "4", "dial_by_school", "nowhere: 0, lakeside: 2"));
        assertThat(r.statusCode()).isEqualTo(400);
        String html = r.body();
        assertThat(between(html, "id=\"error-draws\">", "<")).contains("draws").contains("'1'")
                .contains("from 2 to 200");
        assertThat(between(html, "id=\"error-years\">", "<")).contains("'4'").contains("from 1 to 3");
        String dials = between(html, "id=\"error-dial_by_school\">", "</span>");
        assertThat(dials).contains("nowhere").contains("a school in the current dataset")
                .contains("lakeside: 2").contains("from 0 (mixed) to 1 (tracked)");
        assertThat(html).contains("value=\"nowhere: 0, lakeside: 2\"").contains("id=\"draws\" value=\"1\"");
        assertThat(html).doesNotContain("id=\"error-seed\"");
        HttpResponse<String> run = admin.postForm("/district/scenarios", Map.of("run", "kenya"));
        assertThat(run.statusCode()).isEqualTo(400);
        assertThat(run.body()).contains("id=\"error-run\"");
    }

    private static String between(String html, String start, String end) {
        int i = html.indexOf(start);
        assertThat(i).as("%s in the page", start).isNotNegative();
        int from = i + start.length();
        return html.substring(from, html.indexOf(end, from)).replace("&#39;", "'");
    }

    private static String attribute(String html, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\" data-chart=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as(id).isTrue();
        return m.group(1).replace("&#34;", "\"").replace("&quot;", "\"").replace("&#39;", "'");
    }

    /** An outcome's row in the every-outcome table: one cell per scenario. */
    private static List<String> outcome(String html, String name) {
        int i = html.indexOf("<tr><td>" + name + "</td>");
        assertThat(i).as(name).isNotNegative();
        String row = html.substring(i, html.indexOf("</tr>", i));
        List<String> cells = new ArrayList<>();
        Matcher m = Pattern.compile("<td class=\"num\">([^<]+)</td>").matcher(row);
        while (m.find()) {
            cells.add(m.group(1));
        }
        return cells;
    }

    private static void awaitJob(WebFixture.Client admin) throws Exception {
        Matcher job = Pattern.compile("hx-get=\"/jobs/([0-9a-f-]+)\"").matcher(admin.get("/district/scenarios")
                .body());
        if (job.find()) {
            String state = "";
            for (int i = 0; i < 3000 && !state.equals("done"); i++) {
                state = JSON.readTree(admin.get("/api/jobs/" + job.group(1)).body()).get("state").asText();
                assertThat(state).isIn("queued", "running", "done");
                Thread.sleep(100);
            }
        }
    }

    private static double theilH(Map<String, int[]> units) {
        double total = 0;
        double frl = 0;
        for (int[] c : units.values()) {
            total += c[0] + c[1];
            frl += c[0];
        }
        double e = entropy(frl / total);
        double within = 0;
        for (int[] c : units.values()) {
            double n = c[0] + c[1];
            within += n / total * entropy(c[0] / n);
        }
        return 1 - within / e;
    }

    private static double entropy(double p) {
        return (p <= 0 ? 0 : -p * Math.log(p)) + (p >= 1 ? 0 : -(1 - p) * Math.log(1 - p));
    }
}
