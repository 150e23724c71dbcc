package io.gan4j.core.api;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;
import java.util.Optional;

/**
 * A trainable GAN built by a {@link GanVariant}. The model owns its update order: one {@link #trainStep} may
 * update the discriminator several times and the generator once (WGAN), or two generators and two
 * discriminators (CycleGAN). Everything else (iteration, logging, checkpoints) belongs to the trainer.
 *
 * <p><b>Declarations.</b> Core asks the model what it is instead of testing its class: how it is evaluated
 * ({@link #evaluationKind}, with {@link #translator} and {@link #backTranslator} for translation models), whether it
 * takes class labels ({@link #numClasses}, {@link #sample(int, int[], long)}), what its training grids show
 * ({@link #sampleGrid(int, int, Batch, long)}) and which metrics of its own it adds ({@link #ownMetrics}). Every
 * declaration has a default that fits a plain sampling GAN; {@link TranslationModel},
 * {@link BidirectionalTranslationModel} and {@link ConditionalGanModel} answer them for their kind.
 */
public interface GanModel {

    /**
     * Runs one training iteration on a batch and updates the networks.
     *
     * @return scalar losses and diagnostics of this step; all should be finite (the trainer stops the run on
     *         NaN or infinity)
     */
    StepResult trainStep(Batch batch, StepContext context);

    /**
     * How many data batches one {@link #trainStep} consumes, k ≥ 1. The trainer passes the k consecutive batches
     * of the shuffled order concatenated, {@code [k·B, ...]}, in order (e.g. WGAN's critic takes a fresh batch for
     * each of its nCritic updates). The default, 1, is one batch per step.
     */
    default int batchesPerStep() {
        return 1;
    }

    /**
     * The model's networks by stable name (e.g. {@code generator}, {@code discriminator}); checkpoints store
     * each under its name, with its updater state. Models built on gan-core's networks return their
     * {@code io.gan4j.core.nn.Net}s, typically as a {@code Map<String, Net>}.
     */
    Map<String, ? extends Network> networks();

    /**
     * State beyond the networks that a resumed run needs to continue exactly as an uninterrupted one (e.g.
     * CycleGAN's pools of past fakes), by stable name; a value may be null (nothing stored yet). Checkpoints store
     * each non-null array beside the networks and hand them back to {@link #restoreState}. The default is none.
     */
    default Map<String, INDArray> state() {
        return Map.of();
    }

    /**
     * Restores what {@link #state} returned when the checkpoint was written; a name the checkpoint does not hold
     * is absent from {@code stored} (it was null).
     *
     * @throws IllegalArgumentException when an array does not fit (its message names the state and the shape)
     */
    default void restoreState(Map<String, INDArray> stored) {
        if (!stored.isEmpty()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " keeps no state besides its networks, "
                    + "but the checkpoint holds " + stored.keySet());
        }
    }

    /**
     * Generates {@code n} examples in inference mode from latent codes drawn with {@code seed}; the same seed
     * gives the same codes on every machine.
     *
     * @return {@code [n, ...sampleShape]}: images in [-1, 1], or points
     */
    INDArray sample(int n, long seed);

    /**
     * A grid of generated samples, always from the same {@code seed}: what {@link #sampleGrid(int, int, Batch, long)}
     * shows unless a model uses the data examples. The default is a grid of {@link #sample} outputs; a conditional
     * model overrides it with a row per class (and InfoGAN-like models with a row per code value).
     */
    default SampleGrid sampleGrid(int rows, int cols, long seed) {
        return new SampleGrid(sample(rows * cols, seed), rows, cols);
    }

    /**
     * What the periodic sample grid shows from fixed data examples. The trainer always passes the same
     * {@code examples}, the first {@code cols} examples of the training data: {@code x} (with {@code labels} when the
     * data has them), or {@code x} inputs and {@code y} targets of paired data, or {@code x} domain-A and {@code y}
     * domain-B images of unpaired data. The default ignores them and shows {@link #sampleGrid(int, int, long)};
     * translation models show what they make of them.
     *
     * @param examples fixed data examples, each array {@code [n, ...sampleShape]}
     */
    default SampleGrid sampleGrid(int rows, int cols, Batch examples, long seed) {
        return sampleGrid(rows, cols, seed);
    }

    /** How gan4j evaluates this model; the default, {@link EvaluationKind#SAMPLES}, scores {@link #sample} outputs. */
    default EvaluationKind evaluationKind() {
        return EvaluationKind.SAMPLES;
    }

    /**
     * The model's A → B translation, present for {@link EvaluationKind#PAIRED_TRANSLATION} and
     * {@link EvaluationKind#CYCLE_TRANSLATION}; empty (the default) for a model that samples.
     */
    default Optional<Translator> translator() {
        return Optional.empty();
    }

    /** The model's B → A translation, present for {@link EvaluationKind#CYCLE_TRANSLATION}; empty by default. */
    default Optional<Translator> backTranslator() {
        return Optional.empty();
    }

    /**
     * The model's generator as a function of latent codes the caller chooses (latent interpolation), or empty for a
     * model without latent codes (translation models, the default). A sampling model answers with itself or with a view
     * of its generator ({@code io.gan4j.core.model.LatentGanModel} does for the four latent-noise variants).
     */
    default Optional<LatentGenerator> latentGenerator() {
        return Optional.empty();
    }

    /**
     * Number of classes C that {@link #sample(int, int[], long)} can be asked for; 0 (the default) for an
     * unconditional model. Evaluation asks a model with classes for labels balanced over them.
     */
    default int numClasses() {
        return 0;
    }

    /**
     * Generates {@code n} examples in inference mode, example i of class {@code labels[i]}; only for a model with
     * {@link #numClasses()} &gt; 0.
     *
     * @param labels length n, each in {@code [0, numClasses)}
     * @return {@code [n, ...sampleShape]}: images in [-1, 1], or points
     * @throws UnsupportedOperationException for an unconditional model (the default)
     */
    default INDArray sample(int n, int[] labels, long seed) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " is not conditioned on class labels");
    }

    /**
     * Metrics of the model's own, computed at each periodic evaluation and by {@code gan4j evaluate} after core's
     * metrics and reported beside them ({@code eval.csv} columns, {@code eval.json} summary, {@code gan4j compare}
     * columns), e.g. InfoGAN's accuracy of its categorical code under the best matching of codes to classes.
     *
     * @param context how many samples to use, the evaluation's seed, and the shipped classifier of the data domain
     *                when one applies
     * @return values by snake_case key, in a stable order; no key may repeat one of core's metrics. The default is
     *         none; return none too when a metric cannot be computed (e.g. no classifier).
     */
    default Map<String, Double> ownMetrics(MetricContext context) {
        return Map.of();
    }
}
