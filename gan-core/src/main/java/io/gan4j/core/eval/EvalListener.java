package io.gan4j.core.eval;

import io.gan4j.core.api.GanModel;
import io.gan4j.core.api.StepResult;
import io.gan4j.core.api.MetricContext;
import io.gan4j.core.checkpoint.CheckpointInfo;
import io.gan4j.core.checkpoint.CheckpointStore;
import io.gan4j.core.config.EvalConfig;
import io.gan4j.core.train.TrainingListener;
import io.gan4j.core.train.TrainingRun;
import io.gan4j.core.train.CsvLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Periodic evaluation during training ({@code eval.every}): scores the model (generated samples from fixed latent
 * codes against real data, or a translation model's outputs on fixed held-out pairs: see {@link Scorer}), appends
 * the metrics to {@code eval.csv} and the log, and when the selection metric improves writes a checkpoint at that
 * step and points {@code best} at it. Best is kept separately from latest because GANs often get worse late in
 * training.
 */
public final class EvalListener implements TrainingListener {
    private static final Logger LOG = LoggerFactory.getLogger(EvalListener.class);

    /** KID subsets per periodic evaluation: a tenth of the standard 100, which would otherwise dominate its cost. */
    public static final int KID_SUBSETS = 10;

    private final Scorer scorer;
    private final EvalConfig config;
    private final CsvLog csv;
    private final CheckpointStore store;
    private final BestCheckpoint best;
    private final LongFunction<CheckpointInfo> infoAt;
    private final String resolvedJson;
    private final int keep;

    /**
     * How a model is scored, the same way at every evaluation.
     */
    public interface Scorer {
        /** The metrics of the model's current state. */
        Evaluation score(GanModel model);

        /** What the model is compared with, e.g. {@code mnist/heldout}. */
        String referenceName();

        /** How many samples or pairs one evaluation uses. */
        int count();

        /** What {@link #count()} counts, for the log line. */
        default String unit() {
            return "samples";
        }
    }

    /**
     * {@code config.samples()} samples from fixed latent codes ({@code sampleSeed}), scored by {@code evaluator} with
     * {@value #KID_SUBSETS} KID subsets, then the model's own metrics with the evaluator's classifier.
     */
    public static Scorer samples(Evaluator evaluator, EvalConfig config, long sampleSeed) {
        return new Scorer() {
            @Override
            public Evaluation score(GanModel model) {
                Evaluator.Generated samples = Evaluator.generateLabelled(model, config.samples(), sampleSeed);
                return evaluator.evaluate(samples.samples(), samples.labels(), sampleSeed, KID_SUBSETS)
                        .plusModelMetrics(model, new MetricContext(config.samples(), sampleSeed,
                                evaluator.classifier()));
            }

            @Override
            public String referenceName() {
                return evaluator.referenceName();
            }

            @Override
            public int count() {
                return config.samples();
            }
        };
    }

    /**
     * The first {@code config.samples()} reference pairs (or images of each domain) translated ({@code seed} for
     * test-time dropout) and scored, then the model's own metrics with the outputs' classifier.
     */
    public static Scorer translations(TranslationEvaluator evaluator, EvalConfig config, long seed) {
        return new Scorer() {
            @Override
            public Evaluation score(GanModel model) {
                return evaluator.evaluate(model, config.samples(), seed).plusModelMetrics(model,
                        new MetricContext(count(), seed, evaluator.outputClassifier()));
            }

            @Override
            public String referenceName() {
                return evaluator.referenceName();
            }

            @Override
            public int count() {
                return Math.min(config.samples(), evaluator.size());
            }

            @Override
            public String unit() {
                return evaluator.unit();
            }
        };
    }

    /**
     * @param scorer       computes the metrics
     * @param config       the eval section (period, selection metric)
     * @param csv          the run's {@code eval.csv}
     * @param store        the run's checkpoints
     * @param best         the best value so far (updated here, read when checkpoints are written)
     * @param infoAt       checkpoint metadata for a step
     * @param resolvedJson the resolved config stored in checkpoints
     * @param keep         periodic checkpoints to keep
     */
    public EvalListener(Scorer scorer, EvalConfig config, Path csv, CheckpointStore store,
                        BestCheckpoint best, LongFunction<CheckpointInfo> infoAt, String resolvedJson, int keep) {
        this.scorer = scorer;
        this.config = config;
        this.csv = new CsvLog(csv);
        this.store = store;
        this.best = best;
        this.infoAt = infoAt;
        this.resolvedJson = resolvedJson;
        this.keep = keep;
    }

    @Override
    public void onStart(TrainingRun run) {
        csv.open(run.startStep());
    }

    @Override
    public void onStep(TrainingRun run, long step, StepResult result) {
        if (!run.isDue(config.every(), step)) {
            return;
        }
        long t0 = System.nanoTime();
        Evaluation e = scorer.score(run.model());
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, String> values = new LinkedHashMap<>();
        values.put("step", Long.toString(step));
        values.put("eval_seconds", CsvLog.format(seconds));
        e.summary().forEach((k, v) -> values.put(k, CsvLog.format(v)));
        // A resumed run keeps its file's columns: metrics added since it started are left out of its rows, and
        // the others must stay under their own headings.
        List<String> columns = csv.header() == null ? List.copyOf(values.keySet()) : csv.header();
        csv.append(columns, columns.stream().map(c -> values.getOrDefault(c, "")).toList());
        Double value = e.summary().get(config.metric().key());
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "eval at step %d (%d %s vs %s, %.1fs):",
                step, scorer.count(), scorer.unit(), scorer.referenceName(), seconds));
        e.summary().forEach((k, v) -> line.append(String.format(Locale.ROOT, " %s %.4g", k, v)));
        if (value != null && config.metric().better(value, best.value())) {
            best.update(value, step);
            line.append(" (best ").append(config.metric().key()).append(')');
            markBest(run, step);
        }
        LOG.info(line.toString());
    }

    @Override
    public void onEnd(TrainingRun run, long lastStep, Outcome outcome) {
        csv.close();
    }

    private void markBest(TrainingRun run, long step) {
        try {
            Path dir = store.save(run.model(), infoAt.apply(step), resolvedJson, keep);
            store.markBest(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the best checkpoint of step " + step + " in " + store.dir()
                    + ": " + e.getMessage(), e);
        }
    }
}
