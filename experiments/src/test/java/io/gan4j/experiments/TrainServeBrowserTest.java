package io.gan4j.experiments;

import io.gan4j.serve.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A person's first look at {@code gan4j train … --serve}: a real training (a small MLP GAN on the shipped MNIST
 * digits) is started, the URL it prints is opened in headless Chromium while the run does not exist yet, the run
 * appears on the runs page by itself, and on its page the step count and the loss curve advance without a reload. Skipped, saying so, where Debian's {@code chromium} or {@code chromium-driver}
 * is missing (.ci/run installs them).
 */
class TrainServeBrowserTest {
    private static final Pattern URL = Pattern.compile("gan4j train: (http://127\\.0\\.0\\.1:\\d+/)  \\(");

    @TempDir
    Path tmp;

    @Test
    void theRunPageFollowsARealTrainingUntilItCompletes() throws Exception {
        assumeTrue(HeadlessChromium.missing() == null, HeadlessChromium.missing());
        Path config = tmp.resolve("tiny.json");
        // Far more steps than the test watches, so the run outlasts the page on any machine; logEvery 20 makes each
        // logged row a point of the loss chart. Stopped with SIGTERM once seen advancing.
        Files.writeString(config, CliTest.mnistConfig("tiny", "vanilla", 3, 5_000_000, 1_000_000, 5_000_000, "")
                .replace("\"logEvery\": 1", "\"logEvery\": 20"));
        ChromeDriver browser = HeadlessChromium.start(tmp.resolve("profile"));
        // A JVM of its own, as `gan4j train` is: the test can stop it as a user's Ctrl-C or kill would.
        Process training = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), Gan4jCli.class.getName(),
                "train", config.toString(), "--serve", "--port", "0", "--set",
                "train.outputDir=" + tmp.resolve("runs")).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(training.getInputStream(),
                StandardCharsets.UTF_8))) {
            String first = out.readLine();
            Matcher m = URL.matcher(first == null ? "" : first);
            assertTrue(m.lookingAt(), "no URL line first: " + first);
            Thread drain = new Thread(() -> {
                try {
                    out.lines().forEach(line -> { });
                } catch (UncheckedIOException closed) {
                    // The reader is closed when the test ends, while the stopped process may still be writing.
                }
            });
            drain.setDaemon(true);
            drain.start();
            follow(browser, m.group(1));
            assertTrue(training.isAlive(), "training still running while the page was watched");
            training.destroy(); // SIGTERM: gan4j stops after writing a checkpoint (exit 143)
            assertTrue(training.waitFor(120, TimeUnit.SECONDS), "training stopped on SIGTERM");
            assertEquals(143, training.exitValue());
        } finally {
            training.destroyForcibly();
            browser.quit();
        }
    }

    /**
     * Opens {@code url} before the run exists and follows it: it appears on the runs page, and its page's step and
     * loss curve advance twice without a reload. (The server stops with training, as documented, so the page never
     * sees the run completed.)
     */
    private static void follow(ChromeDriver browser, String url) throws Exception {
        {
            browser.get(url); // printed before the model is built: no run yet
            // Generous: each wait ends as soon as its condition holds, and on a loaded 2-core machine (the training
            // JVM, Chromium and this JVM compete) the run took over 60 s to appear and advance.
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(180));
            wait.until(d -> !d.findElements(By.linkText("tiny")).isEmpty());
            browser.findElement(By.linkText("tiny")).click();
            wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded")));
            JavascriptExecutor js = (JavascriptExecutor) browser;
            js.executeScript("window.sameDocument = true;"); // gone if the page were reloaded
            long step = shownStep(browser);
            long points = lossPoints(browser);
            if ("no grids yet".equals(browser.findElement(By.id("grid-label")).getText())) {
                // Before the first grid (step 3,000): no broken image and no link to a GIF that is not there yet.
                assertTrue(!browser.findElement(By.id("grid")).isDisplayed(), "an image with nothing to show");
                assertTrue(!browser.findElement(By.id("grid-gif")).isDisplayed(), "a GIF link with no grid");
            }
            wait.until(d -> shownStep(browser) > step && lossPoints(browser) > points);
            long laterStep = shownStep(browser);
            long laterPoints = lossPoints(browser);
            wait.until(d -> shownStep(browser) > laterStep && lossPoints(browser) > laterPoints);
            assertTrue(browser.findElement(By.id("status")).getText().startsWith("running"),
                    browser.findElement(By.id("status")).getText());
            assertEquals(Boolean.TRUE, js.executeScript("return window.sameDocument === true"),
                    "followed without a reload");
            assertTrue(shownStep(browser) % 20 == 0 && shownStep(browser) <= 5_000_000, "a logged step");
            Path shots = Files.createDirectories(Path.of("target", "screenshots"));
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shots.resolve("train-serve-run-page.png"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static long shownStep(ChromeDriver browser) {
        String step = browser.findElement(By.id("status")).getAttribute("data-step");
        return step == null || step.isEmpty() ? -1 : Long.parseLong(step);
    }

    private static long lossPoints(ChromeDriver browser) {
        var charts = browser.findElements(By.cssSelector("#loss-chart .chart"));
        String points = charts.isEmpty() ? null : charts.get(0).getAttribute("data-points");
        return points == null ? -1 : Long.parseLong(points);
    }
}
