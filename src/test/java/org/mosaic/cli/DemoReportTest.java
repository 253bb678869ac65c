package org.mosaic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosaic.CliRun;

/**
 * The demo on a small district: every stage runs on what the one before wrote, the index shows each stage's figures
 * and links every page, and every page links back to the index.
 */
class DemoReportTest {
    @TempDir
    Path work;

    private static List<String> links(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<a href=\"([^\"]+)\"").matcher(html);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void theChainRunsAndTheIndexLinksEveryPageBothWays() throws Exception {
        CliRun run = CliRun.of("demo", "--work", work.toString(), "--students", "1500", "--quiet");
        assertThat(run.exitCode()).as(run.err()).isZero();
        // The chain: next year comes from enroll, the classes from sections on next year, and the later stages
        // read those classes.
        assertThat(run.out()).contains("applied controlled choice: " + work.resolve("next-year"))
                .contains("applied: " + work.resolve("classes"))
                .contains("saved dataset 'next-year'");
        String sectionsCsv = Files.readString(work.resolve("sections/sections.csv"));
        String firstClass = sectionsCsv.lines().skip(1).findFirst().orElseThrow().split(",")[0];
        assertThat(run.out()).contains(firstClass + ": ");
        assertThat(Files.readString(work.resolve("classes/rosters.csv"))).contains(firstClass + ",");

        String index = Files.readString(work.resolve("index.html"));
        for (DemoStage stage : DemoCommand.stages()) {
            assertThat(index).contains(org.mosaic.io.report.Html.escape(stage.title()));
        }
        // Headline figures, not bare links: e.g. the measure stage's H and the sections stage's solver line.
        assertThat(index).contains("by frl  H = ").contains("dial 0.0: ");
        List<String> pages = links(index);
        assertThat(pages).contains("enroll-report/index.html", "enroll-controlled-choice/report.html",
                "sections/report.html", "groups/sheet.html", "groups-winter/sheet.html", "measure-frl/index.html",
                "measure-race/index.html", "tracking/frontier.html", "glossary.html");
        for (String page : pages) {
            Path file = work.resolve(page);
            assertThat(file).as(page).exists();
            String back = "../".repeat(Path.of(page).getNameCount() - 1) + "index.html";
            assertThat(links(Files.readString(file))).as(page).contains(back);
        }
        assertThat(Files.readString(work.resolve("glossary.html"))).contains("Hedges").contains("SGP")
                .contains("local segregation").contains("frl / not_frl");
    }
}
