package io.gan4j.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import io.gan4j.core.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code gan4j train --serve}: the dashboard inside the training process, up while it trains and gone after. */
class TrainServeTest {
    @TempDir
    Path tmp;

    @Test
    void showsTheRunRunningWhileItTrainsOrResumesAndStopsWithTraining() throws Exception {
        Path config = tmp.resolve("tiny.json");
        Files.writeString(config, CliTest.mnistConfig("tiny", "vanilla", 3, 1000, 500, 1000, ""));
        Path runs = tmp.resolve("runs");
        Watched trained = Watched.run("train", config.toString(), "--serve", "--port", "0", "--set",
                "train.outputDir=" + runs);
        Path run = CliTest.onlyRun(runs);
        assertEquals("tiny@" + run.getFileName(), trained.seen.get("id").asText());
        assertEquals(1000, trained.seen.get("iterations").asLong());
        assertTrue(trained.seen.get("step").asLong() < 1000, trained.seen.toString());

        Watched resumed = Watched.run("resume", run.toString(), "--serve", "--port", "0", "--set",
                "train.iterations=2000");
        assertEquals("tiny@" + run.getFileName(), resumed.seen.get("id").asText(), "the output directory is served");
        assertEquals(2000, resumed.seen.get("iterations").asLong());
        long step = resumed.seen.get("step").asLong();
        assertTrue(step >= 1000 && step < 2000, resumed.seen.toString());
    }

    /** A command run in a thread while {@code /api/runs} is polled, until its only run shows as running. */
    private record Watched(int port, JsonNode seen) {
        static Watched run(String... args) throws Exception {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            AtomicInteger code = new AtomicInteger(-1);
            Thread training = new Thread(() -> code.set(Gan4jCli.run(new PrintStream(out, true,
                    StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args)));
            training.start();
            Pattern url = Pattern.compile("gan4j " + args[0] + ": http://127\\.0\\.0\\.1:(\\d+)/  \\(");
            HttpClient http = HttpClient.newHttpClient();
            int port = -1;
            JsonNode seen = null;
            while (training.isAlive() && seen == null) {
                Matcher m = url.matcher(out.toString(StandardCharsets.UTF_8));
                if (port < 0 && m.lookingAt()) {
                    port = Integer.parseInt(m.group(1)); // the first line: up before training starts
                }
                if (port >= 0) {
                    JsonNode list = Json.MAPPER.readTree(get(http, port, "/api/runs"));
                    if (list.size() == 1 && list.get(0).get("state").asText().equals("running")) {
                        seen = list.get(0);
                    }
                }
                Thread.sleep(10);
            }
            training.join(120_000);
            assertEquals(0, code.get(), err.toString(StandardCharsets.UTF_8));
            assertTrue(port > 0, "no URL line first: " + out);
            assertTrue(seen != null, "the run never showed as running while it trained");
            int servedPort = port;
            assertThrows(ConnectException.class, () -> get(http, servedPort, "/api/runs"), "stopped with training");
            return new Watched(port, seen);
        }
    }

    @Test
    void aTakenPortStopsTrainingBeforeAnythingIsWritten() throws Exception {
        Path config = tmp.resolve("tiny.json");
        Files.writeString(config, CliTest.tinyConfig(4));
        Path runs = tmp.resolve("runs");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliTest.Result r = CliTest.cli("train", config.toString(), "--serve", "--port",
                    String.valueOf(taken.getLocalPort()), "--set", "train.outputDir=" + runs);
            assertEquals(2, r.code(), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains("127.0.0.1:" + taken.getLocalPort() + ": cannot listen there"), r.err());
            assertEquals("", r.out());
        }
        assertFalse(Files.exists(runs), "nothing written");
        CliTest.Result noServe = CliTest.cli("train", config.toString(), "--port", "7071", "--set",
                "train.outputDir=" + runs);
        assertEquals(2, noServe.code());
        assertTrue(noServe.err().contains("--port is for the dashboard: add --serve"), noServe.err());
        assertFalse(Files.exists(runs), "nothing written");
    }

    private static String get(HttpClient http, int port, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path);
        return r.body();
    }
}
