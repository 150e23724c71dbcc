package io.gan4j.experiments;

import io.gan4j.experiments.compare.Compare;
import io.gan4j.experiments.compare.SweepEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code gan4j compare RUN_DIR... | SWEEP.json [--out DIR]}. */
@Command(name = "compare", description = "Compare runs side by side: a Markdown/CSV table (mean ± std over seeds), loss"
        + " and metric curves, sample grids and an index.html report. Give run directories (or directories holding"
        + " runs), or one sweep file, which trains every combination it lists first (reusing finished runs).")
final class CompareCommand extends CliCommand {
    @Parameters(arity = "1..*", paramLabel = "RUN_DIR|SWEEP.json", description = "Runs to compare, or a sweep file.")
    List<Path> inputs;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: compare-<timestamp> next to"
            + " the runs, or <outputDir>/<sweep>/compare for a sweep).")
    Path out;

    @Option(names = "--n", defaultValue = "10000", description = "Samples per run for runs that need evaluating"
            + " (default ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--reevaluate", description = "Evaluate every run again even if its eval.json is current.")
    boolean reevaluate;

    @Option(names = "--spark", description = "Train the sweep's runs as Apache Spark tasks, one run per task (needs"
            + " the gan-spark module; docs/scaling.md).")
    boolean spark;

    @Option(names = "--master", paramLabel = "URL", description = "With --spark: the Spark master URL (default"
            + " local[*]; spark://HOST:7077, yarn, k8s://...).")
    String master;

    @Option(names = "--parallel", paramLabel = "N", description = "With --spark: train at most N runs at once"
            + " (default: as many as the cluster has task slots).")
    int parallel;

    @Option(names = "--store", paramLabel = "URI", description = "With --spark: keep the runs on this Hadoop file"
            + " system (hdfs://HOST:8020/PATH, s3a://BUCKET/PATH with the connector, file:///PATH) while they train;"
            + " the report reads copies under train.outputDir.")
    String store;

    @Override
    public Integer call() throws Exception {
        if (n < 10) {
            throw new UserInputException("--n must be at least 10, found " + n);
        }
        Compare compare = new Compare(Gan4jCli.registry(), n, reevaluate, stdout());
        boolean sweep = inputs.size() == 1 && Files.isRegularFile(inputs.get(0)) && inputs.get(0).toString().endsWith(".json");
        PrintWriter console = stdout();
        if ((master != null || parallel != 0 || store != null) && !spark) {
            throw new UserInputException("--master, --parallel and --store go with --spark");
        }
        if (store != null && !store.matches("[A-Za-z][A-Za-z0-9+.-]*://.*")) {
            throw new UserInputException("--store must be a URI with a scheme (hdfs://HOST:8020/PATH, s3a://BUCKET/PATH,"
                    + " file:///PATH), found '" + store + "'");
        }
        if (spark && !sweep) {
            throw new UserInputException("--spark trains a sweep: give one sweep file, found " + inputs);
        }
        if (parallel < 0) {
            throw new UserInputException("--parallel must be at least 1, found " + parallel);
        }
        Compare.Result r;
        if (spark) {
            SweepEngine engine = SweepEngine.find("spark").orElseThrow(() -> new UserInputException("--spark needs"
                    + " the gan-spark module on the class path: build it (mvn -B -DskipTests package) and run ./gan4j,"
                    + " which adds it when the arguments contain --spark"));
            r = compare.sweep(inputs.get(0), out, engine, new SweepEngine.Options(master, parallel, store));
        } else {
            r = sweep ? compare.sweep(inputs.get(0), out, () -> new CliHooks(console)) : compare.runs(inputs, out);
        }
        if (r.interruptedRun() != null) {
            return 130; // Compare has said where it stopped.
        }
        console.println("report: " + r.index());
        stdout().flush();
        return ExitCode.OK;
    }
}
