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
 * covered by high-quality samples (within 3σ of a mode). A vanilla GAN's last iterate on this benchmark depends on
 * the seed and on float rounding (the README's seed sweep: one seed in three ends on 2 modes while the others cover
 * all 8), so two seeds are trained: each must learn (more modes than untrained), and the better must cover most.
 */
class VanillaRing8Test {
    @TempDir
    Path tmp;

    @Test
    void shippedRing8ConfigCoversMostModes() throws IOException {
        Ring8Learning.Result best = null;
        for (int seed : new int[] {1, 2}) {
            Ring8Learning.Result r = Ring8Learning.train(Path.of("../experiments/configs/vanilla-ring8.json"),
                    tmp.resolve("seed" + seed), "seed=" + seed);
            assertTrue(r.before().modesCovered() <= 1, "untrained, seed " + seed + ": " + r.before());
            assertTrue(r.after().modesCovered() >= 2, "trained, seed " + seed + ": " + r.after());
            assertTrue(Files.exists(r.run().samples().resolve("latest.png")));
            if (best == null || r.after().modesCovered() > best.after().modesCovered()) {
                best = r;
            }
        }
        assertTrue(best.after().modesCovered() >= 6, "trained, better seed: " + best.after());
        assertTrue(best.after().highQualityShare() >= 0.3, "trained, better seed: " + best.after());
    }
}
