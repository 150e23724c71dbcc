package io.gan4j.serve;

import com.fasterxml.jackson.databind.JsonNode;
import io.gan4j.core.io.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Not part of the suite (skipped, saying how to run it): how long the pages take to open in a browser over big runs,
 * two runs of 100,000 logged steps, 500 evaluations and 500 sample grids each ({@link BigRunFixture}). For the runs
 * page, a run page and the compare page of the two, it opens the page {@code loads} times in headless Chromium
 * (browser cache cleared before each) and reads the page's own mark of being usable ({@code window.gan4jReady}: its
 * first poll drawn, the grid slider set and the grids it shows decoded, in ms since the navigation started). New JVM:
 * each load on a server just started in a JVM of its own, as after {@code gan4j serve}; cold: each load on a server
 * just started in this (JIT-warm) JVM, so the logs are parsed during the load; warm: loads on one server that
 * already answered once. Prints medians, min and max and writes them to {@code target/serve-bench.txt}.
 * Speed is reported, not asserted; what is asserted is that the pages fetch only the grids they show and that the
 * curves come downsampled.
 * <pre>
 * mvn -B -o -pl gan-serve -am verify -Dtest=ServePageBenchTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dgan4j.bench.serve=true [-Dgan4j.bench.serve.loads=7]
 * </pre>
 */
