package io.gan4j.experiments;

import io.gan4j.experiments.compare.SweepEngine;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code compare}'s options for training a sweep on Apache Spark ({@code --spark [--master URL] [--parallel N]
 * [--store URI]}; docs/scaling.md). The engine itself is in gan-spark, found at run time, so that the CLI's jar
 * carries no Spark.
 */
final class SparkSweepOptions {
    @Option(names = "--spark", description = "Train the sweep's runs as Apache Spark tasks, one run per task (needs"
            + " the gan-spark module; docs/scaling.md).")
    boolean spark;

    @Option(names = "--master", paramLabel = "URL", description = "With --spark: the Spark master URL (default"
            + " local[*]; spark://HOST:7077, yarn, k8s://...).")
    String master;

    @Option(names = "--parallel", paramLabel = "N", description = "With --spark: train at most N runs at once"
            + " (default: as many as the cluster has task slots).")
    Integer parallel;

    @Option(names = "--store", paramLabel = "URI", description = "With --spark: keep the runs on this Hadoop file"
            + " system (hdfs://HOST:8020/PATH, s3a://BUCKET/PATH with the connector, file:///PATH) while they train;"
            + " the report reads copies under train.outputDir.")
    String store;

    /**
     * The Spark engine and its options when {@code --spark} was given, else empty; every misuse is a
     * {@link UserInputException} naming the option.
     *
     * @param inputs what compare was given; {@code --spark} trains one sweep file
     */
    Optional<Engine> requested(List<Path> inputs, boolean sweep) {
        if ((master != null || parallel != null || store != null) && !spark) {
            throw new UserInputException("--master, --parallel and --store go with --spark");
        }
        if (!spark) {
            return Optional.empty();
        }
        if (store != null && !store.matches("[A-Za-z][A-Za-z0-9+.-]*://.*")) {
            throw new UserInputException("--store must be a URI with a scheme (hdfs://HOST:8020/PATH, s3a://BUCKET/PATH,"
                    + " file:///PATH), found '" + store + "'");
        }
        if (!sweep) {
            throw new UserInputException("--spark trains a sweep: give one sweep file, found " + inputs);
        }
        if (parallel != null && parallel < 1) {
            throw new UserInputException("--parallel must be at least 1, found " + parallel);
        }
        SweepEngine engine = SweepEngine.find("spark").orElseThrow(() -> new UserInputException("--spark needs"
                + " the gan-spark module on the class path: build it (mvn -B -DskipTests package) and run ./gan4j,"
                + " which adds it when the arguments contain --spark"));
        return Optional.of(new Engine(engine, new SweepEngine.Options(master, parallel == null ? 0 : parallel, store)));
    }

    /** The engine {@code --spark} found, with the options to give it. */
    record Engine(SweepEngine engine, SweepEngine.Options options) {
    }
}
