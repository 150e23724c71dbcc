package io.gan4j.core.config;

import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.api.Range;
import io.gan4j.core.api.Required;
import io.gan4j.core.api.Validatable;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a JSON tree against a config type and binds it. The check walks the Java type (record components,
 * enums, polymorphic interfaces, lists, maps, numbers) alongside the tree and reports every problem with its JSON
 * path, so the user sees all mistakes at once; binding with Jackson and the {@link Validatable} cross-field
 * checks only run when the tree passed.
 *
 * <p>Rules: every record component is a key named like the component, and other keys are errors. A missing or
 * null value is allowed ("unset") except for {@link Required} components and primitives. Integer fields accept
 * integral JSON numbers, including ones written as {@code 1e4}, that fit the Java type. Number fields accept any
 * finite number. Strings, booleans and enum names (their {@code @JsonProperty} value, else the lower-case constant
 * name) are never coerced from other JSON types. {@link Range} bounds apply to numbers and to each element of a
 * list of numbers.
 */
public final class ConfigBinder {

    private ConfigBinder() {
    }

    /**
     * Checks {@code node} against {@code type} and, when it passes, binds it and runs every
     * {@link Validatable#validate} in the bound value (nested records first, each with its own path).
     *
     * @param node     the value; {@code null} or JSON null counts as absent, which a root value may not be
     * @param type     a record, a polymorphic interface, or any other supported config type
     * @param path     the JSON path of {@code node}, e.g. {@code $.train}
     * @param problems receives every problem found
     * @return the bound value, or {@code null} when problems were added
     */
    public static <T> T bind(JsonNode node, Class<T> type, String path, List<ConfigProblem> problems) {
        int before = problems.size();
        check(node, type, path, problems);
        if (problems.size() > before) {
            return null;
        }
        T value;
        try {
            value = ConfigJson.MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            problems.add(bindingProblem(path, e));
            return null;
        } catch (IllegalArgumentException e) {
            // treeToValue reports some conversion failures this way rather than as a JsonProcessingException.
            problems.add(new ConfigProblem(path, "is not valid", null, e.getMessage()));
            return null;
        }
        validate(value, type, path, problems);
        return problems.size() > before ? null : value;
    }

    /**
     * Adds a problem for everything in {@code node} that does not fit {@code type}. The root value must be
     * present and not null.
     */
    public static void check(JsonNode node, Type type, String path, List<ConfigProblem> problems) {
        check(node, type, null, true, path, problems);
    }

