package io.gan4j.serve;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The served file system ends at each run directory. Raw requests that try to leave it (dot segments plain, encoded,
 * double-encoded and overlong, encoded slashes and backslashes, absolute paths, path parameters, NUL, symlinks that
 * point outside) are each answered 400 or 404, and a canary file outside the served directory never appears in an
 * answer. Files inside are served with their content type, directories are not listed.
 */
class PathEscapeTest {
    private static final String CANARY = "CANARY-5f1e0c7a-must-never-be-served";
    @TempDir
    static Path tmp;
    static Path served;
    static Path outside;
    static Path run;
    static DashboardServer server;
    static String files;

    @BeforeAll
    static void start() throws IOException {
        served = Files.createDirectories(tmp.resolve("served"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("canary.txt"), CANARY);
        Files.writeString(outside.resolve("canary.png"), CANARY);
        Files.writeString(served.resolve("canary.txt"), CANARY); // in the served directory but in no run
        run = RunFixture.run(served, "vanilla-mnist", "20261206-010000", 30, 10);
        Files.createSymbolicLink(run.resolve("samples").resolve("escape.png"), outside.resolve("canary.png"));
        Files.createSymbolicLink(run.resolve("samples").resolve("escape-relative.png"),
                Path.of("../../../../outside/canary.png"));
        Files.createSymbolicLink(run.resolve("samples").resolve("linked"), outside);
        Files.createSymbolicLink(run.resolve("samples").resolve("to-root"), Path.of("/"));
        server = DashboardServer.start(List.of(served), "127.0.0.1", 0);
        files = "/runs/vanilla-mnist@20261206-010000/files/";
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Request targets, sent as they are written here, that must not leave the run directory. */
    static List<String> escapes() {
        String abs = outside.resolve("canary.txt").toString();
        String absEncoded = abs.replace("/", "%2f");
        List<String> t = new ArrayList<>(List.of(
                files + "../../../outside/canary.txt",
                files + "../../canary.txt",
                files + "samples/../../../../outside/canary.txt",
                files + "%2e%2e/%2e%2e/%2e%2e/outside/canary.txt",
                files + "%2E%2E/%2E%2E/canary.txt",
                files + ".%2e/.%2e/canary.txt",
                files + "..%2f..%2f..%2foutside%2fcanary.txt",
                files + "..%2F..%2F..%2Foutside%2Fcanary.txt",
                files + "..%2f..%2fcanary.txt",
                files + "%2e%2e%2f%2e%2e%2f%2e%2e%2foutside%2fcanary.txt",
                files + "samples%2f..%2f..%2f..%2f..%2foutside%2fcanary.txt",
                files + "%252e%252e%252f%252e%252e%252f%252e%252e%252foutside%252fcanary.txt",
                files + "..%252f..%252f..%252foutside%252fcanary.txt",
                files + "..%5c..%5c..%5coutside%5ccanary.txt",
                files + "..%5C..%5Ccanary.txt",
                files + "..\\..\\..\\outside\\canary.txt",
                files + "samples\\..\\..\\..\\..\\outside\\canary.txt",
                files + abs.substring(1),
                files + "/" + abs.substring(1),
                files + "/" + abs,
                files + absEncoded,
                files + "%2f" + absEncoded.substring(3),
                files + "file:" + abs,
                files + "C:%5cWindows%5cwin.ini",
                "/runs/vanilla-mnist@20261206-010000/files//etc/passwd",
                "//etc/passwd",
                "/..%2f..%2f..%2fetc%2fpasswd",
                files + "samples/;/../../../../outside/canary.txt",
                files + ";/../../../outside/canary.txt",
                files + "samples/..;/..;/..;/..;/outside/canary.txt",
                files + "metrics.csv%00.png",
                files + "..%00/..%00/canary.txt",
                files + "%c0%ae%c0%ae/%c0%ae%c0%ae/%c0%ae%c0%ae/outside/canary.txt",
                files + "..%c0%af..%c0%af..%c0%afoutside%c0%afcanary.txt",
                files + "%e0%80%ae%e0%80%ae/%e0%80%ae%e0%80%ae/canary.txt",
                files + "samples/escape.png",
                files + "samples/escape-relative.png",
                files + "samples/linked/canary.txt",
                files + "samples/to-root" + abs,
                "/runs/..%2f..%2foutside/files/canary.txt",
                "/runs/%2e%2e/files/outside/canary.txt",
                "/runs/../outside/files/canary.txt",
                "/api/runs/..%2f..%2foutside",
                "/assets/..%2f..%2f..%2foutside%2fcanary.txt",
                "/assets/%2e%2e%2fDashboardServer.class",
                "/assets/../DashboardServer.class"));
        return t;
    }

    @Test
    void everyEscapeIsRefusedAndTheCanaryNeverComesBack() throws IOException {
        List<String> failures = new ArrayList<>();
        for (String target : escapes()) {
            RawHttp.Response r = RawHttp.get(server.port(), target);
            if (r.status() != 400 && r.status() != 404) {
                failures.add(r.status() + " for " + target);
            }
            if (r.text().contains(CANARY) || r.text().contains("root:x:0:0")) {
                failures.add("outside content served for " + target);
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void theCheckIsOnRealPathsInsideTheRun() throws IOException {
        // The decoded forms the corpus reaches the route with: none resolves, and what does resolve is the real
        // path of a regular file inside the run's real directory.
        Path realRun = run.toRealPath();
        for (String decoded : List.of("../canary.txt", "../../outside/canary.txt", "samples/../../../canary.txt",
                "samples/escape.png", "samples/escape-relative.png", "samples/linked/canary.txt",
                "samples/to-root" + outside.resolve("canary.txt"), outside.resolve("canary.txt").toString(),
                "samples\\..\\..\\canary.txt", "metrics.csv\0.png", "samples", "samples/", "", ".", "./metrics.csv",
                "samples//step-00000100.png", "C:/x")) {
            assertEquals(Optional.empty(), RunFiles.resolve(run, decoded), decoded);
        }
        Path grid = RunFiles.resolve(run, "samples/step-00000100.png").orElseThrow();
        assertEquals(realRun.resolve("samples/step-00000100.png"), grid);
        assertTrue(grid.startsWith(realRun));
    }

    @Test
    void filesInsideAreServedWithTheirContentTypeAndNoDirectoryIsListed() throws IOException {
        RawHttp.Response png = RawHttp.get(server.port(), files + "samples/step-00000100.png");
        assertEquals(200, png.status());
        assertEquals("image/png", png.header("Content-Type"));
        assertEquals("nosniff", png.header("X-Content-Type-Options"));
        assertArrayEquals(Files.readAllBytes(run.resolve("samples/step-00000100.png")), png.body());
        RawHttp.Response csv = RawHttp.get(server.port(), files + "metrics.csv");
        assertEquals(200, csv.status());
        assertTrue(csv.header("Content-Type").startsWith("text/csv"), csv.header("Content-Type"));
        assertEquals(Files.readString(run.resolve("metrics.csv")), csv.text());
        RawHttp.Response json = RawHttp.get(server.port(), files + "config.json");
        assertTrue(json.header("Content-Type").startsWith("application/json"), json.header("Content-Type"));
        RawHttp.Response api = RawHttp.get(server.port(), "/api/runs");
        assertTrue(api.header("Content-Type").startsWith("application/json"), api.header("Content-Type"));
        for (String dir : List.of("samples", "samples/", "checkpoints", "checkpoints/step-00000300", "", ".")) {
            RawHttp.Response r = RawHttp.get(server.port(), files + dir);
            assertEquals(404, r.status(), dir);
            assertFalse(r.text().contains("step-00000100"), "a listing of " + dir);
        }
    }

    @Test
    void onlyReadingMethodsAreAnswered() throws IOException {
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "TRACE")) {
            RawHttp.Response r = RawHttp.send(server.port(), (method + " " + files + "metrics.csv HTTP/1.1\r\n"
                    + "Host: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            assertTrue(r.status() == 404 || r.status() == 405 || r.status() == 400, method + ": " + r.status());
            assertFalse(r.text().contains("d_loss"), method + " answered with the file");
        }
    }

    @Test
    void aHugeHeaderOrBodyAndSlowClientsDoNotStopOthersBeingServed() throws Exception {
        int port = server.port();
        List<Socket> slow = new ArrayList<>();
        try {
            // More slow clients than Jetty has threads (Javalin's pool: at most 250), each sending one byte a second.
            for (int i = 0; i < 300; i++) {
                Socket s = new Socket("127.0.0.1", port);
                slow.add(s);
            }
            byte[] line = "GET /api/runs HTTP/1.1\r\n".getBytes(StandardCharsets.ISO_8859_1);
            Thread dribble = new Thread(() -> {
                try {
                    for (int b = 0; b < 4; b++) {
                        for (Socket s : slow) {
                            s.getOutputStream().write(line[b]);
                            s.getOutputStream().flush();
                        }
                        Thread.sleep(1000);
                    }
                } catch (IOException | InterruptedException e) {
                    // a socket the server closed: fine
                }
            });
            dribble.start();
            Thread big = new Thread(PathEscapeTest::sendHugeHeaderAndBody);
            big.start();
            for (int i = 0; i < 10; i++) {
                long t0 = System.nanoTime();
                RawHttp.Response r = RawHttp.get(port, files + "metrics.csv");
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertEquals(200, r.status());
                assertTrue(ms < 2000, "a request took " + ms + " ms while slow clients and a 10 MB request were on");
                Thread.sleep(300);
            }
            assertTrue(dribble.isAlive(), "the slow clients were still sending while the others were served");
            big.join(30_000);
            dribble.join(10_000);
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    /** A 10 MB header, then a request with a 10 MB body: each refused or drained without holding the server. */
    private static void sendHugeHeaderAndBody() {
        byte[] chunk = new byte[1 << 20];
        java.util.Arrays.fill(chunk, (byte) 'a');
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            out.write("GET /api/runs HTTP/1.1\r\nHost: x\r\nX-Big: ".getBytes(StandardCharsets.ISO_8859_1));
            for (int i = 0; i < 10; i++) {
                out.write(chunk);
            }
        } catch (IOException e) {
            // the server refused and closed: what should happen
        }
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/runs HTTP/1.1\r\nHost: x\r\nContent-Length: " + (10 << 20) + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            for (int i = 0; i < 10; i++) {
                out.write(chunk);
            }
        } catch (IOException e) {
            // likewise
        }
    }
}
