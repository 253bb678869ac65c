package org.mosaic.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosaic.CliRun;
import org.mosaic.enroll.Market;
import org.mosaic.io.MosaicCsvWriter;
import org.mosaic.model.Choice;

/**
 * The enrollment pages on the fixture's sixth graders (250 applicants for two schools of 128 seats, two in three
 * ranking Elmhurst first). Expected figures are worked out here from the choices and the seeded lottery numbers;
 * a student's reason is compared with the one the command line writes to assignment.csv.
 */
class WebEnrollmentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = 7;
    private static WebFixture f;
    private static WebFixture.Client admin;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        f = WebFixture.shared();
        admin = f.client().signedIn("admin");
    }

    private static String unescape(String html) {
        return html.replace("&#39;", "'").replace("&#34;", "\"").replace("&quot;", "\"").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&amp;", "&");
    }

    private static long runDa(String mechanism) {
        Map<String, String> form = new HashMap<>();
        form.put("policy_name", "policy.yaml");
        form.put("policy", "");
        form.put("mechanism", mechanism);
        form.put("tie_break", "single");
        form.put("seed", Long.toString(SEED));
        form.put("grade", "6");
        HttpResponse<String> r = admin.postForm("/enroll/run", form);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        String location = r.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/enroll/runs/");
        return Long.parseLong(location.substring("/enroll/runs/".length()));
    }

    /** The sixth graders who put Elmhurst first, by lottery number (smaller wins). */
    private static List<String> elmhurstFirstByLottery() {
        List<String> ids = new ArrayList<>();
        for (Choice c : f.data.choices()) {
            if (c.rank() == 1 && c.schoolId().equals(WebFixture.A)) {
                ids.add(c.studentId());
            }
        }
        ids.sort((a, b) -> Double.compare(Market.lotteryNumber(SEED, a, ""), Market.lotteryNumber(SEED, b, "")));
        return ids;
    }

    @Test
    void aPolicysProblemsAreShownInlineWithTheParsersWords() {
        HttpResponse<String> misspelt = admin.postForm("/enroll/check", Map.of("policy_name", "p.yaml", "policy",
                "name: p\nseats:\n  - type: open\n    shar: 0.5\n"));
        assertThat(misspelt.statusCode()).isEqualTo(400);
        assertThat(unescape(misspelt.body())).contains("id=\"policy-problems\"")
                .contains("p.yaml: the key 'seats[0].shar' is not known")
                .as("the text stays in the editor").contains("    shar: 0.5");
        HttpResponse<String> syntax = admin.postForm("/enroll/check", Map.of("policy_name", "p.yaml", "policy",
                "name: p\nseats: [\n"));
        assertThat(syntax.statusCode()).isEqualTo(400);
        assertThat(unescape(syntax.body())).containsPattern("p\\.yaml, line \\d+");
        HttpResponse<String> ok = admin.postForm("/enroll/check", Map.of("policy_name", "p.yaml", "policy",
                "name: half-open\nseats:\n  - type: frl\n    share: 0.5\n    eligible: frl = 1\n  - type: open\n"));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(unescape(ok.body())).contains("The policy 'half-open' is valid: 0 priority rules, 2 seat types");
    }

    @Test
    void deferredAcceptanceFillsElmhurstToTheLotteryCutoffAndLookupGivesTheCommandLinesReason() throws Exception {
        long run = runDa("da");
        List<String> first = elmhurstFirstByLottery();
        int elmhurst = Math.min(128, first.size());
        int applicants = (int) f.data.choices().stream().map(Choice::studentId).distinct().count();
        String page = unescape(admin.get("/enroll/runs/" + run).body());
        assertThat(page).contains("<td>Elmhurst Community Prep <span class=\"muted\">(elmhurst)</span></td><td>6</td>"
                + "<td class=\"num\">128</td><td class=\"num\">" + elmhurst + "</td>");
        assertThat(page).contains("<td>Lakeside Middle <span class=\"muted\">(lakeside)</span></td><td>6</td>"
                + "<td class=\"num\">128</td><td class=\"num\">" + (applicants - elmhurst) + "</td>");
        String cutoff = String.format(Locale.ROOT, "%.4f", Market.lotteryNumber(SEED, first.get(127), ""));
        assertThat(page).contains("lottery " + cutoff);
        assertThat(page).contains("id=\"enroll-chart\"");

        // The first Elmhurst-first applicant past the cutoff is placed at the second choice.
        String student = first.get(128);
        String lookup = unescape(admin.get("/enroll/runs/" + run + "?student=" + student).body());
        assertThat(lookup).contains("id=\"lookup-school\">lakeside<");
        Matcher reason = Pattern.compile("id=\"lookup-reason\">([^<]+)<").matcher(lookup);
        assertThat(reason.find()).isTrue();
        assertThat(reason.group(1)).isEqualTo(cliReason(student));
        assertThat(admin.get("/enroll/runs/" + run + "?student=NOBODY").statusCode()).isEqualTo(404);
        // The audit log names the run, never the child.
        assertThat(f.server.store().auditLog(50).toString()).contains("lookup-enrollment").doesNotContain(student);
    }

    /** The reason {@code mosaic enroll} writes for the student, run on the same data, seed and grade. */
    private String cliReason(String student) throws Exception {
        Path data = dir.resolve("data");
        MosaicCsvWriter.write(f.data, data);
        Path out = dir.resolve("out");
        CliRun cli = CliRun.of("enroll", "--data", data.toString(), "--seed", Long.toString(SEED), "--grade", "6",
                "--out", out.toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        try (Reader in = Files.newBufferedReader(out.resolve("assignment.csv"))) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                    .setCommentMarker('#').build().parse(in)) {
                if (r.get("student_id").equals(student)) {
                    return r.get("reason");
                }
            }
        }
        throw new AssertionError("no row for the student in assignment.csv");
    }

    @Test
    void admissionProbabilitiesRunAsAJobAndMatchTheSeatArithmetic() throws Exception {
        long run = runDa("da");
        HttpResponse<String> queued = admin.postForm("/enroll/runs/" + run + "/probabilities", Map.of("draws",
                "30"));
        assertThat(queued.statusCode()).isEqualTo(302);
        String page = admin.get("/enroll/runs/" + run).body();
        Matcher job = Pattern.compile("hx-get=\"/jobs/([0-9a-f-]+)\"").matcher(page);
        String state = "";
        if (job.find()) {
            for (int i = 0; i < 1200 && !state.equals("done"); i++) {
                state = JSON.readTree(admin.get("/api/jobs/" + job.group(1)).body()).get("state").asText();
                assertThat(state).isIn("queued", "running", "done");
                Thread.sleep(100);
            }
        }
        String done = unescape(admin.get("/enroll/runs/" + run).body());
        // Every draw admits exactly 128 of the Elmhurst-first applicants; Lakeside never fills.
        int firstA = elmhurstFirstByLottery().size();
        String chance = String.format(Locale.ROOT, "%.0f %%", 100.0 * Math.min(1, 128.0 / firstA));
        assertThat(done).contains("<td>elmhurst</td><td>6</td><td class=\"num\">30</td><td class=\"num\">100 %</td>"
                + "<td class=\"num\">" + chance + "</td>");
        assertThat(done).contains("<td>lakeside</td><td>6</td><td class=\"num\">30</td><td class=\"num\">0 %</td>"
                + "<td class=\"num\">100 %</td>");
        assertThat(done).contains("id=\"odds-chart\"");
    }

    @Test
    void twoRunsSideBySideAndASchoolSeesOnlyItsOwnPart() {
        long da = runDa("da");
        long boston = runDa("boston");
        HttpResponse<String> compare = admin.get("/enroll/compare?a=" + da + "&b=" + boston);
        assertThat(compare.statusCode()).isEqualTo(200);
        assertThat(compare.body()).contains("run " + da + ": DA").contains("run " + boston + ": BOSTON")
                .contains("id=\"compare-chart\"");

        WebFixture.Client principal = f.client().signedIn("principal-a");
        HttpResponse<String> own = principal.get("/schools/elmhurst/enrollment?run=" + da);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains("Students placed here").contains("Given")
                .doesNotContain("Lakeside Middle").doesNotContain("<td>lakeside</td>");
        assertThat(admin.get("/schools/elmhurst/enrollment?run=" + da).body()).as("admins see ids, not names")
                .doesNotContain("Given").contains("EL0");
        for (String path : List.of("/enroll", "/enroll/runs/" + da, "/enroll/compare?a=" + da + "&b=" + boston)) {
            assertThat(principal.get(path).statusCode()).as(path).isEqualTo(403);
        }
        assertThat(principal.postForm("/enroll/run", Map.of("seed", "1")).statusCode()).isEqualTo(403);
        assertThat(f.client().signedIn("principal-b").get("/schools/elmhurst/enrollment").statusCode())
                .isEqualTo(403);
        assertThat(f.client().signedIn("teacher-a").get("/schools/elmhurst/enrollment").statusCode())
                .isEqualTo(403);
    }
}