class ServePageBenchTest {
    static final String HOW = "ServePageBenchTest skipped: a bench, run it with -Dgan4j.bench.serve=true"
            + " -Dtest=ServePageBenchTest (see its javadoc)";
    static final int STEPS = 100_000;
    static final int GRIDS = 500;
    static final String A = "big-a@20261206-010000";
    static final String B = "big-b@20261206-020000";
    @TempDir
    static Path tmp;
    static ChromeDriver browser;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void openTheRunsRunAndComparePagesOfBigRuns() throws Exception {
        if (!Boolean.getBoolean("gan4j.bench.serve")) {
            System.err.println(HOW);
        }
        assumeTrue(Boolean.getBoolean("gan4j.bench.serve"), HOW);
        assumeTrue(HeadlessChromium.missing() == null, HeadlessChromium.missing());
        int loads = Integer.getInteger("gan4j.bench.serve.loads", 7);
        Path root = tmp.resolve("runs");
        long t0 = System.nanoTime();
        Path a = BigRunFixture.run(root, "big-a", "20261206-010000", STEPS, GRIDS, 1, null);
        BigRunFixture.run(root, "big-b", "20261206-020000", STEPS, GRIDS, 2, a);
        String setup = String.format(Locale.ROOT, "two runs written in %.1f s: metrics.csv %,d bytes, eval.csv %,d"
                + " bytes, %d grids of %,d bytes on average", (System.nanoTime() - t0) / 1e9,
                Files.size(a.resolve("metrics.csv")), Files.size(a.resolve("eval.csv")), GRIDS, averageGrid(a));
        browser = HeadlessChromium.start(tmp.resolve("profile"));
        List<String> report = new ArrayList<>(List.of(setup, "loads per case: " + loads + "; load average at the"
                        + " start " + loadAverage() + " (other processes share the cores: compare runs at similar load)",
                "page: time until usable (ms since navigation start), median [min-max]; document responseEnd median;"
                        + " first scalars response (ms, bytes); grid images fetched"));
        String run = "/run?id=" + enc(A);
        String compare = "/compare?ids=" + enc(A) + "," + enc(B);
        try (DashboardServer server = DashboardServer.start(List.of(root), "127.0.0.1", 0)) {
            load(server.port(), "/"); // Chromium's first page costs more (processes started): not counted
        }
        for (String page : List.of("/", run, compare)) {
            report.add(line(page, "new JVM", newJvm(root, page, loads)));
            report.add(line(page, "cold", cold(root, page, loads)));
            report.add(line(page, "warm", warm(root, page, loads)));
        }
        checkDownsampled(root);
        report.add("load average at the end " + loadAverage());
        report.forEach(System.out::println);
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "serve-bench.txt"), report);
    }

    /** Each load on a fresh server: the logs are parsed while the page loads. */
    private static List<Load> cold(Path root, String page, int loads) throws IOException {
        List<Load> out = new ArrayList<>();
        for (int i = 0; i < loads; i++) {
            try (DashboardServer server = DashboardServer.start(List.of(root), "127.0.0.1", 0)) {
                out.add(load(server.port(), page));
            }
        }
        return out;
    }

    /**
     * Each load on a server just started in a JVM of its own ({@link ServeMain}), as right after {@code gan4j serve}
     * starts: the logs are parsed, by code not yet compiled by the JIT, while the page loads.
     */
    private static List<Load> newJvm(Path root, String page, int loads) throws IOException {
        List<Load> out = new ArrayList<>();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int i = 0; i < loads; i++) {
            Process server = new ProcessBuilder(java, "-Djava.awt.headless=true", "-cp",
                    System.getProperty("java.class.path"), ServeMain.class.getName(), root.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try {
                String first = new BufferedReader(new InputStreamReader(server.getInputStream(),
                        StandardCharsets.UTF_8)).readLine();
                assertTrue(first != null && first.startsWith("port "), "ServeMain said " + first);
                out.add(load(Integer.parseInt(first.substring(5)), page));
            } finally {
                server.getOutputStream().close();
                server.destroy();
                server.onExit().join(); // gone before the next one starts
            }
        }
        return out;
    }

    /** Loads on one server that has answered the page once already (that first load not counted). */
    private static List<Load> warm(Path root, String page, int loads) throws IOException {
        List<Load> out = new ArrayList<>();
        try (DashboardServer server = DashboardServer.start(List.of(root), "127.0.0.1", 0)) {
            load(server.port(), page);
            for (int i = 0; i < loads; i++) {
                out.add(load(server.port(), page));
            }
        }
        return out;
    }

    /** What one load measured, read from the page's performance entries. */
    record Load(double readyMs, double documentMs, double scalarsMs, long scalarsBytes, long gridRequests,
            long lossPoints) {
    }

    private static final String READ = "var nav = performance.getEntriesByType('navigation')[0];"
            + " var res = performance.getEntriesByType('resource');"
            + " var scalars = res.filter(function (r) { return r.name.indexOf('/scalars') >= 0; })[0];"
            + " var loss = document.querySelector('#loss-chart .chart');"
            + " return [window.gan4jReady, nav.responseEnd, scalars ? scalars.duration : -1,"
            + " scalars ? scalars.encodedBodySize : -1,"
            + " res.filter(function (r) { return r.name.indexOf('/files/samples/') >= 0; }).length,"
            + " loss ? Number(loss.dataset.points) : -1];";

    private static Load load(int port, String page) {
        browser.get("about:blank");
        browser.executeCdpCommand("Network.clearBrowserCache", Map.of());
        browser.get("http://127.0.0.1:" + port + page);
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d ->
                Boolean.TRUE.equals(browser.executeScript("return typeof window.gan4jReady === 'number'")));
        List<?> v = (List<?>) browser.executeScript(READ);
        Load load = new Load(num(v.get(0)), num(v.get(1)), num(v.get(2)), (long) num(v.get(3)),
                (long) num(v.get(4)), (long) num(v.get(5)));
        long grids = page.startsWith("/compare") ? 2 : page.startsWith("/run") ? 1 : 0;
        assertEquals(grids, load.gridRequests(), page + ": only the grids shown are fetched, of " + GRIDS);
        if (page.startsWith("/run")) {
            assertTrue(load.lossPoints() > 0 && load.lossPoints() <= DashboardServer.DEFAULT_MAX_POINTS,
                    "the loss chart holds " + load.lossPoints() + " points of " + STEPS + " rows");
        }
        return load;
    }

    /** The scalars answer: every row counted, at most 2,000 points sent. */
    private static void checkDownsampled(Path root) throws IOException, InterruptedException {
        try (DashboardServer server = DashboardServer.start(List.of(root), "127.0.0.1", 0)) {
            String body = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/api/runs/" + enc(A) + "/scalars")).build(), HttpResponse.BodyHandlers.ofString()).body();
            JsonNode metrics = Json.MAPPER.readTree(body).get("metrics");
            assertEquals(STEPS, metrics.get("rows").asInt());
            assertEquals(DashboardServer.DEFAULT_MAX_POINTS, metrics.get("step").size());
            assertEquals(DashboardServer.DEFAULT_MAX_POINTS, metrics.get("columns").get("d_loss").size());
        }
    }

    private static String line(String page, String kind, List<Load> loads) {
        double[] ready = loads.stream().mapToDouble(Load::readyMs).sorted().toArray();
        double[] doc = loads.stream().mapToDouble(Load::documentMs).sorted().toArray();
        double[] scalars = loads.stream().mapToDouble(Load::scalarsMs).sorted().toArray();
        return String.format(Locale.ROOT, "%-70s %-7s: %5.0f ms [%.0f-%.0f] (first %.0f); document %.0f ms;"
                        + " scalars %.0f ms, %,d B; grids fetched %d", page, kind, median(ready), ready[0],
                ready[ready.length - 1], loads.get(0).readyMs(), median(doc), median(scalars),
                loads.get(0).scalarsBytes(), loads.get(0).gridRequests());
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double num(Object o) {
        return o == null ? -1 : ((Number) o).doubleValue();
    }

    private static long averageGrid(Path run) throws IOException {
        try (var files = Files.list(run.resolve("samples"))) {
            return (long) files.mapToLong(f -> f.toFile().length()).average().orElse(0);
        }
    }

    /** The 1, 5 and 15 minute load averages (Linux), or "?". */
    private static String loadAverage() {
        try {
            String[] v = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return v[0] + " " + v[1] + " " + v[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static String enc(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }
}
