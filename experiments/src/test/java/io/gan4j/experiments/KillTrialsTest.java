package io.gan4j.experiments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 fault injection, the bounded CI version of {@code gan4j bench --kill-trials N}: a short vanilla run that
 * checkpoints every 3 steps is killed at random moments after its first checkpoint, in child JVMs, and resumed; no
 * checkpoint may be corrupt or lost and every resumed run must equal the uninterrupted one bit for bit.
 */
class KillTrialsTest {
    static final String CONFIG = ring8Config("kill", 5, 60, 60, 3, 1000);

    /**
     * A vanilla GAN on ring-8 points small enough to train many times in child JVMs (latent 4, one hidden layer of
     * 32 units in each network, batch 64, a row of metrics every step).
     */
    static String ring8Config(String name, long seed, int iterations, int sampleEvery, int checkpointEvery,
                              int keepCheckpoints) {
        return """
                {
                  "name": "%s",
                  "seed": %d,
                  "model": {"type": "vanilla", "latentDim": 4,
                            "generator": {"hidden": [32], "outputActivation": "identity"},
                            "discriminator": {"hidden": [32]}},
                  "data": {"source": "ring8"},
                  "train": {"iterations": %d, "batchSize": 64, "logEvery": 1, "sampleEvery": %d,
                            "checkpointEvery": %d, "keepCheckpoints": %d}
                }
                """.formatted(name, seed, iterations, sampleEvery, checkpointEvery, keepCheckpoints);
    }


    @TempDir
    Path tmp;

    @Test
    void killedRunsKeepEveryCheckpointAndResumeToTheUninterruptedResult() throws IOException, InterruptedException {
        Path config = tmp.resolve("kill.json");
        Files.writeString(config, CONFIG);
        StringWriter log = new StringWriter();
        KillTrials.Outcome r = new KillTrials(config, List.of(), tmp.resolve("runs"), 7, new PrintWriter(log, true))
                .run(4);
        StringWriter table = new StringWriter();
        KillTrials.print(new PrintWriter(table, true), r);
        String report = log + "\n" + table;
        assertEquals(4, r.trials(), report);
        assertTrue(r.checkpointsOnDisk() >= 4, "every trial leaves at least its first checkpoint: " + report);
        assertEquals(0, r.corruptCheckpoints(), report);
        assertEquals(0, r.lostCheckpoints(), report);
        assertEquals(0, r.failedResumes(), report);
        assertEquals(0, r.runsDifferingFromUninterrupted(), report);
        assertTrue(r.clean(), report);
        System.out.println(report);
    }
}
