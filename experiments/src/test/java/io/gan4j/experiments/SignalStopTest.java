package io.gan4j.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Ctrl-C (SIGINT) and SIGTERM sent by the operating system to a child {@code gan4j train} at several moments: the
 * run must end with 130 or 143, its manifest must say {@code interrupted} with the step of the checkpoint written at
 * the stop, and {@code resume} must continue from that step to the end with every metrics row exactly once.
 *
 * <p>Before the fix the stop path wrote the sample grid first; ImageIO's disk cache refused during shutdown
 * ("Shutdown in progress"), which aborted the stop: no checkpoint, manifest {@code failed} at step 0.
 */
class SignalStopTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONFIG = CliTest.mnistConfig("sig", "vanilla", 11, 3000, 1000, 15,
            "\"eval\": {\"every\": 10, \"samples\": 200}");


    @TempDir
    Path tmp;

    /**
     * @param signal  INT or TERM
     * @param moment  early: as soon as the manifest exists (model being built, before the first step and grid);
     *                eval: after step 9's row, so the signal lands in step 10 or its evaluation; checkpoint: after
     *                step 14's row, so it lands in step 15 or its checkpoint write
     */
    @ParameterizedTest(name = "SIG{0} {1}")
    @CsvSource({"INT, early", "TERM, early", "INT, eval", "TERM, eval", "INT, checkpoint", "TERM, checkpoint"})
    void aSignalLeavesAResumableCheckpointAndResumeFinishesTheRun(String signal, String moment) throws Exception {
        assumeTrue(!signal.equals("INT") || ChildCli.sigintReachesChildren(), "SIGINT is ignored in this process tree");
        Path config = tmp.resolve("sig.json");
        Files.writeString(config, CONFIG);
        Path runs = tmp.resolve("runs");
        ChildCli child = ChildCli.start(tmp.resolve("train.log"), "train", config.toString(),
                "--set", "train.outputDir=" + runs);
        awaitMoment(child, runs, moment);
        child.signal(signal);
        int code = child.await(Duration.ofMinutes(3));
        String log = child.output();
        assertEquals(signal.equals("INT") ? 130 : 143, code, log);
        assertFalse(log.contains("Exception") || log.contains("\tat "), log);
        assertFalse(log.contains("while stopping"), "every listener's end works during shutdown: " + log);

        Path run = onlyRun(runs.resolve("sig"));
        JsonNode stopped = lastSession(run);
        assertEquals("interrupted", stopped.get("status").asText(), stopped.toString());
        long stoppedAt = stopped.get("toStep").asLong();
        assertTrue(stoppedAt < 3000, "stopped early: " + stopped);
        assertEquals(String.format("step-%08d", stoppedAt),
                Files.readString(run.resolve("checkpoints/latest")).trim(), "the stop wrote its checkpoint");
        assertEquals(stoppedAt > 0, Files.exists(run.resolve(String.format("samples/step-%08d.png", stoppedAt))),
                "and the sample grid of the step it stopped at");

        long end = stoppedAt + 6;
        CliTest.Result resumed = CliTest.cli("resume", run.toString(), "--set", "train.iterations=" + end);
        assertEquals(0, resumed.code(), resumed.out() + resumed.err());
        JsonNode session = lastSession(run);
        assertEquals(stoppedAt, session.get("fromStep").asLong(), session.toString());
        assertEquals(end, session.get("toStep").asLong(), session.toString());
        assertEquals("completed", session.get("status").asText());
        assertEquals(steps(1, end), loggedSteps(run), "every step's metrics row exactly once");
    }

    @org.junit.jupiter.api.Test
    void anInterruptedSweepStopsAtItsRunAndTheSameCommandResumesIt() throws Exception {
        assumeTrue(ChildCli.sigintReachesChildren(), "SIGINT is ignored in this process tree");
        Files.writeString(tmp.resolve("base.json"), """
                {"model": {"type": "vanilla", "latentDim": 4,
                           "generator": {"hidden": [16], "outputActivation": "identity"},
                           "discriminator": {"hidden": [16]}},
                 "data": {"source": "ring8"},
                 "train": {"batchSize": 32, "logEvery": 1, "sampleEvery": 100000, "checkpointEvery": 100}}
                """);
        Path sweep = tmp.resolve("sweep.json");
        Files.writeString(sweep, """
                {"name": "stop", "base": "base.json",
                 "set": {"train.iterations": 1500, "train.outputDir": "%s"},
                 "grid": {"seed": [1, 2]}}
                """.formatted(tmp.resolve("runs").toString().replace("\\", "/")));
        ChildCli child = ChildCli.start(tmp.resolve("sweep.log"), "compare", sweep.toString(), "--n", "100");
        Path first = tmp.resolve("runs/stop_seed-1");
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (firstRunSteps(first) < 20) {
            assertTrue(System.nanoTime() < deadline, "the sweep never started its first run:\n" + child.output());
            Thread.sleep(10);
        }
        child.signal("INT");
        assertEquals(130, child.await(Duration.ofMinutes(2)), child.output());
        assertTrue(child.output().contains("sweep interrupted in " + first), child.output());
        assertFalse(Files.exists(tmp.resolve("runs/stop_seed-2")), "the sweep stopped at its interrupted run");
        Path run = onlyRun(first);
        assertEquals("interrupted", lastSession(run).get("status").asText());

        CliTest.Result again = CliTest.cli("compare", sweep.toString(), "--n", "100");
        assertEquals(0, again.code(), again.out() + again.err());
        assertTrue(again.out().contains("resuming " + run), again.out());
        assertEquals(steps(1, 1500), loggedSteps(run));
        assertTrue(again.out().contains("report: "), again.out());
    }

    private static long firstRunSteps(Path experiment) throws IOException {
        List<Path> runs = runsIn(experiment);
        return runs.isEmpty() ? 0 : loggedSteps(runs.get(0)).size();
    }

    private static void awaitMoment(ChildCli child, Path runs, String moment) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            List<Path> found = runsIn(runs.resolve("sig"));
            if (!found.isEmpty()) {
                Path run = found.get(0);
                boolean reached = switch (moment) {
                    case "early" -> Files.exists(run.resolve("manifest.json"));
                    case "eval" -> loggedSteps(run).contains(9L);
                    case "checkpoint" -> loggedSteps(run).contains(14L);
                    default -> throw new IllegalArgumentException(moment);
                };
                if (reached) {
                    return;
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the run never reached the moment '" + moment + "':\n" + child.output());
    }

    /** The run directories ({@code <timestamp>/}) of one experiment's folder; none while it does not exist. */
    private static List<Path> runsIn(Path experiment) throws IOException {
        if (!Files.isDirectory(experiment)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(experiment)) {
            return s.toList();
        }
    }

    private static Path onlyRun(Path experiment) throws IOException {
        List<Path> found = runsIn(experiment);
        assertEquals(1, found.size(), found.toString());
        return found.get(0);
    }

    private static JsonNode lastSession(Path run) throws IOException {
        JsonNode sessions = JSON.readTree(run.resolve("manifest.json").toFile()).get("sessions");
        return sessions.get(sessions.size() - 1);
    }

    /** The step column of metrics.csv (the row being written may be cut short; it is skipped). */
    static List<Long> loggedSteps(Path run) throws IOException {
        Path csv = run.resolve("metrics.csv");
        List<Long> steps = new ArrayList<>();
        if (!Files.exists(csv)) {
            return steps;
        }
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String first = line.split(",", 2)[0];
            if (line.contains(",") && first.matches("\\d+")) {
                steps.add(Long.parseLong(first));
            }
        }
        return steps;
    }

    static List<Long> steps(long from, long to) {
        List<Long> all = new ArrayList<>();
        for (long s = from; s <= to; s++) {
            all.add(s);
        }
        return all;
    }
}
