package io.gan4j.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import io.gan4j.core.io.Json;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The measured processes of {@code gan4j bench}: a gan4j JVM ({@code bench CONFIG --once}, with this JVM's options
 * and classpath) and the PyTorch twin ({@code benchmarks/pytorch_reference.py --spec}). Each reports its figures as
 * JSON, including its own peak resident set (VmHWM of /proc/self/status, read by the process at its end).
 */
final class BenchProcesses {
    private BenchProcesses() {
    }

    /** What one gan4j bench process is asked to do. */
    record Gan4jRun(Path config, Integer batch, int warmup, double warmupSeconds, int steps, List<String> overrides,
                    Path twinSpec) {
    }

    /** One bench of a config in a fresh JVM; its result comes back as JSON. */
    static BenchCommand.BenchResult gan4j(Gan4jRun run) throws IOException, InterruptedException {
        Path json = Files.createTempFile("gan4j-bench", ".json");
        try {
            List<String> cmd = new ArrayList<>();
            cmd.add(ProcessHandle.current().info().command().orElse("java"));
            cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(Gan4jCli.class.getName());
            cmd.add("bench");
            cmd.add(run.config().toString());
            cmd.addAll(List.of("--once", "--steps", String.valueOf(run.steps()), "--warmup", String.valueOf(run.warmup()),
                    "--warmup-seconds", String.valueOf(run.warmupSeconds()), "--json", json.toString()));
            if (run.batch() != null) {
                cmd.addAll(List.of("--batch", run.batch().toString()));
            }
            if (run.twinSpec() != null) {
                cmd.addAll(List.of("--twin-spec", run.twinSpec().toString()));
            }
            for (String s : run.overrides()) {
                cmd.addAll(List.of("--set", s));
            }
            runLogged(cmd, json, true);
            return Json.read(json, BenchCommand.BenchResult.class);
        } finally {
            Files.deleteIfExists(json);
        }
    }

    /**
     * One run of the PyTorch twin on a spec written by {@code bench --twin-spec}.
     *
     * @param python the interpreter with torch (Debian's {@code /usr/bin/python3})
     * @param script {@code benchmarks/pytorch_reference.py}
     */
    static TwinComparison.Measurement pytorch(String python, Path script, Path spec, int warmup, double warmupSeconds,
                                              int steps) throws IOException, InterruptedException {
        Path json = Files.createTempFile("gan4j-twin", ".json");
        try {
            runLogged(List.of(python, script.toString(), "--spec", spec.toString(), "--warmup", String.valueOf(warmup),
                    "--warmup-seconds", String.valueOf(warmupSeconds), "--steps", String.valueOf(steps), "--json",
                    json.toString()), json, false);
            return pytorchMeasurement(Json.MAPPER.readTree(json.toFile()));
        } finally {
            Files.deleteIfExists(json);
        }
    }

    /**
     * The figures of {@code pytorch_reference.py --json}: {@code medianMs}, {@code peakRssKb}, {@code learnedParams},
     * {@code threads} (PyTorch's) and {@code blasThreads} (OpenBLAS's; null without OpenBLAS).
     */
    static TwinComparison.Measurement pytorchMeasurement(JsonNode n) {
        Map<String, Long> params = new LinkedHashMap<>();
        n.path("learnedParams").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asLong()));
        return new TwinComparison.Measurement(n.path("medianMs").asDouble(Double.NaN), n.path("peakRssKb").asLong(-1),
                params, n.path("threads").asInt(0), n.path("blasThreads").asInt(0));
    }

    /**
     * Why {@code python} cannot run the twin (no such interpreter, or no torch), or null when it can: asked once per
     * bench so that a machine without PyTorch gets one line instead of a failure per config.
     */
    static String pytorchMissing(String python) {
        try {
            Process p = new ProcessBuilder(python, "-c", "import torch").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return python + " did not answer within 2 minutes";
            }
            if (p.exitValue() != 0) {
                String[] lines = out.split("\n");
                return python + " cannot import torch (" + lines[lines.length - 1] + ")";
            }
            return null;
        } catch (IOException e) {
            return python + " cannot be started (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /**
     * Runs {@code cmd} with OMP_WAIT_POLICY=PASSIVE unless set (a gan4j JVM also gets the launcher's allocator,
     * {@link ChildEnv}, as a user's run has; PyTorch runs as its users run it, without it); fails with its last output
     * line unless it wrote {@code json}.
     */
    private static void runLogged(List<String> cmd, Path json, boolean gan4j) throws IOException, InterruptedException {
        Path log = Files.createTempFile("gan4j-bench", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            // Busy-waiting OpenMP threads steal the other cores of a small machine; both sides wait passively.
            if (gan4j) {
                ChildEnv.apply(pb.environment());
            } else {
                ChildEnv.forTwin(pb.environment());
            }
            int code = pb.start().waitFor();
            if (code != 0 || Files.size(json) == 0) {
                String[] lines = Files.readString(log, StandardCharsets.UTF_8).strip().split("\n");
                throw new IOException((gan4j ? "gan4j" : "PyTorch twin") + " exit " + code + ": "
                        + lines[lines.length - 1]);
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
