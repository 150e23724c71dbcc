package io.gan4j.experiments;

import io.gan4j.core.run.ExperimentRunner;
import io.gan4j.core.run.RunDirectory;
import io.gan4j.core.train.Trainer;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What the CLI adds to a run: the {@code train.log} copy of the console, and a Ctrl-C handler that lets the
 * current step finish and writes a checkpoint before the JVM exits, so the run can be resumed.
 */
final class CliHooks implements ExperimentRunner.Hooks, AutoCloseable {
    /** How long Ctrl-C waits for the step in progress and the final checkpoint. */
    private static final long STOP_WAIT_SECONDS = 120;

    private final PrintWriter out;
    private RunLog log;
    private Thread shutdownHook;
    private final CountDownLatch finished = new CountDownLatch(1);

    CliHooks(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void runDirectoryReady(RunDirectory dir) {
        log = RunLog.attach(dir.log());
        out.println("run directory: " + dir.root());
        out.flush();
    }

    @Override
    public void trainerReady(Trainer trainer) {
        shutdownHook = new Thread(() -> {
            trainer.requestStop();
            try {
                finished.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "gan4j-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    @Override
    public void close() {
        finished.countDown();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down (Ctrl-C): the hook is running and has just been released.
            }
        }
        if (log != null) {
            log.close();
        }
    }
}
