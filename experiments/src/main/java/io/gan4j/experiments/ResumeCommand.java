package io.gan4j.experiments;

import io.gan4j.core.run.ExperimentRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code gan4j resume RUN_DIR [--set k=v]... [--fallback] [--tensorboard]}. */
@Command(name = "resume", description = "Continue a run from its latest checkpoint; with the same config the result"
        + " equals an uninterrupted run.")
final class ResumeCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The run directory (runs/<name>/<timestamp>).")
    Path runDir;

    @Mixin
    Overrides overrides;

    @Mixin
    TensorBoardOption tensorBoard;

    @Option(names = "--fallback", description = "If the latest checkpoint is damaged, resume from the newest valid one.")
    boolean fallback;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = stdout();
        try (CliHooks hooks = new CliHooks(out)) {
            ExperimentRunner.Result r = new ExperimentRunner(Gan4jCli.registry())
                    .resume(runDir, tensorBoard.addTo(overrides.values), fallback, hooks);
            return TrainCommand.report(out, r);
        }
    }
}
