package io.gan4j.experiments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bench}: one config with its FLOP estimate and JSON result; {@code --all} over a folder, each config in its
 * own JVM, into a Markdown table with the reference batch sizes; {@code --memory-check} reporting its verdict. Only
 * the outputs' presence and consistency are checked: timings belong to the benchmark, not to tests.
 */
class BenchCommandTest {

    @Test
    void oneConfigReportsTimesFlopsAndWritesJson(@TempDir Path tmp) throws IOException {
        Path config = Files.writeString(tmp.resolve("tiny.json"), CliTest.tinyConfig(8));
        Path json = tmp.resolve("r.json");
        CliTest.Result r = CliTest.cli("bench", config.toString(), "--steps", "3", "--warmup", "1", "--json", json.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("ms/step") && r.out().contains("GFLOP/step"), r.out());
        String result = Files.readString(json);
        // D sees 16 real + 16 fake (784 -> 32 -> 1) and 16 fakes again for G's step; G (8 -> 32 -> 784) 16 per step:
        // 3 * (48 * 2 * (784*32 + 32) + 16 * 2 * (8*32 + 32*784)) FLOPs
        double expected = 3.0 * (48 * 2 * (784 * 32 + 32) + 16 * 2 * (8 * 32 + 32 * 784));
        assertTrue(result.contains("\"flopsPerStep\" : " + expected), expected + " in " + result);
    }

    @Test
    void allBenchmarksEveryConfigInItsOwnJvmIntoATable(@TempDir Path tmp) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("configs"));
        Files.writeString(dir.resolve("tiny.json"), CliTest.tinyConfig(8));
        Files.writeString(dir.resolve("other.json"), CliTest.tinyConfig(8).replace("\"tiny\"", "\"other\""));
        Path out = tmp.resolve("bench/RESULTS.md");
        CliTest.Result r = CliTest.cli("bench", "--all", "--configs", dir.toString(), "--out", out.toString(),
                "--steps", "2", "--warmup", "1", "--reference", "tiny", "--reference-batches", "8,16",
                "--reference-steps", "3");
        assertEquals(0, r.code(), r.out() + r.err());
        List<String> rows = Files.readAllLines(out).stream().filter(l -> l.startsWith("| other") || l.startsWith("| tiny")).toList();
        assertEquals(3, rows.size(), String.join("\n", rows));
        assertTrue(rows.get(1).startsWith("| tiny | vanilla | 8 |") && rows.get(2).startsWith("| tiny | vanilla | 16 |"), rows.toString());
        String md = Files.readString(out);
        assertTrue(md.contains("## Machine") && md.contains("GEMM"), md);
        assertTrue(md.contains("2 timed training steps (3 for the reference rows"), md);
    }

    @Test
    void memoryCheckSamplesResidentMemoryAndGivesAVerdict(@TempDir Path tmp) throws IOException {
        Path config = Files.writeString(tmp.resolve("tiny.json"), CliTest.tinyConfig(8));
        CliTest.Result r = CliTest.cli("bench", config.toString(), "--memory-check", "--steps", "4", "--rss-every", "2",
                "--warmup", "1");
        assertTrue(r.out().contains("step 2: RSS") && r.out().contains("step 4: RSS"), r.out());
        boolean passed = r.out().contains("memory check passed");
        assertTrue(passed || r.out().contains("memory check FAILED"), r.out());
        assertEquals(passed ? 0 : 1, r.code(), "the exit code follows the verdict");

        CliTest.Result few = CliTest.cli("bench", config.toString(), "--memory-check", "--steps", "3", "--rss-every", "2");
        assertEquals(2, few.code());
        assertTrue(few.err().contains("at least two samples"), few.err());
    }
}
