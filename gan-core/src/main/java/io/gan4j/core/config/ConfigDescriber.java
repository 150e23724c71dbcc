package io.gan4j.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.gan4j.core.api.Doc;
import io.gan4j.core.api.GanVariant;
import io.gan4j.core.api.Range;
import io.gan4j.core.api.Required;
import io.gan4j.core.data.DataConfig;
import io.gan4j.core.data.MnistData;

import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The config field reference, read from the same records, annotations and defaults the loader uses: for each
 * field its path, type, default, allowed range and {@link Doc} text. Nested records are expanded, and so is every
 * subtype of a polymorphic field, each subtype's fields marked with the condition under which they apply (e.g.
 * {@code type = rmsprop}) and defaulted as the loader would default them. Rendered as plain text for
 * {@code gan4j describe} and as a Markdown table for docs/config-reference.md.
 */
public final class ConfigDescriber {

    /**
     * One documented field.
     *
     * @param path         dotted path from the document root, {@code []} marking list elements, e.g.
     *                     {@code model.generatorOptimizer.lr}
     * @param type         e.g. {@code int}, {@code list of int}, {@code one of float, double}, {@code object}
     * @param defaultValue the default as compact JSON, {@code (required)} when there is none, empty for an object
     *                     whose fields are listed after it
     * @param range        the allowed interval such as {@code >= 1} or {@code in [0, 1)}, else empty
     * @param doc          the field's {@link Doc} text, else empty
     * @param condition    when the field applies only to one subtype, e.g. {@code type = rmsprop}; else empty
     */
    public record Field(String path, String type, String defaultValue, String range, String doc, String condition) {
    }

    private ConfigDescriber() {
    }

    /**
     * The fields of a record or polymorphic type, under {@code path}.
     *
     * @param path     prefix for every field path (e.g. {@code train}); empty for none
     * @param type     a config record, or an interface with {@code @JsonTypeInfo}/{@code @JsonSubTypes}
     * @param defaults the default value; {@code null} to use the type's own {@code defaults()}
     */
    public static List<Field> describe(String path, Class<?> type, Object defaults) {
        JsonNode tree = defaults != null ? ConfigJson.tree(defaults) : ConfigMerge.defaultsTree(type);
        List<Field> out = new ArrayList<>();
        switch (ConfigTypes.kind(type)) {
            case RECORD -> record(path, type, tree, "", null, out);
            case POLYMORPHIC -> polymorphic(path, type, tree, "", out);
            default -> throw new IllegalArgumentException("describe needs a record or polymorphic type, not " + type);
        }
        return out;
    }

    /** The {@code model} section of a variant: {@code model.type} and the variant's fields with its defaults. */
    public static List<Field> variant(GanVariant variant) {
        List<Field> out = new ArrayList<>();
        out.add(new Field("model.type", "string", "\"" + variant.name() + "\"", "",
                "The variant: " + variant.description(), ""));
        out.addAll(describe("model", variant.configType(), variant.defaultConfig()));
        return out;
    }

    /** The {@code data} section: {@code data.source} and the fields of every source, defaulting to MNIST. */
    public static List<Field> data() {
        return describe("data", DataConfig.class, MnistData.defaults());
    }

    /** The {@code train} section. */
    public static List<Field> train() {
        return describe("train", TrainConfig.class, TrainConfig.defaults());
    }

    /** The {@code eval} section. */
    public static List<Field> eval() {
        return describe("eval", EvalConfig.class, EvalConfig.defaults());
    }

    /** A whole experiment file for {@code variant}: {@code name}, {@code seed}, then model, data, train and eval. */
    public static List<Field> experiment(GanVariant variant) {
        List<Field> out = new ArrayList<>();
        out.add(new Field("name", "string", "(file name without .json)", "",
                "Experiment name; runs are written to <outputDir>/<name>/<timestamp>/", ""));
        out.add(new Field("seed", "long", Long.toString(ConfigLoader.DEFAULT_SEED), "",
                "Master seed; every component's seed is derived from it", ""));
        out.addAll(variant(variant));
        out.addAll(data());
        out.addAll(train());
        out.addAll(eval());
        return out;
    }

