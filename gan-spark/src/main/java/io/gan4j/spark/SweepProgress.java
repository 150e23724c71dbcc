package io.gan4j.spark;

import io.gan4j.experiments.compare.SweepEngine.RunOutcome;
import io.gan4j.experiments.compare.SweepEngine.RunSpec;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The driver's progress line, {@code spark: 2 done, 1 running (vanilla-loss_loss-hinge_seed-1: step 1200/3000), 0
 * failed}: redrawn in place on a terminal, else printed when the counts change and every half minute.
 *
 * <p>Which runs are running comes from a {@link SparkListener} (a task started and has not ended; a retried run
 * counts again when its new attempt starts). Each running run's step is read from what the run has written, through
 * {@link RunStorage#latestStep}: Spark accumulators reach the driver only when a task ends, and listener events carry
 * no step, whereas the run's metrics file (or its published checkpoints, on a shared store) says where it is at any
 * moment and works the same for any executor anywhere.
 */
final class SweepProgress {
    private static final long QUIET_PRINT_MILLIS = 30_000;
    private static final int RUNNING_SHOWN = 3;

    private final List<RunSpec> runs;
    private final RunStorage storage;
    private final PrintWriter console;
    private final boolean redraw = System.console() != null;
    private final Map<Integer, Integer> stageRun = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> attemptsRunning = new ConcurrentHashMap<>();
    private int done;
    private int failed;
    private String lastCounts = "";
    private long lastPrint;
    private int lastWidth;

    SweepProgress(List<RunSpec> runs, RunStorage storage, PrintWriter console) {
        this.runs = runs;
        this.storage = storage;
        this.console = console;
    }

    /** The listener to add to the Spark context. */
    SparkListener listener() {
        return new SparkListener() {
            @Override
            public void onStageSubmitted(SparkListenerStageSubmitted event) {
                String run = event.properties() == null ? null
                        : event.properties().getProperty(SparkSweepEngine.RUN_PROPERTY);
                if (run != null) {
                    stageRun.put(event.stageInfo().stageId(), Integer.parseInt(run));
                }
            }

            @Override
            public void onTaskStart(SparkListenerTaskStart event) {
                Integer run = stageRun.get(event.stageId());
                if (run != null) {
                    attemptsRunning.computeIfAbsent(run, r -> new AtomicInteger()).incrementAndGet();
                }
            }

            @Override
            public void onTaskEnd(SparkListenerTaskEnd event) {
                Integer run = stageRun.get(event.stageId());
                if (run != null) {
                    attemptsRunning.computeIfAbsent(run, r -> new AtomicInteger()).decrementAndGet();
                }
            }
        };
    }

    /** Records that run {@code index} has its outcome. */
    void finished(int index, RunOutcome outcome) {
        attemptsRunning.remove(index);
        if (outcome.isFailed()) {
            failed++;
            print("spark: " + runs.get(index).runName() + " failed: " + outcome.failure(), true);
        } else {
            done++;
        }
    }

    /** Draws the line now (on a terminal), or prints it when the counts changed or a while has passed. */
    void show() {
        List<Integer> running = new ArrayList<>();
        attemptsRunning.forEach((run, n) -> {
            if (n.get() > 0) {
                running.add(run);
            }
        });
        running.sort(null);
        String counts = done + " done, " + running.size() + " running, " + failed + " failed";
        String line = "spark: " + done + " done, " + running.size() + " running" + steps(running) + ", " + failed
                + " failed";
        long now = System.currentTimeMillis();
        if (redraw) {
            console.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
            console.flush();
            lastWidth = line.length();
        } else if (!counts.equals(lastCounts) || now - lastPrint >= QUIET_PRINT_MILLIS) {
            print(line, false);
        }
        lastCounts = counts;
    }

    /** Ends the updating line. */
    void end() {
        show();
        if (redraw) {
            console.println();
            console.flush();
        }
    }

    private String steps(List<Integer> running) {
        if (running.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (int i : running.subList(0, Math.min(RUNNING_SHOWN, running.size()))) {
            RunSpec r = runs.get(i);
            OptionalLong step = storage.latestStep(r);
            parts.add(r.runName() + ": " + (step.isPresent() ? "step " + step.getAsLong() + "/" + r.iterations()
                    : "starting"));
        }
        String more = running.size() > RUNNING_SHOWN ? "; " + (running.size() - RUNNING_SHOWN) + " more" : "";
        return " (" + String.join("; ", parts) + more + ")";
    }

    /** A line of its own (ending an updating line first). */
    private void print(String text, boolean interrupting) {
        if (redraw && interrupting && lastWidth > 0) {
            console.print("\r" + " ".repeat(lastWidth) + "\r");
            lastWidth = 0;
        }
        console.println(text);
        console.flush();
        lastPrint = System.currentTimeMillis();
    }
}
