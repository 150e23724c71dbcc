package io.gan4j.wgan;

import io.gan4j.core.testing.Ring8Learning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end: the shipped WGAN-GP ring-8 experiment, cut to its first 1,000 of 3,000 generator steps, already pulls an
 * untrained generator's blob near the origin out onto the ring.
 *
 * <p>Measured (December 2026, the exact penalty gradient, {@link WganGpRing8SweepTest}, Ring8Learning's 2,500 samples
 * of the final checkpoint): seeds 1-8 covered 5 4 4 2 2 1 4 2 modes (a mode counts once it holds its share of
 * the high-quality samples) with high-quality shares .214 .198 .201 .169 .174 .172 .212 .171 (min .169), and every
 * one of the 8 modes held at least 32 high-quality samples in every run (per-mode minimum over the seeds 54, 45, 50,
 * 32, 33, 45, 39, 32). Runs that did not learn: untrained, all seeds, 0 modes and 0.0000; the generator's learning
 * rate at 1e-12 (seeds 1, 2): 0 samples near any mode; a quarter of the budget (250 steps, seeds 1, 2): at most 4
 * samples near a mode and a share of .0048. The thresholds sit about halfway between: a share of at least .08 (half
 * the worst trained run, 17 times the quarter-trained ones) and at least 15 samples near every mode (half the worst
 * trained run's weakest mode, four times the quarter-trained runs' best). The mode count itself swings with the seed
 * at this point of training (1 to 5), so it is not asserted.
 */
class WganGpRing8Test {
    /** High-quality share every trained run reaches (worst measured .169). */
    static final double MIN_QUALITY = 0.08;
    /** High-quality samples near every one of the 8 modes (worst measured 32). */
    static final int MIN_PER_MODE = 15;

    @TempDir
    Path tmp;

    @Test
    void shippedRing8ConfigLearnsTheRingInAThirdOfItsBudget() throws IOException {
        Ring8Learning.Result r = Ring8Learning.train(Path.of("../experiments/configs/wgan-gp-ring8.json"), tmp,
                "train.iterations=1000");

        r.assertUntrainedLearntNothing("seed 1");
        assertTrue(r.after().highQualityShare() >= MIN_QUALITY, "trained: " + r.after());
        int weakest = java.util.Arrays.stream(r.after().perModeCounts()).min().orElse(0);
        assertTrue(weakest >= MIN_PER_MODE, "every mode reached, the weakest by " + weakest + ": " + r.after());
    }
}
