package io.gan4j.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.gan4j.core.config.ConfigLoader;
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
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A generated corpus of malformed configs, each run through {@code gan4j validate} (and a sample through
 * {@code gan4j train}): every one must be rejected with exit code 2 and a message that names the file and, for
 * anything but a JSON syntax error, the JSON path of the problem, with no stack trace. The corpus is built from every
 * shipped config's resolved form: an unknown key in every object at every level, a value of the wrong type at every
 * leaf, required fields removed, out-of-range and non-finite numbers, unknown variant names, data that does not suit
 * the variant, and broken JSON.
 */
class MalformedConfigCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** One malformed config: what was done to which base, and the text. */
    record Case(String what, String text, boolean syntax) {
    }

    @Test
    void everyMalformedConfigIsRejectedWithExitCode2AndItsPath() throws IOException {
        List<Case> corpus = corpus();
        List<String> failures = new ArrayList<>();
        Map<String, Integer> byKind = new LinkedHashMap<>();
        int n = 0;
        for (Case c : corpus) {
            Path file = tmp.resolve("case-" + (n++) + ".json");
            Files.writeString(file, c.text());
            CliTest.Result r = CliTest.cli("validate", "--no-data", file.toString());
            String why = verdict(c, file, r);
            if (why != null) {
                failures.add(c.what() + ": " + why + "\n    exit " + r.code() + ", stderr: " + r.err().strip());
            }
            byKind.merge(c.what().replaceAll(" .*", ""), 1, Integer::sum);
        }
        // The same rejection through train, before any data is read, for a sample of the corpus.
        for (int i = 0; i < corpus.size(); i += corpus.size() / 12) {
            Case c = corpus.get(i);
            Path file = tmp.resolve("train-" + i + ".json");
            Files.writeString(file, c.text());
            CliTest.Result r = CliTest.cli("train", file.toString(), "--set", "train.outputDir=" + tmp.resolve("runs"));
            String why = verdict(c, file, r);
            if (why != null) {
                failures.add("train, " + c.what() + ": " + why + "\n    exit " + r.code() + ", stderr: "
                        + r.err().strip());
            }
        }
        System.out.println("malformed configs rejected cleanly: " + (corpus.size() - failures.size()) + "/"
                + corpus.size() + " " + byKind);
        assertTrue(corpus.size() > 300, "corpus size " + corpus.size());
        assertEquals(List.of(), failures, failures.size() + " of " + corpus.size() + " not rejected cleanly");
    }

    /** Null when the CLI's answer is right for the case, else what is wrong with it. */
    private static String verdict(Case c, Path file, CliTest.Result r) {
        if (r.code() != 2) {
            return "exit code " + r.code() + ", expected 2";
        }
        String err = r.err();
        if (err.contains("\tat ") || err.contains("Exception") || err.contains("--verbose")) {
            return "stack trace or exception name in the message";
        }
        if (!err.contains(file.getFileName().toString())) {
            return "message does not name the file";
        }
        if (!c.syntax() && !err.contains("$.") && !err.contains("$:")) {
            return "message names no JSON path";
        }
        return null;
    }

    private static List<Case> corpus() throws IOException {
        List<Case> cases = new ArrayList<>();
        ConfigLoader loader = new ConfigLoader(Gan4jCli.registry());
        List<Path> shipped;
        try (Stream<Path> s = Files.list(Path.of("configs"))) {
            shipped = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path base : shipped) {
            String name = base.getFileName().toString();
            ObjectNode resolved = loader.load(base, List.of()).resolved();
            // An unknown key in every object, at every level.
            for (String path : objectPaths(resolved, "$")) {
                ObjectNode copy = resolved.deepCopy();
                ((ObjectNode) at(copy, path)).put("bogusKey", 1);
                cases.add(new Case("unknown-key " + path + ".bogusKey in " + name, copy.toPrettyString(), false));
            }
            // A value of the wrong type at every leaf.
            for (String path : leafPaths(resolved, "$")) {
                JsonNode leaf = at(resolved, path);
                JsonNode wrong = wrongTypeFor(leaf);
                if (wrong == null) {
                    continue;
                }
                ObjectNode copy = resolved.deepCopy();
                set(copy, path, wrong);
                cases.add(new Case("wrong-type " + path + "=" + wrong + " in " + name, copy.toPrettyString(), false));
            }
        }
        ObjectNode vanilla = loader.load(Path.of("configs/vanilla-mnist.json"), List.of()).resolved();
        ObjectNode dcgan = loader.load(Path.of("configs/dcgan-mnist.json"), List.of()).resolved();
        // Required fields removed (data has a default source, MNIST; a folder source has no default folder).
        for (String path : List.of("$.model", "$.model.type")) {
            ObjectNode copy = vanilla.deepCopy();
            remove(copy, path);
            cases.add(new Case("missing " + path, copy.toPrettyString(), false));
        }
        for (String[] folder : new String[][] {{"configs/cyclegan-bold-mnist.json", "unaligned-folder"},
                {"configs/pix2pix-denoise-mnist.json", "aligned-folder"}, {"configs/vanilla-mnist.json", "folder"}}) {
            ObjectNode copy = (ObjectNode) JSON.readTree(Files.readString(Path.of(folder[0])));
            copy.set("data", JSON.createObjectNode().put("source", folder[1]));
            cases.add(new Case("missing $.data.dir of " + folder[1], copy.toPrettyString(), false));
        }
        // Out-of-range and non-finite numbers (JSON has no NaN: 1e999 is the way a huge value reaches a double).
        Object[][] ranges = {
                {"$.train.iterations", 0}, {"$.train.iterations", -5}, {"$.train.batchSize", 0},
                {"$.train.batchSize", -64}, {"$.train.logEvery", 0}, {"$.train.keepCheckpoints", 0},
                {"$.train.checkpointEvery", -1}, {"$.model.latentDim", 0}, {"$.model.latentDim", -3},
                {"$.model.generatorOptimizer.lr", -1e-3}, {"$.model.generatorOptimizer.lr", 0},
                {"$.model.generatorOptimizer.lr", Double.POSITIVE_INFINITY}, {"$.model.discriminatorOptimizer.lr", -2e-4},
                {"$.model.generatorOptimizer.beta1", 1.5}, {"$.model.generatorOptimizer.beta1", -0.1},
                {"$.model.discriminatorOptimizer.beta2", 1.0}, {"$.model.generatorOptimizer.epsilon", 0},
                {"$.model.generator.leakySlope", -0.2}, {"$.model.generator.leakySlope", 2},
                {"$.model.generator.dropout", 1.0}, {"$.model.generator.batchNormMomentum", 1.0},
                {"$.model.generator.batchNormEpsilon", 0}, {"$.model.generator.hidden", List.of(0)},
                {"$.model.generator.hidden", List.of()}, {"$.model.discriminator.hidden", List.of(-8)},
        };
        for (Object[] r : ranges) {
            ObjectNode copy = vanilla.deepCopy();
            set(copy, (String) r[0], JSON.valueToTree(r[1]));
            String text = copy.toPrettyString();
            if (r[1] instanceof Double d && Double.isInfinite(d)) {
                text = text.replace("\"lr\" : \"Infinity\"", "\"lr\" : 1e999").replace("Infinity", "1e999");
            }
            cases.add(new Case("out-of-range " + r[0] + "=" + r[1], text, false));
        }
        for (Object[] r : new Object[][] {{"$.model.width", 0}, {"$.model.generatorOptimizer.lr", -1.0}}) {
            ObjectNode copy = dcgan.deepCopy();
            if (at(copy, (String) r[0]) != null) {
                set(copy, (String) r[0], JSON.valueToTree(r[1]));
                cases.add(new Case("out-of-range " + r[0] + "=" + r[1] + " (dcgan)", copy.toPrettyString(), false));
            }
        }
        // Unknown variant names.
        for (String type : List.of("vanila", "", "DCGAN-2", "gan")) {
            ObjectNode copy = vanilla.deepCopy();
            ((ObjectNode) copy.get("model")).put("type", type);
            cases.add(new Case("wrong-variant model.type=" + type, copy.toPrettyString(), false));
        }
        // Data that does not suit the variant.
        String[][] mismatches = {
                {"configs/pix2pix-denoise-mnist.json", "{\"source\": \"mnist\"}"},
                {"configs/cyclegan-bold-mnist.json", "{\"source\": \"mnist\"}"},
                {"configs/vanilla-mnist.json", "{\"source\": \"aligned-folder\", \"dir\": \"x\"}"},
                {"configs/cgan-mnist.json", "{\"source\": \"ring8\"}"},
                {"configs/dcgan-mnist.json", "{\"source\": \"ring8\"}"},
        };
        for (String[] m : mismatches) {
            ObjectNode copy = (ObjectNode) JSON.readTree(Files.readString(Path.of(m[0])));
            copy.set("data", JSON.readTree(m[1]));
            cases.add(new Case("data-mismatch " + m[1] + " for " + m[0], copy.toPrettyString(), false));
        }
        // Broken JSON.
        String text = Files.readString(Path.of("configs/vanilla-mnist.json"));
        for (int k = 1; k <= 10; k++) {
            cases.add(new Case("syntax truncated at " + k + "/11", text.substring(0, text.length() * k / 11), true));
        }
        cases.add(new Case("syntax trailing comma", text.replaceFirst("\"seed\": 42,", "\"seed\": 42,,"), true));
        cases.add(new Case("syntax single quotes", text.replace('"', '\''), true));
        cases.add(new Case("syntax unquoted key", text.replace("\"seed\"", "seed"), true));
        cases.add(new Case("syntax NaN literal", text.replace("\"seed\": 42", "\"seed\": NaN"), true));
        cases.add(new Case("syntax empty file", "", true));
        cases.add(new Case("syntax top-level array", "[]", true));
        cases.add(new Case("syntax top-level null", "null", true));
        cases.add(new Case("syntax binary garbage", "\u0000\u0001PK\u0003\u0004garbage", true));
        cases.add(new Case("syntax two documents", text + text, true));
        cases.add(new Case("syntax duplicate key", text.replace("\"seed\": 42,", "\"seed\": 42, \"seed\": 7,"), true));
        return cases;
    }

    /** A value of another JSON type than {@code leaf}'s that no field of that type accepts; null for nulls. */
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
        return null;
    }

    private static List<String> objectPaths(JsonNode node, String path) {
        List<String> out = new ArrayList<>();
        if (node.isObject()) {
            out.add(path);
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.addAll(objectPaths(e.getValue(), path + "." + e.getKey()));
            }
        }
        return out;
    }

    /** Paths of the values that are not objects (numbers, strings, booleans, arrays). */
    private static List<String> leafPaths(JsonNode node, String path) {
        List<String> out = new ArrayList<>();
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.addAll(leafPaths(e.getValue(), path + "." + e.getKey()));
            }
        } else if (!node.isNull()) {
            out.add(path);
        }
        return out;
    }

    private static JsonNode at(JsonNode root, String path) {
        JsonNode n = root;
        for (String part : path.substring(1).split("\\.")) {
            if (part.isEmpty()) {
                continue;
            }
            n = n == null ? null : n.get(part);
        }
        return n;
    }

    private static void set(JsonNode root, String path, JsonNode value) {
        int dot = path.lastIndexOf('.');
        JsonNode parent = at(root, path.substring(0, dot));
        ((ObjectNode) parent).set(path.substring(dot + 1), value);
    }

    private static void remove(JsonNode root, String path) {
        int dot = path.lastIndexOf('.');
        ((ObjectNode) at(root, path.substring(0, dot))).remove(path.substring(dot + 1));
    }
}
