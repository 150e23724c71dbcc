package io.gan4j.spark;

import io.gan4j.experiments.compare.SweepEngine;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Trains a sweep's runs as Spark tasks, one run per task: {@code gan4j compare SWEEP.json --spark [--master URL]
 * [--parallel N]}. Each run is its own single-task Spark job, submitted asynchronously; {@code --parallel N} caps the
 * runs in flight by holding back submissions (Spark's pools have no maximum share, and putting several runs into one
 * partition would retrain finished ones when that partition is retried and hide each run's own outcome). Without it,
 * every run is submitted at once and Spark runs as many as the cluster has task slots.
 *
 * <p>Where the runs live is the {@link RunStorage}'s business; {@code io.gan4j.spark.cli.SparkSweeps} picks it from
 * {@code --store}, and this engine refuses {@link Options#store()} (it has been dealt with by then).
 *
 * <p>The {@link SparkConf} also takes {@code spark.*} system properties, so {@code spark-submit --conf} and
 * {@code -Dspark...} settings apply. The driver prints one updating progress line (see {@link SweepProgress}).
 */
public final class SparkSweepEngine implements SweepEngine {
    /** The master used without {@code --master} (and without {@code spark.master}): an embedded engine. */
    public static final String DEFAULT_MASTER = "local[*]";
    /** The job property that names the index of the run a job trains (read by {@link SweepProgress}). */
    static final String RUN_PROPERTY = "gan4j.sweep.run";
    private static final Logger LOG = LoggerFactory.getLogger(SparkSweepEngine.class);
    private static final long POLL_MILLIS = 500;

    private final RunStorage storage;
    private final Map<String, String> settings;

    /**
     * @param storage  where tasks train and publish their runs
     * @param settings Spark settings on top of the {@code spark.*} system properties (e.g. the executors' class path)
     */
    public SparkSweepEngine(RunStorage storage, Map<String, String> settings) {
        this.storage = storage;
        this.settings = Map.copyOf(settings);
    }

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public List<RunOutcome> train(List<RunSpec> runs, Options options, PrintWriter console) throws IOException {
        if (options.store() != null) {
            throw new IllegalArgumentException("this engine trains with the storage it was given; --store is chosen by"
                    + " io.gan4j.spark.cli.SparkSweeps, found " + options.store());
        }
        String master = options.master() != null ? options.master()
                : settings.getOrDefault("spark.master", new SparkConf().get("spark.master", DEFAULT_MASTER));
        boolean local = master.startsWith("local");
        // Quiet before any SparkConf is made: the loopback warning came before the context was started.
        try (QuietTraining quiet = QuietTraining.inThisJvm(local);
             JavaSparkContext sc = new JavaSparkContext(conf(master, local))) {
            SweepProgress progress = new SweepProgress(runs, storage, console);
            sc.sc().addSparkListener(progress.listener());
            return schedule(sc, runs, options.parallel(), progress);
        }
    }

    /** The {@code spark.*} system properties, this engine's settings, the master, and quiet defaults. */
    private SparkConf conf(String master, boolean local) {
        SparkConf conf = new SparkConf().setAppName("gan4j sweep")
                .setIfMissing("spark.ui.showConsoleProgress", "false");
        settings.forEach(conf::set);
        conf.setMaster(master);
        if (local) {
            // An embedded engine serves nobody else: no web UI, and its RPC and block-manager ports on loopback only.
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
        }
        return conf;
    }

    /** Submits the runs, at most {@code parallel} at once (0: all), and collects their outcomes in sweep order. */
    private List<RunOutcome> schedule(JavaSparkContext sc, List<RunSpec> runs, int parallel, SweepProgress progress) {
        RunOutcome[] outcomes = new RunOutcome[runs.size()];
        Map<Integer, JavaFutureAction<List<RunOutcome>>> inFlight = new LinkedHashMap<>();
        int cap = parallel > 0 ? parallel : runs.size();
        int next = 0;
        int finished = 0;
        SweepTask task = new SweepTask(storage);
        while (finished < runs.size()) {
            while (next < runs.size() && inFlight.size() < cap) {
                sc.setLocalProperty(RUN_PROPERTY, Integer.toString(next));
                sc.setJobDescription(runs.get(next).runName());
                inFlight.put(next, sc.parallelize(List.of(runs.get(next)), 1).map(task).collectAsync());
                next++;
            }
            for (Integer i : new ArrayList<>(inFlight.keySet())) {
                if (inFlight.get(i).isDone()) {
                    outcomes[i] = outcome(runs.get(i), inFlight.remove(i));
                    progress.finished(i, outcomes[i]);
                    finished++;
                }
            }
            progress.show();
            if (finished < runs.size()) {
                sleep();
            }
        }
        progress.end();
        return List.of(outcomes);
    }

    /** The task's outcome, or, when Spark gave up on the task (it failed spark.task.maxFailures times), why. */
    private static RunOutcome outcome(RunSpec run, JavaFutureAction<List<RunOutcome>> job) {
        try {
            return job.get().get(0);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            LOG.warn("{}: Spark gave up on the run", run.runName(), cause);
            String message = String.valueOf(cause.getMessage()).strip().split("\n")[0];
            return RunOutcome.failed(run.runName(), "Spark gave up on its task: " + message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + run.runName(), e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the sweep ran", e);
        }
    }
}
