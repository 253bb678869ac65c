package org.mosaic.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosaic.CliRun;
import org.mosaic.io.MosaicCsvWriter;
import org.mosaic.model.Score;

/**
 * The groups pages of one section: every student in exactly one group of 4 to 8 whose printed range is the spread of
 * its members' latest scores (worked out here from the fixture), each group at every station once, and regrouping
 * after new scores with the same moves and reasons as {@code mosaic groups --previous --new-scores}.
 */
class WebGroupsTest {
    private static final String SECTION = WebFixture.TEACHER_SECTION;
    private static WebFixture f;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        f = WebFixture.shared();
    }

    /** Latest overall math score per student: the newest year, the later row within a year. */
    private static Map<String, Double> latestMath() {
        Map<String, Score> best = new HashMap<>();
        for (Score s : f.data.scores()) {
            if (s.subject().equals("math") && s.strand().isEmpty()) {
                Score prev = best.get(s.studentId());
                if (prev == null || s.year() >= prev.year()) {
                    best.put(s.studentId(), s);
                }
            }
        }
        Map<String, Double> out = new HashMap<>();
        best.forEach((id, s) -> out.put(id, s.scale()));
        return out;
    }

    private static String table(String html, String id) {
        Matcher m = Pattern.compile("<table class=\"grid\" id=\"" + id + "\">(.*?)</table>", Pattern.DOTALL)
                .matcher(html);
        assertThat(m.find()).as(id).isTrue();
        return m.group(1);
    }

    private static List<List<String>> rows(String tableHtml) {
        List<List<String>> rows = new ArrayList<>();
        Matcher tr = Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL).matcher(tableHtml.substring(
                tableHtml.indexOf("<tbody>")));
        while (tr.find()) {
            List<String> cells = new ArrayList<>();
            Matcher td = Pattern.compile("<td[^>]*>(.*?)</td>", Pattern.DOTALL).matcher(tr.group(1));
            while (td.find()) {
                cells.add(td.group(1).replaceAll("<[^>]+>", "").trim());
            }
            rows.add(cells);
        }
        return rows;
    }

    @Test
    void everyStudentIsInOneGroupWhoseRangeIsItsMembersSpreadAndEveryGroupVisitsEveryStation() {
        String html = f.client().signedIn("admin").get("/sections/" + SECTION + "/groups").body();
        Map<String, Double> score = latestMath();
        Set<String> seen = new HashSet<>();
        for (List<String> g : rows(table(html, "groups"))) {
            List<String> members = List.of(g.get(4).split(", "));
            assertThat(members.size()).isBetween(4, 8).isEqualTo(Integer.parseInt(g.get(1)));
            double lo = members.stream().mapToDouble(score::get).min().orElseThrow();
            double hi = members.stream().mapToDouble(score::get).max().orElseThrow();
            assertThat(g.get(2)).isEqualTo(String.format(Locale.ROOT, "%.1f–%.1f", lo, hi));
            for (String m : members) {
                assertThat(seen.add(m)).as(m + " in one group only").isTrue();
            }
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(f.data.roster(SECTION));
        for (List<String> r : rows(table(html, "rotation"))) {
            assertThat(r.subList(1, r.size())).containsExactlyInAnyOrder("teacher", "online", "collaborative");
        }
        assertThat(html).contains("id=\"groups-chart\"").doesNotContain("Given");
    }

    @Test
    void theTeacherSeesNamesAndTheSheetAndOnlyTheirOwnSection() {
        WebFixture.Client t = f.client().signedIn("teacher-a");
        assertThat(t.get("/").body()).contains("href=\"/sections/" + SECTION + "/groups\"");
        HttpResponse<String> page = t.get("/sections/" + SECTION + "/groups");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).containsPattern("Given\\d+ Family\\d+");
        HttpResponse<String> sheet = t.get("/sections/" + SECTION + "/groups/sheet");
        assertThat(sheet.statusCode()).isEqualTo(200);
        assertThat(sheet.body()).contains("id=\"sheet-rotation\"").containsPattern("Given\\d+ Family\\d+");
        assertThat(t.get("/sections/elmhurst-g6-math-2/groups").statusCode()).isEqualTo(403);
        assertThat(f.client().signedIn("principal-b").get("/sections/" + SECTION + "/groups").statusCode())
                .isEqualTo(403);
        assertThat(f.client().signedIn("admin").get("/sections/nowhere/groups").statusCode()).isEqualTo(404);
        assertThat(t.get("/sections/nowhere/groups").statusCode()).isEqualTo(403);
    }

    private static HttpResponse<String> upload(WebFixture.Client c, String name, String csv) throws Exception {
        String boundary = "----mosaic" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + c.csrf
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8));
        return c.send(HttpRequest.newBuilder(URI.create(f.base() + "/sections/" + SECTION + "/groups/regroup"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    @Test
    void regroupingShowsWhoMovedAndWhyAsTheCommandLineDoes() throws Exception {
        // The three lowest scorers gain 40 points on the winter test; everyone else keeps their score.
        Map<String, Double> score = latestMath();
        List<String> roster = new ArrayList<>(f.data.roster(SECTION));
        roster.sort((a, b) -> Double.compare(score.get(a), score.get(b)));
        StringBuilder csv = new StringBuilder("student_id,subject,year,term,score\n");
        for (String id : roster.subList(0, 3)) {
            csv.append(id).append(",math,2027,winter,").append(String.format(Locale.ROOT, "%.1f",
                    score.get(id) + 40)).append('\n');
        }
        WebFixture.Client admin = f.client().signedIn("admin");
        admin.get("/sections/" + SECTION + "/groups");
        HttpResponse<String> r = upload(admin, "winter.csv", csv.toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Map<String, List<String>> web = new LinkedHashMap<>();
        for (List<String> m : rows(table(r.body(), "moves"))) {
            web.put(m.get(0), List.of(m.get(2), m.get(3).replace("&#39;", "'").replace("&amp;", "&")));
        }
        assertThat(web).isNotEmpty().containsKey(roster.get(0));
        assertThat(web).isEqualTo(cliMoves(csv.toString()));

        HttpResponse<String> bad = upload(admin, "winter.csv", "student_id,subject,score\n" + roster.get(0)
                + ",math,abc\n");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body().replace("&#39;", "'")).contains("winter.csv, line 2, column 3 (score): found a value not shown here")
                .as("a score is personal data: not echoed").doesNotContain("'abc'");
    }

    /** moves.csv of {@code mosaic groups}, first run without and then with the new scores, as student → [to, why]. */
    private Map<String, List<String>> cliMoves(String newScores) throws Exception {
        Path data = dir.resolve("data");
        MosaicCsvWriter.write(f.data, data);
        CliRun first = CliRun.of("groups", "--data", data.toString(), "--section", SECTION, "--subject", "math",
                "--out", dir.resolve("fall").toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        Path winter = Files.writeString(dir.resolve("winter.csv"), newScores);
        CliRun again = CliRun.of("groups", "--data", data.toString(), "--section", SECTION, "--subject", "math",
                "--previous", dir.resolve("fall/groups.csv").toString(), "--new-scores", winter.toString(), "--out",
                dir.resolve("winter").toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (Reader in = Files.newBufferedReader(dir.resolve("winter/moves.csv"))) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                    .parse(in)) {
                out.put(rec.get("student_id"), List.of(rec.get("to_group"), rec.get("reason")));
            }
        }
        return out;
    }
}
