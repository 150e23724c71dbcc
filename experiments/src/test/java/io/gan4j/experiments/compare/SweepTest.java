package io.gan4j.experiments.compare;

import io.gan4j.core.api.ConfigException;
import io.gan4j.core.api.VariantRegistry;
import io.gan4j.core.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SweepTest {
    @TempDir
    Path dir;

    @Test
    void everyCombinationIsARunWithItsOverrides() throws IOException {
        Files.writeString(dir.resolve("base.json"), "{\"model\": {\"type\": \"vanilla\"}}");
        Path file = dir.resolve("s.json");
        Files.writeString(file, """
                {"name": "loss", "base": "base.json", "set": {"train.iterations": 30},
                 "grid": {"model.loss": ["non-saturating", "least-squares"], "seed": [1, 2]}}
                """);
        List<Sweep.Combination> c = Sweep.read(file).combinations();
        assertEquals(4, c.size());
        assertEquals("loss_loss-non-saturating_seed-1", c.get(0).runName());
        assertEquals(List.of("train.iterations=30", "model.loss=\"non-saturating\"", "seed=1",
                "name=\"loss_loss-non-saturating_seed-1\""), c.get(0).overrides());
        assertEquals("loss_loss-least-squares_seed-2", c.get(3).runName());
    }

    @Test
    void everyProblemIsReportedWithItsPath() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"base\": \"missing.json\", \"grid\": {\"seed\": []}, \"sett\": {}}");
        ConfigException e = assertThrows(ConfigException.class, () -> Sweep.read(file));
        String m = e.getMessage();
        assertTrue(m.contains("$.sett is not a known key"), m);
        assertTrue(m.contains("$.base must name an existing config file"), m);
        assertTrue(m.contains("$.grid.seed must be a non-empty array of values"), m);
    }

    @Test
    void shippedSweepsGiveValidConfigsForEveryCombination() throws IOException {
        ConfigLoader loader = new ConfigLoader(VariantRegistry.discover());
        List<Path> sweeps;
        try (Stream<Path> s = Files.list(Path.of("configs/sweeps"))) {
            sweeps = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(!sweeps.isEmpty(), "configs/sweeps holds the shipped sweeps");
        for (Path file : sweeps) {
            Sweep sweep = Sweep.read(file);
            for (Sweep.Combination c : sweep.combinations()) {
                assertEquals(c.runName(), loader.load(sweep.base(), c.overrides()).config().name(), file.toString());
            }
        }
    }
}
