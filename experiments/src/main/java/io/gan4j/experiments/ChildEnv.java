package io.gan4j.experiments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The environment settings the {@code ./gan4j} launcher makes, applied to the processes that gan4j starts itself
 * (bench suites, kill trials), so a parent started with plain {@code java -jar} still measures children that run like
 * a user's launcher run, and the PyTorch twin of a bench runs as PyTorch's users run it.
 *
 * <p>The allocator (docs/memory.md): gan4j closes its multi-MiB tensors every step; tcmalloc or jemalloc reuse the
 * freed buffers without growing, glibc malloc needs a fixed mmap threshold to return them, which maps every buffer
 * afresh (about 40% of a convolutional step). {@code GAN4J_MALLOC} chooses ({@code auto}, {@code tcmalloc},
 * {@code jemalloc}, {@code glibc}); whatever the launcher or this class added is named in {@code GAN4J_MALLOC_SET}
 * ({@code LD_PRELOAD=path} or {@code MALLOC_MMAP_THRESHOLD_=131072}) so it can be taken away again for the twin.
 * A malloc setting of the user's own is kept.
 */
final class ChildEnv {
    /** The launcher's fixed glibc mmap threshold in bytes (see the launcher and docs/memory.md for why). */
    static final String MMAP_THRESHOLD = "131072";
    /** What the launcher (or {@link #apply}) added to the environment for the allocator. */
    static final String MALLOC_SET = "GAN4J_MALLOC_SET";
    /** The OpenBLAS kernel choice the launcher (or {@link #apply}) made, when it made one. */
    static final String OPENBLAS_SET = "GAN4J_OPENBLAS_SET";
    /** The OpenBLAS worker timeout the launcher (or {@link #apply}) set, when it set one. */
    static final String OPENBLAS_TIMEOUT_SET = "GAN4J_OPENBLAS_TIMEOUT_SET";
    /**
     * OpenBLAS's worker threads sleep after 2^4 cycles without work instead of spinning for 2^28 (about 0.1 s): the
     * spinning worker took the core oneDNN's second thread needed in convolutional steps (the launcher explains).
     */
    static final String OPENBLAS_TIMEOUT = "4";

