package io.gan4j.experiments;

import java.util.Map;

/**
 * The environment settings the {@code ./gan4j} launcher makes, applied to the JVMs that gan4j starts itself (bench
 * suites, kill trials), so a parent started with plain {@code java -jar} still measures children that run like a
 * user's launcher run. A value the user has set is kept.
 */
final class ChildEnv {
    /** The launcher's fixed glibc mmap threshold in bytes (see the launcher and docs/memory.md for why). */
    static final String MMAP_THRESHOLD = "131072";

    private ChildEnv() {
    }

    static void apply(Map<String, String> env) {
        // OpenMP threads busy-wait by default and steal the other cores on small machines.
        env.putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
        // Without a fixed threshold glibc keeps closed multi-MiB tensors resident (docs/memory.md).
        if (!env.getOrDefault("GLIBC_TUNABLES", "").contains("mmap_threshold")) {
            env.putIfAbsent("MALLOC_MMAP_THRESHOLD_", MMAP_THRESHOLD);
        }
    }
}
