package io.gan4j.wgan;

import io.gan4j.core.testing.Ring8Learning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Not part of the suite: the measurement behind {@link WganGpRing8Test}'s thresholds (the shipped WGAN-GP ring-8
 * config cut to 1,000 generator steps), to repeat when the training changes:
 * <pre>
 * mvn -B -pl gan-wgan -am verify -Dtest=WganGpRing8SweepTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dgan4j.ring8.seeds=1-8 [-Dgan4j.ring8.set="model.generatorOptimizer.lr=1e-12"]
 * </pre>
 */
@EnabledIfSystemProperty(named = "gan4j.ring8.seeds", matches = "\\d+-\\d+")
class WganGpRing8SweepTest {
    @TempDir
    Path tmp;

    @Test
    void measureTheSpreadOverSeeds() throws IOException {
        Ring8Learning.sweep(Path.of("../experiments/configs/wgan-gp-ring8.json"), tmp,
                System.getProperty("gan4j.ring8.seeds"), System.getProperty("gan4j.ring8.set", ""),
                "train.iterations=1000");
    }
}
