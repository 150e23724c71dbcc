package io.gan4j.core.config;

import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.api.DataKind;
import io.gan4j.core.api.DataSpec;
import io.gan4j.core.api.ModelFootprint;
import io.gan4j.core.api.VariantRegistry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The memory check against a variant whose footprint the test sets: a model that fits passes, one whose parameters
 * cannot fit blames its largest layer's path with the value found there, one whose activations cannot fit blames
 * the batch size; the sizes read as people write them.
 */
class MemoryBudgetTest {
    private static final DataSpec DATA = new DataSpec(new long[] {1, 28, 28}, 0, DataKind.UNLABELLED, "mnist");

    private static List<ConfigProblem> check(ModelFootprint footprint) {
        VariantRegistry variants = new VariantRegistry(List.of(Fakes.VANILLA.withFootprint(footprint)));
        LoadedConfig config = new ConfigLoader(variants).load("big.json",
                "{\"model\": {\"type\": \"vanilla\", \"hidden\": [256, 300]}, \"train\": {\"batchSize\": 64}}",
                List.of());
        List<ConfigProblem> problems = new ArrayList<>();
        MemoryBudget.check(config, DATA, problems);
        return problems;
    }

    @Test
    void aModelThatFitsPasses() {
        assertEquals(List.of(), check(new ModelFootprint(2e6, 1e4, "$.model.hidden[1]")));
    }

    @Test
    void parametersThatCannotFitBlameTheLargestLayer() {
        double tooMany = MemoryBudget.availableBytes() / 8.0 + 1;
        List<ConfigProblem> problems = check(new ModelFootprint(tooMany, 1, "$.model.hidden[1]"));
        assertEquals(1, problems.size(), problems.toString());
        ConfigProblem p = problems.get(0);
        assertEquals("$.model.hidden[1]", p.path());
        assertEquals("300", p.found());
        assertTrue(p.requirement().startsWith("makes the model too large for memory: it needs at least "),
                p.requirement());
        assertTrue(p.requirement().contains("at batch size 64), and this process can use at most "), p.requirement());
    }

    @Test
    void activationsThatCannotFitBlameTheBatchSize() {
        double perExample = MemoryBudget.availableBytes() / 4.0 / 64 / 2 + 1;
        List<ConfigProblem> problems = check(new ModelFootprint(1000, 2 * perExample, "$.model.hidden[0]"));
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("$.train.batchSize", problems.get(0).path());
        assertEquals("64", problems.get(0).found());
    }

    @Test
    void sizesReadAsPeopleWriteThem() {
        assertEquals("512 bytes", MemoryBudget.bytes(512));
        assertEquals("1.5 KB", MemoryBudget.bytes(1536));
        assertEquals("12 MB", MemoryBudget.bytes(12.4 * 1024 * 1024));
        assertEquals("1.9 TB", MemoryBudget.bytes(2.05e12));
        assertEquals("950", MemoryBudget.count(950));
        assertEquals("36.0k", MemoryBudget.count(36_000));
        assertEquals("1.5M", MemoryBudget.count(1.5e6));
        assertEquals("2.6e+11", MemoryBudget.count(2.56e11));
    }
}
