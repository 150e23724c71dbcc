package io.gan4j.experiments;

import io.gan4j.core.config.ConfigLoader;
import io.gan4j.core.config.LoadedConfig;
import io.gan4j.core.run.ExperimentRunner;
import io.gan4j.core.train.TrainingListener.Outcome;
import io.gan4j.serve.DashboardServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code gan4j train CONFIG [--set k=v]... [--tensorboard] [--serve [--port P] [--host H]]}. */
@Command(name = "train", description = "Train a model from an experiment config; results land in <outputDir>/<name>/<timestamp>/.")
final class TrainCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "CONFIG", description = "Experiment config (JSON).")
    Path config;

    @Mixin
    SessionOptions session;

    @Override
    public Integer call() throws Exception {
        LoadedConfig loaded = new ConfigLoader(Gan4jCli.registry()).load(config, session.configOverrides());
        PrintWriter out = stdout();
        Path outputDir = Path.of(loaded.config().train().outputDir());
        try (DashboardServer dashboard = session.serve.startIfAsked("train", outputDir, out, stderr());
             CliHooks hooks = new CliHooks(out)) {
            ExperimentRunner.Result r = new ExperimentRunner(Gan4jCli.registry()).train(loaded, hooks);
            return report(out, r);
        }
    }

    /**
     * Prints where the results are; 0 when complete, 130 when interrupted (resumable). (A JVM stopped by SIGTERM
     * exits with 143 whatever this returns: the shutdown has begun and the hook's signal decides.)
     */
    static int report(PrintWriter out, ExperimentRunner.Result r) {
        if (r.alreadyFinished()) {
            out.println(r.dir().root() + " is already finished at step " + r.lastStep() + "; nothing to do (to train"
                    + " on, resume with --set train.iterations=N, N > " + r.lastStep() + ")");
            out.flush();
            return ExitCode.OK;
        }
        out.println((r.outcome() == Outcome.COMPLETED ? "finished" : "interrupted") + " at step " + r.lastStep()
                + "; samples in " + r.dir().samples() + ", metrics in " + r.dir().metrics());
        if (r.outcome() == Outcome.STOPPED) {
            out.println("continue with: gan4j resume " + r.dir().root());
        }
        out.flush();
        return r.outcome() == Outcome.COMPLETED ? ExitCode.OK : 130;
    }
}
