package io.gan4j.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A generated corpus of malformed configs, every one checked with {@code gan4j validate --no-data} in this JVM. Each
 * has one thing broken and must be rejected with exit code 2 and exactly one line, which names the file and the
 * exact JSON path that was broken (e.g. {@code $.model.generator.hidden[1]}), with no stack trace.
 *
 * <p>The corpus is built from {@link #BASES}, small configs kept with this test (not {@code experiments/configs}, so
 * adding or editing a shipped config does not change it), expanded to their resolved form with every default: an
 * unknown key in every object at every level, a value of the wrong JSON type at every leaf and at every element of
 * every list, required fields removed, out-of-range and non-finite numbers, unknown variant names, data that does
 * not suit the variant, and broken JSON. Every case is checked, in a fixed order; none is sampled. All but two run
 * with {@code --no-data}; those two (2-D points for convolutional networks, which only the data's shape reveals)
 * let {@code validate} generate the ring-8 points.
 *
 * <p>Only {@code validate} runs, never {@code train}: a config the validator wrongly accepted would otherwise start a
 * real training run (once a 3,000-step CycleGAN inside {@code mvn verify}); here it is simply a failure.
 */
class MalformedConfigCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the bases live, relative to the module (the working directory of Surefire). */
    private static final Path BASE_DIR = Path.of("src/test/resources/malformed-corpus");

    /**
     * The base configs, in the order the corpus is built: every variant, every backbone (MLP and conv for cgan and
     * wgan; pix2pix's U-Net and CycleGAN's ResNet), both Lipschitz constraints, each optimizer type (Adam, RMSProp,
     * SGD) and every data source, so that every field of every config type is a leaf of some base.
     */
    static final List<String> BASES = List.of("vanilla-mnist", "vanilla-ring8", "vanilla-grid25-sgd", "vanilla-idx",
            "vanilla-folder", "dcgan-fashion", "cgan-mlp-mnist", "cgan-conv-mnist", "wgan-clip-mlp-mnist",
            "wgan-clip-conv-mnist", "wgan-gp-ring8", "pix2pix-paired-mnist", "pix2pix-aligned-folder",
            "cyclegan-unpaired-mnist", "cyclegan-unaligned-folder", "cgan-cifar10");

    /**
     * How many cases the corpus holds, quoted in docs/reliability.md's table. It changes only when a base, a
     * config type's fields or the hand-written cases below change; then update it and docs/reliability.md together.
     */
    static final int EXPECTED_CASES = 1288;

    @TempDir
    Path tmp;

    /**
     * One malformed config.
     *
     * @param what   what was done to which base, for the failure message
     * @param text   the config text
     * @param path   the JSON path the message must name exactly ({@code $} for a document that is not
     *               a JSON object)
     * @param detail a regular expression the message must also match somewhere (the value found, the line of a
     *               syntax error), or null
     * @param data   whether to load the data too (a check that needs the data's shape, not only the config)
     */
    record Case(String what, String text, String path, String detail, boolean data) {
        Case(String what, String text, String path, String detail) {
            this(what, text, path, detail, false);
        }
    }

    @Test
    void everyMalformedConfigIsRejectedWithExitCode2NamingTheFileAndTheExactPath() throws IOException {
        // The bases themselves are valid: whatever a case's message says is about what was broken in it.
        for (String base : BASES) {
            CliTest.Result r = CliTest.cli("validate", "--no-data", BASE_DIR.resolve(base + ".json").toString());
            assertEquals(0, r.code(), base + " must be valid: " + r.err());
        }
        long t0 = System.nanoTime();
        List<Case> corpus = corpus();
        List<String> failures = new ArrayList<>();
        Map<String, Integer> byKind = new LinkedHashMap<>();
        for (int n = 0; n < corpus.size(); n++) {
            Case c = corpus.get(n);
            Path file = tmp.resolve("case-" + n + ".json");
            Files.writeString(file, c.text());
            CliTest.Result r = c.data() ? CliTest.cli("validate", file.toString())
                    : CliTest.cli("validate", "--no-data", file.toString());
            String why = verdict(c, file, r);
            if (why != null) {
                failures.add(c.what() + ": " + why + "\n    exit " + r.code() + ", stderr: " + r.err().strip());
            }
            byKind.merge(c.what().replaceAll(" .*", ""), 1, Integer::sum);
        }
        System.out.printf("malformed configs rejected cleanly, naming the exact path: %d/%d %s in %.1f s%n",
                corpus.size() - failures.size(), corpus.size(), byKind, (System.nanoTime() - t0) / 1e9);
        assertEquals(List.of(), failures, failures.size() + " of " + corpus.size() + " not rejected cleanly");
        assertEquals(EXPECTED_CASES, corpus.size(), "the corpus changed " + byKind + ": update EXPECTED_CASES and"
                + " the count in docs/reliability.md's table");
    }

    /** Null when the CLI's answer is right for the case, else what is wrong with it. */
    static String verdict(Case c, Path file, CliTest.Result r) {
        if (r.code() != 2) {
            return "exit code " + r.code() + ", expected 2";
        }
        String err = r.err();
        if (err.contains("\tat ") || err.contains("Exception") || err.contains("--verbose")) {
            return "stack trace or exception name in the message";
        }
        // One thing is broken in each case, so exactly one problem is reported: one line, naming the file and
        // the broken path itself (not a parent object, not a neighbouring field).
        String prefix = "gan4j validate: " + file + ": ";
        List<String> lines = err.lines().toList();
        if (lines.size() != 1) {
            return lines.size() + " lines, expected one";
        }
        String line = lines.get(0);
        if (!line.startsWith(prefix + "$")) {
            return "the line does not start with the file and a JSON path";
        }
        if (!line.startsWith(prefix + c.path() + " ")) {
            return "the line does not name " + c.path();
        }
        if (c.detail() != null && !line.matches(".*" + c.detail() + ".*")) {
            return "the line does not say '" + c.detail() + "'";
        }
        return null;
    }

    static List<Case> corpus() throws IOException {
        List<Case> cases = new ArrayList<>();
        Map<String, ObjectNode> resolved = new LinkedHashMap<>();
        for (String base : BASES) {
            resolved.put(base, new io.gan4j.core.config.ConfigLoader(Gan4jCli.registry())
                    .load(BASE_DIR.resolve(base + ".json"), List.of()).resolved());
        }
        for (Map.Entry<String, ObjectNode> e : resolved.entrySet()) {
            String base = e.getKey();
            ObjectNode tree = e.getValue();
            List<String> objects = new ArrayList<>();
            List<String> leaves = new ArrayList<>();
            List<String> elements = new ArrayList<>();
            walk(tree, "$", objects, leaves, elements);
            // An unknown key in every object, at every level.
            for (String path : objects) {
                ObjectNode copy = tree.deepCopy();
                ((ObjectNode) at(copy, path)).put("bogusKey", 1);
                cases.add(new Case("unknown-key " + path + ".bogusKey in " + base, copy.toPrettyString(),
                        path + ".bogusKey", "is not a known key"));
            }
            // A value of the wrong type at every leaf, and at every element of a list.
            for (List<String> paths : List.of(leaves, elements)) {
                for (String path : paths) {
                    JsonNode wrong = wrongTypeFor(at(tree, path));
                    ObjectNode copy = tree.deepCopy();
                    set(copy, path, wrong);
                    cases.add(new Case("wrong-type " + path + "=" + wrong + " in " + base, copy.toPrettyString(),
                            path, null));
                }
            }
        }

        // Required fields removed: a model without a type, no model at all (data has a default source, MNIST, but
        // a folder or IDX source has no default location).
        ObjectNode vanilla = resolved.get("vanilla-mnist");
        for (String path : List.of("$.model", "$.model.type")) {
            ObjectNode copy = vanilla.deepCopy();
            remove(copy, path);
            cases.add(new Case("missing " + path, copy.toPrettyString(), "$.model.type", "is required"));
        }
        for (String[] m : new String[][] {{"vanilla-folder", "$.data.dir"}, {"vanilla-idx", "$.data.images"},
                {"pix2pix-aligned-folder", "$.data.dir"}, {"cyclegan-unaligned-folder", "$.data.dir"}}) {
            ObjectNode copy = resolved.get(m[0]).deepCopy();
            remove(copy, m[1]);
            cases.add(new Case("missing " + m[1] + " in " + m[0], copy.toPrettyString(), m[1], "is required"));
        }

        // Out-of-range and non-finite numbers, each with the base it applies to and the value the message must
        // quote (JSON has no NaN or infinity: 1e999 is how a too-large number reaches a double).
        Object[][] ranges = {
                {"vanilla-mnist", "$.seed", 1.5, "found 1.5"},
                {"vanilla-mnist", "$.train.iterations", 0, "found 0"},
                {"vanilla-mnist", "$.train.iterations", -5, "found -5"},
                {"vanilla-mnist", "$.train.iterations", 3e9, "found 3.0E\\+9"},
                {"vanilla-mnist", "$.train.batchSize", 0, "found 0"},
                {"vanilla-mnist", "$.train.batchSize", -64, "found -64"},
                {"vanilla-mnist", "$.train.batchSize", 6.5, "found 6.5"},
                {"vanilla-mnist", "$.train.logEvery", 0, "found 0"},
                {"vanilla-mnist", "$.train.keepCheckpoints", 0, "found 0"},
                {"vanilla-mnist", "$.train.checkpointEvery", -1, "found -1"},
                {"vanilla-mnist", "$.train.sampleGrid", 33, "found 33"},
                {"vanilla-mnist", "$.train.threads", 1025, "found 1025"},
                {"vanilla-mnist", "$.data.limit", -1, "found -1"},
                {"vanilla-mnist", "$.eval.samples", 9, "found 9"},
                {"vanilla-mnist", "$.model.latentDim", 0, "found 0"},
                {"vanilla-mnist", "$.model.latentDim", -3, "found -3"},
                {"vanilla-mnist", "$.model.generatorOptimizer.lr", -1e-3, "found -0.001"},
                {"vanilla-mnist", "$.model.generatorOptimizer.lr", 0, "found 0"},
                {"vanilla-mnist", "$.model.generatorOptimizer.lr", Double.POSITIVE_INFINITY, "must be a finite"},
                {"vanilla-mnist", "$.model.discriminatorOptimizer.lr", -2e-4, "found -0.00020"},
                {"vanilla-mnist", "$.model.generatorOptimizer.beta1", 1.5, "found 1.5"},
                {"vanilla-mnist", "$.model.generatorOptimizer.beta1", -0.1, "found -0.1"},
                {"vanilla-mnist", "$.model.discriminatorOptimizer.beta2", 1.0, "found 1.0"},
                {"vanilla-mnist", "$.model.generatorOptimizer.epsilon", 0, "found 0"},
                {"vanilla-mnist", "$.model.generator.leakySlope", -0.2, "found -0.2"},
                {"vanilla-mnist", "$.model.generator.leakySlope", 2, "found 2"},
                {"vanilla-mnist", "$.model.generator.dropout", 1.0, "found 1.0"},
                {"vanilla-mnist", "$.model.generator.batchNormMomentum", 1.0, "found 1.0"},
                {"vanilla-mnist", "$.model.generator.batchNormEpsilon", 0, "found 0"},
                {"vanilla-mnist", "$.model.generator.hidden[1]", 0, "found 0"},
                {"vanilla-mnist", "$.model.generator.hidden[0]", 2.5, "found 2.5"},
                {"vanilla-mnist", "$.model.discriminator.hidden[0]", -8, "found -8"},
                {"vanilla-ring8", "$.data.radius", 0, "found 0"},
                {"vanilla-ring8", "$.data.std", -0.02, "found -0.02"},
                {"vanilla-ring8", "$.data.size", 0, "found 0"},
                {"vanilla-grid25-sgd", "$.data.spacing", -2, "found -2"},
                {"vanilla-grid25-sgd", "$.model.generatorOptimizer.momentum", 1.0, "found 1.0"},
                {"vanilla-folder", "$.data.size", 0, "found 0"},
                {"vanilla-folder", "$.data.heldoutFraction", 1.0, "found 1.0"},
                {"dcgan-fashion", "$.model.generator.width", 0, "found 0"},
                {"dcgan-fashion", "$.model.discriminatorOptimizer.lr", -1.0, "found -1.0"},
                {"wgan-clip-mlp-mnist", "$.model.generatorOptimizer.decay", 1.0, "found 1.0"},
                {"pix2pix-paired-mnist", "$.data.maskMin", 1.5, "found 1.5"},
                {"pix2pix-paired-mnist", "$.data.factor", 1, "found 1"},
                {"pix2pix-paired-mnist", "$.data.noiseStd", -1, "found -1"},
                {"pix2pix-aligned-folder", "$.data.loadSize", 5000, "found 5000"},
                {"cyclegan-unpaired-mnist", "$.model.resnet.residualBlocks", 33, "found 33"},
                {"cyclegan-unpaired-mnist", "$.model.unet.depth", 13, "found 13"},
                {"cyclegan-unaligned-folder", "$.data.size", 4097, "found 4097"},
        };
        for (Object[] r : ranges) {
            ObjectNode copy = resolved.get((String) r[0]).deepCopy();
            String path = (String) r[1];
            if (at(copy, path) == null) {
                throw new IllegalStateException(r[0] + " has no " + path + ": fix the case list");
            }
            set(copy, path, JSON.valueToTree(r[2]));
            String text = copy.toPrettyString();
            if (r[2] instanceof Double d && Double.isInfinite(d)) {
                text = text.replace("\"Infinity\"", "1e999");
            }
            cases.add(new Case("out-of-range " + path + "=" + r[2] + " in " + r[0], text, path, (String) r[3]));
        }

        // Unknown variant names.
        for (String type : List.of("vanila", "", "DCGAN-2", "gan")) {
            ObjectNode copy = vanilla.deepCopy();
            ((ObjectNode) copy.get("model")).put("type", type);
            cases.add(new Case("wrong-variant model.type=" + type, copy.toPrettyString(), "$.model.type",
                    "must name a known variant"));
        }

        // Data that does not suit the variant.
        String[][] mismatches = {
                {"pix2pix-paired-mnist", "{\"source\": \"mnist\"}"},
                {"cyclegan-unpaired-mnist", "{\"source\": \"mnist\"}"},
                {"vanilla-mnist", "{\"source\": \"aligned-folder\", \"dir\": \"x\"}"},
                {"cgan-mlp-mnist", "{\"source\": \"ring8\"}"},
        };
        for (String[] m : mismatches) {
            ObjectNode copy = (ObjectNode) JSON.readTree(Files.readString(BASE_DIR.resolve(m[0] + ".json")));
            copy.set("data", JSON.readTree(m[1]));
            cases.add(new Case("data-mismatch " + m[1] + " for " + m[0], copy.toPrettyString(), "$.data.source",
                    "must provide"));
        }
        // Points for convolutional networks: the kind of data suits (unlabelled), its shape does not, which only
        // the data's spec tells; validate loads it (the ring is generated, so this is quick).
        for (String base : List.of("dcgan-fashion", "wgan-clip-conv-mnist")) {
            ObjectNode copy = (ObjectNode) JSON.readTree(Files.readString(BASE_DIR.resolve(base + ".json")));
            copy.set("data", JSON.readTree("{\"source\": \"ring8\", \"size\": 64}"));
            cases.add(new Case("data-shape ring8 for " + base, copy.toPrettyString(), "$.data", "must be images", true));
        }

        // Broken JSON: the message names the document ($) and where the parser stopped.
        String text = Files.readString(BASE_DIR.resolve("vanilla-ring8.json"));
        int lines = (int) text.lines().count();
        for (int k = 1; k <= 10; k++) {
            String cut = text.substring(0, text.length() * k / 11);
            // The parser stops at the end of the text: on its last line.
            int lastLine = (int) cut.chars().filter(ch -> ch == '\n').count() + 1;
            cases.add(new Case("syntax truncated at " + k + "/11", cut, "$",
                    "must be valid JSON, found .* at line " + lastLine + ", column"));
        }
        cases.add(new Case("syntax trailing comma", text.replace("\"seed\": 1,", "\"seed\": 1,,"), "$",
                "unexpected character ',' at line 1"));
        cases.add(new Case("syntax single quotes", text.replace('"', '\''), "$", "unexpected character ''' at line 1"));
        cases.add(new Case("syntax unquoted key", text.replace("\"latentDim\"", "latentDim"), "$",
                "at line 2"));
        cases.add(new Case("syntax NaN literal", text.replace("\"seed\": 1", "\"seed\": NaN"), "$", "at line 1"));
        cases.add(new Case("syntax empty file", "", "$", "must be a JSON object"));
        cases.add(new Case("syntax top-level array", "[]", "$", "must be a JSON object"));
        cases.add(new Case("syntax top-level null", "null", "$", "must be a JSON object"));
        cases.add(new Case("syntax binary garbage", "\u0000\u0001PK\u0003\u0004garbage", "$", "at line 1"));
        cases.add(new Case("syntax two documents", text + text, "$", "at line " + (lines + 1)));
        cases.add(new Case("syntax duplicate key", text.replace("\"seed\": 1,", "\"seed\": 1, \"seed\": 7,"),
                "$.seed", "must appear only once"));
        return cases;
    }

    /** A value of another JSON type than {@code leaf}'s that no field of that type accepts. */
    private static JsonNode wrongTypeFor(JsonNode leaf) {
        if (leaf.isNumber()) {
            return TextNode.valueOf("not-a-number");
        }
        if (leaf.isBoolean()) {
            return TextNode.valueOf("maybe");
        }
        if (leaf.isTextual()) {
            return JSON.createObjectNode().put("not", "a string");
        }
        if (leaf.isArray()) {
            return TextNode.valueOf("not-a-list");
        }
        throw new IllegalArgumentException("no wrong type for " + leaf);
    }

    /**
     * Collects the paths of {@code node}'s objects (itself included), of its leaves (values that are not objects
     * and not null: numbers, strings, booleans, lists) and of the elements of its lists, in document order.
     */
    private static void walk(JsonNode node, String path, List<String> objects, List<String> leaves,
                             List<String> elements) {
        if (node.isObject()) {
            objects.add(path);
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                walk(e.getValue(), path + "." + e.getKey(), objects, leaves, elements);
            }
        } else if (!node.isNull()) {
            leaves.add(path);
            for (int i = 0; i < node.size(); i++) {
                if (!node.get(i).isNull()) {
                    elements.add(path + "[" + i + "]");
                }
            }
        }
    }

    /** The node at a path such as {@code $.model.generator.hidden[1]}, or null. */
    private static JsonNode at(JsonNode root, String path) {
        JsonNode n = root;
        for (String part : path.substring(1).split("\\.")) {
            if (part.isEmpty()) {
                continue;
            }
            int bracket = part.indexOf('[');
            String key = bracket < 0 ? part : part.substring(0, bracket);
            n = n == null ? null : n.get(key);
            if (bracket >= 0 && n != null) {
                n = n.get(Integer.parseInt(part.substring(bracket + 1, part.length() - 1)));
            }
        }
        return n;
    }

    private static void set(JsonNode root, String path, JsonNode value) {
        if (path.endsWith("]")) {
            int bracket = path.lastIndexOf('[');
            ((ArrayNode) at(root, path.substring(0, bracket)))
                    .set(Integer.parseInt(path.substring(bracket + 1, path.length() - 1)), value);
            return;
        }
        int dot = path.lastIndexOf('.');
        ((ObjectNode) at(root, path.substring(0, dot))).set(path.substring(dot + 1), value);
    }

    private static void remove(JsonNode root, String path) {
        int dot = path.lastIndexOf('.');
        ((ObjectNode) at(root, path.substring(0, dot))).remove(path.substring(dot + 1));
    }
}
