package io.gan4j.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gan4j.core.api.ConfigException;
import io.gan4j.core.config.Fakes.LabelConfig;
import io.gan4j.core.config.Fakes.NetConfig;
import io.gan4j.core.data.IdxData;
import io.gan4j.core.data.MnistData;
import io.gan4j.core.data.Ring8Data;
import io.gan4j.core.nn.OptimizerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {

    private static final String SOURCE = "vanilla-mnist.json";
    private static final String VANILLA = "{\"model\": {\"type\": \"vanilla\"}}";

    private final ConfigLoader loader = new ConfigLoader(Fakes.registry());

    private LoadedConfig load(String json, String... overrides) {
        return loader.load(SOURCE, json, List.of(overrides));
    }

    /** The lines of the ConfigException that loading {@code json} throws. */
    private List<String> errors(String json, String... overrides) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(json, overrides));
        assertEquals(SOURCE, e.source());
        return List.of(e.getMessage().split("\n"));
    }

    @Test
    void aMinimalFileGetsEveryDefault() {
        LoadedConfig loaded = load(VANILLA);
        ExperimentConfig c = loaded.config();
        assertEquals("vanilla-mnist", c.name());
        assertEquals(42L, c.seed());
        assertEquals("vanilla", c.modelType());
        assertEquals(NetConfig.defaults(), c.model());
        assertEquals(MnistData.defaults(), c.data());
        assertEquals(TrainConfig.defaults(), c.train());
        assertSame(Fakes.VANILLA, loaded.variant());
        assertEquals(VANILLA, loaded.sourceText());
        assertEquals(SOURCE, loaded.sourceName());
    }

    @Test
    void eachVariantStartsFromItsOwnDefaults() {
        assertEquals(Fakes.DCGAN.defaultConfig(), load("{\"model\": {\"type\": \"dcgan\"}}").config().model());
    }

    @Test
    void valuesInTheFileOverrideTheDefaults() {
        ExperimentConfig c = load("{\"name\": \"exp\", \"seed\": 7, \"model\": {\"type\": \"vanilla\", \"latentDim\": 16},"
                + " \"data\": {\"limit\": 100}, \"train\": {\"iterations\": 1e3, \"precision\": \"double\"}}").config();
        assertEquals("exp", c.name());
        assertEquals(7L, c.seed());
        assertEquals(16, ((NetConfig) c.model()).latentDim());
        assertEquals(new MnistData(MnistData.defaults().split(), null, 100), c.data());
        assertEquals(1000, c.train().iterations());
        assertEquals(Precision.DOUBLE, c.train().precision());
        assertEquals(TrainConfig.defaults().batchSize(), c.train().batchSize());
    }

    @Test
    void theBriefsExampleMessagesAreProducedExactly() {
        assertEquals(List.of("vanilla-mnist.json: $.train.batchsize is not a known key (did you mean 'batchSize'?)"),
                errors("{\"model\": {\"type\": \"vanilla\"}, \"train\": {\"batchsize\": 32}}"));
        assertEquals(List.of("vanilla-mnist.json: $.model.generatorOptimizer.lr must be > 0, found -0.001"),
                errors("{\"model\": {\"type\": \"vanilla\", \"generatorOptimizer\": {\"lr\": -0.001}}}"));
        assertEquals(List.of("vanilla-mnist.json: $.train.iterations must be an integer, found \"ten\""),
                errors("{\"model\": {\"type\": \"vanilla\"}, \"train\": {\"iterations\": \"ten\"}}"));
        assertEquals(List.of("vanilla-mnist.json: $.model.type must name a known variant, found 'vanila'"
                        + " (one of cgan, dcgan, vanilla; did you mean 'vanilla'?)"),
                errors("{\"model\": {\"type\": \"vanila\"}}"));
        assertEquals(List.of("vanilla-mnist.json: $ must be valid JSON, found unexpected character '}' at line 4, column 3"),
                errors("{\n  \"train\": {\n    \"iterations\": 5,\n  }\n}"));
    }

    @Test
    void problemsFromAllSectionsAreReportedTogether() {
        assertEquals(List.of(
                        "vanilla-mnist.json: $.seed must be an integer, found 1.5",
                        "vanilla-mnist.json: $.model.latentDim must be >= 1, found 0",
                        "vanilla-mnist.json: $.data.limit must be >= 0, found -1",
                        "vanilla-mnist.json: $.train.batchsize is not a known key (did you mean 'batchSize'?)",
                        "vanilla-mnist.json: $.train.logEvery must be >= 1, found 0"),
                errors("{\"seed\": 1.5, \"model\": {\"type\": \"vanilla\", \"latentDim\": 0}, \"data\": {\"limit\": -1},"
                        + " \"train\": {\"batchsize\": 32, \"logEvery\": 0}}"));
    }

    @Test
    void theModelTypeIsRequired() {
        List<String> expected = List.of("vanilla-mnist.json: $.model.type is required (one of cgan, dcgan, vanilla)");
        assertEquals(expected, errors("{}"));
        assertEquals(expected, errors("{\"model\": {\"latentDim\": 3}}"));
        assertEquals(expected, errors("{\"model\": {\"type\": null}}"));
        assertEquals(List.of("vanilla-mnist.json: $.model must be an object, found \"vanilla\""),
                errors("{\"model\": \"vanilla\"}"));
        assertEquals(List.of("vanilla-mnist.json: $.model.type must name a known variant, found 3"
                + " (one of cgan, dcgan, vanilla)"), errors("{\"model\": {\"type\": 3}}"));
    }

    @Test
    void anUnknownVariantWithoutACloseNameListsTheNames() {
        assertEquals(List.of("vanilla-mnist.json: $.model.type must name a known variant, found 'stylegan'"
                + " (one of cgan, dcgan, vanilla)"), errors("{\"model\": {\"type\": \"stylegan\"}}"));
    }

    @Test
    void unknownTopLevelKeysAreReported() {
        assertEquals(List.of("vanilla-mnist.json: $.trian is not a known key (did you mean 'train'?)",
                        "vanilla-mnist.json: $.notes is not a known key (known keys: name, description, seed, model, data, train, eval)"),
                errors("{\"model\": {\"type\": \"vanilla\"}, \"trian\": {}, \"notes\": \"x\"}"));
    }

    @Test
    void aDescriptionIsAcceptedAsAStringAndDoesNotChangeTheRun() {
        LoadedConfig plain = load(VANILLA);
        LoadedConfig described = load("{\"description\": \"Radford et al. 2015, section 4\", \"model\": {\"type\": \"vanilla\"}}");
        assertEquals(plain.config(), described.config());
        assertEquals(plain.resolvedJson(), described.resolvedJson());
        assertEquals(List.of("vanilla-mnist.json: $.description must be a string (a note for people; JSON has no"
                + " comments), found 3"), errors("{\"description\": 3, \"model\": {\"type\": \"vanilla\"}}"));
    }

    @Test
    void theNameMustBeUsableAsADirectory() {
        String rule = "vanilla-mnist.json: $.name must be a non-empty name usable as a directory name"
                + " (no '/', '\\', line breaks or other control characters), found ";
        assertEquals(List.of(rule + "\"a/b\""), errors("{\"name\": \"a/b\", \"model\": {\"type\": \"vanilla\"}}"));
        assertEquals(List.of(rule + "\"a\\nb\""), errors("{\"name\": \"a\\nb\", \"model\": {\"type\": \"vanilla\"}}"));
        assertEquals(List.of("vanilla-mnist.json: $.name must be at most 100 characters long, found a name of 101"
                + " characters"), errors("{\"name\": \"" + "n".repeat(101) + "\", \"model\": {\"type\": \"vanilla\"}}"));
        assertEquals("n".repeat(100), load("{\"name\": \"" + "n".repeat(100) + "\", \"model\": {\"type\": \"vanilla\"}}")
                .config().name());
        assertEquals(List.of("vanilla-mnist.json: $.name must be a string, found 5"),
                errors("{\"name\": 5, \"model\": {\"type\": \"vanilla\"}}"));
    }

    @Test
    void theDefaultNameIsTheFileNameWithoutJson() {
        assertEquals("wgan-gp", loader.load("configs/wgan-gp.json", VANILLA, List.of()).config().name());
        assertEquals("plain", loader.load("plain", VANILLA, List.of()).config().name());
        assertEquals("experiment", loader.load("", VANILLA, List.of()).config().name());
    }

    @Test
    void theRootMustBeAJsonObject() {
        assertEquals(List.of("vanilla-mnist.json: $ must be a JSON object, found [1,2]"), errors("[1, 2]"));
        assertEquals(List.of("vanilla-mnist.json: $ must be a JSON object, found an empty document"), errors("  "));
    }

    @Test
    void duplicateKeysAreErrors() {
        assertEquals(List.of("vanilla-mnist.json: $.train.iterations must appear only once, found it again on line 1"),
                errors("{\"model\": {\"type\": \"vanilla\"}, \"train\": {\"iterations\": 1, \"iterations\": 2}}"));
        assertEquals(List.of("vanilla-mnist.json: $.model.hidden[1].a must appear only once, found it again on line 4"),
                errors("{\"model\": {\"type\": \"vanilla\",\n \"hidden\": [1,\n  {\"a\": 1,\n   \"a\": 2}]}}"));
    }

    @Test
    void aMissingFileIsReportedWithTheReason(@TempDir Path dir) {
        Path missing = dir.resolve("nope.json");
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(missing, List.of()));
        assertEquals(missing + ": $ must be a readable UTF-8 file, found no such file", e.getMessage());
    }

    @Test
    void aDirectoryIsNotAConfigFile(@TempDir Path dir) {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(dir, List.of()));
        assertEquals("$", e.problems().get(0).path());
        assertTrue(e.getMessage().startsWith(dir + ": $ must be a readable UTF-8 file, found "), e.getMessage());
    }

    @Test
    void aFileIsReadAndNamedByItsPath(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("ring.json");
        String text = "{\"model\": {\"type\": \"vanilla\"}, \"data\": {\"source\": \"ring8\"}}\n";
        Files.writeString(file, text);
        LoadedConfig loaded = loader.load(file, List.of("train.iterations=10"));
        assertEquals("ring", loaded.config().name());
        assertEquals(text, loaded.sourceText());
        assertEquals(file.toString(), loaded.sourceName());
        assertEquals(List.of("train.iterations=10"), loaded.overrides());
        assertEquals(Ring8Data.defaults(), loaded.config().data());
    }

    @Test
    void overridesSetValuesArraysAndStrings() {
        ExperimentConfig c = load(VANILLA, "train.iterations=500", "model.hidden=[64, 32]", "train.outputDir=/tmp/x",
                "model.label=plain text").config();
        assertEquals(500, c.train().iterations());
        assertEquals(List.of(64, 32), ((NetConfig) c.model()).hidden());
        assertEquals("/tmp/x", c.train().outputDir());
        assertEquals("plain text", ((NetConfig) c.model()).label());
    }

    @Test
    void overridesApplyBeforeTheVariantIsChosen() {
        LoadedConfig loaded = load("{\"model\": {\"type\": \"dcgan\", \"latentDim\": 5}}", "model.type=vanilla");
        assertSame(Fakes.VANILLA, loaded.variant());
        NetConfig d = NetConfig.defaults();
        assertEquals(new NetConfig(5, d.steps(), d.gpWeight(), d.label(), d.hidden(), d.activation(), d.head(),
                d.generatorOptimizer(), d.discriminatorOptimizer(), d.spectralNorm(), d.weights()), loaded.config().model());
        assertEquals(List.of("vanilla-mnist.json: $.model.classes is not a known key (known keys: latentDim, steps,"
                        + " gpWeight, label, hidden, activation, head, generatorOptimizer, discriminatorOptimizer,"
                        + " spectralNorm, weights; set by --set model.classes=4)"),
                errors("{\"model\": {\"type\": \"vanilla\"}}", "model.classes=4"));
    }

    @Test
    void problemsCausedByAnOverrideSaySo() {
        assertEquals(List.of(
                        "vanilla-mnist.json: --set must be path=value, e.g. train.iterations=500, found 'train.iterations'",
                        "vanilla-mnist.json: $.train.batchsize is not a known key (did you mean 'batchSize'?;"
                                + " set by --set train.batchsize=3)",
                        "vanilla-mnist.json: $.train.logEvery must be >= 1, found 0 (set by --set train.logEvery=0)"),
                errors(VANILLA, "train.iterations", "train.batchsize=3", "train.logEvery=0"));
        assertEquals(List.of("vanilla-mnist.json: $.trian is not a known key (did you mean 'train'?;"
                + " set by --set trian.iterations=5)"), errors(VANILLA, "trian.iterations=5"));
    }

    @Test
    void aPolymorphicFieldKeepsItsDefaultsUnlessItsTypeChanges() {
        NetConfig same = (NetConfig) load("{\"model\": {\"type\": \"vanilla\", \"generatorOptimizer\": {\"lr\": 0.01}}}")
                .config().model();
        assertEquals(new OptimizerConfig.Adam(0.01, 0.5, 0.999, 1e-8), same.generatorOptimizer());
        NetConfig changed = (NetConfig) load(VANILLA, "model.generatorOptimizer.type=rmsprop").config().model();
        assertEquals(OptimizerConfig.RmsProp.defaults(), changed.generatorOptimizer());
    }

    @Test
    void requiredFieldsOfAChosenDataSourceMustBeGiven() {
        assertEquals(List.of("vanilla-mnist.json: $.data.images is required"),
                errors("{\"model\": {\"type\": \"vanilla\"}, \"data\": {\"source\": \"idx\"}}"));
        assertEquals(new IdxData("x.gz", null, 0),
                load("{\"model\": {\"type\": \"vanilla\"}, \"data\": {\"source\": \"idx\", \"images\": \"x.gz\"}}")
                        .config().data());
    }

    @Test
    void theDataSourceMustServeTheVariant() {
        assertEquals(List.of("vanilla-mnist.json: $.data.source must provide labelled data for variant 'cgan',"
                        + " found unlabelled data from 'ring8' (sources that fit: mnist, fashion-mnist, cifar10)"),
                errors("{\"model\": {\"type\": \"cgan\", \"classes\": 10}, \"data\": {\"source\": \"ring8\"}}"));
        // Labelled data can feed an unlabelled variant.
        assertEquals(MnistData.defaults(), load(VANILLA).config().data());
    }

    @Test
    void variantFieldsAreRequiredWhereTheVariantSaysSo() {
        assertEquals(List.of("vanilla-mnist.json: $.model.classes is required"), errors("{\"model\": {\"type\": \"cgan\"}}"));
        assertEquals(new LabelConfig(10, 0.9f, null), load("{\"model\": {\"type\": \"cgan\", \"classes\": 10}}").config().model());
    }

    @Test
    void crossFieldChecksReportTheirPath() {
        assertEquals(List.of("vanilla-mnist.json: $.model.head.units must be >= latentDim (512), found 128"),
                errors("{\"model\": {\"type\": \"vanilla\", \"latentDim\": 512}}"));
        assertEquals(List.of("vanilla-mnist.json: $.train.outputDir must be a directory path, found \"\" (set by --set train.outputDir=\"\")"),
                errors(VANILLA, "train.outputDir=\"\""));
    }

    @Test
    void theResolvedTreeHasAFixedKeyOrder() {
        JsonNode resolved = load("{\"train\": {\"iterations\": 5}, \"data\": {\"limit\": 3},"
                + " \"model\": {\"latentDim\": 8, \"type\": \"vanilla\"}, \"seed\": 1}").resolved();
        assertEquals(List.of("name", "seed", "model", "data", "train", "eval"), keys(resolved));
        assertEquals("type", keys(resolved.get("model")).get(0));
        assertEquals("source", keys(resolved.get("data")).get(0));
        assertEquals("vanilla-mnist", resolved.get("name").textValue());
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void theResolvedJsonLoadsBackToTheSameConfigAndHash(@TempDir Path dir) throws IOException {
        LoadedConfig first = load("{\"model\": {\"type\": \"dcgan\", \"generatorOptimizer\": {\"type\": \"sgd\"}},"
                + " \"data\": {\"source\": \"ring8\", \"radius\": 3}, \"train\": {\"iterations\": 1e4}}", "seed=9");
        Path file = dir.resolve("config.resolved.json");
        Files.writeString(file, first.resolvedJson());
        LoadedConfig again = loader.loadResolved(file);
        assertEquals(first.config(), again.config());
        assertEquals(first.resolved(), again.resolved());
        assertEquals(first.sha256(), again.sha256());
        assertEquals(first.resolvedJson(), again.resolvedJson());
    }

    @Test
    void aRunWrittenBeforeAKeyWasRemovedStillLoadsButANewConfigWithItIsRefused(@TempDir Path dir) throws IOException {
        LoadedConfig current = load("{\"model\": {\"type\": \"vanilla\"}, \"train\": {\"iterations\": 7}}");
        ObjectNode old = (ObjectNode) ConfigJson.parse(current.resolvedJson(), new ArrayList<>());
        ((ObjectNode) old.get("train")).put("gcEvery", 5);
        Path file = dir.resolve("config.resolved.json");
        Files.writeString(file, old.toPrettyString());

        assertEquals(current.config(), loader.loadResolved(file).config());
        assertEquals(8, loader.loadResolved(file, List.of("train.iterations=8")).config().train().iterations());
        ConfigException refused = assertThrows(ConfigException.class, () -> loader.load(file, List.of()));
        assertTrue(refused.getMessage().contains("$.train.gcEvery was removed"), refused.getMessage());
    }

    @Test
    void theHashDependsOnValuesNotOnHowTheyWereWritten() {
        LoadedConfig plain = load("{\"name\": \"x\", \"model\": {\"type\": \"vanilla\"}}");
        LoadedConfig spelledOut = load("{\"train\": {\"batchSize\": 64, \"iterations\": 10000},\n"
                + " \"model\": {\"latentDim\": 64.0, \"type\": \"vanilla\"},   \"name\": \"x\", \"seed\": 42}");
        LoadedConfig overridden = load("{\"name\": \"x\", \"model\": {\"type\": \"vanilla\", \"latentDim\": 3}}",
                "model.latentDim=64");
        assertEquals(plain.sha256(), spelledOut.sha256());
        assertEquals(plain.sha256(), overridden.sha256());
        assertNotEquals(plain.sha256(), load("{\"name\": \"x\", \"model\": {\"type\": \"vanilla\"}}", "seed=43").sha256());
        assertTrue(plain.sha256().matches("[0-9a-f]{64}"), plain.sha256());
    }

    @Test
    void theCanonicalJsonIsSortedAndCompact() {
        String canonical = load(VANILLA).canonicalJson();
        assertTrue(canonical.startsWith("{\"data\":{\"dir\":null,\"limit\":0,\"source\":\"mnist\",\"split\":\"train\"},"
                + "\"eval\":{\"against\":\"heldout\",\"every\":0,\"features\":null,\"metric\":\"fid\",\"samples\":2000},"
                + "\"model\":{\"activation\":\"leaky_relu\","), canonical);
        assertTrue(!canonical.contains(" ") && !canonical.contains("\n"), canonical);
    }

    @Test
    void theResolvedJsonIsPrettyPrinted() {
        String json = load(VANILLA).resolvedJson();
        assertTrue(json.startsWith("{\n  \"name\": \"vanilla-mnist\",\n  \"seed\": 42,\n  \"model\": {\n"
                + "    \"type\": \"vanilla\",\n"), json);
    }

    @Test
    void theLoadedConfigCannotBeChangedThroughItsTree() {
        LoadedConfig loaded = load(VANILLA);
        String sha = loaded.sha256();
        loaded.resolved().put("seed", 1);
        assertEquals(sha, loaded.sha256());
    }
}
