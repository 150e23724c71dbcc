package io.gan4j.vanilla;

import io.gan4j.core.testing.Ring8Learning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end: the shipped ring-8 experiment, trained by the real runner, learns the mixture. An untrained
 * generator puts its samples in a small blob near the origin (no mode covered); after training, most modes are
 * covered by high-quality samples (within 3σ of a mode).
 */
class VanillaRing8Test {
    @TempDir
    Path tmp;

    @Test
    void shippedRing8ConfigCoversMostModes() throws IOException {
        Ring8Learning.Result r = Ring8Learning.train(Path.of("../experiments/configs/vanilla-ring8.json"), tmp);

        assertTrue(r.before().modesCovered() <= 1, "untrained: " + r.before());
        assertTrue(r.after().modesCovered() >= 6, "trained: " + r.after());
        assertTrue(r.after().highQualityShare() >= 0.3, "trained: " + r.after());
        assertTrue(Files.exists(r.run().samples().resolve("latest.png")));
    }
}
