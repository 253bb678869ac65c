package org.mosaic.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
