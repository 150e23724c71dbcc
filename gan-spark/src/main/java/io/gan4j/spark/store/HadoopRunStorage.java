package io.gan4j.spark.store;

import io.gan4j.core.io.Json;
import io.gan4j.experiments.compare.SweepEngine.RunSpec;
import io.gan4j.spark.RunStorage;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.TaskContext;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Sweep runs kept on a shared store ({@link SharedRunStore}: {@code hdfs://}, {@code s3a://}, {@code file://}): each
 * task takes its run's lock on the store ({@link StoreLock}, waiting out the lease of a killed earlier attempt),
 * restores what earlier attempts published into an executor-local folder, trains there (the sweep runner resumes the
 * restored run from its newest published checkpoint), and publishes after every checkpoint and at the end. The store
 * holds each run directory at {@code <root>/<run name>/}. The driver reads the runs through {@link #driverEngine}, which
 * downloads them for the comparison.
 *
 * <p>The local folder has the same path on every executor (by default the driver's {@code java.io.tmpdir} plus
 * {@code gan4j-spark-runs}): it is part of each run's resolved config, whose hash tells the sweep runner that a restored
 * run is the run it is asked for.
 */
public class HadoopRunStorage implements RunStorage {
    private static final long serialVersionUID = 1L;

    private final String root;
    private final TreeMap<String, String> hadoopSettings;
    private final String localDir;
    private transient SharedRunStore driverStore;

    /**
     * @param root           the store's root URI
     * @param hadoopSettings Hadoop settings the executors need to reach it (empty for HDFS with its address in the URI)
     * @param localDir       where executors train (an absolute path, the same on every executor), null for the default
     */
    public HadoopRunStorage(URI root, Map<String, String> hadoopSettings, Path localDir) {
        this.root = root.toString();
        this.hadoopSettings = new TreeMap<>(hadoopSettings);
        this.localDir = (localDir != null ? localDir : Path.of(System.getProperty("java.io.tmpdir"), "gan4j-spark-runs"))
                .toAbsolutePath().normalize().toString();
    }

    Configuration hadoopConf() {
        Configuration conf = new Configuration();
        hadoopSettings.forEach(conf::set);
        return conf;
    }

    @Override
    public Session open(RunSpec spec) throws IOException {
        SharedRunStore store = SharedRunStore.open(URI.create(root), hadoopConf());
        StoreLock lock = null;
        try {
            // A killed attempt's lease runs out within the timeout; a retry waits for it rather than fail again.
            lock = store.lock(spec.runName(), holder(), store.leaseTimeout().multipliedBy(2));
            Path out = Path.of(localDir);
            Path nameDir = out.resolve(spec.runName());
            // The store is the truth: what an earlier attempt left on this disk may be ahead of what it published.
            SharedRunStore.deleteLocalTree(nameDir);
            Files.createDirectories(nameDir);
            store.restore(spec.runName(), nameDir);
            List<String> overrides = new ArrayList<>(spec.overrides());
            overrides.add("train.outputDir=" + Json.MAPPER.writeValueAsString(out.toString()));
            RunSpec local = new RunSpec(spec.runName(), spec.baseConfig(), overrides, out.toString(),
                    spec.iterations(), spec.evalSamples());
            return new StoreSession(store, lock, local);
        } catch (IOException | RuntimeException e) {
            if (lock != null) {
                lock.close();
            }
            store.close();
            throw e;
        }
    }

    private static String holder() {
        TaskContext task = TaskContext.get();
        String who = task == null ? "gan4j" : "spark task " + task.stageId() + "." + task.partitionId() + " attempt "
                + task.attemptNumber();
        return who + " (pid " + ProcessHandle.current().pid() + " on " + hostName() + ")";
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown host";
        }
    }

    /** The step of the run's newest published checkpoint (read on the driver for the progress line). */
    @Override
    public synchronized OptionalLong latestStep(RunSpec spec) {
        try {
            if (driverStore == null) {
                driverStore = SharedRunStore.open(URI.create(root), hadoopConf());
            }
            return driverStore.newestPublishedStep(spec.runName());
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty(); // the next poll tries again
        }
    }

    /**
     * Downloads a published run for the driver into {@code cache}.
     *
     * @param location what a task returned as the run's location (its URI on the store)
     */
    Path download(String location, Path cache) throws IOException {
        try (SharedRunStore store = SharedRunStore.open(URI.create(root), hadoopConf())) {
            return store.download(URI.create(location), cache);
        }
    }

    /** One attempt: the lock held, the run restored; publishing checks the lock. */
    record StoreSession(SharedRunStore store, StoreLock lock, RunSpec localSpec) implements Session {
        @Override
        public void publish(Path runDir) throws IOException {
            store.publish(localSpec.runName(), runDir, lock);
        }

        @Override
        public String location(Path runDir) {
            return store.runUri(localSpec.runName()).toString();
        }

        @Override
        public void close() throws IOException {
            try {
                lock.close();
            } finally {
                store.close();
            }
        }
    }

    @Override
    public String toString() {
        return "runs on " + root + " (trained in " + localDir + " on each executor)";
    }

    /** For the driver: {@code engine} with each finished run downloaded from the store into {@code cache}. */
    public io.gan4j.experiments.compare.SweepEngine driverEngine(io.gan4j.experiments.compare.SweepEngine engine,
                                                                  Path cache) {
        return new StoreSweepEngine(engine, this, cache);
    }
}
