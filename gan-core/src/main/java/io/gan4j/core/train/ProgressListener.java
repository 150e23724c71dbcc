package io.gan4j.core.train;

import io.gan4j.core.api.StepResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Map;

/**
 * Logs a progress line every {@code logEvery} steps: step, percentage, the step's scalars, iterations per second
 * over the last interval and the estimated time to finish, e.g.
 * {@code step 1200/10000 (12%)  d_loss 1.2340  g_loss 0.8760 | 14.2 it/s, ETA 10m 17s}.
 */
public final class ProgressListener implements TrainingListener {
    private static final Logger LOG = LoggerFactory.getLogger("io.gan4j.progress");
    private final int logEvery;
    private long lastTime;
    private long lastStep;
    private double rate = Double.NaN;

    public ProgressListener(int logEvery) {
        this.logEvery = logEvery;
    }

    @Override
    public void onStart(TrainingRun run) {
        lastTime = System.nanoTime();
        lastStep = run.startStep();
        LOG.info("{}: training {} from step {} to {} on {}", run.name(), run.model().getClass().getSimpleName(),
                run.startStep(), run.iterations(), run.spec());
    }

    @Override
    public void onStep(TrainingRun run, long step, StepResult result) {
        if (!run.isDue(logEvery, step)) {
            return;
        }
        long now = System.nanoTime();
        double current = (step - lastStep) / ((now - lastTime) / 1e9);
        // Smooth the rate so the ETA does not jump with every sample grid or checkpoint.
        rate = Double.isNaN(rate) ? current : 0.7 * rate + 0.3 * current;
        lastTime = now;
        lastStep = step;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "step %d/%d (%.0f%%) ", step, run.iterations(), 100.0 * step / run.iterations()));
        for (Map.Entry<String, Double> e : result.values().entrySet()) {
            sb.append(String.format(Locale.ROOT, " %s %.4f", e.getKey(), e.getValue()));
        }
        sb.append(String.format(Locale.ROOT, " | %.1f it/s, ETA %s", rate, duration((run.iterations() - step) / rate)));
        LOG.info(sb.toString());
    }

    @Override
    public void onEnd(TrainingRun run, long lastStep, Outcome outcome) {
        String end = outcome.name().toLowerCase(Locale.ROOT);
        if (outcome == Outcome.DIVERGED || outcome == Outcome.FAILED) {
            // The exception that ended the run says what happened, naming the step that failed; an info line here
            // reported the divergence a second time, and at the last good step.
            LOG.debug("{}: {} after step {}", run.name(), end, lastStep);
        } else {
            LOG.info("{}: {} at step {}", run.name(), end, lastStep);
        }
    }

    /** {@code 1h 02m}, {@code 10m 17s} or {@code 42s}. */
    static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "?";
        }
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        return s + "s";
    }
}
