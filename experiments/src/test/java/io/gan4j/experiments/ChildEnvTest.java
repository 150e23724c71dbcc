package io.gan4j.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The allocator a gan4j child process gets and the one its PyTorch twin gets, with the installed libraries injected;
 * and the launcher's own choice, run as a shell script with its {@code java} replaced by a printer of the environment.
 */
class ChildEnvTest {
    private static final Path TC = Path.of("/lib/x/libtcmalloc_minimal.so.4");
    private static final Path JE = Path.of("/lib/x/libjemalloc.so.2");

    private static Function<String, Optional<Path>> installed(Path... libs) {
        return which -> List.of(libs).stream().filter(p -> p.toString().contains(which)).findFirst();
    }

    @Test
    void prefersTcmallocThenJemallocThenTheFixedGlibcThreshold() {
        Map<String, String> env = new HashMap<>();
        ChildEnv.apply(env, installed(JE, TC));
        assertEquals(TC.toString(), env.get("LD_PRELOAD"));
        assertEquals("LD_PRELOAD=" + TC, env.get(ChildEnv.MALLOC_SET));
        assertEquals("PASSIVE", env.get("OMP_WAIT_POLICY"));
        assertFalse(env.containsKey("MALLOC_MMAP_THRESHOLD_"));

        env = new HashMap<>(Map.of("LD_PRELOAD", "/opt/libprofiler.so"));
        ChildEnv.apply(env, installed(JE));
        assertEquals(JE + ":/opt/libprofiler.so", env.get("LD_PRELOAD"));

        env = new HashMap<>();
        ChildEnv.apply(env, installed());
        assertEquals("131072", env.get("MALLOC_MMAP_THRESHOLD_"));
        assertFalse(env.containsKey("LD_PRELOAD"));
    }

    @Test
    void gan4jMallocChoosesAndAUsersOwnSettingIsKept() {
        Map<String, String> env = new HashMap<>(Map.of("GAN4J_MALLOC", "glibc"));
        ChildEnv.apply(env, installed(TC, JE));
        assertEquals("131072", env.get("MALLOC_MMAP_THRESHOLD_"));

        env = new HashMap<>(Map.of("GAN4J_MALLOC", "jemalloc"));
        ChildEnv.apply(env, installed(TC, JE));
        assertEquals(JE.toString(), env.get("LD_PRELOAD"));

        for (Map<String, String> own : List.of(Map.of("MALLOC_MMAP_THRESHOLD_", "4194304"),
                Map.of("GLIBC_TUNABLES", "glibc.malloc.mmap_threshold=65536"), Map.of("LD_PRELOAD", JE.toString()))) {
            env = new HashMap<>(own);
            ChildEnv.apply(env, installed(TC));
            Map<String, String> after = env;
            own.forEach((k, v) -> assertEquals(v, after.get(k)));
            env.keySet().removeAll(List.of("OPENBLAS_CORETYPE", ChildEnv.OPENBLAS_SET, "OPENBLAS_THREAD_TIMEOUT",
                    ChildEnv.OPENBLAS_TIMEOUT_SET));
            assertEquals(own.size() + 1, env.size(), "only OMP_WAIT_POLICY added to " + own + " (besides OpenBLAS's)");
        }
    }

    @Test
    void theTwinRunsWithoutWhatGan4jAddedButWithTheUsersOwnSettings() {
        Map<String, String> env = new HashMap<>(Map.of("LD_PRELOAD", "/opt/libprofiler.so"));
        ChildEnv.apply(env, installed(TC));
        ChildEnv.forTwin(env);
        assertEquals(Map.of("LD_PRELOAD", "/opt/libprofiler.so", "OMP_WAIT_POLICY", "PASSIVE"), env);

        env = new HashMap<>();
        ChildEnv.apply(env, installed());
        ChildEnv.forTwin(env);
        assertEquals(Map.of("OMP_WAIT_POLICY", "PASSIVE"), env);

        env = new HashMap<>(Map.of("MALLOC_MMAP_THRESHOLD_", "4194304"));
        ChildEnv.forTwin(env);
        assertEquals("4194304", env.get("MALLOC_MMAP_THRESHOLD_"));
    }

