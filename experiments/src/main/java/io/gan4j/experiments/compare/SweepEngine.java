package io.gan4j.experiments.compare;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * An engine that trains a sweep's runs somewhere else than one after another in this process: {@code gan4j compare
 * SWEEP.json --spark} asks for the engine named {@code spark}, which the {@code gan-spark} module provides. Engines are
 * found with {@link ServiceLoader} (a {@code META-INF/services/io.gan4j.experiments.compare.SweepEngine} file), so the
 * CLI does not depend on any of them. The driver ({@link Compare}) computes the runs and makes the report; the engine
 * only trains them, each with {@link Compare#trainOrReuse}, and says how each ended.
 */
public interface SweepEngine {
    /** The engine's name: {@code spark} for {@code --spark}. */
    String name();

    /**
     * Trains every run (reusing finished ones, resuming interrupted ones) and waits for all of them.
     *
     * @param runs    the runs, in sweep order
     * @param options how the user asked to run them
     * @param console where progress goes
     * @return one outcome per run, in the order of {@code runs}
     * @throws IOException when the engine itself cannot run (a run's own failure is an outcome)
     */
    List<RunOutcome> train(List<RunSpec> runs, Options options, PrintWriter console) throws IOException;

    /**
     * What the user asked of the engine.
     *
     * @param master   where to run (Spark: a master URL such as {@code local[*]} or {@code spark://host:7077}); null
     *                 for the engine's default
     * @param parallel the most runs trained at once; 0 for no cap beyond the engine's slots
     * @param store    a Hadoop file system URI ({@code hdfs://...}, {@code s3a://...}) where the runs live while they
     *                 train, copied back under their {@code train.outputDir} for the report; null to train in place
     */
    record Options(String master, int parallel, String store) {
        public Options(String master, int parallel) {
            this(master, parallel, null);
        }
    }

    /**
     * One run of a sweep, as shipped to whatever trains it: configs are read by path there.
     *
     * @param runName    the run's experiment name
     * @param baseConfig absolute path of the sweep's base config
     * @param overrides  the {@code --set} overrides of this run (its name among them)
     * @param outputDir  its {@code train.outputDir}, as resolved by the driver
     * @param iterations its {@code train.iterations}
     * @param evalSamples generated samples of the report's final evaluation, which whatever trains the run may make
     *                    as soon as it finished (an engine that trains runs on many machines then spares the driver
     *                    evaluating every run in turn after the sweep); 0 to leave the evaluation to the report
     */
    record RunSpec(String runName, String baseConfig, List<String> overrides, String outputDir, long iterations,
                   int evalSamples) implements Serializable {
        private static final long serialVersionUID = 1L;

        public RunSpec {
            overrides = List.copyOf(overrides);
        }
    }

    /**
     * How a run ended.
     *
     * @param runName the run's name
     * @param runDir  its run directory when it finished (trained, resumed or reused), else null
     * @param failure why it failed (bad config, divergence, ...), else null
     */
    record RunOutcome(String runName, String runDir, String failure) implements Serializable {
        private static final long serialVersionUID = 1L;

        public static RunOutcome finished(String runName, String runDir) {
            return new RunOutcome(runName, runDir, null);
        }

        public static RunOutcome failed(String runName, String failure) {
            return new RunOutcome(runName, null, failure);
        }

        public boolean isFailed() {
            return failure != null;
        }
    }

    /** The engine called {@code name} on the class path, if any. */
    static Optional<SweepEngine> find(String name) {
        return ServiceLoader.load(SweepEngine.class).stream().map(ServiceLoader.Provider::get)
                .filter(e -> e.name().equals(name)).findFirst();
    }
}
