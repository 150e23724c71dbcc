package io.gan4j.experiments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Same config and seed, two runs on the CPU: identical metrics (every logged loss and score), identical final
 * parameters and optimizer state, and both manifests say the run is deterministic; another seed differs.
 */
class DeterminismTest {
    @TempDir
    Path tmp;

    private Path train(String name, String... sets) throws IOException {
        Path cfg = tmp.resolve("tiny.json");
        Files.writeString(cfg, CliTest.tinyConfig(8));
        String[] args = new String[3 + 2 * sets.length];
        args[0] = "train";
        args[1] = cfg.toString();
        args[2] = "--set=train.outputDir=" + tmp.resolve(name);
        for (int i = 0; i < sets.length; i++) {
            args[3 + 2 * i] = "--set";
            args[4 + 2 * i] = sets[i];
        }
        CliTest.Result r = CliTest.cli(args);
        assertEquals(0, r.code(), r.err());
        return CliTest.onlyRun(tmp.resolve(name));
    }

    @Test
    void twoRunsWithTheSameSeedAreIdentical() throws IOException {
        Path a = train("a");
        Path b = train("b");
        assertEquals(KillTrials.losses(a), KillTrials.losses(b));
        Map<String, byte[]> sa = KillTrials.finalState(a);
        Map<String, byte[]> sb = KillTrials.finalState(b);
        assertEquals(sa.keySet(), sb.keySet());
        for (String k : sa.keySet()) {
            assertArrayEquals(sa.get(k), sb.get(k), k);
        }
        for (Path run : new Path[] {a, b}) {
            String manifest = Files.readString(run.resolve("manifest.json"));
            assertTrue(manifest.contains("\"deterministic\" : true"), manifest);
        }
        Path other = train("c", "seed=4");
        assertTrue(!KillTrials.losses(other).equals(KillTrials.losses(a)), "another seed trains differently");
        assertTrue(!Arrays.equals(KillTrials.finalState(other).get("generator.zip!coefficients.bin"),
                sa.get("generator.zip!coefficients.bin")));
    }
}
