package io.gan4j.core.config;

import io.gan4j.core.api.Range;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the config pipeline needs to know about a Java type, read by reflection: which JSON shape it takes, its
 * enum names, its polymorphic subtypes and its {@code defaults()}. Shared by the checker, the merger and the
 * describer so the three always agree.
 */
final class ConfigTypes {

    /** The JSON shapes a config field can take. */
    enum Kind { INTEGER, NUMBER, BOOLEAN, STRING, ENUM, LIST, MAP, RECORD, POLYMORPHIC }

    private ConfigTypes() {
    }

    /**
     * The shape of {@code type}.
     *
     * @throws IllegalArgumentException for a type configs cannot use; that is a mistake in a config record, not
     *                                  in the user's file
     */
    static Kind kind(Type type) {
        Class<?> raw = raw(type);
        if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class
                || raw == short.class || raw == Short.class || raw == byte.class || raw == Byte.class) {
            return Kind.INTEGER;
        }
        if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
            return Kind.NUMBER;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return Kind.BOOLEAN;
        }
        if (raw == String.class) {
            return Kind.STRING;
        }
        if (raw.isEnum()) {
            return Kind.ENUM;
        }
        if (raw == List.class) {
            typeArgument(type, 0);
            return Kind.LIST;
        }
        if (raw == Map.class) {
            if (raw(typeArgument(type, 0)) != String.class) {
                throw new IllegalArgumentException("config maps need String keys: " + type.getTypeName());
            }
            return Kind.MAP;
        }
        if (raw.isRecord()) {
            return Kind.RECORD;
        }
        if (raw.isInterface() && raw.isAnnotationPresent(JsonTypeInfo.class)
                && raw.isAnnotationPresent(JsonSubTypes.class)) {
            return Kind.POLYMORPHIC;
        }
        throw new IllegalArgumentException("config fields cannot have type " + type.getTypeName()
                + " (use a number, boolean, String, enum, List, Map<String, X>, record, or an interface with"
                + " @JsonTypeInfo and @JsonSubTypes)");
    }

    /** The class behind a possibly generic type. */
    static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (type instanceof WildcardType w) {
            return raw(w.getUpperBounds()[0]);
        }
        throw new IllegalArgumentException("config fields cannot have type " + type.getTypeName());
    }

    /** Type argument {@code i} of a {@code List<X>} or {@code Map<String, X>}; wildcards give their bound. */
    static Type typeArgument(Type type, int i) {
        if (!(type instanceof ParameterizedType p)) {
            throw new IllegalArgumentException("config lists and maps need type arguments: " + type.getTypeName());
        }
        Type arg = p.getActualTypeArguments()[i];
        return arg instanceof WildcardType w ? w.getUpperBounds()[0] : arg;
    }

    /** Smallest and largest value of an integer type. */
    static BigDecimal[] integerBounds(Class<?> raw) {
        if (raw == int.class || raw == Integer.class) {
            return new BigDecimal[]{BigDecimal.valueOf(Integer.MIN_VALUE), BigDecimal.valueOf(Integer.MAX_VALUE)};
        }
        if (raw == short.class || raw == Short.class) {
            return new BigDecimal[]{BigDecimal.valueOf(Short.MIN_VALUE), BigDecimal.valueOf(Short.MAX_VALUE)};
        }
        if (raw == byte.class || raw == Byte.class) {
            return new BigDecimal[]{BigDecimal.valueOf(Byte.MIN_VALUE), BigDecimal.valueOf(Byte.MAX_VALUE)};
        }
        return new BigDecimal[]{BigDecimal.valueOf(Long.MIN_VALUE), BigDecimal.valueOf(Long.MAX_VALUE)};
    }

    /** The enum's constants by JSON name: {@code @JsonProperty} value, else the lower-case constant name. */
    static Map<String, Enum<?>> enumConstants(Class<?> enumType) {
        Map<String, Enum<?>> byName = new LinkedHashMap<>();
        for (Object constant : enumType.getEnumConstants()) {
            Enum<?> e = (Enum<?>) constant;
            byName.put(enumName(e), e);
        }
        return byName;
    }

    /** The JSON name of one enum constant. */
    static String enumName(Enum<?> constant) {
        try {
            JsonProperty p = constant.getDeclaringClass().getField(constant.name()).getAnnotation(JsonProperty.class);
            if (p != null && !p.value().isEmpty()) {
                return p.value();
            }
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("enum constant without a field: " + constant, e);
        }
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** The key that names the subtype of a polymorphic interface, e.g. {@code type} or {@code source}. */
    static String discriminator(Class<?> polymorphic) {
        String property = polymorphic.getAnnotation(JsonTypeInfo.class).property();
        return property.isEmpty() ? "@type" : property;
    }

    /**
     * The subtypes of a polymorphic interface by name, in {@code @JsonSubTypes} order. Names follow Jackson: the
     * {@code name} given in {@code @JsonSubTypes.Type}, else {@code @JsonTypeName}, else the unqualified class name.
     */
    static Map<String, Class<?>> subtypes(Class<?> polymorphic) {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (JsonSubTypes.Type t : polymorphic.getAnnotation(JsonSubTypes.class).value()) {
            Class<?> sub = t.value();
            if (!sub.isRecord()) {
                throw new IllegalArgumentException("subtype " + sub.getName() + " of config type "
                        + polymorphic.getName() + " must be a record");
            }
            byName.put(subtypeName(t), sub);
        }
        return byName;
    }

    private static String subtypeName(JsonSubTypes.Type t) {
        if (!t.name().isEmpty()) {
            return t.name();
        }
        JsonTypeName named = t.value().getAnnotation(JsonTypeName.class);
        if (named != null && !named.value().isEmpty()) {
            return named.value();
        }
        String n = t.value().getName();
        return n.substring(n.lastIndexOf('.') + 1);
    }

    /** The name under which {@code sub} is registered in {@code polymorphic}'s subtypes. */
    static String subtypeName(Class<?> polymorphic, Class<?> sub) {
        for (Map.Entry<String, Class<?>> e : subtypes(polymorphic).entrySet()) {
            if (e.getValue() == sub) {
                return e.getKey();
            }
        }
        throw new IllegalArgumentException(sub.getName() + " is not a subtype of " + polymorphic.getName());
    }

    /**
     * The result of the type's {@code public static defaults()} method, or {@code null} when it has none.
     *
     * @throws IllegalStateException when {@code defaults()} itself fails
     */
    static Object defaultsOf(Class<?> type) {
        Method m;
        try {
            m = type.getMethod("defaults");
        } catch (NoSuchMethodException e) {
            return null;
        }
        if (!Modifier.isStatic(m.getModifiers()) || !type.isAssignableFrom(m.getReturnType())) {
            return null;
        }
        try {
            m.trySetAccessible();
            return m.invoke(null);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(type.getName() + ".defaults() failed", e);
        }
    }

    /** A record component's value. */
    static Object componentValue(RecordComponent component, Object record) {
        try {
            Method accessor = component.getAccessor();
            accessor.trySetAccessible();
            return accessor.invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getDeclaringRecord().getName() + "."
                    + component.getName(), e);
        }
    }

    /** The record component called {@code name}, or {@code null}. */
    static RecordComponent component(Class<?> record, String name) {
        for (RecordComponent c : record.getRecordComponents()) {
            if (c.getName().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** What a value of {@code type} must be, phrased to follow "must be": {@code an integer}, {@code a string}. */
    static String expected(Type type) {
        return switch (kind(type)) {
            case INTEGER -> "an integer";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case STRING -> "a string";
            case ENUM -> "one of " + ConfigJson.list(enumConstants(raw(type)).keySet());
            case LIST -> "an array";
            case MAP, RECORD, POLYMORPHIC -> "an object";
        };
    }

    /** A short type name for the field reference: {@code int}, {@code list of double}, {@code one of a, b}. */
    static String typeName(Type type) {
        Class<?> raw = raw(type);
        return switch (kind(type)) {
            case INTEGER, NUMBER, BOOLEAN -> raw.isPrimitive() ? raw.getName()
                    : raw.getSimpleName().toLowerCase(Locale.ROOT).replace("integer", "int");
            case STRING -> "string";
            case ENUM -> "one of " + ConfigJson.list(enumConstants(raw).keySet());
            case LIST -> "list of " + typeName(typeArgument(type, 0));
            case MAP -> "map of string to " + typeName(typeArgument(type, 1));
            case RECORD -> "object";
            case POLYMORPHIC -> "object by \"" + discriminator(raw) + "\": "
                    + ConfigJson.list(subtypes(raw).keySet());
        };
    }

    /** The interval as it appears after "must be": {@code >= 1}, {@code > 0}, {@code in [0, 1)}. */
    static String rangeText(Range r) {
        boolean hasMin = r.min() != Double.NEGATIVE_INFINITY;
        boolean hasMax = r.max() != Double.POSITIVE_INFINITY;
        if (hasMin && hasMax) {
            return "in " + (r.minExclusive() ? "(" : "[") + number(r.min()) + ", " + number(r.max())
                    + (r.maxExclusive() ? ")" : "]");
        }
        if (hasMin) {
            return (r.minExclusive() ? "> " : ">= ") + number(r.min());
        }
        if (hasMax) {
            return (r.maxExclusive() ? "< " : "<= ") + number(r.max());
        }
        return "finite";
    }

    /** Whether {@code v} lies in the interval. */
    static boolean inRange(Range r, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return false;
        }
        boolean aboveMin = r.minExclusive() ? v > r.min() : v >= r.min();
        boolean belowMax = r.maxExclusive() ? v < r.max() : v <= r.max();
        return aboveMin && belowMax;
    }

    /** A bound written without a trailing {@code .0}: {@code 1}, {@code 0.5}, {@code 1E-8}. */
    private static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }
}
