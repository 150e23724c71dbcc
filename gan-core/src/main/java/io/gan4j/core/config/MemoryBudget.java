package io.gan4j.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.api.DataSpec;
import io.gan4j.core.api.ModelFootprint;
import org.bytedeco.javacpp.Pointer;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

/**
 * Whether a config's model can fit in this process's memory, from the variant's {@link ModelFootprint}. ND4J
 * allocates parameters and activations outside the Java heap; an allocation it cannot make crashes the JVM
 * (SIGSEGV, exit 134) rather than throwing, so a model that cannot fit must be refused before it is built.
 * The estimate is a lower bound (parameters and their gradients, each layer's output and its gradient) and the
 * limit an upper bound (heap plus the off-heap limit), so only what cannot possibly fit is refused.
 */
public final class MemoryBudget {
    private MemoryBudget() {
    }

    /**
     * What one training step needs at least.
     *
     * @param footprint       the variant's count
     * @param parameterBytes  parameters and their gradients
     * @param activationBytes activations of one step at the configured batch size
     * @param batchSize       the configured batch size
     */
    public record Estimate(ModelFootprint footprint, double parameterBytes, double activationBytes, int batchSize) {
        public double totalBytes() {
            return parameterBytes + activationBytes;
        }

        /** E.g. {@code 1.5M parameters (12 MB with gradients), 20 MB of activations per step}. */
        public String describe() {
            return count(footprint.parameters()) + " parameters (" + bytes(parameterBytes) + " with gradients), "
                    + bytes(activationBytes) + " of activations per step";
        }

        /** The config path to blame: the largest layer's, or the batch size when the activations dominate. */
        String blamedPath() {
            if (activationBytes > parameterBytes && batchSize > 1 || footprint.largestPath() == null) {
                return "$.train.batchSize";
            }
            return footprint.largestPath();
        }
    }

    /** The estimate for {@code config}'s model on data of shape {@code data}. */
    public static Estimate estimate(LoadedConfig config, DataSpec data) {
        ModelFootprint f = config.variant().footprint(config.config().model(), data);
        double valueBytes = config.config().train().precision().dataType().width();
        int batch = config.config().train().batchSize();
        return new Estimate(f, 2 * f.parameters() * valueBytes, f.activationsPerExample() * batch * valueBytes, batch);
    }

    /** Adds a problem when {@code config}'s model cannot fit in {@link #availableBytes()}. */
    public static void check(LoadedConfig config, DataSpec data, List<ConfigProblem> problems) {
        Estimate e = estimate(config, data);
        long available = availableBytes();
        if (e.totalBytes() <= available) {
            return;
        }
        String path = e.blamedPath();
        problems.add(new ConfigProblem(path, "makes the model too large for memory: it needs at least "
                + bytes(e.totalBytes()) + " (" + e.describe() + " at batch size " + e.batchSize()
                + "), and this process can use at most " + bytes(available) + " (heap " + bytes(heapBytes())
                + " + off-heap " + bytes(offHeapBytes()) + ")", found(config, path),
                "make the model smaller, or give the JVM more memory: GAN4J_JAVA_OPTS=-Xmx..."));
    }

    /** The most this process can hold: the Java heap and ND4J's off-heap limit. */
    public static long availableBytes() {
        return heapBytes() + offHeapBytes();
    }

    static long heapBytes() {
        return Runtime.getRuntime().maxMemory();
    }

    /** JavaCPP's limit on native memory (by default -Xmx), at most the machine's memory; 0 means no limit. */
    static long offHeapBytes() {
        long machine = physicalBytes();
        long limit = Pointer.maxBytes();
        long physicalLimit = Pointer.maxPhysicalBytes();
        long offHeap = limit > 0 ? Math.min(limit, machine) : machine;
        return physicalLimit > 0 ? Math.min(offHeap, physicalLimit) : offHeap;
    }

    private static long physicalBytes() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return Long.MAX_VALUE;
    }

    private static String found(LoadedConfig config, String path) {
        JsonNode node = config.resolved();
        for (String step : path.substring(1).split("(?=\\.)|(?=\\[)")) {
            node = step.startsWith("[") ? node.path(Integer.parseInt(step.substring(1, step.length() - 1)))
                    : node.path(step.substring(1));
        }
        return ConfigJson.found(node);
    }

    /** A byte count for people: {@code 512 MB}, {@code 1.2 TB}. */
    static String bytes(double b) {
        String[] units = {"bytes", "KB", "MB", "GB", "TB", "PB", "EB"};
        int u = 0;
        while (b >= 1024 && u < units.length - 1) {
            b /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, b < 10 && u > 0 ? "%.1f %s" : "%.0f %s", b, units[u]);
    }

    /** A count for people: {@code 950}, {@code 1.5M}, {@code 2.6e+11}. */
    static String count(double n) {
        if (n < 1e4) {
            return String.format(Locale.ROOT, "%.0f", n);
        }
        if (n < 1e9) {
            return String.format(Locale.ROOT, n < 1e6 ? "%.1fk" : "%.1fM", n < 1e6 ? n / 1e3 : n / 1e6);
        }
        return String.format(Locale.ROOT, "%.2g", n);
    }
}
