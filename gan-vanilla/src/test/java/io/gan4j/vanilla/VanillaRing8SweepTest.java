package io.gan4j.vanilla;

import io.gan4j.core.testing.Ring8Learning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Not part of the suite: the measurement behind {@link VanillaRing8Test}'s thresholds, to repeat when the training
 * changes (an optimizer, the dense pass, a library update). Trains the shipped config the way the test does, for a
 * range of seeds, and prints each run's modes and high-quality share and their spread:
 * <pre>
 * mvn -B -pl gan-vanilla -am verify -Dtest=VanillaRing8SweepTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dgan4j.ring8.seeds=1-20 [-Dgan4j.ring8.set="train.threads=2;model.generatorOptimizer.lr=1e-12"]
 * </pre>
 */
@EnabledIfSystemProperty(named = "gan4j.ring8.seeds", matches = "\\d+-\\d+")
class VanillaRing8SweepTest {
    @TempDir
    Path tmp;

    @Test
    void measureTheSpreadOverSeeds() throws IOException {
        Ring8Learning.sweep(Path.of("../experiments/configs/vanilla-ring8.json"), tmp,
                System.getProperty("gan4j.ring8.seeds"), System.getProperty("gan4j.ring8.set", ""));
    }
}
