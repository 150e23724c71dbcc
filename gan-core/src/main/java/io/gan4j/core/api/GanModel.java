package io.gan4j.core.api;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * A trainable GAN built by a {@link GanVariant}. The model owns its update order: one {@link #trainStep} may
 * update the discriminator several times and the generator once (WGAN), or two generators and two
 * discriminators (CycleGAN). Everything else (iteration, logging, checkpoints) belongs to the trainer.
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
     * What the periodic sample grid shows, always from the same {@code seed}. The default is a grid of
     * {@link #sample} outputs; conditional and translation models override it (a row per class, input | output |
     * target rows).
     */
    default SampleGrid sampleGrid(int rows, int cols, long seed) {
        return new SampleGrid(sample(rows * cols, seed), rows, cols);
    }
}
