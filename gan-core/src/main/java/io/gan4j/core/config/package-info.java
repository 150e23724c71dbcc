/**
 * Experiment configs: JSON read, {@code --set} overrides applied, merged onto typed defaults, checked field by
 * field ({@link io.gan4j.core.api.Doc}, {@link io.gan4j.core.api.Range}, {@link io.gan4j.core.api.Required})
 * and across fields ({@link io.gan4j.core.api.Validatable}), every problem reported at once with its JSON path
 * ({@link io.gan4j.core.api.ConfigProblem}). The annotations and the problem type are in {@code api}, because the
 * variants, the data sources and the network configs write their records with them; this package reads them. The
 * sections that are gan-core's own are here: {@link io.gan4j.core.config.TrainConfig} and, with the metric that picks
 * the best checkpoint and the data it is measured against, {@link io.gan4j.core.config.EvalConfig}.
 */
package io.gan4j.core.config;
