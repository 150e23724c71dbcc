package io.gan4j.serve;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The pages in headless Chromium, as a person uses them: the runs page lists and filters runs, a run's page draws its
 * losses with every logged point, its grid slider changes the image, and rows appended to the run's log appear
 * without a reload. Screenshots go to {@code target/screenshots/}. Needs Debian's {@code chromium} and
 * {@code chromium-driver} (CI installs them); skipped, saying so, where {@code /usr/bin/chromium} is absent.
 */
class BrowserTest {
    @TempDir
    static Path tmp;
    static Path run;
    static DashboardServer server;
    static ChromeDriver browser;

    static final String MISSING = HeadlessChromium.missing();

    @BeforeAll
    static void start() throws IOException {
        if (MISSING != null) {
            System.err.println(MISSING);
            return;
        }
        Path root = tmp.resolve("runs");
        RunFixture.run(root, "vanilla-mnist", "20261206-010000", 300, 1);
        RunFixture.run(root, "dcgan-mnist", "20261206-020000", 20, 5);
        run = RunFixture.run(root, "live-mnist", "20261206-030000", 300, 1); // the run page test appends to it
        server = DashboardServer.start(List.of(root), "127.0.0.1", 0);
        browser = HeadlessChromium.start(tmp.resolve("profile"));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Each test is reported skipped, with the reason, where Chromium is absent (CI installs it). */
    @BeforeEach
    void needsChromium() {
        assumeTrue(MISSING == null, MISSING);
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private static WebDriverWait waiting(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }

    private static void screenshot(String name) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    /** The lengths of the loss chart's arrays as uPlot holds them: steps, then each series. */
    @SuppressWarnings("unchecked")
    private static List<Long> drawnLengths() {
        return (List<Long>) ((JavascriptExecutor) browser).executeScript(
                "return document.querySelector('#loss-chart .chart').uplot.data.map(function (a) { return a.length; })");
    }

    /** Two values of the loss chart's series {@code s} as uPlot holds them. */
    @SuppressWarnings("unchecked")
    private static List<Double> drawn(int s, int i, int j) {
        List<Number> v = (List<Number>) ((JavascriptExecutor) browser).executeScript(
                "var d = document.querySelector('#loss-chart .chart').uplot.data[arguments[0]];"
                        + " return [d[arguments[1]], d[arguments[2]]];", s, i, j);
        return v.stream().map(Number::doubleValue).toList();
    }

    @Test
    void theRunsPageListsAndFiltersRuns() throws IOException {
        browser.get(url("/"));
        waiting(10).until(d -> d.findElements(By.cssSelector("#runs tbody tr")).size() == 3);
        WebElement vanilla = browser.findElement(By.cssSelector("#runs tbody tr[data-id='vanilla-mnist@20261206-010000']"));
        assertTrue(vanilla.getText().contains("300 / 300"), vanilla.getText());
        assertTrue(vanilla.getText().contains("completed"), vanilla.getText());
        screenshot("runs-page.png");
        browser.findElement(By.id("filter")).sendKeys("dcgan");
        waiting(5).until(d -> d.findElements(By.cssSelector("#runs tbody tr")).size() == 1);
        assertEquals("dcgan-mnist@20261206-020000",
                browser.findElement(By.cssSelector("#runs tbody tr")).getAttribute("data-id"));
        RunFixture.run(tmp.resolve("runs"), "dcgan-cifar", "20261206-040000", 10, 1);
        waiting(5).until(d -> d.findElements(By.cssSelector("#runs tbody tr")).size() == 2);
        assertEquals("dcgan-cifar@20261206-040000",
                browser.findElements(By.cssSelector("#runs tbody tr")).get(0).getAttribute("data-id"),
                "a run started while the page is open appears without a reload");
    }

    @Test
    void theRunPageDrawsEveryPointMovesThroughGridsAndFollowsNewRows() throws IOException {
        browser.get(url("/"));
        waiting(10).until(d -> !d.findElements(By.linkText("live-mnist")).isEmpty());
        browser.findElement(By.linkText("live-mnist")).click();
        waiting(10).until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded")));
        WebElement loss = browser.findElement(By.cssSelector("#loss-chart .chart"));
        waiting(5).until(d -> "300".equals(loss.getAttribute("data-points")));
        assertEquals("4", loss.getAttribute("data-series"), "d_loss and g_loss, raw and smoothed");
        assertEquals(List.of(300L, 300L, 300L, 300L, 300L), drawnLengths());
        assertEquals(List.of(0.001, 0.3), drawn(1, 0, 299), "d_loss = step / 1000, as logged");
        // TensorBoard's debiased moving average at weight 0.6 over 0.001, 0.002: 0.0004 / 0.4 = 0.001, then
        // (0.6 * 0.0004 + 0.4 * 0.002) / (1 - 0.6^2) = 0.00104 / 0.64 = 0.001625.
        List<Double> smoothed = drawn(2, 0, 1);
        assertEquals(0.001, smoothed.get(0), 1e-12);
        assertEquals(0.001625, smoothed.get(1), 1e-12);
        browser.findElement(By.id("smoothing")).sendKeys(Keys.HOME);
        assertEquals("0.00", browser.findElement(By.id("smoothing-value")).getText());
        assertEquals(List.of(0.001, 0.002), drawn(2, 0, 1), "no smoothing: the raw values");
        assertEquals(30L, ((JavascriptExecutor) browser).executeScript(
                "return document.querySelectorAll('#eval-charts .chart')[0].dataset.points * 1"));

        WebElement grid = browser.findElement(By.id("grid"));
        WebElement slider = browser.findElement(By.id("grid-step"));
        waiting(5).until(d -> ((Long) ((JavascriptExecutor) d).executeScript(
                "return document.getElementById('grid').naturalWidth")) == 4L);
        assertEquals(List.of("/runs/live-mnist%4020261206-030000/files/samples/step-00000300.png"),
                ((JavascriptExecutor) browser).executeScript("return performance.getEntriesByType('resource')"
                        + ".map(function (r) { return new URL(r.name).pathname; })"
                        + ".filter(function (p) { return p.indexOf('/files/') >= 0; })"),
                "of the 30 grids, only the one shown is fetched");
        waiting(5).until(d -> (Boolean) ((JavascriptExecutor) d).executeScript("return window.gan4jReady > 0"
                + " && document.body.dataset.ready === String(Math.round(window.gan4jReady))"));
        assertEquals("29", slider.getAttribute("max"), "30 grids");
        String last = grid.getAttribute("src");
        assertTrue(last.endsWith("/samples/step-00000300.png"), last);
        // Checked at once, not waited for: the page also re-reads the slider when it polls (every second).
        slider.sendKeys(Keys.HOME);
        assertTrue(grid.getAttribute("src").endsWith("/samples/step-00000010.png"), grid.getAttribute("src"));
        slider.sendKeys(Keys.ARROW_RIGHT);
        assertTrue(grid.getAttribute("src").endsWith("/samples/step-00000020.png"), grid.getAttribute("src"));
        assertNotEquals(last, grid.getAttribute("src"));
        assertEquals("step 20 (2 of 30)", browser.findElement(By.id("grid-label")).getText());
        String gif = browser.findElement(By.id("grid-gif")).getAttribute("href");
        assertTrue(gif.endsWith("/api/runs/live-mnist%4020261206-030000/grids.gif"), gif);
        waiting(5).until(d -> ((Long) ((JavascriptExecutor) d).executeScript(
                "return document.getElementById('grid').naturalWidth")) == 4L);
        screenshot("run-page.png");

        Files.writeString(run.resolve("metrics.csv"), "301,3.01,12.5,0.9,0.1\n302,3.02,12.5,0.95,0.05\n",
                StandardOpenOption.APPEND);
        long t0 = System.nanoTime();
        waiting(5).until(d -> "302".equals(loss.getAttribute("data-points")));
        assertEquals(List.of(302L, 302L, 302L, 302L, 302L), drawnLengths());
        assertEquals(List.of(0.9, 0.95), drawn(1, 300, 301), "the appended rows, drawn");
        waiting(5).until(d -> "302".equals(d.findElement(By.id("status")).getAttribute("data-step")));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 2500, "new rows shown after " + ms + " ms");
    }

    @Test
    void comparePutsTwoRunsOnEachChartAndMovesTheirGridsTogether() throws IOException {
        browser.get(url("/"));
        waiting(10).until(d -> d.findElements(By.cssSelector("#runs tbody tr")).size() >= 3);
        WebElement compare = browser.findElement(By.id("compare"));
        assertTrue(!compare.isEnabled(), "two runs are needed");
        for (String id : List.of("vanilla-mnist@20261206-010000", "dcgan-mnist@20261206-020000")) {
            browser.findElement(By.cssSelector("#runs tbody tr[data-id='" + id + "'] input.pick")).click();
        }
        waiting(5).until(d -> d.findElement(By.id("compare")).isEnabled());
        browser.findElement(By.id("compare")).click();
        waiting(10).until(d -> d.getCurrentUrl().contains("/compare?ids="));
        String picked = browser.getCurrentUrl().replaceFirst(".*/compare\\?ids=", "");
        assertEquals(Set.of("vanilla-mnist%4020261206-010000", "dcgan-mnist%4020261206-020000"),
                Set.of(picked.split(",")), "the ticked runs, in the table's order");
        // Opened again in a known order: the first id is the first series.
        browser.get(url("/compare?ids=vanilla-mnist%4020261206-010000,dcgan-mnist%4020261206-020000"));
        waiting(10).until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded")));
        JavascriptExecutor js = (JavascriptExecutor) browser;
        @SuppressWarnings("unchecked")
        List<String> titles = (List<String>) js.executeScript("return Array.from(document.querySelectorAll("
                + "'#charts .chart')).map(function (c) { return c.dataset.title + ':' + c.dataset.series; })");
        assertEquals(List.of("ms_per_step:2", "d_loss:2", "g_loss:2", "fid:2"), titles, "a chart per metric, a"
                + " series per run");
        // vanilla logs steps 1..300, dcgan 5, 10, ..., 100: one step axis of 300, dcgan null between its rows.
        @SuppressWarnings("unchecked")
        List<Object> dLoss = (List<Object>) js.executeScript("var c = Array.from(document.querySelectorAll("
                + "'#charts .chart')).find(function (c) { return c.dataset.title === 'd_loss'; }).uplot.data;"
                + " return [c[0].length, c[1][4], c[2][4], c[2][3], c[1][299], c[2][299]];");
        assertEquals(300L, ((Number) dLoss.get(0)).longValue());
        assertEquals(0.005, ((Number) dLoss.get(1)).doubleValue(), 1e-12, "vanilla at step 5");
        assertEquals(0.005, ((Number) dLoss.get(2)).doubleValue(), 1e-12, "dcgan at step 5");
        assertEquals(null, dLoss.get(3), "dcgan logged no step 4");
        assertEquals(0.3, ((Number) dLoss.get(4)).doubleValue(), 1e-12);
        assertEquals(null, dLoss.get(5), "dcgan ends at step 100");

        WebElement slider = browser.findElement(By.id("grid-step"));
        assertEquals("29", slider.getAttribute("max"), "grid steps of both runs: 10, 20, ..., 300");
        WebElement vanilla = browser.findElement(By.cssSelector("#grids figure[data-id='vanilla-mnist@20261206-010000'] img"));
        WebElement dcgan = browser.findElement(By.cssSelector("#grids figure[data-id='dcgan-mnist@20261206-020000'] img"));
        String dcganGif = browser.findElement(By.cssSelector(
                "#grids figure[data-id='dcgan-mnist@20261206-020000'] a.grid-gif")).getAttribute("href");
        assertTrue(dcganGif.endsWith("/api/runs/dcgan-mnist%4020261206-020000/grids.gif"), dcganGif);
        assertTrue(vanilla.getAttribute("src").endsWith("/samples/step-00000300.png"), vanilla.getAttribute("src"));
        assertTrue(dcgan.getAttribute("src").endsWith("/samples/step-00000100.png"), "dcgan's last grid, before 300");
        slider.sendKeys(Keys.HOME);
        for (int i = 0; i < 4; i++) {
            slider.sendKeys(Keys.ARROW_RIGHT);
        }
        assertEquals("step 50", browser.findElement(By.id("grid-label")).getText());
        assertTrue(vanilla.getAttribute("src").endsWith("/samples/step-00000050.png"), vanilla.getAttribute("src"));
        assertTrue(dcgan.getAttribute("src").endsWith("/samples/step-00000050.png"), dcgan.getAttribute("src"));
        screenshot("compare-page.png");
        slider.sendKeys(Keys.ARROW_LEFT);
        assertTrue(vanilla.getAttribute("src").endsWith("/samples/step-00000040.png"), vanilla.getAttribute("src"));
        assertEquals(null, dcgan.getAttribute("src"), "dcgan has no grid at or before step 40");
        assertEquals("dcgan-mnist@20261206-020000: no grid at or before step 40", browser.findElement(
                By.cssSelector("#grids figure[data-id='dcgan-mnist@20261206-020000'] figcaption")).getText());
    }

    /** The cells of each row of a results table on the compare page, as shown. */
    @SuppressWarnings("unchecked")
    private static List<List<String>> shownRows(String tableId) {
        return (List<List<String>>) ((JavascriptExecutor) browser).executeScript("return Array.from(document"
                + ".querySelectorAll('#' + arguments[0] + ' tbody tr')).map(function (r) { return Array.from("
                + "r.children).map(function (c) { return c.textContent; }); })", tableId);
    }

    @Test
    void aSweepOpensFromTheRunsPageOnACompareWithCompareResultsTable() throws IOException {
        // Its own server: the other tests count the runs of theirs.
        Path root = tmp.resolve("evaluated");
        DashboardApiTest.evaluatedRuns(root);
        Files.createDirectories(root.resolve("losses").resolve("compare"));
        Files.writeString(root.resolve("losses").resolve("compare").resolve("results.csv"),
                "run,setting,seed,step,train_seconds,fid\n"
                        + "hinge/20261206-010000,model.loss=hinge,1,300,3.0,10.0000\n"
                        + "hinge/20261206-020000,model.loss=hinge,2,300,3.0,12.0000\n"
                        + "lsgan/20261206-030000,model.loss=least-squares,1,300,3.0,20.0000\n");
        try (DashboardServer other = DashboardServer.start(List.of(root), "127.0.0.1", 0)) {
            String base = "http://127.0.0.1:" + other.port();
            browser.get(base + "/");
            waiting(10).until(d -> !d.findElements(By.cssSelector("#sweeps tbody tr[data-sweep='losses']")).isEmpty());
            WebElement sweep = browser.findElement(By.cssSelector("#sweeps tbody tr[data-sweep='losses']"));
            assertEquals("losses 3 Open", sweep.getText());
            screenshot("runs-page-sweeps.png");
            sweep.findElement(By.cssSelector("a.open-sweep")).click();
            waiting(10).until(d -> d.getCurrentUrl().endsWith("/compare?sweep=losses"));
            waiting(10).until(d -> d.findElements(By.cssSelector("#results-groups tbody tr")).size() == 2);
            // fid 10, 12: mean 11, sample std sqrt(2); precision 0.5, 0.7: mean 0.6, std 0.1414; lsgan has no precision
            assertEquals(List.of(List.of("model.loss=hinge", "2", "1, 2", "300", "11.000 ± 1.414", "0.600 ± 0.141"),
                    List.of("model.loss=least-squares", "1", "1", "300", "20.000", "")), shownRows("results-groups"));
            assertEquals(List.of("hinge/20261206-010000", "model.loss=hinge", "1", "300", "3s", "10.000", "0.500"),
                    shownRows("results-runs").get(0));
            assertEquals(3, shownRows("results-runs").size());
            assertEquals(3, browser.findElements(By.cssSelector("#grids figure")).size(), "the sweep's three runs");
            screenshot("compare-page-results.png");

            browser.get(base + "/compare?ids=hinge%4020261206-010000,fresh%4020261206-040000");
            waiting(10).until(d -> !d.findElements(By.cssSelector("#results-missing li")).isEmpty());
            assertEquals("fresh@20261206-040000 (no eval.json): not evaluated: run `./gan4j compare …` or"
                    + " `./gan4j evaluate`", browser.findElement(By.cssSelector("#results-missing li")).getText());
            assertEquals(1, shownRows("results-runs").size());
        }
    }
}
