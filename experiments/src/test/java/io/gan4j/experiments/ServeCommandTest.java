package io.gan4j.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import io.gan4j.core.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code gan4j serve} over a run that {@code gan4j train} wrote, and its refusals of wrong arguments. */
class ServeCommandTest {
    @TempDir
    Path tmp;

    @Test
    void aMissingDirectoryOrBadPortIsOneLineAndExitTwo() {
        CliTest.Result r = CliTest.cli("serve", tmp.resolve("nope").toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(tmp.resolve("nope") + ": no such directory"), r.err());
        CliTest.Result port = CliTest.cli("serve", "--port", "70000", tmp.toString());
        assertEquals(2, port.code());
        assertTrue(port.err().contains("--port 70000: not a port"), port.err());
    }

    @Test
    void servesATrainedRunsStateCurvesAndGridsUntilInterrupted() throws Exception {
        Path config = tmp.resolve("tiny.json");
        Files.writeString(config, CliTest.tinyConfig(4));
        Path runs = tmp.resolve("runs");
        assertEquals(0, CliTest.cli("train", config.toString(), "--set", "train.outputDir=" + runs).code());
        Path run = CliTest.onlyRun(runs);
        String id = "tiny@" + run.getFileName();

        Serving serving = Serving.start("serve", "--port", "0", runs.toString());
        int port = serving.port;
        try {
            HttpClient http = HttpClient.newHttpClient();
            JsonNode list = Json.MAPPER.readTree(get(http, port, "/api/runs").body());
            assertEquals(1, list.size());
            assertEquals(id, list.get(0).get("id").asText());
            assertEquals("completed", list.get(0).get("state").asText());
            assertEquals(4, list.get(0).get("step").asLong());
            JsonNode scalars = Json.MAPPER.readTree(get(http, port, "/api/runs/" + id + "/scalars").body());
            assertEquals(4, scalars.get("metrics").get("step").size(), "logEvery 1: a row a step");
            assertTrue(scalars.get("metrics").get("columns").has("d_loss"));
            JsonNode grids = Json.MAPPER.readTree(get(http, port, "/api/runs/" + id + "/grids").body());
            String grid = grids.get(grids.size() - 1).get("path").asText();
            HttpResponse<byte[]> png = get(http, port, "/runs/" + id + "/files/" + grid);
            assertEquals("image/png", png.headers().firstValue("Content-Type").orElse(""));
            assertArrayEquals(Files.readAllBytes(run.resolve(grid)), png.body());
            assertEquals("", serving.err(), "nothing on stderr when serving loopback");
        } finally {
            assertEquals(0, serving.stop());
        }
    }

    @Test
    void listeningBeyondThisMachineWarnsOnStderr() throws Exception {
        Serving serving = Serving.start("serve", "--port", "0", "--host", "0.0.0.0", tmp.toString());
        try {
            assertTrue(serving.err().startsWith("gan4j serve: warning: listening on 0.0.0.0, not only this machine"),
                    serving.err());
            assertEquals(1, serving.err().strip().lines().count(), serving.err());
        } finally {
            assertEquals(0, serving.stop());
        }
    }

    /** {@code gan4j serve} running in a thread of this JVM, stopped by interrupting it. */
    private static final class Serving {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final AtomicInteger code = new AtomicInteger(-1);
        Thread thread;
        int port;

        static Serving start(String... args) throws InterruptedException {
            Serving s = new Serving();
            s.thread = new Thread(() -> s.code.set(Gan4jCli.run(new PrintStream(s.out, true, StandardCharsets.UTF_8),
                    new PrintStream(s.err, true, StandardCharsets.UTF_8), args)));
            s.thread.start();
            Pattern url = Pattern.compile("http://[^:]+:(\\d+)/");
            for (int i = 0; i < 200; i++) {
                Matcher m = url.matcher(s.out.toString(StandardCharsets.UTF_8));
                if (m.find()) {
                    s.port = Integer.parseInt(m.group(1));
                    return s;
                }
                Thread.sleep(50);
            }
            throw new AssertionError("serve did not start: " + s.out + s.err);
        }

        String err() {
            return err.toString(StandardCharsets.UTF_8);
        }

        int stop() throws InterruptedException {
            thread.interrupt();
            thread.join(10_000);
            return code.get();
        }
    }

    private static HttpResponse<byte[]> get(HttpClient http, int port, String path) throws IOException,
            InterruptedException {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), path);
        return r;
    }
}
