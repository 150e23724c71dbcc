package io.gan4j.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import io.gan4j.core.api.DataSpec;
import io.gan4j.core.api.ModelFootprint;
import io.gan4j.core.config.ConfigLoader;
import io.gan4j.core.config.LoadedConfig;
import io.gan4j.core.io.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each variant's {@link io.gan4j.core.api.GanVariant#footprint} against the parameter counts PyTorch gave for the
 * twin of every shipped config ({@code benchmarks/pytorch-param-counts.json}, also checked equal to gan4j's built
 * networks by {@link TwinParamCountsTest}): never above them, so the memory check cannot refuse a model that fits,
 * and within 10% below, so it refuses what cannot.
 */
class ModelFootprintTest {
    private static final Path COUNTS = Path.of("../benchmarks/pytorch-param-counts.json");

    static Stream<String> shippedConfigs() throws IOException {
        return TwinParamCountsTest.shippedConfigs();
    }

    @ParameterizedTest
    @MethodSource("shippedConfigs")
    void theEstimateIsALowerBoundWithin10PercentOfTheRealCount(String name) throws IOException {
        JsonNode entry = Json.MAPPER.readTree(COUNTS.toFile()).path("configs").path(name);
        LoadedConfig loaded = new ConfigLoader(Gan4jCli.registry()).load(Path.of("configs", name + ".json"), List.of());
        long[] shape = Json.MAPPER.convertValue(entry.get("sampleShape"), long[].class);
        DataSpec spec = new DataSpec(shape, entry.get("numClasses").asInt(), loaded.config().data().kind(), name);
        ModelFootprint f = loaded.variant().footprint(loaded.config().model(), spec);
        long real = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = entry.get("learnedParams").fields(); it.hasNext(); ) {
            real += it.next().getValue().asLong();
        }
        String what = name + ": estimated " + (long) f.parameters() + " parameters, the networks have " + real;
        assertTrue(f.parameters() <= real, what);
        assertTrue(f.parameters() >= 0.9 * real, what);
        assertTrue(f.activationsPerExample() > 0, name + ": no activations estimated");
    }
}
