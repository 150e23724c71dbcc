package io.gan4j.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.config.Fakes.Activation;
import io.gan4j.core.config.Fakes.LabelConfig;
import io.gan4j.core.config.Fakes.Layer;
import io.gan4j.core.config.Fakes.NetConfig;
import io.gan4j.core.config.Fakes.Window;
import io.gan4j.core.data.DataConfig;
import io.gan4j.core.data.FashionMnistData;
import io.gan4j.core.data.Grid25Data;
import io.gan4j.core.data.IdxData;
import io.gan4j.core.data.MnistData;
import io.gan4j.core.data.Ring8Data;
import io.gan4j.core.nn.OptimizerConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigBinderTest {

    /** The full default NetConfig as JSON with {@code edit} merged in, then checked; one line per problem. */
    private static List<String> netProblems(String edit) {
        return lines(check(merged(edit), NetConfig.class));
    }

    private static JsonNode merged(String edit) {
        return ConfigMerge.merge(ConfigJson.tree(NetConfig.defaults()), json(edit), NetConfig.class);
    }

    private static JsonNode json(String text) {
        List<ConfigProblem> problems = new ArrayList<>();
        JsonNode node = ConfigJson.parse(text, problems);
        assertEquals(List.of(), problems);
        return node;
    }

    private static List<ConfigProblem> check(JsonNode node, Class<?> type) {
        List<ConfigProblem> problems = new ArrayList<>();
        ConfigBinder.check(node, type, "$", problems);
        return problems;
    }

    private static List<String> lines(List<ConfigProblem> problems) {
        return problems.stream().map(p -> p.format("")).toList();
    }

    private static <T> T bindOk(JsonNode node, Class<T> type) {
        List<ConfigProblem> problems = new ArrayList<>();
        T value = ConfigBinder.bind(node, type, "$", problems);
        assertEquals(List.of(), lines(problems));
        return value;
    }

    @Test
    void defaultsSurviveSerialiseCheckBind() {
        List<Object> defaults = List.of(NetConfig.defaults(), Fakes.DCGAN.defaultConfig(), TrainConfig.defaults(),
                MnistData.defaults(), FashionMnistData.defaults(), Ring8Data.defaults(), Grid25Data.defaults(),
                new IdxData("images.gz", null, 0), OptimizerConfig.Adam.defaults(), OptimizerConfig.RmsProp.defaults(),
                OptimizerConfig.Sgd.defaults());
        for (Object d : defaults) {
            Class<?> type = d instanceof DataConfig ? DataConfig.class
                    : d instanceof OptimizerConfig ? OptimizerConfig.class : d.getClass();
            assertEquals(d, bindOk(ConfigJson.tree(d), type), "round trip of " + d);
        }
    }

    @Test
    void enumsWithoutJsonPropertyUseLowerCaseNamesBothWays() {
        assertEquals("\"leaky_relu\"", ConfigJson.tree(NetConfig.defaults()).get("activation").toString());
        NetConfig bound = bindOk(merged("{\"activation\": \"tanh\"}"), NetConfig.class);
        assertEquals(Activation.TANH, bound.activation());
        assertEquals(List.of("$.activation must be one of relu, leaky_relu, tanh, found \"RELU\" (did you mean 'relu'?)"),
                netProblems("{\"activation\": \"RELU\"}"));
        assertEquals(List.of("$.activation must be one of relu, leaky_relu, tanh, found 3"),
                netProblems("{\"activation\": 3}"));
    }

    @Test
    void enumsWithJsonPropertyUseThoseNames() {
        assertEquals(List.of("$.precision must be one of float, double, found \"FLOAT32\" (did you mean 'float'?)"),
                lines(check(ConfigMerge.merge(ConfigJson.tree(TrainConfig.defaults()),
                        json("{\"precision\": \"FLOAT32\"}"), TrainConfig.class), TrainConfig.class)));
    }

    @Test
    void unknownKeysSuggestTheClosestKnownKey() {
        assertEquals(List.of("$.latentdim is not a known key (did you mean 'latentDim'?)",
                        "$.gpWieght is not a known key (did you mean 'gpWeight'?)",
                        "$.head.unit is not a known key (did you mean 'units'?)"),
                netProblems("{\"latentdim\": 3, \"head\": {\"unit\": 4}, \"gpWieght\": 1}"));
    }

    @Test
    void unknownKeyWithoutACloseMatchListsTheKnownKeys() {
        assertEquals(List.of("$.head.size is not a known key (known keys: units, dropout)"),
                netProblems("{\"head\": {\"size\": 4}}"));
    }

    @Test
    void integersRejectFractionsStringsAndOverflow() {
        assertEquals(List.of("$.latentDim must be an integer, found \"ten\"",
                        "$.steps must be an integer, found 1.5",
                        "$.head.units must be an integer from -2147483648 to 2147483647, found 3000000000"),
                netProblems("{\"latentDim\": \"ten\", \"steps\": 1.5, \"head\": {\"units\": 3000000000}}"));
        assertEquals(List.of("$.steps must be an integer from -9223372036854775808 to 9223372036854775807, found 1E+19"),
                netProblems("{\"steps\": 1e19}"));
    }

    @Test
    void integersAcceptWholeNumbersWrittenAsFloats() {
        NetConfig bound = bindOk(merged("{\"latentDim\": 1e2, \"steps\": 3000000000, \"head\": {\"units\": 200.0}}"),
                NetConfig.class);
        assertEquals(100, bound.latentDim());
        assertEquals(3_000_000_000L, bound.steps());
        assertEquals(200, bound.head().units());
    }

    @Test
    void numbersMustBeFiniteJsonNumbers() {
        assertEquals(List.of("$.gpWeight must be a number, found \"NaN\""), netProblems("{\"gpWeight\": \"NaN\"}"));
        assertEquals(List.of("$.gpWeight must be a finite number, found 1E+400"), netProblems("{\"gpWeight\": 1e400}"));
        assertEquals(List.of("$.smoothing must be a finite float, found 1E+39"),
                lines(check(json("{\"classes\": 3, \"smoothing\": 1e39}"), LabelConfig.class)));
        assertEquals(3.0, bindOk(merged("{\"gpWeight\": 3}"), NetConfig.class).gpWeight());
    }

    @Test
    void booleansAndStringsAreNotCoerced() {
        assertEquals(List.of("$.label must be a string, found 5", "$.spectralNorm must be true or false, found \"true\""),
                netProblems("{\"label\": 5, \"spectralNorm\": \"true\"}"));
    }

    @Test
    void listElementsAreCheckedWithTheirIndex() {
        assertEquals(List.of("$.hidden[1] must be >= 1, found 0", "$.hidden[2] must be an integer, found \"x\"",
                        "$.hidden[3] must be an integer, found null"),
                netProblems("{\"hidden\": [256, 0, \"x\", null]}"));
        assertEquals(List.of("$.hidden must be an array, found \"256\""), netProblems("{\"hidden\": \"256\"}"));
        assertEquals(List.of(512, 8), bindOk(merged("{\"hidden\": [512, 8]}"), NetConfig.class).hidden());
    }

    @Test
    void mapValuesAreCheckedWithTheirKey() {
        assertEquals(List.of("$.weights[\"fashion-mnist\"] must be a number, found \"x\"",
                        "$.weights must be an object, found [1]"),
                List.of(netProblems("{\"weights\": {\"mnist\": 1, \"fashion-mnist\": \"x\"}}").get(0),
                        netProblems("{\"weights\": [1]}").get(0)));
        assertEquals(Map.of("a", 0.5), bindOk(merged("{\"weights\": {\"a\": 0.5}}"), NetConfig.class).weights());
    }

    @Test
    void nullMeansUnsetExceptForPrimitivesAndRequiredFields() {
        assertNull(bindOk(merged("{\"label\": null}"), NetConfig.class).label());
        assertEquals(List.of("$.latentDim must be an integer, found null"), netProblems("{\"latentDim\": null}"));
        assertEquals(List.of("$.classes is required"), lines(check(json("{\"smoothing\": 0.5}"), LabelConfig.class)));
        assertEquals(List.of("$.classes is required"),
                lines(check(json("{\"classes\": null, \"smoothing\": 0.5}"), LabelConfig.class)));
        assertEquals(List.of("$.smoothing is required"), lines(check(json("{\"classes\": 2}"), LabelConfig.class)));
    }

    @Test
    void rangesAreReportedWithTheValueAsWritten() {
        assertEquals(List.of("$.latentDim must be >= 1, found 0",
                        "$.generatorOptimizer.lr must be > 0, found -0.001",
                        "$.generatorOptimizer.beta1 must be in [0, 1), found 1.0"),
                netProblems("{\"generatorOptimizer\": {\"lr\": -0.001, \"beta1\": 1.0}, \"latentDim\": 0}"));
        assertEquals(List.of("$.smoothing must be in (0, 1], found 0"),
                lines(check(json("{\"classes\": 3, \"smoothing\": 0}"), LabelConfig.class)));
    }

    @Test
    void polymorphicValuesNeedAKnownDiscriminator() {
        assertEquals(List.of("$.generatorOptimizer.type is required (one of adam, rmsprop, sgd)"),
                netProblems("{\"generatorOptimizer\": {\"type\": null}}"));
        assertEquals(List.of("$.generatorOptimizer.type must be one of adam, rmsprop, sgd, found \"adamw\" (did you mean 'adam'?)"),
                netProblems("{\"generatorOptimizer\": {\"type\": \"adamw\"}}"));
        assertEquals(List.of("$.discriminatorOptimizer must be an object, found \"sgd\""),
                netProblems("{\"discriminatorOptimizer\": \"sgd\"}"));
    }

    @Test
    void polymorphicValuesAreCheckedAgainstTheirSubtype() {
        assertEquals(List.of("$.beta1 is not a known key (known keys: lr, momentum)"),
                lines(check(json("{\"type\": \"sgd\", \"lr\": 0.1, \"momentum\": 0, \"beta1\": 0.5}"),
                        OptimizerConfig.class)));
        NetConfig bound = bindOk(merged("{\"discriminatorOptimizer\": {\"type\": \"rmsprop\", \"lr\": 5e-5}}"),
                NetConfig.class);
        assertEquals(new OptimizerConfig.RmsProp(5e-5, 0.99, 1e-8), bound.discriminatorOptimizer());
    }

    @Test
    void nestedRecordsMustBeObjects() {
        assertEquals(List.of("$.head must be an object, found 5"), netProblems("{\"head\": 5}"));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertEquals(List.of("$.latentDm is not a known key (did you mean 'latentDim'?)",
                        "$.steps must be >= 1, found 0",
                        "$.hidden[0] must be >= 1, found -4",
                        "$.head.dropout must be in [0, 1), found 2",
                        "$.discriminatorOptimizer.epsilon must be > 0, found 0"),
                netProblems("{\"latentDm\": 1, \"steps\": 0, \"hidden\": [-4], \"head\": {\"dropout\": 2},"
                        + " \"discriminatorOptimizer\": {\"epsilon\": 0}}"));
    }

    @Test
    void crossFieldChecksRunOnNestedRecordsWithTheirPath() {
        List<ConfigProblem> problems = new ArrayList<>();
        assertNull(ConfigBinder.bind(merged("{\"latentDim\": 300, \"head\": {\"units\": 1, \"dropout\": 0.5}}"),
                NetConfig.class, "$.model", problems));
        assertEquals(List.of("$.model.head.units must be >= 2 when dropout > 0, found 1",
                "$.model.head.units must be >= latentDim (300), found 1"), lines(problems));
    }

    @Test
    void crossFieldChecksWaitForTheFieldChecks() {
        List<ConfigProblem> problems = new ArrayList<>();
        ConfigBinder.bind(merged("{\"latentDim\": 300, \"head\": {\"units\": 1}, \"steps\": -1}"), NetConfig.class,
                "$", problems);
        assertEquals(List.of("$.steps must be >= 1, found -1"), lines(problems));
    }

    @Test
    void aRecordConstructorsOwnRejectionBecomesAProblem() {
        List<ConfigProblem> problems = new ArrayList<>();
        assertNull(ConfigBinder.bind(json("{\"from\": 5, \"to\": 2}"), Window.class, "$.window", problems));
        assertEquals(1, problems.size());
        assertEquals("$.window", problems.get(0).path());
        assertTrue(problems.get(0).hint().contains("to (2) is before from (5)"), problems.get(0).hint());
    }

    @Test
    void theRootValueMustBePresent() {
        assertEquals(List.of("$ is required"), lines(check(null, Layer.class)));
        assertEquals(List.of("$ must be an object, found [1,2]"), lines(check(json("[1, 2]"), Layer.class)));
    }

    @Test
    void longValuesAreShortenedInMessages() {
        List<String> problems = netProblems("{\"label\": [" + "1,".repeat(40) + "1]}");
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("$.label must be a string, found [1,1,1"), problems.get(0));
        assertTrue(problems.get(0).endsWith("..."), problems.get(0));
    }
}
