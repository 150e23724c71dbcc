package io.gan4j.experiments;

import io.gan4j.core.run.ExperimentRunner;
import io.gan4j.serve.DashboardServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code gan4j resume RUN_DIR [--set k=v]... [--fallback] [--tensorboard] [--serve [--port P] [--host H]]}. */
@Command(name = "resume", description = "Continue a run from its latest checkpoint; with the same config the result"
        + " equals an uninterrupted run.")
final class ResumeCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The run directory (runs/<name>/<timestamp>).")
    Path runDir;

    @Mixin
    SessionOptions session;

    @Option(names = "--fallback", description = "If the latest checkpoint is damaged, resume from the newest valid one.")
    boolean fallback;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = stdout();
        try (DashboardServer dashboard = session.serve.startIfAsked("resume", outputDir(runDir), out, stderr());
             CliHooks hooks = new CliHooks(out)) {
            ExperimentRunner.Result r = new ExperimentRunner(Gan4jCli.registry())
                    .resume(runDir, session.configOverrides(), fallback, hooks);
            return TrainCommand.report(out, r);
        }
    }

    /** The output directory of {@code <outputDir>/<name>/<timestamp>}, so the dashboard shows the run's siblings. */
    private static Path outputDir(Path runDir) {
        Path absolute = runDir.toAbsolutePath().normalize();
        Path parent = absolute.getParent() == null ? null : absolute.getParent().getParent();
        return parent == null ? absolute : parent;
    }
}
