/**
 * Evaluation of trained models, as the {@code eval} config section asks ({@code io.gan4j.core.config.EvalConfig}): the
 * {@link io.gan4j.core.eval.Evaluator} that scores generated samples against real data with the metrics of
 * {@link io.gan4j.core.metrics}, periodic evaluation during training with a best checkpoint
 * ({@link io.gan4j.core.eval.EvalListener}), and {@code gan4j evaluate} ({@link io.gan4j.core.eval.RunEvaluation}),
 * which writes an {@link io.gan4j.core.eval.EvalReport} ({@code eval.json}) recording every value with its sample
 * counts, the reference data, the seeds and the feature network, so that reports can be checked for comparability.
 */
package io.gan4j.core.eval;
