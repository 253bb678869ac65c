package org.mosaic.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The solve line over HTTP: one worker, so of several users' solves one runs and the others wait; at any moment the
 * waiting ones show places 1, 2, 3, ... in the order they were sent, in the API and on the job's page, and every
 * one of them finishes (none is dropped).
 */
class WebSolveLineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACE = Pattern.compile("Waiting: place <strong id=\"place-in-line\">([0-9]+)"
            + "</strong> in line");

    @Test
    void waitingSolvesShowTheirPlaceInOrderAndAllFinish() throws Exception {
        WebFixture f = WebFixture.shared();
        List<WebFixture.Client> users = List.of(f.client().signedIn("principal-a"), f.client().signedIn("counselor-a"),
                f.client().signedIn("admin"), f.client().signedIn("principal-b"));
        List<String> ids = new ArrayList<>();
        List<WebFixture.Client> owners = new ArrayList<>();
        // The one worker is held by a task until the line has been seen, so the solves wait whatever the machine's
        // speed (a small grade solves in milliseconds on a quiet machine: without the hold, none would wait).
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        f.server.jobs().submitTask("holder", "", "", p -> {
            holding.countDown();
            try {
                release.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "held";
        }, o -> { });
        assertThat(holding.await(60, TimeUnit.SECONDS)).isTrue();
        for (int k = 0; k < 6; k++) {
            WebFixture.Client c = users.get(k % users.size());
            String school = c == users.get(3) ? WebFixture.B : WebFixture.A;
            var r = c.postJson("/api/jobs/sections", "{\"school\": \"" + school + "\", \"grade\": 6, \"sections\": 4, "
                    + "\"capacity\": 32, \"ell_certified\": 4, \"time_limit\": 1, \"seed\": " + k + "}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            ids.add(JSON.readTree(r.body()).get("id").asText());
            owners.add(c);
        }
        // Snapshots until all are done. A snapshot read twice alike (no job moved on between the reads) shows
        // the queued ones at places exactly 1..n, in the order they were sent.
        boolean sawWaiting = false;
        for (int round = 0; round < 600; round++) {
            List<String> first = snapshot(ids, owners);
            List<String> second = snapshot(ids, owners);
            if (first.equals(second)) {
                List<Integer> places = new ArrayList<>();
                for (String s : first) {
                    if (s.startsWith("queued ")) {
                        places.add(Integer.parseInt(s.substring(7)));
                    } else {
                        assertThat(s).endsWith(" 0");
                    }
                }
                List<Integer> expected = new ArrayList<>();
                for (int i = 1; i <= places.size(); i++) {
                    expected.add(i);
                }
                assertThat(places).as("%s", first).isEqualTo(expected);
                sawWaiting |= places.size() >= 2;
                release.countDown();
                if (places.size() >= 1) {
                    // The job's page says the same place in words.
                    int last = first.lastIndexOf("queued " + places.size());
                    String page = owners.get(last).get("/jobs/" + ids.get(last)).body();
                    Matcher m = PLACE.matcher(page);
                    if (page.contains("data-state=\"QUEUED\"")) {
                        assertThat(m.find()).as(page).isTrue();
                        assertThat(Integer.parseInt(m.group(1))).isBetween(1, places.size());
                    }
                }
                if (first.stream().allMatch(s -> s.startsWith("done "))) {
                    break;
                }
            }
            Thread.sleep(200);
        }
        assertThat(sawWaiting).as("with one worker, jobs waited in line").isTrue();
        for (int k = 0; k < ids.size(); k++) {
            JsonNode j = JSON.readTree(owners.get(k).get("/api/jobs/" + ids.get(k)).body());
            assertThat(j.get("state").asText()).as(j.toString()).isEqualTo("done");
            assertThat(j.get("placement").size()).isPositive();
        }
    }

    /** Each job's state and place in line, e.g. "queued 2", "running 0". */
    private static List<String> snapshot(List<String> ids, List<WebFixture.Client> owners) throws Exception {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < ids.size(); k++) {
            JsonNode j = JSON.readTree(owners.get(k).get("/api/jobs/" + ids.get(k)).body());
            String state = j.get("state").asText();
            assertThat(state).as(j.toString()).isIn("queued", "running", "done");
            out.add(state + " " + j.get("place_in_line").asInt());
        }
        return out;
    }
}
