package io.gan4j.experiments.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonParser;
import io.gan4j.core.api.ConfigException;
import io.gan4j.core.api.ConfigProblem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sweep file: one base experiment config, overrides applied to every run, and a grid of values whose every
 * combination is one run, e.g.
 * <pre>{@code
 * {
 *   "name": "vanilla-loss",
 *   "base": "../configs/vanilla-mnist.json",
 *   "set": {"train.iterations": 3000, "eval.every": 500},
 *   "grid": {"model.loss": ["non-saturating", "least-squares"], "seed": [1, 2]}
 * }
 * }</pre>
 * Paths are relative to the sweep file. Keys of {@code set} and {@code grid} are {@code --set} paths.
 *
 * @param name  the sweep's name; runs are named {@code <name>_<key>-<value>...}
 * @param file  the sweep file
 * @param base  the base config
 * @param set   overrides for every run, as {@code --set} texts
 * @param grid  path to the values it takes (JSON values)
 */
record Sweep(String name, Path file, Path base, List<String> set, Map<String, List<JsonNode>> grid) {
    private static final Set<String> KEYS = Set.of("name", "base", "set", "grid");

    /**
     * One run of the sweep.
     *
     * @param runName   experiment name of the run
     * @param overrides the sweep's overrides plus this combination's values
     */
    record Combination(String runName, List<String> overrides) {
    }

    /** Reads and checks a sweep file; every problem is reported at once with its JSON path. */
    static Sweep read(Path file) {
        String source = file.toString();
        JsonNode root;
        try {
            root = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readTree(Files.readString(file));
        } catch (IOException e) {
            throw new ConfigException(source, ConfigProblem.of("$", "must be a readable JSON file",
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().split("\n")[0]));
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(source, ConfigProblem.of("$", "must be a JSON object", String.valueOf(root)));
        }
        List<ConfigProblem> problems = new ArrayList<>();
        root.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                problems.add(new ConfigProblem("$." + k, "is not a known key", null, "known keys: name, base, set, grid"));
            }
        });
        String name = name(file, root.get("name"), problems);
        Path base = base(file, root.get("base"), problems);
        List<String> set = new ArrayList<>();
        JsonNode setNode = root.get("set");
        if (setNode != null) {
            if (!setNode.isObject()) {
                problems.add(ConfigProblem.of("$.set", "must be an object of path: value", setNode.toString()));
            } else {
                setNode.fields().forEachRemaining(e -> set.add(e.getKey() + "=" + e.getValue().toString()));
            }
        }
        Map<String, List<JsonNode>> grid = grid(root.get("grid"), problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
        return new Sweep(name, file, base, List.copyOf(set), grid);
    }

    /** {@code $.name}, or the file's name without {@code .json} when it is absent. */
    private static String name(Path file, JsonNode nameNode, List<ConfigProblem> problems) {
        String fileName = file.getFileName().toString().replaceFirst("\\.json$", "");
        if (nameNode == null) {
            return fileName;
        }
        if (!nameNode.isTextual() || !nameNode.textValue().matches("[A-Za-z0-9._-]+")) {
            problems.add(ConfigProblem.of("$.name", "must be a name of letters, digits, '.', '_' and '-'", nameNode.toString()));
            return fileName;
        }
        return nameNode.textValue();
    }

    /** {@code $.base} resolved against the sweep file's folder; null (and a problem) when it is missing or absent. */
    private static Path base(Path file, JsonNode baseNode, List<ConfigProblem> problems) {
        if (baseNode == null || !baseNode.isTextual()) {
            problems.add(ConfigProblem.of("$.base", "is required: the path of the base experiment config",
                    baseNode == null ? null : baseNode.toString()));
            return null;
        }
        Path base = file.toAbsolutePath().getParent().resolve(baseNode.textValue()).normalize();
        if (!Files.isRegularFile(base)) {
            problems.add(ConfigProblem.of("$.base", "must name an existing config file", "'" + baseNode.textValue()
                    + "' (" + base + ")"));
        }
        return base;
    }

    /** {@code $.grid}: each path with its non-empty array of values, in file order. */
    private static Map<String, List<JsonNode>> grid(JsonNode gridNode, List<ConfigProblem> problems) {
        Map<String, List<JsonNode>> grid = new LinkedHashMap<>();
        if (gridNode == null || !gridNode.isObject() || gridNode.isEmpty()) {
            problems.add(ConfigProblem.of("$.grid", "must be a non-empty object of path: [values]",
                    gridNode == null ? null : gridNode.toString()));
            return grid;
        }
        Iterator<Map.Entry<String, JsonNode>> it = gridNode.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isArray() || e.getValue().isEmpty()) {
                problems.add(ConfigProblem.of("$.grid." + e.getKey(), "must be a non-empty array of values",
                        e.getValue().toString()));
                continue;
            }
            List<JsonNode> values = new ArrayList<>();
            e.getValue().forEach(values::add);
            grid.put(e.getKey(), values);
        }
        return grid;
    }

    /** Every combination of the grid's values, the first key varying slowest. */
    List<Combination> combinations() {
        List<Combination> out = new ArrayList<>();
        List<String> keys = new ArrayList<>(grid.keySet());
        int[] index = new int[keys.size()];
        while (true) {
            List<String> overrides = new ArrayList<>(set);
            StringBuilder runName = new StringBuilder(name);
            for (int k = 0; k < keys.size(); k++) {
                JsonNode v = grid.get(keys.get(k)).get(index[k]);
                overrides.add(keys.get(k) + "=" + v.toString());
                String leaf = keys.get(k).substring(keys.get(k).lastIndexOf('.') + 1);
                String text = v.isTextual() ? v.textValue() : v.toString();
                runName.append('_').append(leaf).append('-').append(text.replaceAll("[^A-Za-z0-9.-]", ""));
            }
            overrides.add("name=\"" + runName + "\"");
            out.add(new Combination(runName.toString(), overrides));
            int k = keys.size() - 1;
            while (k >= 0 && ++index[k] == grid.get(keys.get(k)).size()) {
                index[k] = 0;
                k--;
            }
            if (k < 0) {
                return out;
            }
        }
    }
}
