package io.gan4j.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gan4j.core.data.IdxFile;
import io.gan4j.core.testing.BestCheckpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.gan4j.experiments.CliTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code evaluate} and {@code compare} end to end on tiny runs: what they print, write and refuse. */
class EvaluateCompareCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static String tinyConfig(String loss) {
        return """
                {
                  "name": "tiny",
                  "seed": 3,
                  "model": {"type": "vanilla", "latentDim": 8, "loss": "%s",
                            "generator": {"hidden": [32]}, "discriminator": {"hidden": [32]}},
                  "data": {"source": "mnist", "limit": 256},
                  "train": {"iterations": 8, "batchSize": 16, "logEvery": 1, "sampleEvery": 4,
                            "checkpointEvery": 4, "sampleGrid": 3},
                  "eval": {"every": 4, "samples": 100}
                }
                """.formatted(loss);
    }

    private Path train(String loss, int seed) throws IOException {
        Path cfg = tmp.resolve(loss + seed + ".json");
        Files.writeString(cfg, tinyConfig(loss));
        Path runs = tmp.resolve("runs");
        CliTest.Result r = cli("train", cfg.toString(), "--set", "train.outputDir=" + runs, "--set", "seed=" + seed,
                "--set", "name=\"tiny-" + loss + "-" + seed + "\"");
        assertEquals(0, r.code(), r.err());
        try (Stream<Path> s = Files.list(runs.resolve("tiny-" + loss + "-" + seed))) {
            return s.findFirst().orElseThrow();
        }
    }

    @Test
    void periodicEvaluationLogsEvalCsvAndMarksTheBestCheckpoint() throws IOException {
        Path run = train("non-saturating", 1);
        List<String> csv = Files.readAllLines(run.resolve("eval.csv"));
        assertTrue(csv.get(0).startsWith("step,eval_seconds,fid,kid,"), csv.get(0));
        assertEquals(3, csv.size(), "header and evaluations at steps 4 and 8: " + csv);
        // FID is the default selection metric, lower is better: best names the step with the lowest logged FID.
        BestCheckpoints.assertBestIsTheBestEvaluatedStep(run, "fid", false);
    }

    @Test
    void resumeKeepsTheBestValueAndAppendsToEvalCsv() throws IOException {
        Path run = train("non-saturating", 1);
        JsonNode at8 = JSON.readTree(run.resolve("checkpoints/step-00000008/checkpoint.json").toFile());
        assertTrue(at8.get("bestMetric").isNumber(), at8.toString());
        CliTest.Result r = cli("resume", run.toString(), "--set", "train.iterations=12");
        assertEquals(0, r.code(), r.err());
        List<String> csv = Files.readAllLines(run.resolve("eval.csv"));
        assertEquals(List.of("4", "8", "12"), csv.subList(1, csv.size()).stream().map(l -> l.split(",")[0]).toList());
        JsonNode at12 = JSON.readTree(run.resolve("checkpoints/step-00000012/checkpoint.json").toFile());
        double best = Math.min(at8.get("bestMetric").asDouble(), Double.parseDouble(csv.get(3).split(",")[2]));
        assertEquals(best, at12.get("bestMetric").asDouble(), 1e-4 * best, "the best FID over steps 4, 8 and 12");
    }

    /** {@code summary.key} is a finite number in [lo, hi]. */
    static void assertInRange(JsonNode summary, String key, double lo, double hi) {
        JsonNode v = summary.get(key);
        assertTrue(v != null && v.isNumber(), key + " is a number in " + summary);
        double d = v.asDouble();
        assertTrue(Double.isFinite(d) && d >= lo && d <= hi, key + " = " + d + " outside [" + lo + ", " + hi + "]");
    }

    @Test
    void evaluateWritesEvalJsonWithCountsAndIsRepeatable() throws IOException {
        Path run = train("non-saturating", 1);
        CliTest.Result r = cli("evaluate", run.toString(), "--n", "300");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("300 generated samples vs mnist/heldout (2000 examples)"), r.out());
        assertTrue(r.out().contains("FID (gan4j-mnist features)"), r.out());
        JsonNode first = JSON.readTree(run.resolve("eval.json").toFile());
        assertEquals(300, first.get("generatedCount").asInt());
        assertEquals(2000, first.get("referenceCount").asInt());
        assertEquals(8, first.get("source").get("step").asInt());
        // Every metric is a number within its mathematical range (an 8-step generator is bad, not undefined):
        // FID a squared distance, KID's spread non-negative, IS between 1 and the 10 classes, precision, recall
        // shares, and a count of covered classes.
        JsonNode summary = first.get("summary");
        assertInRange(summary, "fid", 1e-9, Double.MAX_VALUE);
        assertInRange(summary, "kid", -Double.MAX_VALUE, Double.MAX_VALUE);
        assertInRange(summary, "kid_std", 0, Double.MAX_VALUE);
        assertInRange(summary, "is", 1, 10);
        assertInRange(summary, "precision", 0, 1);
        assertInRange(summary, "recall", 0, 1);
        assertInRange(summary, "classes_covered", 0, 10);
        assertEquals(Math.rint(summary.get("classes_covered").asDouble()), summary.get("classes_covered").asDouble());
        assertEquals(0, cli("evaluate", run.toString(), "--n", "300").code());
        assertEquals(first.get("summary"), JSON.readTree(run.resolve("eval.json").toFile()).get("summary"));
    }

    @Test
    void evaluatingACheckpointLeavesItsDirectoryUntouched() throws IOException {
        Path checkpoint = train("non-saturating", 1).resolve("checkpoints/step-00000004");
        List<String> before;
        try (Stream<Path> s = Files.list(checkpoint)) {
            before = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        CliTest.Result r = cli("evaluate", checkpoint.toString(), "--n", "100");
        assertEquals(0, r.code(), r.err());
        try (Stream<Path> s = Files.list(checkpoint)) {
            assertEquals(before, s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        JsonNode report = JSON.readTree(checkpoint.resolveSibling("step-00000004.eval.json").toFile());
        assertEquals("checkpoint", report.get("source").get("kind").asText());
        assertEquals(4, report.get("source").get("step").asInt());
    }

    @Test
    void evaluateScoresAnIdxFileFromAnyTool() throws IOException {
        Path samples = tmp.resolve("other-tool.idx.gz");
        CliTest.Result s = cli("sample", train("least-squares", 1).toString(), "--n", "120", "--out", samples.toString());
        assertEquals(0, s.code(), s.err());
        assertEquals(120, IdxFile.readImages(samples).count());
        CliTest.Result r = cli("evaluate", samples.toString(), "--features", "mnist", "--against", "train");
        assertEquals(0, r.code(), r.err());
        JsonNode report = JSON.readTree(tmp.resolve("other-tool.eval.json").toFile());
        assertEquals("samples", report.get("source").get("kind").asText());
        assertEquals(120, report.get("generatedCount").asInt());
        assertEquals("mnist/train", report.get("reference").asText());
    }

    @Test
    void evaluateRefusesBadArgumentsWithOneLine() throws IOException {
        Path run = train("non-saturating", 1);
        CliTest.Result r = cli("evaluate", run.toString(), "--features", "cifar");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--features") && r.err().contains("cifar"), r.err());
        r = cli("evaluate", tmp.resolve("missing").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("missing"), r.err());
        Path samples = Files.writeString(tmp.resolve("s.idx"), "not idx");
        r = cli("evaluate", samples.toString(), "--features", "mnist");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("s.idx"), r.err());
        assertFalse(Files.exists(tmp.resolve("s.eval.json")));
    }

    @Test
    void compareWritesTableCsvPlotsAndHtml() throws IOException {
        train("non-saturating", 1);
        train("non-saturating", 2);
        train("least-squares", 1);
        train("least-squares", 2);
        Path out = tmp.resolve("cmp");
        CliTest.Result r = cli("compare", tmp.resolve("runs").toString(), "--out", out.toString(), "--n", "200");
        assertEquals(0, r.code(), r.err());
        String md = Files.readString(out.resolve("results.md"));
        assertTrue(md.contains("model.loss=non-saturating") && md.contains("model.loss=least-squares"), md);
        assertTrue(md.contains("±"), "mean ± std over the two seeds: " + md);
        assertEquals(5, Files.readAllLines(out.resolve("results.csv")).size());
        for (String png : List.of("loss-d.png", "loss-g.png", "eval-fid.png")) {
            byte[] b = Files.readAllBytes(out.resolve(png));
            assertTrue(b.length > 1000 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G', png);
        }
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("<img src=\"eval-fid.png\"") && html.contains("samples/"), html);
    }

    @Test
    void compareRefusesASingleRun() throws IOException {
        Path run = train("non-saturating", 1);
        CliTest.Result r = cli("compare", run.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("at least two runs"), r.err());
    }
}
