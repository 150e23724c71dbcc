package io.gan4j.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import io.gan4j.core.io.Json;
import io.gan4j.serve.DashboardServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard's results table against the results.md that {@code gan4j compare} wrote for a real sweep: every
 * cell, parsed back from the Markdown file, equals the one {@code /api/compare} answers; the sweep is listed and
 * opens with exactly its runs.
 */
class ServeCompareTableTest {
    @TempDir
    Path tmp;

    /** A Markdown table's rows, header first (separator row left out), each cell without its padding spaces. */
    private static List<List<String>> table(List<String> lines, int from) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = from; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            if (lines.get(i).startsWith("|---")) {
                continue;
            }
            String[] parts = lines.get(i).split("\\|", -1);
            List<String> cells = new ArrayList<>();
            for (int c = 1; c < parts.length - 1; c++) {
                assertTrue(parts[c].startsWith(" ") && parts[c].endsWith(" "), lines.get(i));
                cells.add(parts[c].substring(1, parts[c].length() - 1));
            }
            rows.add(cells);
        }
        return rows;
    }

    /** The header and then each row of the API's table, as strings. */
    private static List<List<String>> rows(JsonNode header, JsonNode body) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(cells(header));
        body.forEach(row -> rows.add(cells(row)));
        return rows;
    }

    private static List<String> cells(JsonNode row) {
        List<String> cells = new ArrayList<>();
        row.forEach(c -> cells.add(c.asText()));
        return cells;
    }

    private static JsonNode get(int port, String target) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + target)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), target + ": " + r.body());
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void theDashboardPrintsEveryCellOfCompareResultsMdAndOpensTheSweep() throws Exception {
        Files.writeString(tmp.resolve("base.json"), """
                {"model": {"type": "vanilla", "latentDim": 4,
                           "generator": {"hidden": [16], "outputActivation": "identity"},
                           "discriminator": {"hidden": [16]}},
                 "data": {"source": "ring8"},
                 "train": {"batchSize": 32, "logEvery": 1, "sampleEvery": 100000, "checkpointEvery": 20}}
                """);
        Path runs = tmp.resolve("runs");
        Path sweep = tmp.resolve("sweep.json");
        Files.writeString(sweep, """
                {"name": "losses", "base": "base.json",
                 "set": {"train.iterations": 40, "train.outputDir": "%s"},
                 "grid": {"model.loss": ["non-saturating", "least-squares"], "seed": [1, 2]}}
                """.formatted(runs.toString().replace("\\", "/")));
        CliTest.Result r = CliTest.cli("compare", sweep.toString(), "--n", "100");
        assertEquals(0, r.code(), r.out() + r.err());
        List<String> md = Files.readAllLines(runs.resolve("losses/compare/results.md"), StandardCharsets.UTF_8);
        assertEquals("# Sweep losses", md.get(0));
        int groupsAt = 4; // "# Sweep losses", "", the caption, ""
        assertTrue(md.get(groupsAt).startsWith("| setting | runs | seeds | step |"), md.toString());
        List<List<String>> groups = table(md, groupsAt);
        List<List<String>> runRows = table(md, groupsAt + groups.size() + 2);
        assertEquals(3, groups.size(), "header and two settings: " + md);
        assertEquals(5, runRows.size(), "header and four runs: " + md);

        try (DashboardServer server = DashboardServer.start(List.of(runs), "127.0.0.1", 0)) {
            JsonNode sweeps = get(server.port(), "/api/sweeps");
            assertEquals(1, sweeps.size(), sweeps.toString());
            assertEquals("losses", sweeps.get(0).get("name").asText());
            List<String> ids = new ArrayList<>();
            sweeps.get(0).get("runs").forEach(id -> ids.add(id.asText()));
            List<String> expected = runRows.subList(1, runRows.size()).stream()
                    .map(row -> row.get(0).replace('/', '@')).toList();
            assertEquals(expected, ids, "the sweep opens with exactly its runs, in the report's order");

            for (String query : List.of("/api/compare?sweep=losses", "/api/compare?ids=" + String.join(",", ids))) {
                JsonNode t = get(server.port(), query);
                assertTrue(t.get("refused").isNull(), t.toString());
                assertEquals(0, t.get("notEvaluated").size(), t.toString());
                assertEquals(md.get(2), t.get("caption").asText());
                assertEquals(groups, rows(t.get("groupHeader"), t.get("groups")), query);
                assertEquals(runRows, rows(t.get("runHeader"), t.get("runs")), query);
            }
        }
    }
}
