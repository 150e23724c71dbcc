package io.gan4j.core.config;

import io.gan4j.core.api.ConfigProblem;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ConfigOverridesTest {

    /** {@code start} with the overrides applied, as compact JSON; fails on any problem. */
    private static String apply(String start, String... overrides) {
        List<ConfigProblem> problems = new ArrayList<>();
        ObjectNode root = (ObjectNode) ConfigJson.parse(start, problems);
        ConfigOverrides.parse(List.of(overrides), problems).applyTo(root);
        assertEquals(List.of(), problems);
        return root.toString();
    }

    @Test
    void valuesAreReadAsJsonWhenTheyAreJson() {
        assertEquals("{\"train\":{\"iterations\":500,\"fast\":true,\"dir\":null,\"hidden\":[64,32],"
                        + "\"opt\":{\"type\":\"sgd\"},\"label\":\"42\"}}",
                apply("{}", "train.iterations=500", "train.fast=true", "train.dir=null", "train.hidden=[64, 32]",
                        "train.opt={\"type\": \"sgd\"}", "train.label=\"42\""));
    }

    @Test
    void otherValuesAreTakenAsPlainStrings() {
        assertEquals("{\"train\":{\"outputDir\":\"/tmp/runs\",\"name\":\"a=b\",\"empty\":\"\",\"broken\":\"[1,2\"}}",
                apply("{}", "train.outputDir=/tmp/runs", "train.name=a=b", "train.empty=", "train.broken=[1,2"));
    }

    @Test
    void missingObjectsAreCreatedAndExistingOnesKept() {
        assertEquals("{\"model\":{\"type\":\"vanilla\",\"head\":{\"units\":3}},\"data\":{\"source\":\"ring8\"}}",
                apply("{\"model\": {\"type\": \"vanilla\"}}", "model.head.units=3", "data.source=ring8"));
    }

    @Test
    void aScalarInTheWayIsReplacedByAnObject() {
        assertEquals("{\"train\":{\"x\":1}}", apply("{\"train\": 5}", "train.x=1"));
    }

    @Test
    void aLaterOverrideWins() {
        assertEquals("{\"seed\":2}", apply("{\"seed\": 0}", "seed=1", "seed=2"));
    }

    @Test
    void malformedOverridesAreProblemsAtSet() {
        List<ConfigProblem> problems = new ArrayList<>();
        ConfigOverrides overrides = ConfigOverrides.parse(
                List.of("train.iterations", "=5", "train..x=1", "train.x.=1", "seed=3"), problems);
        assertEquals(List.of(
                        "--set must be path=value, e.g. train.iterations=500, found 'train.iterations'",
                        "--set must be path=value, e.g. train.iterations=500, found '=5'",
                        "--set must be path=value, e.g. train.iterations=500, found 'train..x=1'",
                        "--set must be path=value, e.g. train.iterations=500, found 'train.x.=1'"),
                problems.stream().map(p -> p.format("")).toList());
        assertEquals(List.of("seed=3"), overrides.texts());
    }

    @Test
    void problemsAtOrBelowAnOverriddenPathNameTheOverride() {
        ConfigOverrides overrides = ConfigOverrides.parse(
                List.of("model.opt={\"type\":\"sgd\"}", "train.batchsize=3", "train.batchsize=4"), new ArrayList<>());
        assertEquals("set by --set train.batchsize=4", overrides.hintFor("$.train.batchsize"));
        assertEquals("set by --set model.opt={\"type\":\"sgd\"}", overrides.hintFor("$.model.opt.lr"));
        assertEquals("set by --set train.batchsize=4", overrides.hintFor("$.train"));
        assertNull(overrides.hintFor("$.model.optimizer"));
        assertNull(overrides.hintFor("$.train.batchsizes"));
        assertNull(overrides.hintFor("$.data"));
    }

    @Test
    void annotateAddsTheOriginToExistingHints() {
        ConfigOverrides overrides = ConfigOverrides.parse(List.of("train.batchsize=3"), new ArrayList<>());
        List<ConfigProblem> annotated = overrides.annotate(List.of(
                new ConfigProblem("$.train.batchsize", "is not a known key", null, "did you mean 'batchSize'?"),
                ConfigProblem.of("$.train.iterations", "must be >= 1", "0")));
        assertEquals(List.of(
                        "$.train.batchsize is not a known key (did you mean 'batchSize'?; set by --set train.batchsize=3)",
                        "$.train.iterations must be >= 1, found 0"),
                annotated.stream().map(p -> p.format("")).toList());
    }

    @Test
    void keysThatAreNotIdentifiersUseBracketPaths() {
        ConfigOverrides overrides = ConfigOverrides.parse(List.of("model.weights.fashion-mnist=x"), new ArrayList<>());
        assertEquals("set by --set model.weights.fashion-mnist=x", overrides.hintFor("$.model.weights[\"fashion-mnist\"]"));
    }
}