    @Test
    void describesTheBuildsFixedThreshold() {
        // surefire runs the tests with the fixed threshold (root pom) and nothing preloaded
        assertEquals("glibc malloc, mmap threshold 131072", ChildEnv.describeCurrent());
    }

    /** The launcher with its {@code java} replaced: what environment would the JVM get? */
    private static Map<String, String> launcherEnv(Path dir, Map<String, String> given) throws Exception {
        Path root = Path.of(System.getProperty("user.dir")).getParent();
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path fakeJava = bin.resolve("java");
        Files.writeString(fakeJava, "#!/bin/sh\nenv\n");
        assertTrue(fakeJava.toFile().setExecutable(true));
        // a copy of the launcher beside a jar newer than every source, so it does not build
        Path launcher = dir.resolve("gan4j");
        Files.copy(root.resolve("gan4j"), launcher);
        assertTrue(launcher.toFile().setExecutable(true));
        Files.createDirectories(dir.resolve("experiments/target"));
        Files.writeString(dir.resolve("experiments/target/gan4j.jar"), "not a jar");
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "list").redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("MALLOC_") || k.equals("LD_PRELOAD")
                || k.startsWith("GAN4J_") || k.equals("GLIBC_TUNABLES") || k.startsWith("OPENBLAS_"));
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().putAll(given);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        Map<String, String> env = new HashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        env.put("exit", String.valueOf(p.exitValue()));
        env.put("output", out.strip());
        return env;
    }

    @Test
    void theLauncherPreloadsWhatIsInstalledOrFixesTheThreshold(@TempDir Path dir) throws Exception {
        Optional<Path> tc = ChildEnv.findLibrary("tcmalloc");
        Optional<Path> je = ChildEnv.findLibrary("jemalloc");
        Map<String, String> env = launcherEnv(dir.resolve("a"), Map.of());
        assertEquals("0", env.get("exit"), env.get("output"));
        Optional<Path> expected = tc.or(() -> je);
        if (expected.isPresent()) {
            assertEquals(expected.get().toString(), env.get("LD_PRELOAD"));
            assertFalse(env.containsKey("MALLOC_MMAP_THRESHOLD_"));
        } else {
            assertEquals("131072", env.get("MALLOC_MMAP_THRESHOLD_"));
        }
        assertEquals(env.get("GAN4J_MALLOC_SET"), expected.map(p -> "LD_PRELOAD=" + p)
                .orElse("MALLOC_MMAP_THRESHOLD_=131072"));

        env = launcherEnv(dir.resolve("b"), Map.of("GAN4J_MALLOC", "glibc"));
        assertEquals("131072", env.get("MALLOC_MMAP_THRESHOLD_"));
        assertFalse(env.containsKey("LD_PRELOAD"));

        env = launcherEnv(dir.resolve("c"), Map.of("MALLOC_MMAP_THRESHOLD_", "4194304"));
        assertEquals("4194304", env.get("MALLOC_MMAP_THRESHOLD_"));
        assertFalse(env.containsKey("LD_PRELOAD"));

        env = launcherEnv(dir.resolve("d"), Map.of("GAN4J_MALLOC", "mimalloc"));
        assertEquals("2", env.get("exit"));
        assertEquals("gan4j: GAN4J_MALLOC=mimalloc is not one of auto, tcmalloc, jemalloc, glibc", env.get("output"));
    }

    /**
     * OpenBLAS's workers sleep at once (OPENBLAS_THREAD_TIMEOUT=4) in gan4j's processes, launcher and child JVMs alike,
     * and the twin runs with OpenBLAS's default; a user's own value is kept everywhere.
     */
    @Test
    void openBlasWorkersSleepAtOnceInGan4jButNotInTheTwin(@TempDir Path dir) throws Exception {
        Map<String, String> launcher = launcherEnv(dir.resolve("l"), Map.of());
        assertEquals("4", launcher.get("OPENBLAS_THREAD_TIMEOUT"), "launcher");
        Map<String, String> child = new HashMap<>();
        ChildEnv.apply(child, which -> Optional.empty());
        assertEquals("4", child.get("OPENBLAS_THREAD_TIMEOUT"), "child JVM");
        ChildEnv.forTwin(child);
        assertFalse(child.containsKey("OPENBLAS_THREAD_TIMEOUT"), "the twin runs with OpenBLAS's own timeout");
        assertFalse(child.containsKey(ChildEnv.OPENBLAS_TIMEOUT_SET));

        Map<String, String> own = launcherEnv(dir.resolve("own"), Map.of("OPENBLAS_THREAD_TIMEOUT", "20"));
        assertEquals("20", own.get("OPENBLAS_THREAD_TIMEOUT"), "the user's own value is kept by the launcher");
        Map<String, String> ownChild = new HashMap<>(Map.of("OPENBLAS_THREAD_TIMEOUT", "20"));
        ChildEnv.apply(ownChild, which -> Optional.empty());
        ChildEnv.forTwin(ownChild);
        assertEquals("20", ownChild.get("OPENBLAS_THREAD_TIMEOUT"), "the user's own value reaches the twin too");
    }

    private static final String AMD_AVX512 = "vendor_id\t: AuthenticAMD\nflags\t\t: fpu sse avx2 avx512f avx512dq avx512cd"
            + " avx512bw avx512vl avx512_vnni\n";
    private static final String AMD_AVX2 = "vendor_id\t: AuthenticAMD\nflags\t\t: fpu sse avx2 fma\n";
    private static final String INTEL_AVX512 = "vendor_id\t: GenuineIntel\nflags\t\t: fpu sse avx2 avx512f avx512dq"
            + " avx512cd avx512bw avx512vl\n";

    /** OpenBLAS's AVX-512 kernels on AMD CPUs that have AVX-512, in the launcher and for child JVMs alike. */
    @Test
    void openBlasGetsItsAvx512KernelsOnAmdCpusWithAvx512(@TempDir Path dir) throws Exception {
        String[][] cases = {{AMD_AVX512, "SKYLAKEX"}, {AMD_AVX2, null}, {INTEL_AVX512, null}};
        for (int i = 0; i < cases.length; i++) {
            Path cpuinfo = dir.resolve("cpuinfo" + i);
            Files.writeString(cpuinfo, cases[i][0]);
            Map<String, String> env = launcherEnv(dir.resolve("l" + i), Map.of("GAN4J_CPUINFO", cpuinfo.toString()));
            assertEquals(cases[i][1], env.get("OPENBLAS_CORETYPE"), "launcher, cpuinfo " + i);
            Map<String, String> child = new HashMap<>(Map.of("GAN4J_CPUINFO", cpuinfo.toString()));
            ChildEnv.apply(child, which -> Optional.empty());
            assertEquals(cases[i][1], child.get("OPENBLAS_CORETYPE"), "child JVM, cpuinfo " + i);
            ChildEnv.forTwin(child);
            assertFalse(child.containsKey("OPENBLAS_CORETYPE"), "the twin runs with OpenBLAS's own choice");
        }
        Path cpuinfo = dir.resolve("cpuinfo0");
        Map<String, String> own = launcherEnv(dir.resolve("own"), Map.of("GAN4J_CPUINFO", cpuinfo.toString(),
                "OPENBLAS_CORETYPE", "HASWELL"));
        assertEquals("HASWELL", own.get("OPENBLAS_CORETYPE"), "the user's own choice is kept");
        Map<String, String> child = new HashMap<>(Map.of("GAN4J_CPUINFO", cpuinfo.toString(), "OPENBLAS_CORETYPE", "ZEN"));
        ChildEnv.apply(child, which -> Optional.empty());
        assertEquals("ZEN", child.get("OPENBLAS_CORETYPE"));
        ChildEnv.forTwin(child);
        assertEquals("ZEN", child.get("OPENBLAS_CORETYPE"), "the user's own choice reaches the twin too");
        Map<String, String> none = new HashMap<>(Map.of("GAN4J_CPUINFO", dir.resolve("missing").toString()));
        ChildEnv.apply(none, which -> Optional.empty());
        assertFalse(none.containsKey("OPENBLAS_CORETYPE"), "no cpuinfo, no setting");
    }
}