    /**
     * Runs {@link Validatable#validate} on every record inside {@code value} (through records, polymorphic
     * values, lists and maps), children before their parent, each with its JSON path.
     */
    public static void validate(Object value, Type type, String path, List<ConfigProblem> problems) {
        if (value == null) {
            return;
        }
        switch (ConfigTypes.kind(type)) {
            case RECORD, POLYMORPHIC -> {
                for (RecordComponent c : value.getClass().getRecordComponents()) {
                    validate(ConfigTypes.componentValue(c, value), c.getGenericType(),
                            ConfigJson.child(path, c.getName()), problems);
                }
                if (value instanceof Validatable v) {
                    v.validate(path, problems);
                }
            }
            case LIST -> {
                Type element = ConfigTypes.typeArgument(type, 0);
                List<?> list = (List<?>) value;
                for (int i = 0; i < list.size(); i++) {
                    validate(list.get(i), element, ConfigJson.index(path, i), problems);
                }
            }
            case MAP -> {
                Type element = ConfigTypes.typeArgument(type, 1);
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    validate(e.getValue(), element, ConfigJson.child(path, (String) e.getKey()), problems);
                }
            }
            default -> {
            }
        }
    }

    private static void check(JsonNode node, Type type, Range range, boolean required, String path,
                              List<ConfigProblem> problems) {
        Class<?> raw = ConfigTypes.raw(type);
        ConfigTypes.Kind kind = ConfigTypes.kind(type);
        if (node == null || node.isMissingNode() || node.isNull()) {
            boolean absent = node == null || node.isMissingNode();
            // No "found null" for a required value: the null is usually the default standing in for "not given".
            if (required || (raw.isPrimitive() && absent)) {
                problems.add(new ConfigProblem(path, "is required", null, choices(type)));
            } else if (raw.isPrimitive()) {
                problems.add(ConfigProblem.of(path, "must be " + ConfigTypes.expected(type), "null"));
            }
            return;
        }
        switch (kind) {
            case INTEGER -> checkInteger(node, raw, range, path, problems);
            case NUMBER -> checkNumber(node, raw, range, path, problems);
            case BOOLEAN -> {
                if (!node.isBoolean()) {
                    problems.add(ConfigProblem.of(path, "must be true or false", ConfigJson.found(node)));
                }
            }
            case STRING -> {
                if (!node.isTextual()) {
                    problems.add(ConfigProblem.of(path, "must be a string", ConfigJson.found(node)));
                }
            }
            case ENUM -> checkEnum(node, raw, path, problems);
            case LIST -> checkList(node, type, range, path, problems);
            case MAP -> checkMap(node, type, range, path, problems);
            case RECORD -> checkRecord(node, raw, null, path, problems);
            case POLYMORPHIC -> checkPolymorphic(node, raw, path, problems);
        }
    }

    private static void checkEnum(JsonNode node, Class<?> raw, String path, List<ConfigProblem> problems) {
        Set<String> names = ConfigTypes.enumConstants(raw).keySet();
        if (!node.isTextual() || !names.contains(node.textValue())) {
            problems.add(new ConfigProblem(path, "must be one of " + ConfigJson.list(names),
                    ConfigJson.found(node), node.isTextual() ? ConfigJson.didYouMean(node.textValue(), names) : null));
        }
    }

    private static void checkList(JsonNode node, Type type, Range range, String path, List<ConfigProblem> problems) {
        if (!node.isArray()) {
            problems.add(ConfigProblem.of(path, "must be an array", ConfigJson.found(node)));
            return;
        }
        Type element = ConfigTypes.typeArgument(type, 0);
        for (int i = 0; i < node.size(); i++) {
            checkElement(node.get(i), element, range, ConfigJson.index(path, i), problems);
        }
    }

    private static void checkMap(JsonNode node, Type type, Range range, String path, List<ConfigProblem> problems) {
        if (!node.isObject()) {
            problems.add(ConfigProblem.of(path, "must be an object", ConfigJson.found(node)));
            return;
        }
        Type element = ConfigTypes.typeArgument(type, 1);
        node.fields().forEachRemaining(e ->
                checkElement(e.getValue(), element, range, ConfigJson.child(path, e.getKey()), problems));
    }

    /** An element of a list or map: never null, since a null inside a collection cannot mean "unset". */
    private static void checkElement(JsonNode node, Type type, Range range, String path,
                                     List<ConfigProblem> problems) {
        if (node.isNull()) {
            problems.add(ConfigProblem.of(path, "must be " + ConfigTypes.expected(type), "null"));
        } else {
            check(node, type, range, true, path, problems);
        }
    }

    /** "one of ..." for a missing value whose choices are a closed set, else {@code null}. */
    private static String choices(Type type) {
        Class<?> raw = ConfigTypes.raw(type);
        return switch (ConfigTypes.kind(type)) {
            case ENUM -> "one of " + ConfigJson.list(ConfigTypes.enumConstants(raw).keySet());
            case POLYMORPHIC -> "an object with \"" + ConfigTypes.discriminator(raw) + "\" one of "
                    + ConfigJson.list(ConfigTypes.subtypes(raw).keySet());
            default -> null;
        };
    }

    private static void checkInteger(JsonNode node, Class<?> raw, Range range, String path,
                                     List<ConfigProblem> problems) {
        String found = ConfigJson.found(node);
        BigDecimal value = node.isNumber() ? decimal(node) : null;
        if (value == null || value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
            problems.add(ConfigProblem.of(path, "must be an integer", found));
            return;
        }
        BigDecimal[] bounds = ConfigTypes.integerBounds(raw);
        if (value.compareTo(bounds[0]) < 0 || value.compareTo(bounds[1]) > 0) {
            problems.add(ConfigProblem.of(path, "must be an integer from " + bounds[0] + " to " + bounds[1], found));
            return;
        }
        checkRange(value.doubleValue(), range, path, found, problems);
    }

    /** The exact value of a numeric node, or {@code null} for a non-finite double. */
    private static BigDecimal decimal(JsonNode node) {
        if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
            return null;
        }
        return node.decimalValue();
    }

    private static void checkNumber(JsonNode node, Class<?> raw, Range range, String path,
                                    List<ConfigProblem> problems) {
        String found = ConfigJson.found(node);
        if (!node.isNumber()) {
            problems.add(ConfigProblem.of(path, "must be a number", found));
            return;
        }
        double d = node.doubleValue();
        boolean isFloat = raw == float.class || raw == Float.class;
        if (!Double.isFinite(d) || isFloat && !Float.isFinite((float) d)) {
            problems.add(ConfigProblem.of(path, "must be a finite " + (isFloat ? "float" : "number"), found));
            return;
        }
        checkRange(d, range, path, found, problems);
    }

    private static void checkRange(double value, Range range, String path, String found,
                                   List<ConfigProblem> problems) {
        if (range != null && !ConfigTypes.inRange(range, value)) {
            problems.add(ConfigProblem.of(path, "must be " + ConfigTypes.rangeText(range), found));
        }
    }

    /**
     * Checks an object against a record's components.
     *
     * @param discriminator a key that is allowed besides the components (the subtype name of a polymorphic
     *                      value), or {@code null}
     */
    private static void checkRecord(JsonNode node, Class<?> record, String discriminator, String path,
                                    List<ConfigProblem> problems) {
        if (!node.isObject()) {
            problems.add(ConfigProblem.of(path, "must be an object", ConfigJson.found(node)));
            return;
        }
        Set<String> keys = new LinkedHashSet<>();
        for (RecordComponent c : record.getRecordComponents()) {
            keys.add(c.getName());
        }
        node.fieldNames().forEachRemaining(key -> {
            if (!keys.contains(key) && !key.equals(discriminator)) {
                problems.add(removedOrUnknownKey(record, ConfigJson.child(path, key), key, keys));
            }
        });
        for (RecordComponent c : record.getRecordComponents()) {
            check(node.get(c.getName()), c.getGenericType(), c.getAnnotation(Range.class),
                    c.isAnnotationPresent(Required.class), ConfigJson.child(path, c.getName()), problems);
        }
    }

    /** A key of {@code record} that a {@link RemovedKey} names gets its reason; any other unknown key the hint. */
    private static ConfigProblem removedOrUnknownKey(Class<?> record, String path, String key, Set<String> known) {
        for (RemovedKey removed : record.getAnnotationsByType(RemovedKey.class)) {
            if (removed.name().equals(key)) {
                return ConfigProblem.of(path, "was removed: " + removed.reason(), null);
            }
        }
        return unknownKey(path, key, known);
    }

    /** The problem for a key that is not one of {@code known}, with the likely intended key or the valid ones. */
    static ConfigProblem unknownKey(String path, String key, Set<String> known) {
        String hint = ConfigJson.didYouMean(key, known);
        if (hint == null) {
            hint = known.isEmpty() ? "no keys are allowed here" : "known keys: " + ConfigJson.list(known);
        }
        return new ConfigProblem(path, "is not a known key", null, hint);
    }

    private static void checkPolymorphic(JsonNode node, Class<?> polymorphic, String path,
                                         List<ConfigProblem> problems) {
        if (!node.isObject()) {
            problems.add(ConfigProblem.of(path, "must be an object", ConfigJson.found(node)));
            return;
        }
        String key = ConfigTypes.discriminator(polymorphic);
        Map<String, Class<?>> subtypes = ConfigTypes.subtypes(polymorphic);
        String keyPath = ConfigJson.child(path, key);
        JsonNode name = node.get(key);
        if (name == null || name.isNull()) {
            problems.add(new ConfigProblem(keyPath, "is required", null, "one of " + ConfigJson.list(subtypes.keySet())));
            return;
        }
        if (!name.isTextual() || !subtypes.containsKey(name.textValue())) {
            problems.add(new ConfigProblem(keyPath, "must be one of " + ConfigJson.list(subtypes.keySet()),
                    ConfigJson.found(name), name.isTextual() ? ConfigJson.didYouMean(name.textValue(), subtypes.keySet()) : null));
            return;
        }
        checkRecord(node, subtypes.get(name.textValue()), key, path, problems);
    }

    /**
     * A binding failure after the check passed: a record constructor that rejected its arguments, or a shape the
     * check does not know. Reported at the deepest path Jackson names.
     */
    private static ConfigProblem bindingProblem(String path, JsonProcessingException e) {
        String at = path;
        if (e instanceof JsonMappingException m) {
            for (JsonMappingException.Reference r : m.getPath()) {
                at = r.getFieldName() != null ? ConfigJson.child(at, r.getFieldName()) : ConfigJson.index(at, r.getIndex());
            }
        }
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String message = cause == e ? e.getOriginalMessage() : cause.getMessage();
        return new ConfigProblem(at, "is not valid", null, message);
    }
}
