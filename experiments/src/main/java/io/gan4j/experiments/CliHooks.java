package io.gan4j.experiments;

import io.gan4j.core.run.ExperimentRunner;
import io.gan4j.core.run.RunDirectory;
import io.gan4j.core.train.Trainer;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What the CLI adds to a run: the {@code train.log} copy of the console, and a stop handler for Ctrl-C and SIGTERM
 * (both run the JVM's shutdown hooks): the current step finishes, the checkpoint is written, then the rest, and the
 * JVM exits with 130 or 143; the run can be resumed.
 *
 * <p>The handler is installed as soon as the run directory exists, not only once training runs: a signal while the
 * model is built or restored is remembered and stops the trainer before its first step, which then saves the initial
 * state, so even a run interrupted in its first seconds can be resumed.
 */
final class CliHooks implements ExperimentRunner.Hooks, AutoCloseable {
    /** How long a stop waits for the step in progress, the final checkpoint and the manifest. */
    private static final long STOP_WAIT_SECONDS = 120;

    private final PrintWriter out;
    private RunLog log;
    private Thread shutdownHook;
    private final CountDownLatch finished = new CountDownLatch(1);
    // Both volatile, written before read on each side: the hook sets stopRequested then reads trainer, the main
    // thread sets trainer then reads stopRequested, so at least one of them sees the other and the stop is not lost.
    private volatile boolean stopRequested;
    private volatile Trainer trainer;

    CliHooks(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void runDirectoryReady(RunDirectory dir) {
        log = RunLog.attach(dir.log());
        out.println("run directory: " + dir.root());
        out.flush();
        shutdownHook = new Thread(this::stopAndWait, "gan4j-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    @Override
    public void trainerReady(Trainer ready) {
        trainer = ready;
        if (stopRequested) {
            ready.requestStop();
        }
    }

    private void stopAndWait() {
        stopRequested = true;
        Trainer t = trainer;
        if (t != null) {
            t.requestStop();
        }
        try {
            finished.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            if (shutdownHook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException e) {
                    // The JVM is already shutting down (a signal): the hook is running and waits for us.
                }
            }
            if (log != null) {
                log.close();
            }
        } finally {
            // Last: once released, a stopping JVM halts, and train.log must be complete by then.
            finished.countDown();
        }
    }
}
