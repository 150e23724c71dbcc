package io.gan4j.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gan4j.core.io.FileErrors;
import io.gan4j.core.api.ConfigException;
import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.api.DataKind;
import io.gan4j.core.api.GanVariant;
import io.gan4j.core.api.ModelConfig;
import io.gan4j.core.api.VariantRegistry;
import io.gan4j.core.data.DataConfig;
import io.gan4j.core.data.MnistData;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns an experiment file into a checked {@link LoadedConfig}: read the JSON, apply the {@code --set} overrides,
 * look up {@code model.type}, merge each section onto its defaults (the variant's {@link GanVariant#defaultConfig()},
 * {@link MnistData#defaults()}, {@link TrainConfig#defaults()}), check and bind every section, run the
 * cross-field checks, and check that the data suits the variant. Problems from all sections are collected and
 * thrown together as one {@link ConfigException}.
 *
 * <p>Top-level keys: {@code name} (string, default: the file name without {@code .json}), {@code seed} (integer,
 * default {@value #DEFAULT_SEED}), {@code model} ({@code type} and the variant's fields), {@code data} and
 * {@code train}, and {@code description} (an optional string for people: what the experiment follows, e.g. the
 * paper's table; it does not change the run, so it is checked to be a string and left out of the resolved config).
 */
public final class ConfigLoader {

    /** The master seed when the file gives none. */
    public static final long DEFAULT_SEED = 42;

    /** Longest experiment name: it becomes a directory name, which most file systems limit to 255 bytes. */
    static final int MAX_NAME_LENGTH = 100;
    private static final Set<String> TOP_LEVEL = new LinkedHashSet<>(List.of("name", "description", "seed", "model", "data", "train", "eval"));

    private final VariantRegistry registry;

    /** A loader that resolves {@code model.type} in {@code registry}. */
    public ConfigLoader(VariantRegistry registry) {
        this.registry = registry;
    }

    /**
     * Loads a config file.
     *
     * @param file      the file; its name as given is the source name in messages
     * @param overrides {@code path=value} texts from {@code --set}, applied in order
     * @throws ConfigException listing every problem, including a file that cannot be read
     */
    public LoadedConfig load(Path file, List<String> overrides) {
        return load(file.toString(), read(file), overrides);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), ConfigProblem.of("$", "must be a readable UTF-8 file", reason(e)));
        }
    }

    /**
     * Loads a run's resolved config (as written from {@link LoadedConfig#resolvedJson()}) to resume it, without
     * overrides. The file spells out every value, so the config and {@link LoadedConfig#sha256()} equal those of
     * the original load as long as the variant's fields have not changed since; comparing the hashes tells. (The
     * source text, name and overrides are those of the resolved file.)
     *
     * @throws ConfigException as for {@link #load(Path, List)}
     */
    public LoadedConfig loadResolved(Path file) {
        return loadResolved(file, List.of());
    }

    /**
     * Loads a run's resolved config with {@code --set} overrides (resume). A run written by an earlier gan4j spells
     * out keys that have since been removed ({@link RemovedKey}, e.g. {@code train.gcEvery}); they described how the
     * old version ran, not the experiment, so they are dropped here instead of refusing the run, which a new config
     * with such a key is.
     *
     * @throws ConfigException as for {@link #load(Path, List)}
     */
    public LoadedConfig loadResolved(Path file, List<String> overrides) {
        String text = read(file);
        List<ConfigProblem> problems = new ArrayList<>();
        JsonNode root = ConfigJson.parse(text, problems);
        if (root instanceof ObjectNode tree && dropRemovedKeys(tree)) {
            text = tree.toPrettyString();
        }
        return load(file.toString(), text, overrides);
    }

    /**
     * Removes the keys that the sections' records name as removed (as {@link #loadResolved(Path)} does); true when
     * one was present. Public for readers of a run's resolved config that have no variants to load it with (the
     * dashboard's results table).
     */
    public static boolean dropRemovedKeys(ObjectNode tree) {
        boolean dropped = false;
        for (Map.Entry<String, Class<?>> section : Map.<String, Class<?>>of("data", DataConfig.class,
                "train", TrainConfig.class, "eval", EvalConfig.class).entrySet()) {
            if (tree.get(section.getKey()) instanceof ObjectNode node) {
                for (RemovedKey removed : section.getValue().getAnnotationsByType(RemovedKey.class)) {
                    dropped |= node.remove(removed.name()) != null;
                }
            }
        }
        return dropped;
    }

    /**
     * Loads config text.
     *
     * @param sourceName names the text in messages (usually the file name); the default experiment name is its
     *                   last path element without {@code .json}
     * @param jsonText   the whole config document
     * @param overrides  {@code path=value} texts from {@code --set}, applied in order
     * @throws ConfigException listing every problem found
     */
    public LoadedConfig load(String sourceName, String jsonText, List<String> overrides) {
        List<ConfigProblem> problems = new ArrayList<>();
        JsonNode root = ConfigJson.parse(jsonText, problems);
        if (root == null) {
            throw new ConfigException(sourceName, problems);
        }
        if (!root.isObject()) {
            throw new ConfigException(sourceName, ConfigProblem.of("$", "must be a JSON object",
                    root.isMissingNode() ? "an empty document" : ConfigJson.found(root)));
        }
        ObjectNode tree = ((ObjectNode) root).deepCopy();
        ConfigOverrides sets = ConfigOverrides.parse(overrides, problems);
        sets.applyTo(tree);

        tree.fieldNames().forEachRemaining(key -> {
            if (!TOP_LEVEL.contains(key)) {
                problems.add(ConfigBinder.unknownKey(ConfigJson.child("$", key), key, TOP_LEVEL));
            }
        });
        String name = name(tree.get("name"), sourceName, problems);
        JsonNode description = tree.get("description");
        if (description != null && !description.isTextual()) {
            problems.add(ConfigProblem.of("$.description", "must be a string (a note for people; JSON has no comments)",
                    ConfigJson.found(description)));
        }
        Long seed = DEFAULT_SEED;
        if (tree.has("seed")) {
            seed = ConfigBinder.bind(tree.get("seed"), long.class, "$.seed", problems);
        }
        GanVariant variant = variant(tree.get("model"), problems);
        ModelConfig model = variant == null ? null : model(variant, (ObjectNode) tree.get("model"), problems);
        DataConfig data = ConfigBinder.bind(ConfigMerge.merge(ConfigJson.tree(MnistData.defaults()), tree.get("data"),
                DataConfig.class), DataConfig.class, "$.data", problems);
        TrainConfig train = ConfigBinder.bind(ConfigMerge.merge(ConfigJson.tree(TrainConfig.defaults()),
                tree.get("train"), TrainConfig.class), TrainConfig.class, "$.train", problems);
        EvalConfig eval = ConfigBinder.bind(ConfigMerge.merge(ConfigJson.tree(EvalConfig.defaults()),
                tree.get("eval"), EvalConfig.class), EvalConfig.class, "$.eval", problems);
        if (variant != null && data != null) {
            checkDataKind(variant, data, problems);
        }
        if (eval != null && data != null) {
            eval.checkFits(data, problems);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(sourceName, sets.annotate(problems));
        }

        ExperimentConfig config = new ExperimentConfig(name, seed, variant.name(), model, data, train, eval);
        return new LoadedConfig(config, variant, resolvedTree(config), jsonText, overrides, sourceName);
    }

    private static String name(JsonNode node, String sourceName, List<ConfigProblem> problems) {
        if (node == null) {
            String file = sourceName.substring(Math.max(sourceName.lastIndexOf('/'), sourceName.lastIndexOf('\\')) + 1);
            String base = file.toLowerCase(Locale.ROOT).endsWith(".json") ? file.substring(0, file.length() - 5) : file;
            return base.isBlank() ? "experiment" : base;
        }
        String name = ConfigBinder.bind(node, String.class, "$.name", problems);
        // The name becomes a directory under the output directory, and appears in logs and file names.
        if (name != null && (name.isBlank() || name.contains("/") || name.contains("\\")
                || name.equals(".") || name.equals("..") || name.chars().anyMatch(Character::isISOControl))) {
            problems.add(ConfigProblem.of("$.name", "must be a non-empty name usable as a directory name"
                    + " (no '/', '\\', line breaks or other control characters)", ConfigJson.found(node)));
            return null;
        }
        if (name != null && name.length() > MAX_NAME_LENGTH) {
            // File systems limit a directory name to 255 bytes; creating it failed and blamed train.outputDir.
            problems.add(ConfigProblem.of("$.name", "must be at most " + MAX_NAME_LENGTH + " characters long",
                    "a name of " + name.length() + " characters"));
            return null;
        }
        return name;
    }

    /** The variant {@code model.type} names, or {@code null} after adding a problem. */
    private GanVariant variant(JsonNode model, List<ConfigProblem> problems) {
        String path = "$.model.type";
        String valid = registry.unknown(path, null).hint();
        if (model != null && !model.isObject()) {
            problems.add(ConfigProblem.of("$.model", "must be an object", ConfigJson.found(model)));
            return null;
        }
        JsonNode type = model == null ? null : model.get("type");
        if (type == null || type.isNull()) {
            problems.add(new ConfigProblem(path, "is required", null, valid));
            return null;
        }
        if (!type.isTextual()) {
            problems.add(new ConfigProblem(path, "must name a known variant", ConfigJson.found(type), valid));
            return null;
        }
        if (!registry.contains(type.textValue())) {
            ConfigProblem unknown = registry.unknown(path, type.textValue());
            String guess = ConfigJson.didYouMean(type.textValue(), registry.names());
            problems.add(guess == null ? unknown : new ConfigProblem(unknown.path(), unknown.requirement(),
                    unknown.found(), unknown.hint() + "; " + guess));
            return null;
        }
        return registry.get(type.textValue());
    }

    private static ModelConfig model(GanVariant variant, ObjectNode model, List<ConfigProblem> problems) {
        Class<? extends ModelConfig> type = variant.configType();
        ModelConfig defaults = variant.defaultConfig();
        if (!type.isInstance(defaults)) {
            throw new IllegalStateException("variant '" + variant.name() + "': defaultConfig() is a "
                    + (defaults == null ? "null" : defaults.getClass().getName()) + ", not a " + type.getName());
        }
        if (ConfigTypes.component(type, "type") != null) {
            throw new IllegalStateException("variant '" + variant.name() + "': " + type.getName()
                    + " must not have a field named 'type', which names the variant");
        }
        ObjectNode fields = model.deepCopy();
        fields.remove("type");
        return ConfigBinder.bind(ConfigMerge.merge(ConfigJson.tree(defaults), fields, type), type, "$.model", problems);
    }

    private static void checkDataKind(GanVariant variant, DataConfig data, List<ConfigProblem> problems) {
        Set<DataKind> wanted = variant.dataKinds();
        if (wanted.stream().anyMatch(data.kind()::canServe)) {
            return;
        }
        String kinds = wanted.stream().sorted().map(k -> k.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(" or "));
        List<String> suitable = new ArrayList<>();
        for (Map.Entry<String, Class<?>> e : ConfigTypes.subtypes(DataConfig.class).entrySet()) {
            // A registered subtype's defaults() returns that subtype (ConfigTypes checks), so the cast cannot fail.
            Object defaults = ConfigTypes.defaultsOf(e.getValue());
            if (defaults != null && wanted.stream().anyMatch(DataConfig.class.cast(defaults).kind()::canServe)) {
                suitable.add(e.getKey());
            }
        }
        problems.add(new ConfigProblem("$.data.source",
                "must provide " + kinds + " data for variant '" + variant.name() + "'",
                data.kind().name().toLowerCase(Locale.ROOT) + " data from '"
                        + ConfigTypes.subtypeName(DataConfig.class, data.getClass()) + "'",
                suitable.isEmpty() ? null : "sources that fit: " + String.join(", ", suitable)));
    }

    /** The complete config as JSON, serialised from the bound values so that it is canonical. */
    private static ObjectNode resolvedTree(ExperimentConfig config) {
        ObjectNode out = ConfigJson.MAPPER.createObjectNode();
        out.put("name", config.name());
        out.put("seed", config.seed());
        ObjectNode model = out.putObject("model");
        model.put("type", config.modelType());
        model.setAll((ObjectNode) ConfigJson.tree(config.model()));
        out.set("data", ConfigJson.tree(config.data()));
        out.set("train", ConfigJson.tree(config.train()));
        out.set("eval", ConfigJson.tree(config.eval()));
        return out;
    }

    /** Why a file could not be read, in the operating system's words where there are some. */
    private static String reason(IOException e) {
        return FileErrors.reason(e, ConfigLoader::otherReason);
    }

    private static String otherReason(IOException e) {
        if (e instanceof CharacterCodingException) {
            return "bytes that are not UTF-8 text";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(Locale.ROOT);
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
