package io.gan4j.core.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gan4j.core.api.Batch;
import io.gan4j.core.api.BidirectionalTranslationModel;
import io.gan4j.core.api.ConfigException;
import io.gan4j.core.api.DataSpec;
import io.gan4j.core.api.EvaluationKind;
import io.gan4j.core.api.GanModel;
import io.gan4j.core.api.GanVariant;
import io.gan4j.core.api.MetricContext;
import io.gan4j.core.api.Network;
import io.gan4j.core.api.PhaseTimer;
import io.gan4j.core.api.SampleGrid;
import io.gan4j.core.api.Seeds;
import io.gan4j.core.api.StepResult;
import io.gan4j.core.api.TranslationModel;
import io.gan4j.core.api.VariantRegistry;
import io.gan4j.core.checkpoint.CheckpointInfo;
import io.gan4j.core.checkpoint.CheckpointStore;
import io.gan4j.core.config.ConfigLoader;
import io.gan4j.core.config.LoadedConfig;
import io.gan4j.core.data.ArrayDataset;
import io.gan4j.core.run.ExperimentRunner;
import io.gan4j.core.train.Trainer;
import io.gan4j.core.train.TrainingListener;
import io.gan4j.core.train.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.LongFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The behaviour every variant must have, inherited by each variant module's test (shared through gan-core's
 * test-jar): discovery, config round trip, a training step that moves every network, sample shapes, checkpoint
 * round trip, and determinism. A subclass names the variant and gives a tiny config that trains in well under
 * a second per step: through the constructor (its model block, and its data block unless it trains on MNIST), or by
 * overriding {@link #variantName()} and {@link #tinyConfig()}.
 */
public abstract class VariantContractTest {
    private static final String MNIST = "\"source\": \"mnist\"";

    private final String variantName;
    private final String tinyModel;
    private final String tinyData;
    private final int tinyBatchSize;

    /** For a subclass that overrides {@link #variantName()} and {@link #tinyConfig()}. */
    protected VariantContractTest() {
        this(null, null, null, 0);
    }

    /** For a subclass that overrides {@link #tinyConfig()}. */
    protected VariantContractTest(String variantName) {
        this(variantName, null, null, 0);
    }

    /**
     * For a variant that trains on MNIST: its tiny config is {@link #tinyMnistConfig(String, int)} of
     * {@code model} and {@code batchSize}.
     */
    protected VariantContractTest(String variantName, String model, int batchSize) {
        this(variantName, model, MNIST, batchSize);
    }

    /**
     * For a variant whose tiny config is {@link #tinyConfig(String, String, int)} of these blocks; its tests vary
     * the model with {@link #tinyConfigWith(String, String)}.
     *
     * @param model the model block's members after its type, e.g. {@code "generator": {"width": 4}}
     * @param data  the data block's members before its limit, e.g. {@link #pairedData(String)}
     */
    protected VariantContractTest(String variantName, String model, String data, int batchSize) {
        this.variantName = variantName;
        this.tinyModel = model;
        this.tinyData = data;
        this.tinyBatchSize = batchSize;
    }

    /** The variant's registry name. */
    protected String variantName() {
        if (variantName == null) {
            throw new IllegalStateException(getClass().getName() + ": name the variant in the constructor or override"
                    + " variantName()");
        }
        return variantName;
    }

    /**
     * A complete, small experiment config (JSON) for this variant: tiny networks, a few dozen examples, a small
     * batch. Its iterations are ignored; the tests choose their own step counts.
     */
    protected String tinyConfig() {
        return tinyConfigWith("", tinyData);
    }

    /**
     * The constructor's tiny config on other data, its model block with {@code moreModel} added (members the block
     * does not set already, e.g. {@code "lambdaGan": 0}; empty for none).
     */
    protected String tinyConfigWith(String moreModel, String data) {
        if (tinyModel == null) {
            throw new IllegalStateException(getClass().getName() + ": give the model block to the constructor or"
                    + " override tinyConfig()");
        }
        return tinyConfig(moreModel.isEmpty() ? tinyModel : tinyModel + ", " + moreModel, data, tinyBatchSize);
    }

    /** {@link #tinyConfigWith(String, String)} on the constructor's data. */
    protected String tinyConfigWith(String moreModel) {
        return tinyConfigWith(moreModel, tinyData);
    }

    protected final VariantRegistry registry = VariantRegistry.discover();
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A tiny config of this variant for {@link #tinyConfig()}: seed 5, at most 64 examples.
     *
     * @param model     the model block's members after its type, e.g. {@code "latentDim": 8}
     * @param data      the data block's members before its limit, e.g. {@code "source": "mnist"}
     * @param batchSize the training batch
     */
    protected String tinyConfig(String model, String data, int batchSize) {
        return """
                {
                  "seed": 5,
                  "model": {"type": "%s", %s},
                  "data": {%s, "limit": 64},
                  "train": {"batchSize": %d}
                }
                """.formatted(variantName(), model, data, batchSize);
    }

    /** {@link #tinyConfig(String, String, int)} on MNIST's first 64 training images. */
    protected String tinyMnistConfig(String model, int batchSize) {
        return tinyConfig(model, MNIST, batchSize);
    }

    /**
     * The data block's members for pairs derived from MNIST's training images for {@code task} (inpaint, superres,
     * denoise; see {@link io.gan4j.core.data.DerivedPairsData}).
     */
    protected static String pairedData(String task) {
        return "\"source\": \"paired\", \"images\": \"mnist\", \"task\": \"" + task + "\"";
    }

    /** Loading {@code json} as a config of this variant fails; the exception names each problem. */
    protected ConfigException refused(String json) {
        return assertThrows(ConfigException.class,
                () -> new ConfigLoader(registry).load("refused-" + variantName() + ".json", json, List.of()));
    }

    protected LoadedConfig load() {
        return load(tinyConfig());
    }

    /**
     * A config that sets nothing in the model block but the variant, to check that the defaults bind to
     * {@link GanVariant#defaultConfig()}; its data block is {@link #tinyConfig()}'s, which the variant can train on.
     */
    protected String defaultsConfig() {
        try {
            ObjectNode config = JSON.createObjectNode();
            config.putObject("model").put("type", variantName());
            config.set("data", JSON.readTree(tinyConfig()).get("data"));
            return JSON.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(getClass().getName() + "'s tiny config is not JSON", e);
        }
    }

    /** Loads another config of this variant (a test of one setting). */
    protected LoadedConfig load(String json) {
        return new ConfigLoader(registry).load("tiny-" + variantName() + ".json", json, List.of());
    }

    /** A model built from {@link #tinyConfig()} with its data, trained for {@code steps} steps by the real loop. */
    protected record Trained(LoadedConfig config, ArrayDataset data, GanModel model, List<StepResult> results) {
    }

    protected Trained train(int steps) {
        return train(tinyConfig(), steps);
    }

    /** {@link #train(int)} with another config of this variant. */
    protected Trained train(String json, int steps) {
        LoadedConfig config = load(json);
        ExperimentRunner runner = new ExperimentRunner(registry);
        ArrayDataset data = runner.checkData(config);
        GanModel model = runner.newModel(config, config.config().data().spec(data));
        return new Trained(config, data, model, run(config, data, model, steps));
    }

    private static List<StepResult> run(LoadedConfig config, ArrayDataset data, GanModel model, int steps) {
        Seeds seeds = new Seeds(config.config().seed());
        LongFunction<Batch> batches = config.config().data().batches(data, config.config().train().batchSize(),
                seeds.of(ExperimentRunner.SHUFFLE), config.config().train().precision().dataType());
        List<StepResult> results = new ArrayList<>();
        TrainingRun run = new TrainingRun("contract", model, data, config.config().data().spec(data), 0, steps,
                seeds.of(Seeds.PREVIEW), new PhaseTimer());
        new Trainer(run, batches, seeds.of(Seeds.NOISE), List.of(new TrainingListener() {
            @Override
            public void onStep(TrainingRun r, long step, StepResult result) {
                results.add(result);
            }
        })).train();
        return results;
    }

    /**
     * What the model makes from {@code seed}: {@code n} samples, or for a model that declares a translator the
     * translations of the first {@code n} training pairs' inputs (with dropout drawn from {@code seed}).
     */
    protected static INDArray generated(GanModel model, Trained t, int n, long seed) {
        return model.translator().map(g -> g.translate(pairs(t, n).x(), seed)).orElseGet(() -> model.sample(n, seed));
    }

    /**
     * The fixed examples the training grids get ({@link io.gan4j.core.data.DataConfig#previewExamples}): the first
     * {@code n} training pairs of a paired data source, inputs derived from a fixed seed; for unpaired data, the
     * first {@code n} images of A (x) and of B (y); else the first {@code n} examples.
     */
    protected static Batch pairs(Trained t, int n) {
        return t.config().config().data().previewExamples(t.data(), n, 17);
    }

    /**
     * Translating the first four fixed inputs gives the same output for two seeds: a translation model without
     * randomness at test time (no dropout, no noise input, running batch-norm statistics) ignores the seed.
     */
    protected static void assertTranslationIgnoresTheSeed(Trained t, String why) {
        TranslationModel m = (TranslationModel) t.model();
        INDArray x = pairs(t, 4).x();
        assertEquals(m.translate(x, 1), m.translate(x, 2), why);
    }

    /**
     * What the model declares agrees with what it does: a sampling model has no translator, a paired translation
     * model has one, a cycle translation model has both directions; a model with classes samples each class; and
     * the training grid made from fixed examples is a whole grid of images of the data's shape.
     */
    @Test
    void declarationsAgreeWithTheModel() {
        Trained t = train(1);
        GanModel model = t.model();
        EvaluationKind kind = model.evaluationKind();
        assertEquals(kind != EvaluationKind.SAMPLES, model.translator().isPresent(), "translator of " + kind);
        assertEquals(kind == EvaluationKind.CYCLE_TRANSLATION, model.backTranslator().isPresent(),
                "back translator of " + kind);
        DataSpec spec = t.config().config().data().spec(t.data());
        if (model.numClasses() > 0) {
            int[] labels = {model.numClasses() - 1, 0};
            assertArrayEquals(spec.batchShape(2), model.sample(2, labels, 5).shape());
        } else {
            assertThrows(UnsupportedOperationException.class, () -> model.sample(2, new int[] {0, 0}, 5));
        }
        if (spec.isImage()) {
            SampleGrid grid = model.sampleGrid(2, 3, pairs(t, 3), 7);
            assertEquals((long) grid.rows() * grid.cols(), grid.images().size(0));
            assertArrayEquals(spec.sampleShape(), java.util.Arrays.copyOfRange(grid.images().shape(), 1, 4));
        }
        // Own metrics must cope without a classifier (2-D data, unknown image domains): snake_case keys, finite values.
        model.ownMetrics(new MetricContext(10, 1, null)).forEach((key, value) -> {
            assertTrue(key.matches("[a-z][a-z0-9_]*"), "own metric key " + key);
            assertTrue(Double.isFinite(value), key + " = " + value);
        });
    }

    @Test
    void isDiscoveredByServiceLoader() {
        List<String> names = new ArrayList<>();
        ServiceLoader.load(GanVariant.class).forEach(v -> names.add(v.name()));
        assertTrue(names.contains(variantName()), "ServiceLoader found " + names);
        assertEquals(variantName(), registry.get(variantName()).name());
    }

    @Test
    void defaultConfigRoundTripsThroughJson() {
        GanVariant variant = registry.get(variantName());
        ConfigLoader loader = new ConfigLoader(registry);
        LoadedConfig defaults = loader.load("defaults.json", defaultsConfig(), List.of());
        assertEquals(variant.defaultConfig(), defaults.config().model(), "binding the serialised defaults");
        LoadedConfig again = loader.load("resolved.json", defaults.resolvedJson(), List.of());
        assertEquals(defaults.config(), again.config());
        assertEquals(defaults.sha256(), again.sha256());
    }

    @Test
    void oneStepChangesEveryNetworkAndGivesFiniteLosses() {
        LoadedConfig config = load();
        ExperimentRunner runner = new ExperimentRunner(registry);
        ArrayDataset data = runner.checkData(config);
        GanModel model = runner.newModel(config, config.config().data().spec(data));
        Map<String, INDArray> before = new LinkedHashMap<>();
        model.networks().forEach((name, net) -> before.put(name, net.params().dup()));
        assertFalse(before.isEmpty(), "the model exposes its networks");

        List<StepResult> results = run(config, data, model, 1);

        assertEquals(1, results.size());
        assertFalse(results.get(0).values().isEmpty(), "a step reports its losses");
        results.get(0).values().forEach((k, v) -> assertTrue(Double.isFinite(v), k + " = " + v));
        model.networks().forEach((name, net) ->
                assertNotEquals(before.get(name), net.params(), "network '" + name + "' was not updated"));
    }

    /**
     * Samples, or translations (both ways for a cycle model), are examples of the data's shape and range; a
     * translation model has no latent code to sample from.
     */
    @Test
    void samplesHaveTheDataShape() {
        Trained t = train(1);
        DataSpec spec = t.config().config().data().spec(t.data());
        assertExamplesOf(spec, 5, generated(t.model(), t, 5, 123));
        if (t.model() instanceof TranslationModel m) {
            assertThrows(UnsupportedOperationException.class, () -> m.sample(2, 1), "no latent code to sample from");
            if (m instanceof BidirectionalTranslationModel cycle) {
                assertExamplesOf(spec, 5, cycle.translateBack(pairs(t, 5).y(), 123));
            }
            SampleGrid grid = m.translationGrid(pairs(t, 4), 7);
            if (m instanceof BidirectionalTranslationModel) {
                assertEquals(6, grid.rows(), "a, G(a), F(G(a)), b, F(b), G(F(b)) rows");
            } else {
                assertEquals(3, grid.rows(), "input, output and target rows");
            }
            assertEquals(4, grid.cols());
            assertArrayEquals(spec.sampleShape(), java.util.Arrays.copyOfRange(grid.images().shape(), 1, 4));
        } else if (spec.isImage()) {
            SampleGrid grid = t.model().sampleGrid(2, 3, 7);
            // Conditional and translation models may choose their own rows (one per class, input/output/target).
            assertEquals((long) grid.rows() * grid.cols(), grid.images().size(0));
            if (!(t.model() instanceof io.gan4j.core.api.ConditionalGanModel)) {
                assertEquals(6, grid.images().size(0));
            }
            assertArrayEquals(spec.sampleShape(), java.util.Arrays.copyOfRange(grid.images().shape(), 1, 4));
        }
    }

    /** {@code n} finite examples of the data's shape; images in [-1, 1]. */
    private static void assertExamplesOf(DataSpec spec, int n, INDArray examples) {
        assertArrayEquals(spec.batchShape(n), examples.shape());
        for (double v : examples.dup().data().asDouble()) {
            assertTrue(Double.isFinite(v), "sample value " + v);
            if (spec.isImage()) {
                assertTrue(v >= -1 && v <= 1, "image values lie in [-1, 1], found " + v);
            }
        }
    }

    @Test
    void sameSeedGivesTheSameSamples() {
        Trained t = train(1);
        assertEquals(generated(t.model(), t, 4, 99), generated(t.model(), t, 4, 99));
        if (t.model() instanceof TranslationModel m) {
            // No latent code: what must differ is the output for different inputs.
            Batch p = pairs(t, 4);
            INDArray a = m.translate(p.x(), 99);
            INDArray b = m.translate(p.x().get(org.nd4j.linalg.indexing.NDArrayIndex.indices(1, 0, 3, 2)).dup(), 99);
            assertNotEquals(a, b);
        } else {
            assertNotEquals(t.model().sample(4, 99), t.model().sample(4, 100));
        }
    }

    @Test
    void checkpointRoundTripGivesIdenticalSamples(@TempDir Path dir) throws Exception {
        Trained t = train(2);
        CheckpointStore store = new CheckpointStore(dir);
        DataSpec spec = t.config().config().data().spec(t.data());
        CheckpointInfo info = new CheckpointInfo(CheckpointInfo.FORMAT, 2, variantName(), t.config().sha256(),
                spec, Map.of(), 0, null, null, "now", "test", null);
        Path saved = store.save(t.model(), info, t.config().resolvedJson(), 2);

        GanModel fresh = new ExperimentRunner(registry).newModel(t.config(), spec);
        assertNotEquals(generated(t.model(), t, 4, 5), generated(fresh, t, 4, 5), "a fresh model differs before loading");
        CheckpointStore.restore(CheckpointStore.read(saved), variantName(), fresh);
        assertEquals(generated(t.model(), t, 4, 5), generated(fresh, t, 4, 5));
        for (Map.Entry<String, ? extends Network> e : t.model().networks().entrySet()) {
            assertEquals(e.getValue().params(), fresh.networks().get(e.getKey()).params(), e.getKey());
            assertEquals(e.getValue().iteration(), fresh.networks().get(e.getKey()).iteration(), e.getKey());
        }
        assertEquals(t.model().state().keySet(), fresh.state().keySet());
        for (Map.Entry<String, INDArray> e : t.model().state().entrySet()) {
            assertEquals(e.getValue(), fresh.state().get(e.getKey()), "state '" + e.getKey() + "'");
        }
    }

    @Test
    void sameSeedGivesTheSameLosses() {
        List<StepResult> a = train(3).results();
        List<StepResult> b = train(3).results();
        assertEquals(3, a.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).values(), b.get(i).values(), "step " + (i + 1));
        }
    }
}
