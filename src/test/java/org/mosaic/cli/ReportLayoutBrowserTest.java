package org.mosaic.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mosaic.CliRun;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The demo's report pages as a browser lays them out, in Debian's Chromium (never a downloaded browser): no two
 * labels of a chart overlap, and tables are laid out as tables. The boxes come from the browser's own layout
 * ({@code getBoundingClientRect}), not from the code that places the labels, so a font or anchor mistake shows.
 * Each page is saved as a screenshot under target/screenshots/reports. Skipped when Chromium is not installed.
 */
@Tag("browser")
class ReportLayoutBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static Path work;
    private static Path profile;
    private static ChromeDriver driver;

    /**
     * For each chart, every pair of its horizontal text labels whose boxes intersect by more than half a pixel.
     * Rotated labels (a vertical axis title) are skipped: their box is not their ink.
     */
    private static final String OVERLAPS = """
            const out = [];
            document.querySelectorAll('svg').forEach((svg, n) => {
              const boxes = [];
              svg.querySelectorAll('text').forEach(t => {
                if (t.getAttribute('transform') || !t.textContent.trim()) return;
                const r = t.getBoundingClientRect();
                if (r.width > 0 && r.height > 0) boxes.push([t.textContent.trim(), r]);
              });
              for (let i = 0; i < boxes.length; i++) {
                for (let j = i + 1; j < boxes.length; j++) {
                  const a = boxes[i][1], b = boxes[j][1];
                  const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
                  const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
                  if (w > 0.5 && h > 0.5) out.push('chart ' + n + ': "' + boxes[i][0] + '" overlaps "' + boxes[j][0] + '"');
                }
              }
            });
            return out;""";

    /** Every table: its display, its row count and the most cells in one row. */
    private static final String TABLES = """
            return Array.from(document.querySelectorAll('table')).map(t => {
              let cells = 0;
              t.querySelectorAll('tr').forEach(r => { cells = Math.max(cells, r.cells.length); });
              return {display: getComputedStyle(t).display, rows: t.rows.length, cells: cells};
            });""";

    @BeforeAll
    static void demoAndBrowser() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER), "Debian's chromium and "
                + "chromium-driver are not installed");
        work = Files.createTempDirectory("mosaic-report-layout");
        CliRun run = CliRun.of("demo", "--work", work.toString(), "--students", "1500", "--quiet");
        assertThat(run.exitCode()).as(run.err()).isZero();
        profile = Files.createTempDirectory("mosaic-chromium");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--allow-file-access-from-files", "--window-size=1280,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, o);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        for (Path p : new Path[] {profile, work}) {
            if (p != null) {
                try (var files = Files.walk(p)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                } catch (IOException e) {
                    // A temporary folder left behind is harmless.
                }
            }
        }
    }

    private static List<String> pages() throws IOException {
        List<String> out = new ArrayList<>(List.of("index.html"));
        Matcher m = Pattern.compile("<a href=\"([^\"#:]+\\.html)\"").matcher(Files.readString(work.resolve("index.html")));
        while (m.find()) {
            if (!out.contains(m.group(1))) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    @Test
    void noChartLabelsOverlapAndTablesAreTablesOnEveryPage() throws IOException {
        List<String> pages = pages();
        assertThat(pages).contains("enroll-controlled-choice/report.html", "sections/report.html",
                "tracking/frontier.html", "measure-frl/index.html");
        int charts = 0;
        List<String> problems = new ArrayList<>();
        for (String page : pages) {
            driver.get(work.resolve(page).toUri().toString());
            Path shot = Path.of("target", "screenshots", "reports", page.replace('/', '-').replace(".html", ".png"));
            Files.createDirectories(shot.getParent());
            Files.write(shot, driver.getScreenshotAs(OutputType.BYTES));
            JavascriptExecutor js = driver;
            charts += ((Number) js.executeScript("return document.querySelectorAll('svg').length")).intValue();
            @SuppressWarnings("unchecked")
            List<String> overlaps = (List<String>) js.executeScript(OVERLAPS);
            overlaps.forEach(o -> problems.add(page + ": " + o));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> tables = (List<Map<String, Object>>) js.executeScript(TABLES);
            for (Map<String, Object> t : tables) {
                if (!"table".equals(t.get("display")) || ((Number) t.get("rows")).intValue() < 2
                        || ((Number) t.get("cells")).intValue() < 2) {
                    problems.add(page + ": a table laid out as " + t);
                }
            }
        }
        assertThat(charts).as("charts drawn across the demo's pages").isGreaterThan(5);
        assertThat(problems).isEmpty();
    }
}
