package io.gan4j.core.testing.parity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gan4j.core.api.Batch;
import io.gan4j.core.api.DataKind;
import io.gan4j.core.api.DataSpec;
import io.gan4j.core.api.GanModel;
import io.gan4j.core.api.ModelContext;
import io.gan4j.core.api.PhaseTimer;
import io.gan4j.core.api.Seeds;
import io.gan4j.core.api.StepContext;
import io.gan4j.core.api.StepResult;
import io.gan4j.core.api.VariantRegistry;
import io.gan4j.core.config.ConfigLoader;
import io.gan4j.core.config.LoadedConfig;
import io.gan4j.core.nn.Net;
import io.gan4j.core.nn.Nets;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Replays a PyTorch parity fixture ({@code benchmarks/parity/make_fixtures.py}) through gan4j's real code: the
 * variant's model built from the fixture's config by the variant registry, every network's parameters set to the
 * fixture's initial values (the parameter names and shapes must match the reference's exactly), the reference's
 * random draws and dropout masks in place of gan4j's, then {@link GanModel#trainStep} once per recorded iteration.
 * Compared with the reference: every logged scalar, the gradient of every network update in order (each learned
 * parameter), and after the last iteration every parameter's change (running statistics included), the optimizer's
 * state and any model state (CycleGAN's image pools).
 *
 * <p>Errors are relative, per tensor: ‖actual − expected‖₂ / ‖expected‖₂ (parameters by their change over the
 * run, which the optimizer's step sets; the parameters themselves hardly move).
 */
public final class ParityReplay {
    /** The tolerances of the issue: 1e-6 in double precision, 1e-3 in float32, the shipped precision. */
    public static double tolerance(DataType type) {
        return type == DataType.DOUBLE ? 1e-6 : 1e-3;
    }

    /**
     * In float32 a quantity may also be as far from the float64 reference as this many times PyTorch's own float32
     * run of the same fixture is (the fixture's {@code float32Errors}): sums that cancel, such as a Wasserstein
     * critic's last bias (exact gradient 0, so Adam moves it on rounding noise), are that far in any float32 code.
     */
    public static final double FLOAT32_FACTOR_OVER_PYTORCH = 4;

    /** One quantity compared, with the largest relative error allowed for it. */
    public record Comparison(String what, double relativeError, double tolerance) {
        boolean passes() {
            return relativeError <= tolerance;
        }
    }

    /** Everything compared in one replay, with the base tolerance it was held to. */
    public record Report(String fixture, DataType type, double tolerance, List<Comparison> comparisons) {
        public List<Comparison> failures() {
            return comparisons.stream().filter(c -> !c.passes()).toList();
        }

        public double worst() {
            return comparisons.stream().mapToDouble(Comparison::relativeError).max().orElse(0);
        }

        /** Fails the test listing every comparison above the tolerance (the worst first). */
        public void assertPasses() {
            List<Comparison> failed = new ArrayList<>(failures());
            failed.sort((a, b) -> Double.compare(b.relativeError(), a.relativeError()));
            if (!failed.isEmpty()) {
                StringBuilder s = new StringBuilder(fixture + " in " + type + ": " + failed.size() + " of "
                        + comparisons.size() + " comparisons above their tolerance (" + tolerance + " or more):");
                failed.stream().limit(25).forEach(c -> s.append("\n  ").append(c.what()).append(": ")
                        .append(c.relativeError()).append(" > ").append(c.tolerance()));
                fail(s.toString());
            }
        }
    }

    private ParityReplay() {
    }

    /** Replays {@code /parity/NAME.json} in {@code type} and fails on any difference above {@link #tolerance}. */
    public static Report check(String name, DataType type) {
        Report r = replay(name, type);
        // One line per replay, for the parity figures in docs/testing.md.
        long widened = r.comparisons().stream().filter(c -> c.relativeError() > r.tolerance()).count();
        System.out.printf("parity %s %s: %d comparisons, worst relative error %.2e%s%n", name, type,
                r.comparisons().size(), r.worst(), widened == 0 ? "" : "; " + widened + " above " + r.tolerance()
                        + ", within " + FLOAT32_FACTOR_OVER_PYTORCH + "x PyTorch's own float32 error");
        r.assertPasses();
        return r;
    }

    /**
     * Replays {@code /parity/NAME.json} in double precision with one {@code --set} override that changes the
     * computation slightly (a loss weight by 1%, say) and fails unless the replay detects it: some comparison whose
     * name contains {@code detectedIn} must be above the tolerance. This is what makes the suite's passing mean
     * something.
     */
    public static void assertDetects(String name, String override, String detectedIn) {
        Report r = replay(name, DataType.DOUBLE, override);
        List<Comparison> failed = r.failures();
        if (failed.stream().noneMatch(c -> c.what().contains(detectedIn))) {
            fail("--set " + override + " went unnoticed by the " + name + " parity test where '" + detectedIn
                    + "' was expected to differ; it found: " + failed.stream().map(Comparison::what).limit(10).toList());
        }
    }

    /**
     * Replays {@code /parity/NAME.json} in {@code type} with the given {@code --set} overrides of its config (e.g.
     * a 1% change of one loss weight) and returns what was compared.
     */
    public static Report replay(String name, DataType type, String... overrides) {
        DataType before = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(type, type);
        try {
            return replay(ParityFixture.load(name), type, List.of(overrides));
        } finally {
            Nd4j.setDefaultDataTypes(before, before);
        }
    }

    private static Report replay(ParityFixture fixture, DataType type, List<String> overrides) {
        JsonNode root = fixture.root();
        JsonNode float32 = type == DataType.DOUBLE ? null : root.get("float32Errors");
        GanModel model = build(root, type, overrides);
        Map<String, Net> nets = Nets.of(model);
        assertEquals(new TreeSet<>(fixtureNames(root.get("initial"))), new TreeSet<>(nets.keySet()),
                "the model's networks");
        Map<String, Map<String, INDArray>> initial = new LinkedHashMap<>();
        for (Map.Entry<String, Net> e : nets.entrySet()) {
            initial.put(e.getKey(), setParameters(e.getKey(), e.getValue(),
                    ParityFixture.arrays(root.get("initial").get(e.getKey()), type)));
        }
        if (root.has("initialState")) {
            model.restoreState(ParityFixture.arrays(root.get("initialState"), type));
        }
        installDropoutMasks(nets, root.get("iterations"), type);

        Map<Net, String> names = new IdentityHashMap<>();
        nets.forEach((k, v) -> names.put(v, k));
        List<Map.Entry<String, Map<String, INDArray>>> updates = new ArrayList<>();
        for (Net net : nets.values()) {
            net.setStepObserver((n, flat) -> updates.add(Map.entry(names.get(n), n.asParamTable(flat.dup()))));
        }
        List<Comparison> comparisons = new ArrayList<>();
        GradientSizes sizes = new GradientSizes();
        int step = 0;
        int updateIndex = 0;
        for (JsonNode iteration : root.get("iterations")) {
            step++;
            ScriptedRandom random = new ScriptedRandom(iteration.get("draws"));
            StepResult result = model.trainStep(batch(iteration.get("batch"), type),
                    new StepContext(step, random, new PhaseTimer()));
            random.assertAllUsed();
            String at = "iteration " + step + " ";
            iteration.get("logs").fields().forEachRemaining(e -> comparisons.add(comparison(float32,
                    at + "log " + e.getKey(), scalarError(result.get(e.getKey()), e.getValue().asDouble()), type)));
            JsonNode expected = iteration.get("updates");
            assertEquals(expected.size(), updates.size() - updateIndex, at + "number of network updates");
            for (JsonNode u : expected) {
                Map.Entry<String, Map<String, INDArray>> actual = updates.get(updateIndex++);
                String network = u.get("network").asText();
                assertEquals(network, actual.getKey(), at + "update " + updateIndex + ": which network");
                String label = at + "update " + updateIndex + " " + network + " gradient ";
                Map<String, INDArray> reference = ParityFixture.arrays(u.get("gradient"), DataType.DOUBLE);
                double scale = norm(reference.values());
                sizes.add(network, reference, scale);
                reference.forEach((param, g) -> comparisons.add(
                        comparison(float32, label + param, error(actual.getValue().get(param), g, scale), type)));
            }
        }
        for (Net net : nets.values()) {
            net.setStepObserver(null);
        }
        compareFinal(root, nets, initial, comparisons, type == DataType.DOUBLE ? null : sizes, float32, type);
        if (root.has("finalState")) {
            Map<String, INDArray> state = model.state();
            ParityFixture.arrays(root.get("finalState"), DataType.DOUBLE).forEach((k, v) ->
                    comparisons.add(comparison(float32, "final state " + k, error(state.get(k), v), type)));
        }
        return new Report(fixture.resource(), type, tolerance(type), comparisons);
    }

    /** The comparison of {@code what}, held to {@link #tolerance} or, in float32, PyTorch's own error times the factor. */
    private static Comparison comparison(JsonNode float32, String what, double error, DataType type) {
        double allowed = tolerance(type);
        if (float32 != null && float32.has(what)) {
            allowed = Math.max(allowed, FLOAT32_FACTOR_OVER_PYTORCH * float32.get(what).asDouble());
        }
        return new Comparison(what, error, allowed);
    }

    private static List<String> fixtureNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The model from the fixture's config, built by the variant's own factory. */
    private static GanModel build(JsonNode root, DataType type, List<String> overrides) {
        ObjectNode config = ((ObjectNode) root.get("config")).deepCopy();
        config.put("name", root.get("name").asText());
        config.putObject("train").put("precision", type == DataType.DOUBLE ? "double" : "float");
        VariantRegistry registry = VariantRegistry.discover();
        LoadedConfig loaded;
        try {
            loaded = new ConfigLoader(registry).load(root.get("name").asText() + ".json",
                    new ObjectMapper().writeValueAsString(config), overrides);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        JsonNode data = root.get("data");
        long[] shape = new long[data.get("sampleShape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = data.get("sampleShape").get(i).asLong();
        }
        int classes = data.get("numClasses").asInt();
        DataKind kind = data.has("kind") ? DataKind.valueOf(data.get("kind").asText())
                : classes > 0 ? DataKind.LABELLED : DataKind.UNLABELLED;
        DataSpec spec = new DataSpec(shape, classes, kind, "parity");
        return loaded.variant().create(new ModelContext(loaded.config().model(), spec,
                new Seeds(loaded.config().seed()), type));
    }

    /** Sets every parameter of {@code net} to the fixture's; the names must match exactly. Returns a copy. */
    private static Map<String, INDArray> setParameters(String name, Net net, Map<String, INDArray> values) {
        Map<String, INDArray> table = net.paramTable();
        assertEquals(new TreeSet<>(values.keySet()), new TreeSet<>(table.keySet()), name + "'s parameter names");
        Map<String, INDArray> copy = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : values.entrySet()) {
            INDArray p = table.get(e.getKey());
            if (!Arrays.equals(p.shape(), e.getValue().shape())) {
                fail(name + " " + e.getKey() + ": gan4j's shape " + Arrays.toString(p.shape()) + ", the reference's "
                        + Arrays.toString(e.getValue().shape()));
            }
            p.assign(e.getValue());
            copy.put(e.getKey(), p.castTo(DataType.DOUBLE).dup());
        }
        return copy;
    }

    /** Replaces the random dropout of every layer the fixture gives masks for with those masks. */
    private static void installDropoutMasks(Map<String, Net> nets, JsonNode iterations, DataType type) {
        Map<String, List<INDArray>> masks = new LinkedHashMap<>();
        for (JsonNode it : iterations) {
            it.get("dropoutMasks").fields().forEachRemaining(e -> {
                for (JsonNode m : e.getValue()) {
                    masks.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(ParityFixture.array(m, type));
                }
            });
        }
        for (Map.Entry<String, List<INDArray>> e : masks.entrySet()) {
            Layer layer = null;
            for (Net net : nets.values()) {
                if (net.isGraph() && net.computationGraph().getVertex(e.getKey()) != null) {
                    layer = net.computationGraph().getLayer(e.getKey());
                }
            }
            if (layer == null) {
                fail("no dropout layer " + e.getKey() + " in any network");
            }
            org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
            if (!(conf.getIDropout() instanceof Dropout d)) {
                fail(e.getKey() + " has no dropout to replace: " + conf.getIDropout());
                return;
            }
            conf.setIDropout(new FixedMaskDropout(e.getValue(), d.getP()));
        }
    }

    private static Batch batch(JsonNode node, DataType type) {
        INDArray x = ParityFixture.array(node.get("x"), type);
        INDArray y = node.has("y") ? ParityFixture.array(node.get("y"), type) : null;
        int[] labels = null;
        if (node.has("labels")) {
            labels = new int[node.get("labels").size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = node.get("labels").get(i).asInt();
            }
        }
        return new Batch(x, labels, y);
    }

    /**
     * Per network, the largest |reference gradient| of each parameter element over all its updates, and the largest
     * norm of a whole update's gradient: an element whose gradient is 0 up to rounding in every update (a bias whose
     * unit has the same activation pattern for every example) is moved by the optimizer's reaction to rounding noise
     * alone, ±lr per RMSProp or Adam step whatever the noise's size, so its float32 change is noise in any
     * implementation (PyTorch's float32 sums happen to cancel exactly there, gan4j's batch sums through a matrix
     * product do not). The float32 replay leaves such elements out of the parameter changes it compares.
     */
    private static final class GradientSizes {
        private static final double ZERO_SHARE = 1e-12;
        private final Map<String, Map<String, INDArray>> largest = new LinkedHashMap<>();
        private final Map<String, Double> largestNorm = new LinkedHashMap<>();

        void add(String network, Map<String, INDArray> gradient, double norm) {
            Map<String, INDArray> m = largest.computeIfAbsent(network, k -> new LinkedHashMap<>());
            gradient.forEach((param, g) -> m.merge(param, org.nd4j.linalg.ops.transforms.Transforms.abs(g, true),
                    (a, b) -> org.nd4j.linalg.ops.transforms.Transforms.max(a, b, true)));
            largestNorm.merge(network, norm, Math::max);
        }

        /** 1 where the element's gradient was ever more than rounding noise, 0 elsewhere; null when unknown. */
        INDArray meaningful(String network, String param) {
            INDArray g = largest.getOrDefault(network, Map.of()).get(param);
            if (g == null) {
                return null;
            }
            return g.gt(ZERO_SHARE * largestNorm.get(network)).castTo(DataType.DOUBLE);
        }

        int ignored(String network, String param) {
            INDArray mask = meaningful(network, param);
            return mask == null ? 0 : (int) (mask.length() - mask.sumNumber().longValue());
        }
    }

    private static void compareFinal(JsonNode root, Map<String, Net> nets, Map<String, Map<String, INDArray>> initial,
                                     List<Comparison> comparisons, GradientSizes zeroGradients, JsonNode float32,
                                     DataType type) {
        for (Map.Entry<String, Net> e : nets.entrySet()) {
            String net = e.getKey();
            Map<String, INDArray> start = initial.get(net);
            Map<String, INDArray> params = e.getValue().paramTable();
            Map<String, INDArray> expectedStart = ParityFixture.arrays(root.get("initial").get(net), DataType.DOUBLE);
            Map<String, INDArray> changes = new LinkedHashMap<>();
            ParityFixture.arrays(root.get("final").get(net), DataType.DOUBLE).forEach((param, expected) ->
                    changes.put(param, expected.sub(expectedStart.get(param))));
            double changeScale = norm(changes.values());
            changes.forEach((param, expected) -> {
                INDArray actual = params.get(param).castTo(DataType.DOUBLE).sub(start.get(param));
                INDArray mask = zeroGradients == null ? null : zeroGradients.meaningful(net, param);
                String what = "final " + net + " " + param + " (its change)";
                if (mask != null && zeroGradients.ignored(net, param) > 0) {
                    what += " without its " + zeroGradients.ignored(net, param) + " elements of gradient 0";
                    actual = actual.reshape(mask.shape()).mul(mask);
                    expected = expected.reshape(mask.shape()).mul(mask);
                }
                comparisons.add(comparison(float32, what, error(actual, expected, changeScale), type));
            });
            Map<String, List<INDArray>> state = e.getValue().optimizerState();
            Map<String, List<INDArray>> expectedState = new LinkedHashMap<>();
            root.get("optimizerState").get(net).fields().forEachRemaining(s -> {
                List<INDArray> parts = new ArrayList<>();
                s.getValue().forEach(a -> parts.add(ParityFixture.array(a, DataType.DOUBLE)));
                expectedState.put(s.getKey(), parts);
            });
            int parts = expectedState.values().stream().mapToInt(List::size).max().orElse(0);
            for (int k = 0; k < parts; k++) {
                int part = k;
                double scale = norm(expectedState.values().stream().map(l -> l.get(part)).toList());
                expectedState.forEach((param, expected) -> {
                    List<INDArray> actual = state.get(param);
                    comparisons.add(comparison(float32, "optimizer state " + net + " " + param + "[" + part + "]",
                            actual == null || actual.size() <= part ? Double.POSITIVE_INFINITY
                                    : error(actual.get(part), expected.get(part), scale), type));
                });
            }
        }
    }

    /**
     * A tensor below this share of its network's whole quantity (that update's gradient, all of its parameter
     * changes, one part of its optimizer state) is compared on that scale instead of its own: a bias whose exact
     * gradient is 0 (its unit's activation pattern is the same for every example, e.g. a Wasserstein critic's) holds
     * rounding noise of order 1e-17 in double, whose relative error says nothing.
     */
    public static final double SMALL_TENSOR_SHARE = 1e-3;

    /**
     * ‖actual − expected‖₂ / max(‖expected‖₂, {@link #SMALL_TENSOR_SHARE}·scale), with {@code scale} the norm of
     * the network's whole quantity the tensor is part of.
     */
    public static double error(INDArray actual, INDArray expected, double scale) {
        if (actual == null) {
            return Double.POSITIVE_INFINITY;
        }
        INDArray a = actual.castTo(DataType.DOUBLE).reshape(expected.shape());
        double diff = a.sub(expected).norm2Number().doubleValue();
        double norm = Math.max(expected.norm2Number().doubleValue(), SMALL_TENSOR_SHARE * scale);
        return norm == 0 ? diff : diff / norm;
    }

    /** ‖actual − expected‖₂ / ‖expected‖₂. */
    public static double error(INDArray actual, INDArray expected) {
        return error(actual, expected, 0);
    }

    /** The 2-norm of all the arrays together. */
    private static double norm(java.util.Collection<INDArray> arrays) {
        double sum = 0;
        for (INDArray a : arrays) {
            double n = a.norm2Number().doubleValue();
            sum += n * n;
        }
        return Math.sqrt(sum);
    }

    /** |actual − expected| / |expected| (absolute where expected is 0). */
    public static double scalarError(double actual, double expected) {
        double diff = Math.abs(actual - expected);
        return expected == 0 ? diff : diff / Math.abs(expected);
    }
}
