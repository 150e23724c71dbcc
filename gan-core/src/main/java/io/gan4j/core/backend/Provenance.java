package io.gan4j.core.backend;

import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What produced a run, recorded in its manifest so a result can be traced and reproduced: gan4j's version and
 * git commit, the DL4J/ND4J versions and backend, the JVM, the OS and the thread settings that change results or
 * speed.
 *
 * @param gan4jVersion  gan4j's version
 * @param gitCommit     commit gan4j was built from, or "unknown"
 * @param gitDirty      whether the build had uncommitted changes, or null when unknown
 * @param dl4jVersion   deeplearning4j-nn version
 * @param nd4jBackend   the ND4J backend ("CPU", "CUDA"), the backend artifact and its version, and native build
 *                      details (BLAS, threads)
 * @param java          JVM vendor and version
 * @param os            operating system name, version and architecture
 * @param cpus          processors available to the JVM
 * @param maxHeapMiB    the JVM's maximum heap
 * @param environment   thread-related environment variables (OMP_NUM_THREADS, OMP_WAIT_POLICY...) and
 *                      gan4j-relevant system properties, where set
 */
public record Provenance(String gan4jVersion, String gitCommit, Boolean gitDirty, String dl4jVersion,
                         Map<String, String> nd4jBackend, String java, String os, int cpus, long maxHeapMiB,
                         Map<String, String> environment) {

    private static final String[] ENV = {"OMP_NUM_THREADS", "OMP_WAIT_POLICY", "OMP_PROC_BIND", "MKL_NUM_THREADS",
            "OPENBLAS_NUM_THREADS", "CUDA_VISIBLE_DEVICES"};
    private static final String[] PROPS = {"org.eclipse.deeplearning4j.helpers.disable", "org.bytedeco.javacpp.maxbytes",
            "org.bytedeco.javacpp.maxphysicalbytes", "gan4j.onednn.helpers"};

    /** The provenance of this process. Initialises ND4J's backend if it is not yet. */
    public static Provenance current() {
        Properties build = resource("/io/gan4j/core/build.properties");
        Properties git = resource("/io/gan4j/core/git.properties");
        Properties dl4j = resource("/META-INF/maven/org.deeplearning4j/deeplearning4j-nn/pom.properties");
        Map<String, String> backend = new LinkedHashMap<>();
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        for (String key : new String[] {"backend", "blas.vendor", "omp.threads", "blas.threads", "cores", "cuda.devicesInformation"}) {
            Object v = env.get(key);
            if (v != null) {
                backend.put(key, String.valueOf(v));
            }
        }
        backend.put("class", Nd4j.getBackend().getClass().getName());
        for (String artifact : new String[] {"nd4j-native", "nd4j-cuda-11.6"}) {
            String v = resource("/META-INF/maven/org.nd4j/" + artifact + "/pom.properties").getProperty("version");
            if (v != null) {
                backend.put("artifact", "org.nd4j:" + artifact + ":" + v);
            }
        }
        Map<String, String> envVars = new LinkedHashMap<>();
        for (String k : ENV) {
            String v = System.getenv(k);
            if (v != null) {
                envVars.put(k, v);
            }
        }
        for (String k : PROPS) {
            String v = System.getProperty(k);
            if (v != null) {
                envVars.put("-D" + k, v);
            }
        }
        String dirty = git.getProperty("git.dirty");
        return new Provenance(
                build.getProperty("version", "unknown"),
                git.getProperty("git.commit.id.full", "unknown"),
                dirty == null ? null : Boolean.valueOf(dirty),
                dl4j.getProperty("version", "unknown"),
                backend,
                System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024),
                envVars);
    }

    /** gan4j's version from the build, or "unknown" when running from unpackaged classes. */
    public static String buildVersion() {
        return resource("/io/gan4j/core/build.properties").getProperty("version", "unknown");
    }

    private static Properties resource(String name) {
        Properties p = new Properties();
        try (InputStream in = Provenance.class.getResourceAsStream(name)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // Provenance is best effort: a missing entry is recorded as unknown.
        }
        return p;
    }
}
