package io.gan4j.serve;

import com.fasterxml.jackson.databind.JsonNode;
import io.gan4j.core.io.Json;
import io.gan4j.core.run.RunLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DashboardApiTest {
    private static JsonNode json(int port, String target) throws IOException {
        RawHttp.Response r = RawHttp.get(port, target);
        assertEquals(200, r.status(), target + ": " + r.text());
        assertTrue(r.header("Content-Type").startsWith("application/json"), r.header("Content-Type"));
        return Json.MAPPER.readTree(r.body());
    }

    private static List<Double> numbers(JsonNode array) {
        List<Double> out = new ArrayList<>();
        array.forEach(n -> out.add(n.isNull() ? null : n.asDouble()));
        return out;
    }

    @Test
    void onlyLoopbackAddressesCountAsThisMachineOnly() {
        assertTrue(DashboardServer.isLoopback("127.0.0.1"));
        assertTrue(DashboardServer.isLoopback("localhost"));
        assertTrue(DashboardServer.isLoopback("::1"));
        assertFalse(DashboardServer.isLoopback("0.0.0.0"));
        assertFalse(DashboardServer.isLoopback("::"));
        assertFalse(DashboardServer.isLoopback("192.0.2.7"));
        assertFalse(DashboardServer.isLoopback("no-such-host.invalid"));
    }

    @Test
    void listsRunsWithTheirStateProgressSpeedAndFid(@TempDir Path root) throws IOException {
        Path done = RunFixture.run(root, "vanilla-mnist", "20261206-010000", 30, 10);
        Path killed = RunFixture.run(root, "dcgan-mnist", "20261206-020000", 5, 10);
        RunFixture.manifest(killed, "dcgan-mnist", "running", null, 1000);
        Path live = RunFixture.run(root, "wgan-ring8", "20261206-030000", 12, 10);
        RunFixture.manifest(live, "wgan-ring8", "running", null, 5000);
        try (RunLock lock = RunLock.acquire(live); DashboardServer server = DashboardServer.start(List.of(root),
                "127.0.0.1", 0)) {
            JsonNode runs = json(server.port(), "/api/runs");
            assertEquals(3, runs.size());
            JsonNode k = runs.get(0);
            assertEquals("dcgan-mnist@20261206-020000", k.get("id").asText());
            assertEquals("killed", k.get("state").asText(), "recorded running, but nobody holds its lock");
            assertEquals(50, k.get("step").asLong(), "the last logged step");
            assertEquals(1000, k.get("iterations").asLong());
            JsonNode v = runs.get(1);
            assertEquals("completed", v.get("state").asText());
            assertEquals("vanilla", v.get("variant").asText());
            assertEquals(300, v.get("step").asLong());
            assertEquals(12.5, v.get("msPerStep").asDouble());
            assertEquals(100000.0 / 300, v.get("latestFid").asDouble(), 1e-9);
            assertEquals(100000.0 / 300, v.get("bestFid").asDouble(), 1e-9);
            assertEquals(300, v.get("bestFidStep").asLong());
            JsonNode w = runs.get(2);
            assertEquals("running", w.get("state").asText());
            assertEquals("process " + ProcessHandle.current().pid() + " on " + lock.holder().host(),
                    w.get("writer").asText());
        }
    }

    @Test
    void oneRunsConfigSessionsCheckpointsAndGrids(@TempDir Path root) throws IOException {
        RunFixture.run(root, "vanilla-mnist", "20261206-010000", 30, 10);
        try (DashboardServer server = DashboardServer.start(List.of(root), "127.0.0.1", 0)) {
            JsonNode run = json(server.port(), "/api/runs/vanilla-mnist@20261206-010000");
            assertEquals(300, run.get("config").get("train").get("iterations").asLong());
            assertEquals(1, run.get("manifest").get("sessions").size());
            assertEquals("completed", run.get("manifest").get("sessions").get(0).get("status").asText());
            assertEquals("step-00000300", run.get("checkpoints").get(0).get("name").asText());
            assertTrue(run.get("checkpoints").get(0).get("latest").asBoolean());
            JsonNode grids = json(server.port(), "/api/runs/vanilla-mnist@20261206-010000/grids");
            assertEquals(List.of(100.0, 200.0, 300.0), numbers(Json.MAPPER.valueToTree(grids.findValues("step"))));
            assertEquals("samples/step-00000200.png", grids.get(1).get("path").asText());
            assertEquals(404, RawHttp.get(server.port(), "/api/runs/nope@1").status());
            assertEquals(400, RawHttp.get(server.port(),
                    "/api/runs/vanilla-mnist@20261206-010000/scalars?since=abc").status());
        }
    }

    @Test
    void scalarsAreDownsampledForBigRunsAndOnlyNewRowsComeWithSince(@TempDir Path root) throws IOException {
        Path run = RunFixture.run(root, "vanilla-mnist", "20261206-010000", 5000, 1);
        String api = "/api/runs/vanilla-mnist@20261206-010000/scalars";
        try (DashboardServer server = DashboardServer.start(List.of(root), "127.0.0.1", 0)) {
            JsonNode all = json(server.port(), api + "?maxPoints=100000");
            assertEquals(5000, all.get("metrics").get("step").size());
            assertEquals(0.001, all.get("metrics").get("columns").get("d_loss").get(0).asDouble(), 1e-12);
            assertEquals(500, all.get("eval").get("step").size());
            assertEquals(5000, all.get("lastStep").asLong());

            JsonNode small = json(server.port(), api + "?maxPoints=200");
            JsonNode steps = small.get("metrics").get("step");
            assertEquals(200, steps.size());
            assertEquals(5000, small.get("metrics").get("rows").asLong(), "rows before shrinking");
            assertEquals(1, steps.get(0).asLong());
            assertEquals(5000, steps.get(199).asLong());
            List<Double> d = numbers(small.get("metrics").get("columns").get("d_loss"));
            assertEquals(0.001, d.get(0), 1e-12);
            assertEquals(5.0, d.get(199), 1e-12, "d_loss = step / 1000 rises, so each bucket ends at its max");

            Files.writeString(run.resolve("metrics.csv"), "5001,1,12.5,-7,0.5\n5002,1,12.5,-8,0.25\n",
                    StandardOpenOption.APPEND);
            JsonNode fresh = json(server.port(), api + "?since=5000");
            assertEquals(List.of(5001.0, 5002.0), numbers(fresh.get("metrics").get("step")));
            assertEquals(List.of(-7.0, -8.0), numbers(fresh.get("metrics").get("columns").get("d_loss")));
            assertEquals(0, fresh.get("eval").get("step").size());
            assertEquals(5002, fresh.get("lastStep").asLong());
            JsonNode none = json(server.port(), api + "?since=5002");
            assertEquals(0, none.get("metrics").get("step").size());
            assertEquals(5002, none.get("lastStep").asLong());
        }
    }
}
