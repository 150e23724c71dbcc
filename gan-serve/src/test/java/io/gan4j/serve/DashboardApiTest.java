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

    /** The logs are parsed in the background right after start, before any page asks for them. */
    @Test
    void parsesEveryRunsLogsInTheBackgroundAfterStart(@TempDir Path root) throws Exception {
        Path a = RunFixture.run(root, "vanilla-mnist", "20261206-010000", 30, 10);
        Path b = RunFixture.run(root, "dcgan-mnist", "20261206-020000", 7, 10);
        try (DashboardServer server = DashboardServer.start(List.of(root), "127.0.0.1", 0)) {
            server.preloaded().get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(30, server.catalog().table(a.resolve("metrics.csv")).rowsRead(), "no request made");
            assertEquals(7, server.catalog().table(b.resolve("metrics.csv")).rowsRead());
        }
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

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Two hinge runs (seeds 1, 2), one least-squares run, one never evaluated, one evaluated before its last step. */
    static void evaluatedRuns(Path root) throws IOException {
        RunFixture.evaluated(RunFixture.run(root, "hinge", "20261206-010000", 30, 10), "hinge", "hinge", 1, 300,
                10.0, 0.5, 1);
        RunFixture.evaluated(RunFixture.run(root, "hinge", "20261206-020000", 30, 10), "hinge", "hinge", 2, 300,
                12.0, 0.7, 1);
        RunFixture.evaluated(RunFixture.run(root, "lsgan", "20261206-030000", 30, 10), "lsgan", "least-squares", 1,
                300, 20.0, Double.NaN, 1);
        RunFixture.run(root, "fresh", "20261206-040000", 30, 10);
        RunFixture.evaluated(RunFixture.run(root, "stale", "20261206-050000", 30, 10), "stale", "hinge", 3, 100,
                30.0, 0.5, 1);
    }

    @Test
    void compareTableGroupsBySettingWithMeanAndStdAsResultsMdPrintsThem(@TempDir Path root) throws IOException {
        evaluatedRuns(root);
        try (DashboardServer server = DashboardServer.start(List.of(root), "127.0.0.1", 0)) {
            // Each id URL-encoded, as the page sends them.
            JsonNode t = json(server.port(), "/api/compare?ids=hinge%4020261206-010000,hinge%4020261206-020000,"
                    + "lsgan%4020261206-030000,fresh%4020261206-040000,stale%4020261206-050000");
            assertTrue(t.get("refused").isNull(), t.toString());
            assertEquals("Reference: mnist/heldout (2000 examples); features: f features; 10000 generated samples"
                    + " per run.", t.get("caption").asText());
            assertEquals(List.of("setting", "runs", "seeds", "step", "FID", "precision"),
                    strings(t.get("groupHeader")));
            assertEquals(2, t.get("groups").size());
            // fid 10, 12: mean 11, sample std sqrt(2) = 1.41421; precision 0.5, 0.7: mean 0.6, std 0.141421
            assertEquals(List.of("model.loss=hinge", "2", "1, 2", "300", "11.000 ± 1.414", "0.600 ± 0.141"),
                    strings(t.get("groups").get(0)));
            // one run: no spread; no precision at all: an empty cell
            assertEquals(List.of("model.loss=least-squares", "1", "1", "300", "20.000", ""),
                    strings(t.get("groups").get(1)));
            assertEquals(List.of("run", "setting", "seed", "step", "train time", "FID", "precision"),
                    strings(t.get("runHeader")));
            assertEquals(List.of("hinge/20261206-020000", "model.loss=hinge", "2", "300", "3s", "12.000", "0.700"),
                    strings(t.get("runs").get(1)));
            assertEquals(List.of("lsgan/20261206-030000", "model.loss=least-squares", "1", "300", "3s", "20.000",
                    ""), strings(t.get("runs").get(2)));
            JsonNode missing = t.get("notEvaluated");
            assertEquals(2, missing.size());
            assertEquals("fresh@20261206-040000", missing.get(0).get("id").asText());
            assertEquals("no eval.json", missing.get(0).get("reason").asText());
            assertEquals("eval.json is of step 100, the latest checkpoint of step 300",
                    missing.get(1).get("reason").asText());
            assertEquals("not evaluated: run `./gan4j compare …` or `./gan4j evaluate`",
                    missing.get(1).get("hint").asText());
        }
    }

    @Test
    void runsEvaluatedOnDifferentTermsAreRefusedWithCompareReason(@TempDir Path root) throws IOException {
        evaluatedRuns(root);
        RunFixture.evaluated(RunFixture.run(root, "newer", "20261206-060000", 30, 10), "newer", "hinge", 4, 300,
                9.0, 0.5, 2);
        try (DashboardServer server = DashboardServer.start(List.of(root), "127.0.0.1", 0)) {
            JsonNode t = json(server.port(), "/api/compare?ids=hinge@20261206-010000,newer@20261206-060000");
            assertEquals("cannot compare hinge@20261206-010000 with newer@20261206-060000: metrics version 1 vs 2",
                    t.get("refused").asText());
            assertFalse(t.has("groups"), "no table when refused");
        }
    }

    @Test
    void badCompareQueriesAre400WithOneLine(@TempDir Path root) throws IOException {
        evaluatedRuns(root);
        try (DashboardServer server = DashboardServer.start(List.of(root), "127.0.0.1", 0)) {
            for (String[] c : new String[][] {
                    {"/api/compare?ids=hinge@20261206-010000,nope", "ids: no such run: nope"},
                    {"/api/compare?ids=..%2F..%2Fetc", "ids: no such run: ../../etc"},
                    {"/api/compare?ids=%zz", "ids: not URL-encoded: %zz"},
                    {"/api/compare", "ids: give the runs to compare, ids=ID,ID,... (or sweep=NAME)"},
                    {"/api/compare?sweep=nope", "sweep=nope: no such sweep report"}}) {
                RawHttp.Response r = RawHttp.get(server.port(), c[0]);
                assertEquals(400, r.status(), c[0]);
                assertEquals(c[1], r.text(), c[0]);
            }
        }
    }

    @Test
    void sweepReportsAreListedWithTheirServedRunsAndOpenAsACompare(@TempDir Path root) throws IOException {
        evaluatedRuns(root);
        Files.createDirectories(root.resolve("losses").resolve("compare"));
        Files.writeString(root.resolve("losses").resolve("compare").resolve("results.csv"),
                "run,setting,seed,step,train_seconds,fid\n"
                        + "hinge/20261206-010000,model.loss=hinge,1,300,3.0,10.0000\n"
                        + "\"hinge/20261206-020000\",\"a, b\",2,300,3.0,12.0000\n"
                        + "gone/20200101-000000,x,3,300,3.0,1.00000\n");
        Files.createDirectories(root.resolve("other").resolve("compare"));
        Files.writeString(root.resolve("other").resolve("compare").resolve("results.csv"),
                "run,setting,seed,step,train_seconds,fid\ngone/20200101-000000,x,3,300,3.0,1.00000\n");
        try (DashboardServer server = DashboardServer.start(List.of(root), "127.0.0.1", 0)) {
            JsonNode sweeps = json(server.port(), "/api/sweeps");
            assertEquals(1, sweeps.size(), "a report none of whose runs is served is not listed: " + sweeps);
            assertEquals("losses", sweeps.get(0).get("name").asText());
            assertEquals(3, sweeps.get(0).get("listed").asInt());
            assertEquals(List.of("hinge@20261206-010000", "hinge@20261206-020000"),
                    strings(sweeps.get(0).get("runs")));
            JsonNode t = json(server.port(), "/api/compare?sweep=losses");
            assertEquals(1, t.get("groups").size());
            assertEquals("11.000 ± 1.414", t.get("groups").get(0).get(4).asText());
        }
    }
}
