/**
 * Evaluation of trained models, as the {@code eval} config section asks: the {@link io.gan4j.core.eval.Evaluator}
 * that generates samples and scores them against real data with the metrics of {@link io.gan4j.core.metrics}, the
 * translation evaluators, periodic evaluation during training with a best checkpoint
 * ({@link io.gan4j.core.eval.EvalListener}), and the {@link io.gan4j.core.eval.EvalReport} ({@code eval.json}) that
 * records every value with its sample counts, the reference data, the seeds and the feature network, so that reports
 * can be checked for comparability. {@code gan4j evaluate}, which loads a run to evaluate it, is
 * {@code io.gan4j.core.run.RunEvaluation}.
 */
package io.gan4j.core.eval;