    private static void value(String path, Type type, JsonNode dflt, RecordComponent component, String condition,
                              List<Field> out) {
        Class<?> raw = ConfigTypes.raw(type);
        String doc = doc(component == null ? null : component.getAnnotation(Doc.class));
        boolean required = component != null && component.isAnnotationPresent(Required.class);
        Range range = component == null ? null : component.getAnnotation(Range.class);
        String rangeText = range == null ? "" : ConfigTypes.rangeText(range);
        switch (ConfigTypes.kind(type)) {
            case RECORD -> {
                boolean absent = dflt == null || dflt.isNull();
                out.add(new Field(path, "object", absent ? defaultText(dflt, required) : "", "", doc, condition));
                record(path, raw, absent ? ConfigMerge.defaultsTree(raw) : dflt, condition, null, out);
            }
            case POLYMORPHIC -> {
                boolean absent = dflt == null || dflt.isNull();
                out.add(new Field(path, ConfigTypes.typeName(type), absent ? defaultText(dflt, required) : "", "",
                        doc, condition));
                polymorphic(path, raw, dflt, condition, out);
            }
            case LIST -> {
                out.add(new Field(path, ConfigTypes.typeName(type), defaultText(dflt, required), rangeText, doc, condition));
                Type element = ConfigTypes.typeArgument(type, 0);
                ConfigTypes.Kind kind = ConfigTypes.kind(element);
                if (kind == ConfigTypes.Kind.RECORD) {
                    Class<?> el = ConfigTypes.raw(element);
                    record(path + "[]", el, ConfigMerge.defaultsTree(el), condition, null, out);
                } else if (kind == ConfigTypes.Kind.POLYMORPHIC) {
                    polymorphic(path + "[]", ConfigTypes.raw(element), null, condition, out);
                }
            }
            default -> out.add(new Field(path, ConfigTypes.typeName(type), defaultText(dflt, required), rangeText,
                    doc, condition));
        }
    }

    private static void record(String path, Class<?> record, JsonNode dflt, String condition, String skip,
                               List<Field> out) {
        for (RecordComponent c : record.getRecordComponents()) {
            if (c.getName().equals(skip)) {
                continue;
            }
            JsonNode d = dflt == null ? null : dflt.get(c.getName());
            value(join(path, c.getName()), c.getGenericType(), d, c, condition, out);
        }
    }

    private static void polymorphic(String path, Class<?> polymorphic, JsonNode dflt, String condition,
                                    List<Field> out) {
        String key = ConfigTypes.discriminator(polymorphic);
        Map<String, Class<?>> subtypes = ConfigTypes.subtypes(polymorphic);
        JsonNode defaultName = dflt != null && dflt.isObject() ? dflt.get(key) : null;
        String kinds = subtypes.entrySet().stream()
                .map(e -> e.getKey() + (e.getValue().isAnnotationPresent(Doc.class)
                        ? " = " + e.getValue().getAnnotation(Doc.class).value() : ""))
                .collect(Collectors.joining("; "));
        out.add(new Field(join(path, key), "one of " + ConfigJson.list(subtypes.keySet()),
                defaultName == null ? "(required)" : defaultName.toString(), "",
                "Kind, each with its own fields: " + kinds, condition));
        for (Map.Entry<String, Class<?>> e : subtypes.entrySet()) {
            // Fields of the default kind default to the given value; the other kinds start from their own
            // defaults(), as the loader's merge does when the user switches kind.
            JsonNode base = defaultName != null && defaultName.textValue().equals(e.getKey()) ? dflt
                    : ConfigMerge.defaultsTree(e.getValue());
            String when = (condition.isEmpty() ? "" : condition + ", ") + join(path, key) + " = " + e.getKey();
            record(path, e.getValue(), base, when, key, out);
        }
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String doc(Doc doc) {
        return doc == null ? "" : doc.value();
    }

    private static String defaultText(JsonNode dflt, boolean required) {
        if (dflt == null || dflt.isMissingNode()) {
            return required ? "(required)" : "";
        }
        if (dflt.isNull()) {
            return required ? "(required)" : "null";
        }
        return dflt.toString();
    }

    /**
     * Plain text, two lines a field:
     * <pre>
     * train.batchSize: int, default 64, &gt;= 1
     *     Examples per batch
     * </pre>
     */
    public static String text(List<Field> fields) {
        StringBuilder sb = new StringBuilder();
        for (Field f : fields) {
            sb.append(f.path()).append(": ").append(f.type());
            if (!f.defaultValue().isEmpty()) {
                sb.append(", default ").append(f.defaultValue());
            }
            if (!f.range().isEmpty()) {
                sb.append(", ").append(f.range());
            }
            if (!f.condition().isEmpty()) {
                sb.append(", when ").append(f.condition());
            }
            sb.append('\n');
            if (!f.doc().isEmpty()) {
                sb.append("    ").append(f.doc()).append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * A GitHub Markdown table: Key, Type, Default, Allowed, Description (with the condition first, if any). JSON
     * defaults are code; notes such as {@code (required)} are plain text.
     */
    public static String markdown(List<Field> fields) {
        StringBuilder sb = new StringBuilder();
        sb.append("| Key | Type | Default | Allowed | Description |\n");
        sb.append("|---|---|---|---|---|\n");
        for (Field f : fields) {
            String description = f.condition().isEmpty() ? cell(f.doc())
                    : "*When " + code(f.condition()) + ":* " + cell(f.doc());
            sb.append("| ").append(code(f.path()))
                    .append(" | ").append(cell(f.type()))
                    .append(" | ").append(f.defaultValue().isEmpty() || f.defaultValue().startsWith("(")
                            ? cell(f.defaultValue()) : code(f.defaultValue()))
                    .append(" | ").append(cell(f.range()))
                    .append(" | ").append(description)
                    .append(" |\n");
        }
        return sb.toString();
    }

    private static String code(String s) {
        return "`" + s.replace("`", "'").replace("|", "\\|") + "`";
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
    }
}
