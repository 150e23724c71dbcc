package io.gan4j.spark.cli;

import io.gan4j.experiments.compare.SweepEngine;
import io.gan4j.spark.SharedPathStorage;
import io.gan4j.spark.SparkSweepEngine;
import io.gan4j.spark.store.HadoopRunStorage;
import org.apache.spark.SparkConf;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The engine {@code gan4j compare SWEEP.json --spark} finds (java.util.ServiceLoader): it chooses where the runs live
 * and hands the sweep to a {@link SparkSweepEngine}.
 * <ul>
 *   <li>without {@code --store}: run directories in place under the sweep's {@code train.outputDir}, a path every
 *       executor sees ({@link SharedPathStorage});</li>
 *   <li>with {@code --store URI}: on a Hadoop file system while they train ({@link HadoopRunStorage}: executor-local
 *       scratch, published checkpoint by checkpoint), copied back under {@code train.outputDir}/{@value
 *       #STORE_COPIES}/ for the report.</li>
 * </ul>
 * It lives in its own package because it is the one place that knows both the engine and the store: the engine
 * ({@code io.gan4j.spark}) and the store ({@code io.gan4j.spark.store}, which implements the engine's
 * {@link io.gan4j.spark.RunStorage}) stay one-way.
 */
public final class SparkSweeps implements SweepEngine {
    /** The folder under the sweep's {@code train.outputDir} where runs trained on a store are copied for the report. */
    public static final String STORE_COPIES = "from-store";

    private final Map<String, String> settings;

    /** The engine with the {@code spark.*} system properties only. */
    public SparkSweeps() {
        this(Map.of());
    }

    /** @param settings Spark settings on top of the {@code spark.*} system properties */
    public SparkSweeps(Map<String, String> settings) {
        this.settings = Map.copyOf(settings);
    }

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public List<RunOutcome> train(List<RunSpec> runs, Options options, PrintWriter console) throws IOException {
        if (options.store() == null) {
            return new SparkSweepEngine(new SharedPathStorage(), settings).train(runs, options, console);
        }
        HadoopRunStorage onStore = new HadoopRunStorage(URI.create(options.store()), hadoopSettings(), null);
        Path copies = Path.of(runs.get(0).outputDir()).resolve(STORE_COPIES);
        return onStore.driverEngine(new SparkSweepEngine(onStore, settings), copies)
                .train(runs, new Options(options.master(), options.parallel()), console);
    }

    /** Hadoop settings given as Spark's {@code spark.hadoop.*} (credentials, endpoints), for the store's clients. */
    private Map<String, String> hadoopSettings() {
        Map<String, String> hadoop = new TreeMap<>();
        SparkConf conf = new SparkConf();
        settings.forEach(conf::set);
        for (scala.Tuple2<String, String> kv : conf.getAllWithPrefix("spark.hadoop.")) {
            hadoop.put(kv._1(), kv._2());
        }
        return hadoop;
    }
}
