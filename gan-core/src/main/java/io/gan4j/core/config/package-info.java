/**
 * Experiment configs: JSON read, {@code --set} overrides applied, merged onto typed defaults, checked field by
 * field ({@link io.gan4j.core.config.Doc}, {@link io.gan4j.core.config.Range}, {@link io.gan4j.core.config.Required})
 * and across fields ({@link io.gan4j.core.config.Validatable}), every problem reported at once with its JSON path.
 */
package io.gan4j.core.config;
