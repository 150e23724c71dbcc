package io.gan4j.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code bench}: one config with its FLOP estimate and JSON result; {@code --all} over a folder, each config in its
 * own JVM, into a Markdown table with the reference batch sizes; {@code --memory-check} reporting its verdict. How
 * fast a step is belongs to the benchmark, not to a test, but every figure must be there and be a measurement: a
 * positive, finite number where one is printed (not a blank, "NaN", "n/a" or 0), the FLOP estimate equal to the
 * count derived by hand from the layer shapes, and the derived columns (images/s, GFLOP/s, ratios) consistent with
 * the measured times they come from.
 */
class BenchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A number as {@code bench} prints it (%.1f, %.0f, %.3f...); also matches NaN and Infinity so they are caught. */
    private static final String NUMBER = "(-?[0-9]+(?:\\.[0-9]+)?|NaN|-?Infinity)";

    /**
     * FLOPs of one training step of {@link CliTest#tinyConfig} at batch {@code b}, by hand: D (784 → 32 → 1) sees b
     * real and b fake images in its step and b fakes again in G's step; G (8 → 32 → 784) makes b images. A dense
     * layer costs 2 · (in · out + out) per example forward, and a training pass 3 times its forward
     * ({@code NetFlops.TRAINING_FACTOR}).
     */
    static double tinyFlops(int b) {
        return 3.0 * (3 * b * 2 * (784 * 32 + 32) + b * 2 * (8 * 32 + 32 * 784));
    }

    /** The first match of {@code regex} in {@code text} (group 1.. as numbers), failing when there is none. */
    private static double[] numbers(String text, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
        if (!m.find()) {
            fail("no line matching " + regex + " in:\n" + text);
        }
        double[] v = new double[m.groupCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = Double.parseDouble(m.group(i + 1));
        }
        return v;
    }

    /** A measured quantity: finite and above zero. */
    static void assertMeasured(double v, String what) {
        assertTrue(Double.isFinite(v) && v > 0, what + " must be a positive finite number, found " + v);
    }

    /**
     * The figures {@code bench CONFIG} prints, as a measurement: ms/step median, mean, min and max all positive
     * and ordered, images/s at the median, a time for every phase, the FLOP estimate (when {@code flopsPerStep} is
     * given, equal to it), GFLOP/s, peak RSS. Returns the median.
     */
    static double assertBenchFigures(String out, int batch, Double flopsPerStep) {
        double[] ms = numbers(out, "^ms/step +median " + NUMBER + " +mean " + NUMBER + " +min " + NUMBER + " +max "
                + NUMBER + "$");
        for (int i = 0; i < 4; i++) {
            assertMeasured(ms[i], "ms/step " + List.of("median", "mean", "min", "max").get(i));
        }
        assertTrue(ms[2] <= ms[0] && ms[0] <= ms[3] && ms[2] <= ms[1] && ms[1] <= ms[3],
                "min <= median, mean <= max: " + out);
        double imagesPerSecond = numbers(out, "^images/s +" + NUMBER + " \\(at the median\\)$")[0];
        // The median is printed to 0.1 ms: the images/s printed must agree with it to that precision.
        assertEquals(batch * 1000.0 / ms[0], imagesPerSecond, batch * 1000.0 / ms[0] * 0.05 / ms[0] + 0.5,
                "images/s = batch / median step: " + out);

        Matcher phases = Pattern.compile(" ([a-z_]+) " + NUMBER + " ms \\(" + NUMBER + "%\\)")
                .matcher(out.lines().filter(l -> l.startsWith("phases")).findFirst().orElse(""));
        List<String> names = new ArrayList<>();
        while (phases.find()) {
            names.add(phases.group(1));
            assertTrue(Double.parseDouble(phases.group(2)) >= 0, "phase " + phases.group(1) + ": " + out);
        }
        assertTrue(names.contains("d_step") && names.contains("data"), "the step's phases are timed: " + names);

        double[] compute = numbers(out, "^compute +" + NUMBER + " GFLOP/step .*, " + NUMBER + " GFLOP/s at the median$");
        assertMeasured(compute[0], "GFLOP/step");
        assertMeasured(compute[1], "GFLOP/s");
        if (flopsPerStep != null) {
            assertEquals(String.format(Locale.ROOT, "%.3f", flopsPerStep / 1e9),
                    String.format(Locale.ROOT, "%.3f", compute[0]), "GFLOP/step: " + out);
        }
        assertMeasured(numbers(out, "^memory +peak RSS " + NUMBER + " MiB")[0], "peak RSS");
        return ms[0];
    }

    @Test
    void oneConfigReportsTimesFlopsAndWritesJson(@TempDir Path tmp) throws IOException {
        Path config = Files.writeString(tmp.resolve("tiny.json"), CliTest.tinyConfig(8));
        Path json = tmp.resolve("r.json");
        CliTest.Result r = CliTest.cli("bench", config.toString(), "--steps", "3", "--warmup", "1", "--json", json.toString());
        assertEquals(0, r.code(), r.err());
        double median = assertBenchFigures(r.out(), 16, tinyFlops(16));

        JsonNode result = JSON.readTree(json.toFile());
        assertEquals(tinyFlops(16), result.get("flopsPerStep").asDouble(), "FLOPs, exactly: " + result);
        assertEquals(3, result.get("steps").asInt());
        assertEquals(1, result.get("warmup").asInt());
        assertEquals(16, result.get("batch").asInt());
        for (String key : List.of("medianMs", "meanMs", "minMs", "maxMs", "peakRssKb")) {
            assertTrue(result.get(key).isNumber(), key + " is a number: " + result);
            assertMeasured(result.get(key).asDouble(), key);
        }
        assertEquals(String.format(Locale.ROOT, "%.1f", median),
                String.format(Locale.ROOT, "%.1f", result.get("medianMs").asDouble()), "the JSON holds what was printed");
        assertTrue(result.get("phaseMs").size() >= 2, "phase times: " + result);
        result.get("phaseMs").fields().forEachRemaining(e -> assertTrue(e.getValue().isNumber()
                && e.getValue().asDouble() >= 0, e.getKey() + ": " + e.getValue()));
    }

    @Test
    void allBenchmarksEveryConfigInItsOwnJvmIntoATable(@TempDir Path tmp) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("configs"));
        Files.writeString(dir.resolve("tiny.json"), CliTest.tinyConfig(8));
        Files.writeString(dir.resolve("other.json"), CliTest.tinyConfig(8).replace("\"tiny\"", "\"other\""));
        // PyTorch's ms/step for the reference rows, as benchmarks/pytorch_reference.py --json writes them.
        Path torch = Files.writeString(tmp.resolve("pytorch.json"),
                "{\"pytorch\": \"1.13.1\", \"threads\": 2, \"ms\": {\"tiny\": {\"8\": 4.0, \"16\": 6.5}}}");
        Path out = tmp.resolve("bench/RESULTS.md");
        CliTest.Result r = CliTest.cli("bench", "--all", "--configs", dir.toString(), "--out", out.toString(),
                "--steps", "2", "--warmup", "1", "--reference", "tiny", "--reference-batches", "8,16",
                "--reference-steps", "3", "--pytorch", torch.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        double gemm = numbers(r.out(), "^single-precision GEMM \\(1024x1024\\): " + NUMBER + " GFLOP/s$")[0];
        assertMeasured(gemm, "GEMM GFLOP/s");
        String md = Files.readString(out);
        assertTrue(md.contains("## Machine"), md);
        assertEquals(String.format(Locale.ROOT, "%.1f", gemm), String.format(Locale.ROOT, "%.1f", numbers(md,
                "^- Single-precision GEMM, 1024×1024 float, sustained over 2 s: " + NUMBER + " GFLOP/s$")[0]), md);
        assertTrue(md.contains("2 timed training steps (3 for the reference rows"), md);

        List<String[]> rows = Files.readAllLines(out).stream()
                .filter(l -> l.startsWith("| other") || l.startsWith("| tiny"))
                .map(BenchCommandTest::cells).toList();
        assertEquals(3, rows.size(), md);
        assertEquals(List.of("other 16", "tiny 8", "tiny 16"),
                rows.stream().map(c -> c[0] + " " + c[2]).toList(), "one row per config, the reference at each batch");
        for (String[] c : rows) {
            String row = String.join(" | ", c);
            assertEquals(14, c.length, row);
            assertEquals("vanilla", c[1], row);
            int batch = Integer.parseInt(c[2]);
            assertTrue(c[3].matches("[1-9][0-9]*"), "ND4J's thread count: " + row);
            double ms = Double.parseDouble(c[4]);
            assertMeasured(ms, "ms/step in " + row);
            double imagesPerSecond = Double.parseDouble(c[5]);
            assertEquals(batch * 1000.0 / ms, imagesPerSecond, batch * 1000.0 / ms * 0.05 / ms + 0.5, row);
            double[] split = numbers(c[6], "^" + NUMBER + "% / " + NUMBER + "%$");
            assertMeasured(split[0], "D share in " + row);
            assertMeasured(split[1], "G share in " + row);
            assertTrue(split[0] + split[1] <= 101, "D and G shares are parts of the step: " + row);
            assertEquals(String.format(Locale.ROOT, "%.3f", tinyFlops(batch) / 1e9), c[7], "GFLOP/step: " + row);
            double gflops = Double.parseDouble(c[8]);
            assertMeasured(gflops, "GFLOP/s in " + row);
            assertEquals(100 * gflops / gemm, Double.parseDouble(c[9].replace("%", "")), 0.1 + 100 * 0.05 / gemm,
                    "% of GEMM: " + row);
            assertMeasured(Double.parseDouble(c[10]), "peak RSS in " + row);
            if (c[0].equals("tiny")) {
                double torchMs = batch == 8 ? 4.0 : 6.5;
                assertEquals(String.format(Locale.ROOT, "%.1f", torchMs), c[11], row);
                // gan4j's throughput relative to PyTorch: PyTorch's ms over gan4j's
                assertEquals(torchMs / ms, Double.parseDouble(c[12].replace("×", "")), torchMs / ms * 0.05 / ms + 0.006,
                        row);
            } else {
                assertEquals("", c[11], "no PyTorch figure for " + row);
                assertEquals("", c[12], row);
            }
            assertEquals("", c[13], "target PyTorch figures exist only for the shipped configs at batch 64: " + row);
        }
    }

    /** The cells of a Markdown table row, trimmed ("| a | b |  |" gives a, b and an empty cell). */
    private static String[] cells(String row) {
        String[] parts = row.split("\\|", -1);
        String[] cells = new String[parts.length - 2];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = parts[i + 1].trim();
        }
        return cells;
    }

    @Test
    void memoryCheckSamplesResidentMemoryAndGivesAVerdict(@TempDir Path tmp) throws IOException {
        Path config = Files.writeString(tmp.resolve("tiny.json"), CliTest.tinyConfig(8));
        CliTest.Result r = CliTest.cli("bench", config.toString(), "--memory-check", "--steps", "4", "--rss-every", "2",
                "--warmup", "1");
        double at2 = numbers(r.out(), "^step 2: RSS " + NUMBER + " MiB$")[0];
        double at4 = numbers(r.out(), "^step 4: RSS " + NUMBER + " MiB$")[0];
        assertMeasured(at2, "RSS at step 2");
        assertMeasured(at4, "RSS at step 4");
        // This JVM runs DL4J: its resident memory is hundreds of MiB, never a few.
        assertTrue(at2 > 50 && at4 > 50, "RSS " + at2 + ", " + at4 + " MiB");
        Matcher verdict = Pattern.compile("^memory check (passed|FAILED): RSS " + NUMBER + " MiB at step 2, " + NUMBER
                + " MiB at step 4 \\(([-+][0-9.]+)%, limit \\+10%\\)$", Pattern.MULTILINE).matcher(r.out());
        assertTrue(verdict.find(), r.out());
        assertEquals(at2, Double.parseDouble(verdict.group(2)), "the verdict compares the first sample");
        assertEquals(at4, Double.parseDouble(verdict.group(3)), "with the last");
        double growth = Double.parseDouble(verdict.group(4));
        // The samples are printed in whole MiB, the growth from kB: they agree to the rounding of two MiB values.
        assertEquals(100 * (at4 / at2 - 1), growth, 100 * 2 / at2 + 0.05, r.out());
        boolean passed = verdict.group(1).equals("passed");
        assertEquals(growth <= 10, passed, "the verdict follows the growth: " + r.out());
        assertEquals(passed ? 0 : 1, r.code(), "the exit code follows the verdict");

        CliTest.Result few = CliTest.cli("bench", config.toString(), "--memory-check", "--steps", "3", "--rss-every", "2");
        assertEquals(2, few.code());
        assertTrue(few.err().contains("at least two samples"), few.err());
    }
}
