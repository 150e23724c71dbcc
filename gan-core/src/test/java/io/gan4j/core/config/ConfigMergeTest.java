package io.gan4j.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.config.Fakes.LabelConfig;
import io.gan4j.core.config.Fakes.NetConfig;
import io.gan4j.core.data.DataConfig;
import io.gan4j.core.data.MnistData;
import io.gan4j.core.nn.OptimizerConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigMergeTest {

    private static JsonNode json(String text) {
        List<ConfigProblem> problems = new ArrayList<>();
        JsonNode node = ConfigJson.parse(text, problems);
        assertEquals(List.of(), problems);
        return node;
    }

    private static JsonNode mergeNet(String user) {
        return ConfigMerge.merge(ConfigJson.tree(NetConfig.defaults()), json(user), NetConfig.class);
    }

    private static <T> T bind(JsonNode node, Class<T> type) {
        List<ConfigProblem> problems = new ArrayList<>();
        T value = ConfigBinder.bind(node, type, "$", problems);
        assertEquals(List.of(), problems);
        return value;
    }

    @Test
    void objectsMergeKeyByKeyAndKeepTheDefaultsOrder() {
        JsonNode merged = mergeNet("{\"head\": {\"dropout\": 0.25}, \"latentDim\": 8}");
        assertEquals(8, merged.get("latentDim").intValue());
        assertEquals(128, merged.get("head").get("units").intValue());
        assertEquals(0.25, merged.get("head").get("dropout").doubleValue());
        List<String> keys = new ArrayList<>();
        merged.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("latentDim", "steps", "gpWeight", "label", "hidden", "activation", "head",
                "generatorOptimizer", "discriminatorOptimizer", "spectralNorm", "weights"), keys);
    }

    @Test
    void arraysAndScalarsReplace() {
        JsonNode merged = mergeNet("{\"hidden\": [32], \"label\": \"x\"}");
        assertEquals("[32]", merged.get("hidden").toString());
        assertEquals("\"x\"", merged.get("label").toString());
    }

    @Test
    void anExplicitNullStaysNull() {
        JsonNode merged = mergeNet("{\"head\": null, \"latentDim\": null}");
        assertTrue(merged.get("head").isNull());
        assertTrue(merged.get("latentDim").isNull());
    }

    @Test
    void keysTheTypeDoesNotHaveArePassedOnForTheChecker() {
        JsonNode merged = mergeNet("{\"latentdim\": 3, \"head\": {\"unit\": 4}}");
        assertEquals(3, merged.get("latentdim").intValue());
        assertEquals(4, merged.get("head").get("unit").intValue());
    }

    @Test
    void theSameSubtypeKeepsTheOtherDefaultFields() {
        // The default generator optimizer is Adam(2e-4, beta1 = 0.5); beta1 must survive a new learning rate.
        NetConfig omitted = bind(mergeNet("{\"generatorOptimizer\": {\"lr\": 0.001}}"), NetConfig.class);
        assertEquals(new OptimizerConfig.Adam(0.001, 0.5, 0.999, 1e-8), omitted.generatorOptimizer());
        NetConfig repeated = bind(mergeNet("{\"generatorOptimizer\": {\"type\": \"adam\", \"lr\": 0.001}}"),
                NetConfig.class);
        assertEquals(omitted, repeated);
    }

    @Test
    void aDifferentSubtypeStartsFromItsOwnDefaults() {
        NetConfig bound = bind(mergeNet("{\"generatorOptimizer\": {\"type\": \"sgd\", \"momentum\": 0.9}}"),
                NetConfig.class);
        assertEquals(new OptimizerConfig.Sgd(OptimizerConfig.Sgd.defaults().lr(), 0.9), bound.generatorOptimizer());
    }

    @Test
    void aDataSourceSwitchStartsFromThatSourcesDefaults() {
        JsonNode merged = ConfigMerge.merge(ConfigJson.tree(MnistData.defaults()),
                json("{\"source\": \"ring8\", \"radius\": 3}"), DataConfig.class);
        assertEquals("{\"source\":\"ring8\",\"radius\":3,\"std\":0.02,\"size\":50000}", merged.toString());
    }

    @Test
    void anUnknownSubtypeIsLeftForTheChecker() {
        JsonNode merged = mergeNet("{\"generatorOptimizer\": {\"type\": \"adamw\", \"lr\": 1}}");
        assertEquals("{\"type\":\"adamw\",\"lr\":1}", merged.get("generatorOptimizer").toString());
    }

    @Test
    void aSubtypeWithoutADefaultNeedsItsDiscriminator() {
        List<ConfigProblem> problems = new ArrayList<>();
        ConfigBinder.check(ConfigMerge.merge(null, json("{\"lr\": 1}"), OptimizerConfig.class), OptimizerConfig.class,
                "$.opt", problems);
        assertEquals(List.of("$.opt.type is required (one of adam, rmsprop, sgd)"),
                problems.stream().map(p -> p.format("")).toList());
    }

    @Test
    void aNullNestedRecordIsFilledFromTheRecordsOwnDefaults() {
        JsonNode merged = ConfigMerge.merge(ConfigJson.tree(LabelConfig.defaults()),
                json("{\"classes\": 10, \"projection\": {\"units\": 16}}"), LabelConfig.class);
        assertEquals(new LabelConfig(10, 0.9f, new Fakes.Layer(16, 0.0)), bind(merged, LabelConfig.class));
    }

    @Test
    void absentUserValueGivesTheDefaultAndNoDefaultGivesNothing() {
        JsonNode defaults = ConfigJson.tree(NetConfig.defaults());
        assertEquals(defaults, ConfigMerge.merge(defaults, null, NetConfig.class));
        assertNull(ConfigMerge.merge(null, null, NetConfig.class));
    }

    @Test
    void inputsAreNotModified() {
        JsonNode defaults = ConfigJson.tree(NetConfig.defaults());
        JsonNode user = json("{\"head\": {\"units\": 1}, \"generatorOptimizer\": {\"type\": \"sgd\"}}");
        String before = defaults.toString() + user;
        ConfigMerge.merge(defaults, user, NetConfig.class);
        assertEquals(before, defaults.toString() + user);
    }
}
