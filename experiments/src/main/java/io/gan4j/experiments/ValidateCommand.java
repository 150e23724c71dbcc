package io.gan4j.experiments;

import io.gan4j.core.api.ConfigException;
import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.api.DataSpec;
import io.gan4j.core.config.ConfigLoader;
import io.gan4j.core.config.LoadedConfig;
import io.gan4j.core.config.MemoryBudget;
import io.gan4j.core.data.ArrayDataset;
import io.gan4j.core.data.DataConfig;
import io.gan4j.core.data.DataException;
import io.gan4j.core.run.ExperimentRunner;
import io.gan4j.experiments.compare.SweepCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code gan4j validate CONFIG...}: check configs without training. */
@Command(name = "validate", description = "Check experiment configs (keys, types, ranges, cross-field rules, the memory"
        + " the model needs and, unless --no-data, that the data exists and fits the model) without training; for a"
        + " sweep file, the config of every run it lists. Exit 2 if any is invalid.")
final class ValidateCommand extends CliCommand {
    @Parameters(arity = "1..*", paramLabel = "CONFIG", description = "Experiment configs (JSON).")
    List<Path> configs;

    @Mixin
    Overrides overrides;

    @Option(names = "--no-data", description = "Do not load the data (skips the data checks).")
    boolean noData;

    @Override
    public Integer call() {
        PrintWriter out = stdout();
        PrintWriter err = stderr();
        ConfigLoader loader = new ConfigLoader(Gan4jCli.registry());
        ExperimentRunner runner = new ExperimentRunner(Gan4jCli.registry());
        int invalid = 0;
        for (Path config : configs) {
            if (SweepCheck.isSweep(config)) {
                invalid += validateSweep(config, loader, out, err);
                continue;
            }
            try {
                LoadedConfig loaded = loader.load(config, overrides.values);
                String data = noData ? withoutData(loaded) : "";
                if (!noData) {
                    ArrayDataset d = runner.checkData(loaded);
                    DataSpec spec = loaded.config().data().spec(d);
                    data = ", data " + spec + " x " + d.size() + "; " + MemoryBudget.estimate(loaded, spec).describe();
                }
                out.println("ok: " + config + " (" + loaded.variant().name() + ", "
                        + loaded.config().train().iterations() + " iterations" + data + ")");
            } catch (ConfigException | DataException e) {
                invalid++;
                for (String line : e.getMessage().split("\n")) {
                    err.println("gan4j validate: " + line);
                }
            }
        }
        out.flush();
        err.flush();
        return invalid == 0 ? ExitCode.OK : ExitCode.INPUT;
    }

    /**
     * A sweep file is not an experiment config, and checking it as one would list its keys as unknown: its runs'
     * configs are checked instead (not their data, which each run loads), and the user is told how to run it.
     *
     * @return 1 if the sweep or one of its runs is invalid, else 0
     */
    private int validateSweep(Path sweep, ConfigLoader loader, PrintWriter out, PrintWriter err) {
        String howToRun = "run it with: gan4j compare " + sweep;
        try {
            List<String> runs = SweepCheck.check(sweep, loader, overrides.values);
            out.println("ok: " + sweep + " is a sweep file of " + runs.size() + (runs.size() == 1 ? " run" : " runs")
                    + " (" + String.join(", ", runs) + "), every run's config valid; " + howToRun);
            return 0;
        } catch (ConfigException e) {
            for (String line : e.getMessage().split("\n")) {
                err.println("gan4j validate: " + line);
            }
            err.println("gan4j validate: " + sweep + " is a sweep file; once it is valid, " + howToRun);
            return 1;
        }
    }

    /**
     * The memory check where the config alone gives the data's shape, so a model that cannot fit is refused even
     * without loading the data; the estimate, or nothing when the shape is only in the data.
     */
    private static String withoutData(LoadedConfig loaded) {
        Optional<DataSpec> spec = DataConfig.specWithoutLoading(loaded.config().data());
        if (spec.isEmpty()) {
            return "";
        }
        List<ConfigProblem> problems = new ArrayList<>();
        MemoryBudget.check(loaded, spec.get(), problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(loaded.sourceName(), problems);
        }
        return "; " + MemoryBudget.estimate(loaded, spec.get()).describe();
    }
}
