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
        // The median is printed to 0.1 ms, so the true one lies within 0.05 ms of it: images/s must be batch over a
        // step in that interval (bounded exactly: at a 2.1-ms step the first-order bound was 2 images/s too tight).
        double atPrinted = batch * 1000.0 / ms[0];
        assertEquals(atPrinted, imagesPerSecond, batch * 1000.0 / (ms[0] - 0.05) - atPrinted + 0.5,
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
    void warmupSecondsKeepsWarmingUpPastTheStepCount(@TempDir Path tmp) throws IOException {
        // A tiny config's step takes milliseconds: one warm-up step cannot fill half a second, so the warm-up must
        // have run more steps than --warmup asked for, and says how many.
        Path config = Files.writeString(tmp.resolve("tiny.json"), CliTest.tinyConfig(8));
        Path json = tmp.resolve("r.json");
        long t0 = System.nanoTime();
        CliTest.Result r = CliTest.cli("bench", config.toString(), "--once", "--steps", "2", "--warmup", "1",
                "--warmup-seconds", "0.5", "--json", json.toString());
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(0, r.code(), r.err());
        JsonNode result = JSON.readTree(json.toFile());
        assertTrue(result.get("warmup").asInt() > 1, "warm-up steps: " + result.get("warmup"));
        assertTrue(seconds >= 0.5, "the command took " + seconds + " s, less than its warm-up");

        for (String bad : List.of("-1", "NaN", "1e9")) {
            CliTest.Result b = CliTest.cli("bench", config.toString(), "--once", "--steps", "2",
                    "--warmup-seconds", bad);
            assertEquals(2, b.code(), bad + ": " + b.err());
            assertTrue(b.err().contains("--warmup-seconds") && !b.err().contains("Exception"), b.err());
        }
    }

    @Test
    void oneConfigReportsTimesFlopsAndWritesJson(@TempDir Path tmp) throws IOException {
        Path config = Files.writeString(tmp.resolve("tiny.json"), CliTest.tinyConfig(8));
        Path json = tmp.resolve("r.json");
        CliTest.Result r = CliTest.cli("bench", config.toString(), "--once", "--steps", "3", "--warmup", "1", "--json",
                json.toString());
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

    /**
     * Learned parameters of {@link CliTest#tinyConfig}, by hand: G = dense 8→32 (8·32 + 32) + batch norm's scale and
     * shift (2·32) + dense 32→784 (32·784 + 784); D = dense 784→32 (784·32 + 32) + dense 32→1 (32 + 1).
     */
    static final long TINY_G = 8 * 32 + 32 + 2 * 32 + 32 * 784 + 784;
    static final long TINY_D = 784 * 32 + 32 + 32 + 1;

    /**
     * A stand-in for the PyTorch twin (CI has no torch) that acts as both the interpreter and the script: it answers
     * the {@code -c "import torch"} probe, checks that it was given the spec gan4j wrote, and reports the ms/step of
     * its repeat from {@code ms} in turn, a peak RSS of 100 MiB, the given parameter counts and the spec's thread
     * count for PyTorch's pool and OpenBLAS's.
     */
    static Path fakeTwin(Path dir, double[] ms, long g, long d) throws IOException {
        return fakeTwin(dir, ms, g, d, 0);
    }

    /** {@link #fakeTwin(Path, double[], long, long)} with OpenBLAS on {@code blasShift} more threads than asked. */
    static Path fakeTwin(Path dir, double[] ms, long g, long d, int blasShift) throws IOException {
        Path counter = dir.resolve("twin-runs");
        StringBuilder list = new StringBuilder();
        for (double m : ms) {
            list.append(m).append(' ');
        }
        Path script = dir.resolve("fake-twin.sh");
        Files.writeString(script, """
                #!/bin/bash
                if [ "$1" = "-c" ]; then exit 0; fi
                while [ $# -gt 0 ]; do
                  case "$1" in --json) out="$2"; shift;; --spec) spec="$2"; shift;; esac; shift
                done
                grep -q '"gan4jLearnedParams"' "$spec" || { echo "no spec from gan4j: $spec"; exit 5; }
                n=$(( $(cat %1$s 2>/dev/null || echo 0) + 1 )); echo $n > %1$s
                ms=(%2$s)
                m=${ms[$(( (n - 1) %% ${#ms[@]} ))]}
                # the pools the spec asks for, as the real twin sets them (OpenBLAS's count shifted by blasShift)
                t=$(grep -o '^  "threads" *: *[0-9]*' "$spec" | grep -o '[0-9]*$')
                printf '{"medianMs": %%s, "peakRssKb": 102400, "learnedParams": {"generator": %3$d, "discriminator": %4$d}, "threads": %%d, "blasThreads": %%d}' \
                  "$m" "$t" "$(( t + %5$d ))" > "$out"
                """.formatted(counter, list.toString().strip(), g, d, blasShift));
        script.toFile().setExecutable(true);
        return script;
    }

    @Test
    void oneConfigAlternatesGan4jAndTheTwinAndReportsMediansAndRatios(@TempDir Path tmp) throws IOException {
        Path config = Files.writeString(tmp.resolve("tiny.json"), CliTest.tinyConfig(8));
        Path twin = fakeTwin(tmp, new double[] {4.0, 9.0, 5.0}, TINY_G, TINY_D);
        Path json = tmp.resolve("r.json");
        CliTest.Result r = CliTest.cli("bench", config.toString(), "--steps", "2", "--warmup", "1", "--repeats", "3",
                "--python", twin.toString(), "--twin", twin.toString(), "--json", json.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        List<String> order = r.out().lines().filter(l -> l.matches("^  repeat [0-9]/3 .*"))
                .map(l -> l.substring(13, 20).strip()).toList();
        assertEquals(List.of("gan4j", "PyTorch", "gan4j", "PyTorch", "gan4j", "PyTorch"), order, r.out());
        double[] gan4jMs = r.out().lines().filter(l -> l.contains("gan4j ") && l.startsWith("  repeat"))
                .mapToDouble(l -> numbers(l, "gan4j +" + NUMBER + " ms/step")[0]).toArray();
        double gan4j = TwinComparison.median(gan4jMs);
        double[] row = numbers(r.out(), "^gan4j +" + NUMBER + " +" + NUMBER + " +" + NUMBER + "$");
        assertEquals(gan4j, row[0], 0.051, "gan4j's median over its processes: " + r.out());
        assertEquals(16 * 1000.0 / row[0], row[1], 16 * 1000.0 / row[0] * 0.05 / row[0] + 0.5, "images/s");
        assertMeasured(row[2], "gan4j peak RSS");
        double[] torch = numbers(r.out(), "^PyTorch +" + NUMBER + " +" + NUMBER + " +" + NUMBER + "$");
        assertEquals(5.0, torch[0], 0, "median of the twin's 4, 9, 5: " + r.out());
        assertEquals(100, torch[2], 0, "the twin's peak RSS");
        double[] ratio = numbers(r.out(), "^ratio +throughput " + NUMBER + "× PyTorch's .*, peak RSS " + NUMBER + "×");
        assertEquals(5.0 / gan4j, ratio[0], 5.0 / gan4j * 0.05 / gan4j + 0.006, r.out());
        assertEquals(row[2] / 100, ratio[1], 0.02 * row[2] / 100 + 0.006, r.out());
        assertTrue(r.out().contains("params    generator " + String.format(Locale.ROOT, "%,d", TINY_G)
                + ", discriminator " + String.format(Locale.ROOT, "%,d", TINY_D) + ": the same in the PyTorch twin"),
                "gan4j's counts, derived by hand, agree with the twin's: " + r.out());
        double[] threads = numbers(r.out(), "^backend .*, " + NUMBER + " threads \\(OpenBLAS " + NUMBER + "\\)");
        assertTrue(r.out().contains(String.format(Locale.ROOT, "threads   %.0f (OpenBLAS %.0f): the same in the PyTorch"
                + " twin", threads[0], threads[1])), r.out());

        JsonNode result = JSON.readTree(json.toFile());
        assertEquals(3, result.get("gan4j").size());
        assertEquals(3, result.get("pytorch").size());
        assertEquals(5.0, result.get("pytorchMedianMs").asDouble(), 0);
        assertEquals(5.0 / result.get("gan4jMedianMs").asDouble(), result.get("throughputRatio").asDouble(), 1e-9);
        assertEquals(TINY_G, result.get("gan4j").get(0).get("learnedParams").get("generator").asLong());
    }

    @Test
    void aTwinWithOtherParameterCountsFailsTheBench(@TempDir Path tmp) throws IOException {
        Path config = Files.writeString(tmp.resolve("tiny.json"), CliTest.tinyConfig(8));
        Path twin = fakeTwin(tmp, new double[] {4.0}, TINY_G, TINY_D + 1);
        CliTest.Result r = CliTest.cli("bench", config.toString(), "--steps", "1", "--warmup", "0", "--repeats", "1",
                "--python", twin.toString(), "--twin", twin.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("MISMATCH, the twin is not the same model: discriminator: gan4j " + TINY_D
                + ", PyTorch " + (TINY_D + 1)), r.out());
    }

    @Test
    void aTwinOnMoreOpenBlasThreadsFailsTheBench(@TempDir Path tmp) throws IOException {
        Path config = Files.writeString(tmp.resolve("tiny.json"), CliTest.tinyConfig(8));
        Path twin = fakeTwin(tmp, new double[] {4.0}, TINY_G, TINY_D, 1);
        CliTest.Result r = CliTest.cli("bench", config.toString(), "--steps", "1", "--warmup", "0", "--repeats", "1",
                "--python", twin.toString(), "--twin", twin.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        int threads = (int) numbers(r.out(), "^backend .*, " + NUMBER + " threads \\(OpenBLAS " + NUMBER + "\\)")[1];
        assertTrue(r.out().contains("threads   MISMATCH, the twin ran on other cores: OpenBLAS threads: gan4j "
                + threads + ", PyTorch " + (threads + 1)), r.out());
    }

    @Test
    void withoutTorchTheTwinIsSkippedWithOneLine(@TempDir Path tmp) throws IOException {
        Path config = Files.writeString(tmp.resolve("tiny.json"), CliTest.tinyConfig(8));
        Path noTorch = Files.writeString(tmp.resolve("python"), "#!/bin/bash\necho \"ModuleNotFoundError: No module"
                + " named 'torch'\"; exit 1\n");
        noTorch.toFile().setExecutable(true);
        CliTest.Result r = CliTest.cli("bench", config.toString(), "--steps", "1", "--warmup", "0", "--repeats", "1",
                "--python", noTorch.toString(), "--twin", noTorch.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals(1, r.out().lines().filter(l -> l.startsWith("PyTorch twin skipped: ")).count(), r.out());
        assertTrue(r.out().contains("cannot import torch (ModuleNotFoundError: No module named 'torch')"), r.out());
        assertTrue(r.out().lines().noneMatch(l -> l.matches("^(PyTorch +[0-9]|ratio|params).*")), "no PyTorch row: " + r.out());

        CliTest.Result missing = CliTest.cli("bench", config.toString(), "--twin", tmp.resolve("nope.py").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("--twin: " + tmp.resolve("nope.py") + " does not exist"), missing.err());
    }

    @Test
    void allBenchmarksEveryConfigAgainstItsTwinIntoATable(@TempDir Path tmp) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("configs"));
        Files.writeString(dir.resolve("tiny.json"), CliTest.tinyConfig(8));
        Path twin = fakeTwin(tmp, new double[] {4.0, 9.0}, TINY_G, TINY_D);
        Path out = tmp.resolve("bench/RESULTS.md");
        CliTest.Result r = CliTest.cli("bench", "--all", "--configs", dir.toString(), "--out", out.toString(),
                "--steps", "2", "--warmup", "1", "--reference", "tiny", "--reference-batches", "8,16",
                "--reference-steps", "3", "--repeats", "2", "--python", twin.toString(), "--twin", twin.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        double gemm = numbers(r.out(), "^single-precision GEMM \\(1024x1024\\): " + NUMBER + " GFLOP/s$")[0];
        assertMeasured(gemm, "GEMM GFLOP/s");
        String md = Files.readString(out);
        assertTrue(md.contains("## Machine"), md);
        assertEquals(String.format(Locale.ROOT, "%.1f", gemm), String.format(Locale.ROOT, "%.1f", numbers(md,
                "^- Single-precision GEMM, 1024×1024 float, sustained over 2 s: " + NUMBER + " GFLOP/s$")[0]), md);
        assertTrue(md.contains("2 of each") && md.contains("2 timed steps (3 for the reference batch sizes"), md);

        List<String[]> rows = Files.readAllLines(out).stream().filter(l -> l.startsWith("| tiny"))
                .map(BenchCommandTest::cells).toList();
        assertEquals(List.of("tiny 8", "tiny 16"), rows.stream().map(c -> c[0] + " " + c[2]).toList(),
                "the reference config at each batch: " + md);
        for (String[] c : rows) {
            String row = String.join(" | ", c);
            assertEquals(16, c.length, row);
            assertEquals("vanilla", c[1], row);
            int batch = Integer.parseInt(c[2]);
            assertTrue(c[3].matches("[1-9][0-9]*"), "ND4J's thread count: " + row);
            double ms = Double.parseDouble(c[4]);
            assertMeasured(ms, "ms/step in " + row);
            assertEquals(batch * 1000.0 / ms, Double.parseDouble(c[5]), batch * 1000.0 / ms * 0.05 / ms + 0.5, row);
            double rss = Double.parseDouble(c[6]);
            assertMeasured(rss, "peak RSS in " + row);
            // The twin ran twice per row, 4.0 then 9.0 ms: the median of two is their mean.
            assertEquals("6.5", c[7], row);
            assertEquals(batch * 1000.0 / 6.5, Double.parseDouble(c[8]), 0.5, row);
            assertEquals("100", c[9], row);
            assertEquals(6.5 / ms, Double.parseDouble(c[10].replace("×", "")), 6.5 / ms * 0.05 / ms + 0.006, row);
            assertEquals(rss / 100, Double.parseDouble(c[11].replace("×", "")), 0.006 + rss / 100 * 0.5 / rss, row);
            double[] split = numbers(c[12], "^" + NUMBER + "% / " + NUMBER + "%$");
            assertMeasured(split[0], "D share in " + row);
            assertMeasured(split[1], "G share in " + row);
            assertTrue(split[0] + split[1] <= 101, "D and G shares are parts of the step: " + row);
            assertEquals(String.format(Locale.ROOT, "%.3f", tinyFlops(batch) / 1e9), c[13], "GFLOP/step: " + row);
            double gflops = Double.parseDouble(c[14]);
            assertMeasured(gflops, "GFLOP/s in " + row);
            assertEquals(100 * gflops / gemm, Double.parseDouble(c[15].replace("%", "")), 0.1 + 100 * 0.05 / gemm,
                    "% of GEMM: " + row);
        }
    }

    @Test
    void imagesPerSecondKeepsTwoDecimalsBelowTen() {
        // By hand: 1 image in 4,860.5 ms is 0.2057 a second (a 256-px config at batch 1 printed "0" before), 1 in
        // 100.1 ms 9.990, 64 in 63.2 ms 1,012.66.
        assertEquals("0.21", BenchSuite.imagesPerSecond(1, 4860.5));
        assertEquals("9.99", BenchSuite.imagesPerSecond(1, 100.1));
        assertEquals("1013", BenchSuite.imagesPerSecond(64, 63.2));
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
