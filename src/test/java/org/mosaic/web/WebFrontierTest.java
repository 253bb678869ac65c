package org.mosaic.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The frontier in the class builder: a job in the solve line that solves each dial value, then a scatter of
 * within-class SD (x) against classroom H by FRL (y), one labelled point per dial, the principal's own marked.
 */
class WebFrontierTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theFrontierIsOnePointPerDialOnTwoAxesWithTheChosenDialMarked() throws Exception {
        WebFixture f = WebFixture.shared();
        WebFixture.Client c = f.client().signedIn("principal-a");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grade", "6");
        form.put("subject", "math");
        form.put("sections_from", "count");
        form.put("count", "4");
        form.put("capacity", "32");
        form.put("ell_certified", "4");
        form.put("cluster_iep", "on");
        form.put("cluster_ell", "on");
        form.put("tracking", "0.6");
        form.put("time_limit", "1");
        HttpResponse<String> r = c.postForm("/schools/elmhurst/classes/frontier", form);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        String page = c.get("/schools/elmhurst/classes").body();
        Matcher job = Pattern.compile("hx-get=\"/jobs/([0-9a-f-]+)\"").matcher(page);
        assertThat(job.find()).as("the page polls the job").isTrue();
        String state = "";
        for (int i = 0; i < 1800 && !state.equals("done"); i++) {
            JsonNode j = JSON.readTree(c.get("/api/jobs/" + job.group(1)).body());
            state = j.get("state").asText();
            assertThat(state).as(j.toString()).isIn("queued", "running", "done");
            Thread.sleep(100);
        }
        page = c.get("/schools/elmhurst/classes").body();
        Matcher chart = Pattern.compile("id=\"frontier-chart\" data-chart=\"([^\"]+)\"").matcher(page);
        assertThat(chart.find()).isTrue();
        JsonNode data = JSON.readTree(chart.group(1).replace("&#34;", "\"").replace("&quot;", "\"")
                .replace("&#39;", "'"));
        assertThat(data.get("kind").asText()).isEqualTo("scatter");
        assertThat(data.get("xName").asText()).contains("SD");
        assertThat(data.get("yName").asText()).contains("Theil's H");
        List<String> labels = new ArrayList<>();
        List<String> chosen = new ArrayList<>();
        for (JsonNode p : data.get("points")) {
            labels.add(p.get("label").asText());
            if (p.get("chosen").asBoolean()) {
                chosen.add(p.get("label").asText());
            }
        }
        assertThat(labels).containsExactly("t=0", "t=0.25", "t=0.5", "t=0.6", "t=0.75", "t=1");
        assertThat(chosen).containsExactly("t=0.6");
        JsonNode mixed = data.get("points").get(0);
        JsonNode tracked = data.get("points").get(5);
        // The tradeoff itself: classes by score band are narrower than mixed ones.
        assertThat(tracked.get("x").asDouble()).isLessThan(mixed.get("x").asDouble());
        assertThat(page).contains("id=\"frontier-reading\"").contains("t=0.6 (chosen)");
        // Another school's principal cannot start one here.
        assertThat(f.client().signedIn("principal-b").postForm("/schools/elmhurst/classes/frontier", form)
                .statusCode()).isEqualTo(403);
    }
}
