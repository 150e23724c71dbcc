package io.gan4j.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;

/**
 * Lays the user's JSON over the defaults, guided by the Java type: objects merge key by key, arrays and scalars
 * replace, and a polymorphic value whose subtype the user changes starts from that subtype's own
 * {@code defaults()} rather than from fields that belong to another subtype. Neither input is modified.
 *
 * <p>The merge never rejects anything: a value of the wrong shape simply replaces the default, and
 * {@link ConfigBinder} reports it afterwards with its path.
 */
final class ConfigMerge {

    private ConfigMerge() {
    }

    /**
     * The user's value merged onto the default.
     *
     * @param defaults the default value (serialised default record, nulls included), or {@code null} if none
     * @param user     the user's value, {@code null} when the user did not give one; an explicit JSON null stays
     * @param type     the Java type both stand for
     */
    static JsonNode merge(JsonNode defaults, JsonNode user, Type type) {
        if (user == null || user.isMissingNode()) {
            return defaults == null ? null : defaults.deepCopy();
        }
        if (!user.isObject()) {
            return user.deepCopy();
        }
        ObjectNode given = (ObjectNode) user;
        Class<?> raw = ConfigTypes.raw(type);
        return switch (ConfigTypes.kind(type)) {
            case RECORD -> {
                JsonNode base = defaults != null && defaults.isObject() ? defaults : defaultsTree(raw);
                yield base == null ? given.deepCopy() : mergeFields((ObjectNode) base, given, key -> componentType(raw, key));
            }
            case POLYMORPHIC -> mergePolymorphic(defaults, given, raw);
            case MAP -> {
                Type valueType = ConfigTypes.typeArgument(type, 1);
                ObjectNode base = defaults != null && defaults.isObject() ? (ObjectNode) defaults
                        : ConfigJson.MAPPER.createObjectNode();
                yield mergeFields(base, given, key -> valueType);
            }
            default -> given.deepCopy();
        };
    }

    private static JsonNode mergePolymorphic(JsonNode defaults, ObjectNode user, Class<?> polymorphic) {
        String key = ConfigTypes.discriminator(polymorphic);
        Map<String, Class<?>> subtypes = ConfigTypes.subtypes(polymorphic);
        JsonNode defaultName = defaults != null && defaults.isObject() ? defaults.get(key) : null;
        JsonNode userName = user.get(key);
        JsonNode chosen = userName == null ? defaultName : userName;
        if (chosen == null || !chosen.isTextual() || !subtypes.containsKey(chosen.textValue())) {
            // No usable subtype name: leave the user's object as it is for the checker to report.
            return user.deepCopy();
        }
        Class<?> subtype = subtypes.get(chosen.textValue());
        ObjectNode base;
        if (chosen.equals(defaultName)) {
            base = (ObjectNode) defaults;
        } else {
            JsonNode own = defaultsTree(subtype);
            base = own != null ? (ObjectNode) own : ConfigJson.MAPPER.createObjectNode().put(key, chosen.textValue());
        }
        return mergeFields(base, user, k -> componentType(subtype, k));
    }

    /**
     * A copy of {@code base} with each of the user's keys merged in; keys keep the defaults' order and new keys
     * follow. {@code typeOf} gives a key's type, or {@code null} for a key the type does not have (copied as given).
     */
    private static ObjectNode mergeFields(ObjectNode base, ObjectNode user, Function<String, Type> typeOf) {
        ObjectNode out = base.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = user.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Type t = typeOf.apply(e.getKey());
            out.set(e.getKey(), t == null ? e.getValue().deepCopy() : merge(base.get(e.getKey()), e.getValue(), t));
        }
        return out;
    }

    private static Type componentType(Class<?> record, String key) {
        RecordComponent c = ConfigTypes.component(record, key);
        return c == null ? null : c.getGenericType();
    }

    /** The serialised {@code defaults()} of a record or subtype, or {@code null} when it has none. */
    static JsonNode defaultsTree(Class<?> type) {
        Object d = ConfigTypes.defaultsOf(type);
        return d == null ? null : ConfigJson.tree(d);
    }
}
