package io.gan4j.core.train;

import io.gan4j.core.api.StepResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reports training progress through two loggers.
 *
 * <p>{@value #LINES_LOGGER} gets a line every {@code logEvery} steps (and at the last step): step, percentage, the
 * mean of each scalar over the steps since the previous line — the values {@code metrics.csv} records for that
 * step — iterations per second and the estimated time to finish, e.g.
 * {@code step 1200/10000 (12%)  mean of 100 steps: d_loss 1.2340 g_loss 0.8760 | 14.2 it/s, ETA 10m 17s}.
 *
 * <p>{@value #BAR_LOGGER} gets a progress bar at TRACE level, at most every {@link #BAR_INTERVAL_MILLIS} ms and only
 * while that level is enabled: the embedding program enables it where it can redraw one line in place (a terminal)
 * and sends it nowhere else, so log files and redirected output keep the plain lines; TRACE keeps it out of any
 * ordinary logging configuration. The bar shows the step, a 20-cell bar, the percentage, the means of the last line
 * (before the first line: of the steps so far) with their count, the rate and the ETA. Both are plain text without
 * control characters; drawing the bar in place is the embedding program's business.
 */
public final class ProgressListener implements TrainingListener {
    /** The logger of the periodic lines and of the start and end of training. */
    public static final String LINES_LOGGER = "io.gan4j.progress";
    /** The logger of the in-place progress bar, at TRACE so that it is off unless the embedding program turns it on. */
    public static final String BAR_LOGGER = "io.gan4j.progress.bar";
    /** Fewest milliseconds between two bar updates: fast enough to look live, rare enough to cost nothing. */
    public static final long BAR_INTERVAL_MILLIS = 200;
    private static final int BAR_WIDTH = 20;

    private final Logger lines;
    private final Logger bar;
    private final int logEvery;
    private final Map<String, double[]> window = new LinkedHashMap<>();
    private int windowSteps;
    /** The last printed line's means and their step count, which the bar repeats until the next line. */
    private String lastMeans;
    private long lastTime;
    private long lastStep;
    private long lastBar;
    private double rate = Double.NaN;

    /** @param logEvery steps between two lines, 0 for a line at the last step only */
    public ProgressListener(int logEvery) {
        this(logEvery, LoggerFactory.getLogger(LINES_LOGGER), LoggerFactory.getLogger(BAR_LOGGER));
    }

    /** With the two loggers given (for tests). */
    ProgressListener(int logEvery, Logger lines, Logger bar) {
        this.logEvery = logEvery;
        this.lines = lines;
        this.bar = bar;
    }

    @Override
    public void onStart(TrainingRun run) {
        lastTime = System.nanoTime();
        lastStep = run.startStep();
        lastBar = lastTime;
        lines.info("{}: training {} from step {} to {} on {}", run.name(), run.model().getClass().getSimpleName(),
                run.startStep(), run.iterations(), run.spec());
    }

    @Override
    public void onStep(TrainingRun run, long step, StepResult result) {
        for (Map.Entry<String, Double> e : result.values().entrySet()) {
            window.computeIfAbsent(e.getKey(), k -> new double[1])[0] += e.getValue();
        }
        windowSteps++;
        long now = System.nanoTime();
        if (run.isDue(logEvery, step)) {
            updateRate(step, now);
            lastMeans = means("%.3f");
            lines.info(line(run, step));
            window.clear();
            windowSteps = 0;
        } else if (bar.isTraceEnabled() && now - lastBar >= BAR_INTERVAL_MILLIS * 1_000_000) {
            lastBar = now;
            bar.trace(barLine(run, step, now));
        }
    }

    @Override
    public void onEnd(TrainingRun run, long lastStep, Outcome outcome) {
        // Stopped runs are "interrupted", the manifest's word for them.
        String end = outcome == Outcome.STOPPED ? "interrupted" : outcome.name().toLowerCase(Locale.ROOT);
        if (outcome == Outcome.DIVERGED || outcome == Outcome.FAILED) {
            // The exception that ended the run says what happened, naming the step that failed; an info line here
            // reported the divergence a second time, and at the last good step.
            lines.debug("{}: {} after step {}", run.name(), end, lastStep);
        } else {
            lines.info("{}: {} at step {}", run.name(), end, lastStep);
        }
    }

    private void updateRate(long step, long now) {
        double current = (step - lastStep) / ((now - lastTime) / 1e9);
        // Smooth the rate so the ETA does not jump with every sample grid or checkpoint.
        rate = Double.isNaN(rate) ? current : 0.7 * rate + 0.3 * current;
        lastTime = now;
        lastStep = step;
    }

    /** {@code step 1200/10000 (12%)  mean of 100 steps: d_loss 1.2340 | 14.2 it/s, ETA 10m 17s}. */
    private String line(TrainingRun run, long step) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "step %d/%d (%.0f%%)  ", step, run.iterations(),
                100.0 * step / run.iterations()));
        sb.append(means("%.4f"));
        sb.append(String.format(Locale.ROOT, " | %.1f it/s, ETA %s", rate, duration((run.iterations() - step) / rate)));
        return sb.toString();
    }

    /** {@code 1234/10000 [==>                 ]  12%  mean of 100 steps: d_loss 1.234 | 14.2 it/s, ETA 10m 17s}. */
    private String barLine(TrainingRun run, long step, long now) {
        // Before the first line the smoothed rate is unknown: the rate since the start stands in.
        double shown = Double.isNaN(rate) ? (step - lastStep) / ((now - lastTime) / 1e9) : rate;
        double fraction = (double) step / run.iterations();
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d/%d [", step, run.iterations()));
        sb.append("=".repeat(filled)).append(filled < BAR_WIDTH ? ">" : "")
                .append(" ".repeat(Math.max(0, BAR_WIDTH - filled - 1)));
        sb.append(String.format(Locale.ROOT, "] %3.0f%%  ", 100 * fraction));
        sb.append(lastMeans != null ? lastMeans : means("%.3f"));
        sb.append(String.format(Locale.ROOT, " | %.1f it/s, ETA %s", shown,
                duration((run.iterations() - step) / shown)));
        return sb.toString();
    }

    /** {@code mean of N steps: name value name value ...}, the window's means as {@code metrics.csv} writes them. */
    private String means(String number) {
        StringBuilder sb = new StringBuilder("mean of ").append(windowSteps)
                .append(windowSteps == 1 ? " step:" : " steps:");
        for (Map.Entry<String, double[]> e : window.entrySet()) {
            sb.append(' ').append(e.getKey()).append(' ')
                    .append(String.format(Locale.ROOT, number, e.getValue()[0] / windowSteps));
        }
        return sb.toString();
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
