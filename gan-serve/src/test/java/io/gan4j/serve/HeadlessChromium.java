package io.gan4j.serve;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver (never one that Selenium Manager would download:
 * the machines running the tests are offline), for the browser tests of gan-serve and of {@code train --serve} in
 * experiments (which gets this class from gan-serve's test jar).
 */
public final class HeadlessChromium {
    /** Debian's {@code chromium} package. */
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    /** Debian's {@code chromium-driver} package. */
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {
    }

    /**
     * Why the browser tests cannot run here, as the line a skipped test reports (which packages to install), or
     * null when both executables are present.
     */
    public static String missing() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER) ? null
                : "browser test skipped: no " + CHROMIUM + " or " + DRIVER
                + " (apt-get install -y --no-install-recommends chromium chromium-driver)";
    }

    /**
     * A new headless browser with a 1280×1600 window and its profile in {@code profile} (created if absent), without
     * the sandbox (tests run as root in CI), first-run pages, background networking or component updates.
     */
    public static ChromeDriver start(Path profile) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1600", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--user-data-dir=" + Files.createDirectories(profile));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
