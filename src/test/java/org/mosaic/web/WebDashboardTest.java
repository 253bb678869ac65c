package org.mosaic.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mosaic.model.Dataset;
import org.mosaic.model.RosterEntry;
import org.mosaic.model.Section;
import org.mosaic.model.Student;

/**
 * The district dashboard and a school's drill-down: the figures match Theil's H and FRL shares computed here by hand
 * from the fixture's rosters (not with org.mosaic.measure), and a principal sees their school's part only.
 */
class WebDashboardTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static WebFixture f;

    @BeforeAll
    static void start() {
        f = WebFixture.shared();
    }

    /** Theil's H of a units × 2 table of (frl, not frl) counts: 1 − Σ (t_u / T) E_u / E, entropies in nats. */
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

    /** FRL and not-FRL counts of each math class whose students are at the class's school. */
    private static Map<String, int[]> mathClasses(Dataset d, String onlySchool) {
        Map<String, Section> sections = new HashMap<>();
        d.sections().forEach(s -> sections.put(s.id(), s));
        Map<String, Student> students = d.district().studentsById();
        Map<String, int[]> out = new LinkedHashMap<>();
        for (RosterEntry r : d.rosters()) {
            Section s = sections.get(r.sectionId());
            Student st = students.get(r.studentId());
            if (s.subject().equals("math") && (onlySchool == null || s.schoolId().equals(onlySchool))) {
                out.computeIfAbsent(s.id(), k -> new int[2])[st.frl() ? 0 : 1]++;
            }
        }
        return out;
    }

    private static double number(String html, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\">([-0-9.]+)").matcher(html);
        assertThat(m.find()).as(id).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void theDistrictDecompositionAddsUpToTheClassroomHComputedByHand() throws Exception {
        HttpResponse<String> r = f.client().signedIn("admin").get("/district");
        assertThat(r.statusCode()).isEqualTo(200);
        String html = r.body();
        double expected = theilH(mathClasses(f.data, null));
        assertThat(number(html, "total-h-frl")).isCloseTo(expected, within(0.0011));
        Matcher chart = Pattern.compile("id=\"decomposition-chart\" data-chart=\"([^\"]+)\"").matcher(html);
        assertThat(chart.find()).isTrue();
        JsonNode data = JSON.readTree(chart.group(1).replace("&#34;", "\"").replace("&quot;", "\""));
        assertThat(data.get("labels").toString()).contains("between clusters within districts",
                "between schools within clusters", "between classes within schools");
        double sum = 0;
        for (JsonNode v : data.get("series").get(0).get("data")) {
            sum += v.asDouble();
        }
        assertThat(sum).as("the parts add up to the total").isCloseTo(expected, within(0.0011));
        assertThat(data.get("series").get(1).get("name").asText()).isEqualTo("by race");
        // Drill-down to each school, poverty bands, gaps.
        assertThat(html).contains("href=\"/schools/elmhurst/dashboard?subject=math\"")
                .contains("href=\"/schools/lakeside/dashboard?subject=math\"").contains("id=\"poverty-chart\"")
                .contains("id=\"gap-chart\"").doesNotContain("EL0001").doesNotContain("Given1 ");
        // Both schools are 90 % FRL, so every group, by income and by race, sits wholly in the high-poverty band.
        assertThat(html).contains("<tr><td>low income (FRL)</td><td>0 %</td><td>0 %</td><td>0 %</td><td>100 %</td>")
                .contains("<tr><td>hispanic</td><td>0 %</td><td>0 %</td><td>0 %</td><td>100 %</td>");
    }

    @Test
    void aPrincipalSeesTheirSchoolsPartAndNothingOfAnotherSchool() {
        WebFixture.Client p = f.client().signedIn("principal-a");
        HttpResponse<String> r = p.get("/schools/elmhurst/dashboard");
        assertThat(r.statusCode()).isEqualTo(200);
        String html = r.body();
        long frl = f.data.students().stream().filter(s -> s.schoolId().equals("elmhurst") && s.frl()).count();
        long all = f.data.students().stream().filter(s -> s.schoolId().equals("elmhurst")).count();
        assertThat(html).contains("id=\"school-frl\">" + Math.round(100.0 * frl / all) + " %");
        assertThat(number(html, "classes-h")).isCloseTo(theilH(mathClasses(f.data, "elmhurst")), within(0.0011));
        assertThat(html).doesNotContain("akeside").doesNotContain("EL0001");
        assertThat(p.get("/district").statusCode()).isEqualTo(403);
        assertThat(p.get("/schools/lakeside/dashboard").statusCode()).isEqualTo(403);
        assertThat(f.client().signedIn("teacher-a").get("/schools/elmhurst/dashboard").statusCode()).isEqualTo(403);
    }

    @Test
    void anUnknownSubjectIsAnInputErrorWithTheChoices() {
        HttpResponse<String> r = f.client().signedIn("admin").get("/district?subject=latin");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("found 'latin'; expected one of math, reading");
    }

    @Test
    void feederFlowsComeFromTheStoredEnrollmentHistory() {
        // Every student is enrolled at their school this year; 30 of Lakeside's 125 sixth graders were at one
        // elementary school last year, the other 95 are new to the district.
        long current = f.server.builder().currentInfo().id();
        List<org.mosaic.model.Enrollment> history = new java.util.ArrayList<>();
        int fromNorth = 0;
        for (Student s : f.data.students()) {
            if (s.schoolId().equals(WebFixture.B) && s.grade() == 6 && fromNorth < 30) {
                history.add(new org.mosaic.model.Enrollment(s.id(), 2025, "north-elementary", 5));
                fromNorth++;
            }
            history.add(new org.mosaic.model.Enrollment(s.id(), 2026, s.schoolId(), s.grade()));
        }
        try (org.mosaic.store.MosaicStore store = org.mosaic.store.MosaicStore.open(f.db)) {
            if (store.enrollments(current).isEmpty()) {
                store.saveEnrollments(current, history);
            }
        }
        HttpResponse<String> r = f.client().signedIn("admin").get("/district/clusters");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("<td>lakeside</td><td>north-elementary</td><td class=\"num\">30</td>"
                + "<td class=\"num\">24 %</td>").contains("<td class=\"num\">95</td><td class=\"num\">76 %</td>");
        assertThat(f.client().signedIn("principal-a").get("/district/clusters").statusCode()).isEqualTo(403);
    }

    @Test
    void growthPercentilesRunAsAJobAndTheirMedianIsNearFifty() throws Exception {
        WebFixture.Client admin = f.client().signedIn("admin");
        assertThat(admin.postForm("/district/growth", java.util.Map.of("subject", "math")).statusCode())
                .isEqualTo(302);
        String page = admin.get("/district/growth?subject=math").body();
        Matcher job = Pattern.compile("hx-get=\"/jobs/([0-9a-f-]+)\"").matcher(page);
        if (job.find()) {
            String state = "";
            for (int i = 0; i < 1800 && !state.equals("done"); i++) {
                state = JSON.readTree(admin.get("/api/jobs/" + job.group(1)).body()).get("state").asText();
                assertThat(state).isIn("queued", "running", "done");
                Thread.sleep(100);
            }
        }
        String html = admin.get("/district/growth?subject=math").body();
        // Percentiles of students like oneself: by construction their median is near 50, for every student with
        // three years of scores (all 750), and each school holds its 375.
        Matcher district = Pattern.compile("<td>district</td><td>all</td><td class=\"num\">(\\d+)</td><td "
                + "class=\"num\">([0-9.]+)</td>").matcher(html);
        assertThat(district.find()).as(html).isTrue();
        assertThat(Integer.parseInt(district.group(1))).isEqualTo(750);
        assertThat(Double.parseDouble(district.group(2))).isBetween(40.0, 60.0);
        assertThat(html).contains("<td>school</td><td>elmhurst</td><td class=\"num\">375</td>")
                .contains("id=\"growth-chart\"");
        assertThat(f.client().signedIn("principal-a").get("/district/growth").statusCode()).isEqualTo(403);
    }
}