    private static final List<String> LIBRARY_DIRS = List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
            "/usr/lib64", "/usr/lib", "/usr/local/lib");

    private ChildEnv() {
    }

    /** Settings for a gan4j JVM started by gan4j: the launcher's, unless the environment already has them. */
    static void apply(Map<String, String> env) {
        apply(env, ChildEnv::findLibrary);
    }

    static void apply(Map<String, String> env, java.util.function.Function<String, Optional<Path>> find) {
        // OpenMP threads busy-wait by default and steal the other cores on small machines.
        env.putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
        openBlasKernels(env, Path.of(env.getOrDefault("GAN4J_CPUINFO", "/proc/cpuinfo")));
        if (!env.containsKey("OPENBLAS_THREAD_TIMEOUT")) {
            env.put("OPENBLAS_THREAD_TIMEOUT", OPENBLAS_TIMEOUT);
            env.put(OPENBLAS_TIMEOUT_SET, OPENBLAS_TIMEOUT);
        }
        if (env.containsKey(MALLOC_SET) || userChoseMalloc(env)) {
            return;
        }
        String choice = env.getOrDefault("GAN4J_MALLOC", "auto");
        Optional<Path> lib = switch (choice) {
            case "tcmalloc", "jemalloc" -> find.apply(choice);
            case "glibc" -> Optional.empty();
            default -> find.apply("tcmalloc").or(() -> find.apply("jemalloc"));
        };
        if (lib.isPresent()) {
            String preload = env.get("LD_PRELOAD");
            env.put("LD_PRELOAD", lib.get() + (preload == null || preload.isEmpty() ? "" : ":" + preload));
            env.put(MALLOC_SET, "LD_PRELOAD=" + lib.get());
        } else {
            env.put("MALLOC_MMAP_THRESHOLD_", MMAP_THRESHOLD);
            env.put(MALLOC_SET, "MALLOC_MMAP_THRESHOLD_=" + MMAP_THRESHOLD);
        }
    }

    /** The AVX-512 subsets OpenBLAS's SkylakeX kernels use. */
    private static final List<String> AVX512 = List.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");

    /**
     * OpenBLAS's SkylakeX kernels on an AMD CPU with AVX-512, where OpenBLAS would pick its AVX2 ones (the launcher
     * explains); a user's own {@code OPENBLAS_CORETYPE} is kept, and nothing is set when {@code cpuinfo} is unreadable.
     */
    static void openBlasKernels(Map<String, String> env, Path cpuinfo) {
        if (env.containsKey("OPENBLAS_CORETYPE")) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(cpuinfo);
            boolean amd = lines.stream().anyMatch(l -> l.contains("AuthenticAMD"));
            Optional<String> flags = lines.stream().filter(l -> l.startsWith("flags")).findFirst();
            if (amd && flags.isPresent() && Arrays.asList(flags.get().split("\\s+")).containsAll(AVX512)) {
                env.put("OPENBLAS_CORETYPE", "SKYLAKEX");
                env.put(OPENBLAS_SET, "SKYLAKEX");
            }
        } catch (IOException e) {
            // no cpuinfo (not Linux): OpenBLAS's own choice
        }
    }

    /**
     * Settings for the PyTorch twin: passive OpenMP waiting as gan4j has, and the allocator, OpenBLAS kernels and
     * OpenBLAS worker timeout PyTorch's users have, i.e. without what gan4j added for itself (PyTorch's dcgan-mnist step measured 176-187 ms with glibc's default
     * malloc, 199-201 ms with tcmalloc preloaded).
     */
    static void forTwin(Map<String, String> env) {
        env.putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
        String kernels = env.remove(OPENBLAS_SET);
        if (kernels != null && kernels.equals(env.get("OPENBLAS_CORETYPE"))) {
            env.remove("OPENBLAS_CORETYPE");
        }
        String timeout = env.remove(OPENBLAS_TIMEOUT_SET);
        if (timeout != null && timeout.equals(env.get("OPENBLAS_THREAD_TIMEOUT"))) {
            env.remove("OPENBLAS_THREAD_TIMEOUT");
        }
        String added = env.remove(MALLOC_SET);
        if (added == null) {
            return;
        }
        int eq = added.indexOf('=');
        String key = added.substring(0, eq);
        String value = added.substring(eq + 1);
        if (key.equals("LD_PRELOAD")) {
            List<String> rest = new ArrayList<>(Arrays.asList(env.getOrDefault(key, "").split(":")));
            rest.removeIf(entry -> entry.isEmpty() || entry.equals(value));
            if (rest.isEmpty()) {
                env.remove(key);
            } else {
                env.put(key, String.join(":", rest));
            }
        } else if (value.equals(env.get(key))) {
            env.remove(key);
        }
    }

    /**
     * The allocator this process runs with, for the bench's machine section: a preloaded tcmalloc or jemalloc (seen
     * in the process's mappings), else glibc's malloc with its mmap threshold setting.
     */
    static String describeCurrent() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                int slash = line.indexOf('/');
                if (slash >= 0 && (line.contains("libtcmalloc") || line.contains("libjemalloc"))) {
                    String path = line.substring(slash);
                    return (path.contains("tcmalloc") ? "tcmalloc" : "jemalloc") + " (" + path + ")";
                }
            }
        } catch (IOException e) {
            return "unknown (no /proc/self/maps)";
        }
        String threshold = System.getenv("MALLOC_MMAP_THRESHOLD_");
        return "glibc malloc, " + (threshold != null ? "mmap threshold " + threshold
                : System.getenv().getOrDefault("GLIBC_TUNABLES", "default settings"));
    }

    private static boolean userChoseMalloc(Map<String, String> env) {
        return env.getOrDefault("LD_PRELOAD", "").contains("malloc") || env.containsKey("MALLOC_MMAP_THRESHOLD_")
                || env.getOrDefault("GLIBC_TUNABLES", "").contains("mmap_threshold");
    }

    /** The installed tcmalloc ({@code libtcmalloc_minimal.so.4}) or jemalloc ({@code libjemalloc.so.2}), if any. */
    static Optional<Path> findLibrary(String which) {
        String name = which.equals("tcmalloc") ? "libtcmalloc_minimal.so.4" : "libjemalloc.so.2";
        return LIBRARY_DIRS.stream().map(d -> Path.of(d, name)).filter(Files::isRegularFile).findFirst();
    }
}
