package io.gan4j.core.api;


import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The variants on the class path, keyed by {@link GanVariant#name()}. Built from {@link ServiceLoader}; two
 * variants with the same name are an error (naming both classes), and looking up an unknown name fails with the
 * list of names that exist.
 */
public final class VariantRegistry {
    private final Map<String, GanVariant> byName;

    /** A registry of exactly these variants. */
    public VariantRegistry(Collection<? extends GanVariant> variants) {
        Map<String, GanVariant> map = new TreeMap<>();
        for (GanVariant v : variants) {
            String name = v.name();
            if (name == null || !name.matches("[a-z][a-z0-9-]*")) {
                throw new IllegalStateException("variant " + v.getClass().getName() + " has an invalid name '" + name
                        + "' (lower-case letters, digits and '-', starting with a letter)");
            }
            GanVariant previous = map.putIfAbsent(name, v);
            if (previous != null) {
                throw new IllegalStateException("two variants are named '" + name + "': "
                        + previous.getClass().getName() + " and " + v.getClass().getName());
            }
        }
        this.byName = Collections.unmodifiableMap(map);
    }

    /** Every variant that {@link ServiceLoader} finds with this class's class loader. */
    public static VariantRegistry discover() {
        List<GanVariant> found = new ArrayList<>();
        ServiceLoader.load(GanVariant.class, VariantRegistry.class.getClassLoader()).forEach(found::add);
        return new VariantRegistry(found);
    }

    /** Names in alphabetical order. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** Variants in alphabetical order of name. */
    public Collection<GanVariant> variants() {
        return byName.values();
    }

    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    /**
     * The variant called {@code name}.
     *
     * @throws ConfigException naming {@code $.model.type} and the valid names when there is none
     */
    public GanVariant get(String name) {
        GanVariant v = byName.get(name);
        if (v == null) {
            throw new ConfigException("", unknown("$.model.type", name));
        }
        return v;
    }

    /** The problem to report when {@code name} (found at {@code path}) names no variant. */
    public ConfigProblem unknown(String path, String name) {
        String valid = byName.isEmpty() ? "none are on the class path" : "one of " + String.join(", ", byName.keySet());
        return new ConfigProblem(path, "must name a known variant", name == null ? "nothing" : "'" + name + "'", valid);
    }
}
