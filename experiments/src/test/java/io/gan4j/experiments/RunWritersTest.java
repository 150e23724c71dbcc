package io.gan4j.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One writer per run directory, across real processes: a second writer is refused at once with the holder named,
 * a run whose writer was killed (-9) is shown as killed and resumed, and two resumes started together never both
 * write (before the lock, two resumes lost metrics rows 137-200 and 251-400 and a manifest session).
 */
class RunWritersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONFIG = KillTrialsTest.ring8Config("writers", 21, 200000, 100000, 50, 2);


    @TempDir
    Path tmp;

    @Test
    void aResumeWhileTrainingRunsIsRefusedNamingTheTrainingProcess() throws Exception {
        ChildCli train = startTrain();
        Path run = awaitRun(train);
        CliTest.Result refused = CliTest.cli("resume", run.toString());
        assertEquals(2, refused.code(), refused.out() + refused.err());
        assertEquals("gan4j resume: run " + run + " is in use by process " + train.pid() + " on ",
                firstLine(refused.err()).substring(0, ("gan4j resume: run " + run + " is in use by process "
                        + train.pid() + " on ").length()), refused.err());
        assertFalse(refused.err().contains("Exception"), refused.err());
        assertTrue(runsListing(run).startsWith("running"), runsListing(run));

        train.signal("TERM");
        assertEquals(143, train.await(Duration.ofMinutes(2)), train.output());
        assertTrue(runsListing(run).startsWith("interrupted"), runsListing(run));
        long stoppedAt = lastSession(run).get("toStep").asLong();
        CliTest.Result resumed = CliTest.cli("resume", run.toString(), "--set", "train.iterations=" + (stoppedAt + 5));
        assertEquals(0, resumed.code(), resumed.out() + resumed.err());
        assertEquals(SignalStopTest.steps(1, stoppedAt + 5), SignalStopTest.loggedSteps(run));

        CliTest.Result again = CliTest.cli("resume", run.toString(), "--set", "train.iterations=" + (stoppedAt + 5));
        assertEquals(0, again.code(), again.out() + again.err());
        assertTrue(again.out().contains("already finished at step " + (stoppedAt + 5)), again.out());
        assertEquals(2, sessions(run).size(), "a finished run's resume adds no session");
    }

    @Test
    void aRunWhoseWriterWasKilledIsShownKilledAndResumesCleaningUpItsHalfWrittenCheckpoint() throws Exception {
        ChildCli train = startTrain();
        Path run = awaitRun(train);
        awaitFile(run.resolve("checkpoints/latest"), train);
        train.signal("KILL");
        assertEquals(137, train.await(Duration.ofMinutes(1)));
        assertEquals("running", lastSession(run).get("status").asText(), "what the dead process left");
        assertTrue(runsListing(run).startsWith("killed"), runsListing(run));
        Path halfWritten = Files.createDirectories(run.resolve("checkpoints/.step-00099999.123456"));
        Files.writeString(halfWritten.resolve("generator.zip"), "partial");

        long from = Long.parseLong(Files.readString(run.resolve("checkpoints/latest")).trim().substring(5));
        CliTest.Result resumed = CliTest.cli("resume", run.toString(), "--set", "train.iterations=" + (from + 5));
        assertEquals(0, resumed.code(), resumed.out() + resumed.err());
        assertFalse(Files.exists(halfWritten), "the next writer removes abandoned temporaries");
        List<JsonNode> sessions = sessions(run);
        JsonNode killed = sessions.get(0);
        assertEquals("killed", killed.get("status").asText());
        assertTrue(killed.get("message").asText().contains("process " + train.pid() + " on "), killed.toString());
        assertEquals(train.pid(), killed.get("pid").asLong());
        assertEquals("completed", sessions.get(1).get("status").asText());
        assertEquals(from, sessions.get(1).get("fromStep").asLong());
        assertEquals(SignalStopTest.steps(1, from + 5), SignalStopTest.loggedSteps(run),
                "rows the killed process wrote after its checkpoint are replaced, not repeated");
    }

    @Test
    void twoResumesStartedTogetherNeverBothWrite() throws Exception {
        Path run = awaitRun(startTrainThenStop());
        int refusals = 0;
        int rounds = 0;
        // Two rounds, and up to two more while none had both resumes running at once: on a loaded machine one JVM
        // can take longer to start than the other needs for its 1,500 steps (a two-round version failed once so).
        for (int round = 1; round <= 4 && (round <= 2 || refusals == 0); round++) {
            rounds++;
            long from = lastSession(run).get("toStep").asLong();
            String target = "train.iterations=" + (from + 1500);
            ChildCli a = ChildCli.start(tmp.resolve("a" + round + ".log"), "resume", run.toString(), "--set", target);
            ChildCli b = ChildCli.start(tmp.resolve("b" + round + ".log"), "resume", run.toString(), "--set", target);
            int codeA = a.await(Duration.ofMinutes(3));
            int codeB = b.await(Duration.ofMinutes(3));
            String both = a.output() + "\n----\n" + b.output();
            List<Integer> codes = new ArrayList<>(List.of(codeA, codeB));
            codes.sort(null);
            if (codes.equals(List.of(0, 2))) {
                refusals++;
                // The holder is named once its lock file holds its line; a resume refused in the instant between
                // the lock and that write says "another process" (RunInUseException): both are the refusal.
                assertTrue(both.contains(" is in use by process ") || both.contains(" is in use by another process;"),
                        both);
            } else {
                // The second started only after the first had finished: then it has nothing to do.
                assertEquals(List.of(0, 0), codes, both);
                assertTrue(both.contains("already finished"), both);
            }
            assertEquals(SignalStopTest.steps(1, from + 1500), SignalStopTest.loggedSteps(run), both);
        }
        assertTrue(refusals >= 1, "at least one of " + rounds + " rounds had both resumes running at once");
        assertEquals(1 + rounds, sessions(run).size(), "train, and one proceeding resume per round");
    }

    private ChildCli startTrain() throws IOException {
        Path config = tmp.resolve("writers.json");
        Files.writeString(config, CONFIG);
        return ChildCli.start(tmp.resolve("train.log"), "train", config.toString(), "--set",
                "train.outputDir=" + tmp.resolve("runs"));
    }

    /** A run trained to its first checkpoint and stopped with SIGTERM. */
    private ChildCli startTrainThenStop() throws Exception {
        ChildCli train = startTrain();
        Path run = awaitRun(train);
        awaitFile(run.resolve("checkpoints/latest"), train);
        train.signal("TERM");
        assertEquals(143, train.await(Duration.ofMinutes(2)), train.output());
        return train;
    }

    private Path awaitRun(ChildCli child) throws Exception {
        Path parent = tmp.resolve("runs/writers");
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(parent)) {
                try (Stream<Path> s = Files.list(parent)) {
                    List<Path> runs = s.toList();
                    if (runs.size() == 1 && Files.exists(runs.get(0).resolve("manifest.json"))) {
                        return runs.get(0);
                    }
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no run directory appeared:\n" + child.output());
    }

    private static void awaitFile(Path file, ChildCli child) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(file + " never appeared:\n" + child.output());
            }
            Thread.sleep(10);
        }
    }

    private static String runsListing(Path run) {
        CliTest.Result r = CliTest.cli("runs", run.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        return r.out();
    }

    private static JsonNode lastSession(Path run) throws IOException {
        List<JsonNode> all = sessions(run);
        return all.get(all.size() - 1);
    }

    private static List<JsonNode> sessions(Path run) throws IOException {
        List<JsonNode> all = new ArrayList<>();
        JSON.readTree(run.resolve("manifest.json").toFile()).get("sessions").forEach(all::add);
        return all;
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
