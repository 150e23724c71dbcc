package io.gan4j.core.api;


/**
 * Per-step services the trainer gives a model.
 *
 * @param step   1-based iteration number
 * @param random this step's random numbers (noise, interpolation weights...), a pure function of the noise seed
 *               and {@code step}, so a resumed run draws exactly what an uninterrupted one would
 * @param timer  where the model reports how long its phases took (e.g. {@code d_step}, {@code g_step})
 */
public record StepContext(long step, StepRandom random, PhaseTimer timer) {
}
