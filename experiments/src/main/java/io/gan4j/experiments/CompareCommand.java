package io.gan4j.experiments;

import io.gan4j.experiments.compare.Compare;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

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

    @Mixin
    SparkSweepOptions sparkOptions;

    @Override
    public Integer call() throws Exception {
        if (n < 10) {
            throw new UserInputException("--n must be at least 10, found " + n);
        }
        Compare compare = new Compare(Gan4jCli.registry(), n, reevaluate, stdout());
        boolean sweep = inputs.size() == 1 && Files.isRegularFile(inputs.get(0)) && inputs.get(0).toString().endsWith(".json");
        PrintWriter console = stdout();
        Optional<SparkSweepOptions.Engine> spark = sparkOptions.requested(inputs, sweep);
        Compare.Result r;
        if (spark.isPresent()) {
            r = compare.sweep(inputs.get(0), out, spark.get().engine(), spark.get().options());
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
