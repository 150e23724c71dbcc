package io.gan4j.core.api;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One master seed split into independent per-component seeds ({@code data}, {@code generator},
 * {@code discriminator}, {@code noise}, {@code preview}, ...). A component's seed depends only on the master seed
 * and the component's name, so adding a component never changes the others. Every seed handed out is remembered
 * and written to the run manifest.
 */
public final class Seeds {
    /** Component that shuffles the training data. */
    public static final String DATA = "data";
    /** Component that draws per-step noise. */
    public static final String NOISE = "noise";
    /** Component that draws the fixed latent codes of the sample grid. */
    public static final String PREVIEW = "preview";

    private final long master;
    private final Map<String, Long> issued = new LinkedHashMap<>();

    public Seeds(long master) {
        this.master = master;
    }

    public long master() {
        return master;
    }

    /** The seed of {@code component} (e.g. a network name); the same name always gives the same seed. */
    public synchronized long of(String component) {
        return issued.computeIfAbsent(component, c -> mix(master ^ fnv1a(c)));
    }

    /** Seeds handed out so far, in the order they were first asked for. */
    public synchronized Map<String, Long> issued() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(issued));
    }

    /** Derives a seed for item {@code index} of a stream (e.g. the step number) from {@code seed}. */
    public static long derive(long seed, long index) {
        return mix(seed + 0x9E3779B97F4A7C15L * (index + 1));
    }

    /** SplitMix64's finaliser: a bijective mixer with good avalanche. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static long fnv1a(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
