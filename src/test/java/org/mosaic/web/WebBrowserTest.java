package org.mosaic.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.StaleElementReferenceException;

/**
 * The pages in Debian's Chromium (/usr/bin/chromium with /usr/bin/chromedriver; never a downloaded browser), headless.
 * Each test saves a screenshot to target/screenshots and fails when a chart on the page drew no data. Skipped when
 * Chromium is not installed.
 */
@Tag("browser")
class WebBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static WebFixture f;
    private static ChromeDriver driver;
    private static Path profile;

    @TempDir
    Path dir;
    private String name;

    @BeforeAll
    static void startBrowser() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER), "Debian's chromium and "
                + "chromium-driver are not installed");
        f = WebFixture.shared();
        profile = Files.createTempDirectory("mosaic-chromium");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1400,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, o);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            PageRoutes.deleteTree(profile);
        }
    }

    @BeforeEach
    void name(TestInfo info) {
        name = info.getTestMethod().orElseThrow().getName();
        driver.manage().deleteAllCookies();
    }

    private WebDriverWait waiting() {
        // htmx swaps the board in place, so an element found a moment ago may be gone: look it up again.
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(90));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private void open(String path) {
        driver.get(f.base() + path);
    }

    private void signIn(String user) {
        open("/login");
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(WebFixture.PASSWORD);
        driver.findElement(By.id("sign-in")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("logout")));
    }

    /** Saves the screenshot, then fails if any chart on the page has no data points. */
    private void screenshot(String step) throws IOException {
        Path out = Path.of("target", "screenshots", name + "-" + step + ".png");
        Files.createDirectories(out.getParent());
        Files.write(out, driver.getScreenshotAs(OutputType.BYTES));
        for (WebElement chart : driver.findElements(By.cssSelector("[data-chart]"))) {
            String id = chart.getAttribute("id");
            waiting().until(d -> points(id) > 0);
            assertThat(points(id)).as("chart " + id + " on " + step).isPositive();
            assertThat(chart.findElements(By.tagName("canvas"))).as("chart " + id + " drawn").isNotEmpty();
        }
    }

    private long points(String id) {
        Object n = ((JavascriptExecutor) driver).executeScript("return window.mosaicChartPoints ? "
                + "window.mosaicChartPoints(arguments[0]) : 0", id);
        return n == null ? 0 : ((Number) n).longValue();
    }

    /** Forms grade 6 math in 4 sections of 32, watching the job's progress until the classes appear. */
    private void solve() throws IOException {
        open("/schools/elmhurst/classes");
        WebElement count = driver.findElement(By.name("count"));
        count.clear();
        count.sendKeys("4");
        WebElement el = driver.findElement(By.name("ell_certified"));
        el.clear();
        el.sendKeys("4");
        WebElement limit = driver.findElement(By.name("time_limit"));
        limit.clear();
        limit.sendKeys("2");
        driver.findElement(By.id("form-classes")).click();
        WebElement job = waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("job")));
        assertThat(job).isNotNull();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("show-classes")));
        screenshot("solved");
        driver.findElement(By.id("show-classes")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("board")));
    }

    @Test
    void signInAndOut() throws IOException {
        open("/login");
        screenshot("login");
        signIn("principal-a");
        assertThat(driver.findElement(By.id("schools")).getText()).contains("Elmhurst Community Prep");
        screenshot("schools");
        driver.findElement(By.id("logout")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("sign-in")));
        open("/schools/elmhurst/classes");
        assertThat(driver.getCurrentUrl()).endsWith("/login");
    }

    @Test
    void uploadWithAnErrorThenAValidOne() throws IOException {
        signIn("admin");
        open("/data");
        driver.findElement(By.id("dataset-name")).sendKeys("broken-upload");
        driver.findElement(By.id("dataset-file")).sendKeys(DatasetZips.zip(f.data, dir, true).toString());
        driver.findElement(By.id("upload-button")).click();
        WebElement problems = waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("upload-problems")));
        assertThat(problems.getText()).contains("students.csv, line 3, column 2 (grade): found 'thirteen'");
        screenshot("error");
        driver.findElement(By.id("dataset-name")).sendKeys("browser-upload");
        driver.findElement(By.id("dataset-file")).sendKeys(DatasetZips.zip(f.data, dir, false).toString());
        driver.findElement(By.id("upload-button")).click();
        WebElement ok = waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("upload-ok")));
        assertThat(ok.getText()).contains("Saved dataset 'browser-upload'");
        assertThat(driver.findElement(By.id("datasets")).getText()).contains("browser-upload")
                .doesNotContain("broken-upload");
        screenshot("saved");
    }

    @Test
    void solveWithProgressThenDragACardAndSeeTheClassesReScored() throws IOException {
        signIn("principal-a");
        solve();
        screenshot("board");
        String before = driver.findElement(By.id("metrics-body")).getAttribute("data-objective");
        List<WebElement> columns = driver.findElements(By.cssSelector("#board .column"));
        WebElement card = columns.get(0).findElement(By.cssSelector(".card"));
        String student = card.getAttribute("data-student");
        String target = columns.get(1).getAttribute("data-section");
        String targetSize = sizeOf(target);
        new Actions(driver).clickAndHold(card.findElement(By.className("label"))).moveToElement(columns.get(1))
                .moveByOffset(0, 5).release().perform();
        waiting().until(d -> !sizeOf(target).equals(targetSize));
        assertThat(driver.findElement(By.cssSelector(".column[data-section='" + target + "'] .card[data-student='"
                + student + "']"))).isNotNull();
        String after = driver.findElement(By.id("metrics-body")).getAttribute("data-objective");
        assertThat(after).isNotEqualTo(before);
        screenshot("dragged");
        driver.navigate().refresh();
        assertThat(driver.findElements(By.cssSelector(".column[data-section='" + target + "'] .card[data-student='"
                + student + "']"))).as("the move is kept on the server").hasSize(1);
    }

    private String sizeOf(String section) {
        return driver.findElement(By.cssSelector("#class-metrics tr[data-section='" + section + "'] td:nth-child(2)"))
                .getText();
    }

    @Test
    void lockAStudentAndReSolveAroundTheLock() throws IOException {
        signIn("counselor-a");
        solve();
        WebElement card = driver.findElements(By.cssSelector("#board .column")).get(2)
                .findElement(By.cssSelector(".card"));
        String student = card.getAttribute("data-student");
        String section = driver.findElements(By.cssSelector("#board .column")).get(2).getAttribute("data-section");
        card.findElement(By.cssSelector("button.lock")).click();
        waiting().until(d -> d.findElement(By.cssSelector(".card[data-student='" + student + "'] button.lock"))
                .getAttribute("class").contains("on"));
        screenshot("locked");
        driver.findElement(By.id("resolve")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("show-classes")));
        driver.findElement(By.id("show-classes")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("board")));
        assertThat(driver.findElements(By.cssSelector(".column[data-section='" + section + "'] .card[data-student='"
                + student + "']"))).hasSize(1);
        screenshot("resolved");
    }

    @Test
    void exportTheClasses() throws IOException {
        signIn("principal-a");
        solve();
        String href = driver.findElement(By.id("export-csv")).getAttribute("href");
        Object csv = ((JavascriptExecutor) driver).executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.text()).then(done);", href);
        assertThat(csv.toString()).startsWith("student_id,given_name,family_name,section_id")
                .contains("elmhurst-g6-math-1");
        assertThat(csv.toString().lines().count()).isEqualTo(126);
        driver.findElement(By.id("print")).click();
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Class lists: Elmhurst Community Prep");
        screenshot("print");
    }

    @Test
    void aPrincipalIsBlockedFromAnotherSchool() throws IOException {
        signIn("principal-b");
        open("/schools/elmhurst/classes");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Not allowed");
        assertThat(driver.getPageSource()).doesNotContain("EL0001").doesNotContain("Elmhurst Community Prep");
        screenshot("blocked");
        open("/api/schools/elmhurst/students");
        assertThat(driver.getPageSource()).contains("403").doesNotContain("EL0001");
    }

    @Test
    void theDistrictDashboardDrawsItsBarsAndDrillsDownToASchool() throws IOException {
        signIn("admin");
        open("/district");
        assertThat(driver.findElement(By.id("decomposition")).getText()).contains("between classes within schools");
        screenshot("district");
        driver.findElement(By.linkText("Elmhurst Community Prep")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("school-classes-chart")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).startsWith("Elmhurst Community Prep");
        screenshot("school");
    }

    @Test
    void aPrincipalSeesOnlyTheirSchoolsDashboard() throws IOException {
        signIn("principal-b");
        open("/schools/lakeside/dashboard");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("school-classes-chart")));
        screenshot("own");
        open("/district");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Not allowed");
        open("/schools/elmhurst/dashboard");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Not allowed");
        screenshot("blocked");
    }

    @Test
    void enrollmentPolicyErrorsInlineThenARunALookupAndProbabilitiesWithProgress() throws IOException {
        signIn("admin");
        open("/enroll");
        WebElement policy = driver.findElement(By.id("policy"));
        policy.clear();
        policy.sendKeys("name: typo\nseats:\n  - type: open\n    shar: 0.5\n");
        driver.findElement(By.id("check-policy")).click();
        WebElement problems = waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("policy-problems")));
        assertThat(problems.getText()).contains("the key 'seats[0].shar' is not known");
        screenshot("policy-error");
        driver.findElement(By.id("policy")).clear();
        WebElement seed = driver.findElement(By.id("seed"));
        seed.clear();
        seed.sendKeys("7");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("enroll-grade"))).selectByValue("6");
        driver.findElement(By.id("run-enroll")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("enroll-schools")));
        screenshot("results");
        String student = f.data.choices().get(0).studentId();
        driver.findElement(By.id("lookup-student")).sendKeys(student);
        driver.findElement(By.id("lookup-button")).click();
        WebElement reason = waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("lookup-reason")));
        assertThat(reason.getText()).startsWith("Placed at your");
        WebElement draws = driver.findElement(By.id("draws"));
        draws.clear();
        draws.sendKeys("40");
        driver.findElement(By.id("run-draws")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("job")));
        screenshot("drawing");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("show-result")));
        driver.findElement(By.id("show-result")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("odds-chart")));
        screenshot("probabilities");
        // A second run with Boston, then both side by side.
        open("/enroll");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("mechanism"))).selectByValue("boston");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("enroll-grade"))).selectByValue("6");
        driver.findElement(By.id("run-enroll")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("enroll-schools")));
        open("/enroll");
        List<WebElement> a = driver.findElements(By.cssSelector("#enroll-runs input[name='a']"));
        List<WebElement> b = driver.findElements(By.cssSelector("#enroll-runs input[name='b']"));
        a.get(0).click();
        b.get(1).click();
        driver.findElement(By.id("compare-button")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("compare-chart")));
        assertThat(driver.findElement(By.id("enroll-compare")).getText()).contains("BOSTON").contains("DA");
        screenshot("side-by-side");
    }

    @Test
    void theFrontierChartMarksTheChosenDial() throws IOException {
        signIn("counselor-a");
        open("/schools/elmhurst/classes");
        WebElement count = driver.findElement(By.name("count"));
        count.clear();
        count.sendKeys("4");
        WebElement el = driver.findElement(By.name("ell_certified"));
        el.clear();
        el.sendKeys("4");
        WebElement limit = driver.findElement(By.name("time_limit"));
        limit.clear();
        limit.sendKeys("1");
        WebElement dial = driver.findElement(By.id("tracking"));
        dial.clear();
        dial.sendKeys("0.5");
        driver.findElement(By.id("draw-frontier-setup")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("job")));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("show-result")));
        driver.findElement(By.id("show-result")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("frontier-chart")));
        assertThat(driver.findElement(By.id("frontier")).getText()).contains("t=0.5 (chosen)");
        assertThat(points("frontier-chart")).isEqualTo(5);
        screenshot("frontier");
    }

    @Test
    void aTeachersGroupsThenARegroupShowingWhoMoved() throws IOException {
        signIn("teacher-a");
        driver.findElement(By.id("my-groups")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("rotation")));
        screenshot("groups");
        String low = f.data.roster(WebFixture.TEACHER_SECTION).get(0);
        Path csv = Files.writeString(dir.resolve("winter.csv"), "student_id,subject,year,term,score\n" + low
                + ",math,2027,winter,400\n");
        driver.findElement(By.id("scores-file")).sendKeys(csv.toString());
        driver.findElement(By.id("regroup")).click();
        waiting().until(d -> !d.findElements(By.id("moves")).isEmpty() || !d.findElements(By.id("no-moves"))
                .isEmpty());
        screenshot("regrouped");
        driver.findElement(By.id("teacher-sheet")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("sheet-rotation")));
        screenshot("sheet");
    }

    @Test
    void growthPercentilesWithProgressThenTheirChart() throws IOException {
        signIn("admin");
        open("/district");
        driver.findElement(By.id("growth-link")).click();
        // Another test of this JVM may have computed it already: the page then shows the result at once.
        if (driver.findElements(By.id("growth-chart")).isEmpty()) {
            driver.findElement(By.id("compute-growth")).click();
            waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("job")));
            screenshot("computing");
            waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("show-result")));
            driver.findElement(By.id("show-result")).click();
        }
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("growth-chart")));
        screenshot("growth");
        open("/district/clusters");
        screenshot("clusters");
    }

    @Test
    void scenariosWithProgressThenAchieverGroupsWithIntervals() throws IOException {
        signIn("admin");
        open("/district");
        driver.findElement(By.id("scenarios-link")).click();
        WebElement draws = driver.findElement(By.id("draws"));
        draws.clear();
        draws.sendKeys("2");
        driver.findElement(By.id("run-scenarios")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("job")));
        screenshot("simulating");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("show-result")));
        driver.findElement(By.id("show-result")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("scenarios-chart")));
        screenshot("scenarios");
        // Four scenarios x low, middle and high achievers: twelve dots, each with its whisker.
        assertThat(points("scenarios-chart")).isEqualTo(24);
    }

    @Test
    void theKenyaPresetAndPerSchoolDialsWithTheirErrorsInline() throws IOException {
        signIn("admin");
        open("/district/scenarios");
        WebElement dials = driver.findElement(By.id("dial_by_school"));
        dials.clear();
        dials.sendKeys("nowhere: 0, lakeside: 2");
        driver.findElement(By.id("run-scenarios")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("error-dial_by_school")));
        assertThat(driver.findElement(By.id("error-dial_by_school")).getText()).contains("nowhere")
                .contains("lakeside: 2");
        screenshot("scenarios-dial-errors");
        driver.findElement(By.id("run-ddk2011")).click();
        WebElement draws = driver.findElement(By.id("draws"));
        draws.clear();
        draws.sendKeys("4");
        driver.findElement(By.id("run-scenarios")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("job")));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("show-result")));
        driver.findElement(By.id("show-result")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("ddk-chart")));
        screenshot("scenarios-ddk2011");
        assertThat(driver.findElement(By.id("ddk-reproduced")).getText()).contains("of 4 of DDK's findings");
        // Seven estimates: seven dots, each with its whisker.
        assertThat(points("ddk-chart")).isEqualTo(14);
    }
}
