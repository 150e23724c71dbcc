/**
 * The vanilla GAN: a multi-layer perceptron generator and discriminator trained with an adversarial loss
 * (Goodfellow et al. 2014, "Generative Adversarial Nets"), with the widely copied Keras recipe as defaults.
 *
 * <p>This module is the template for new variants. A variant is three small classes:
 * <ol>
 *   <li>{@link io.gan4j.vanilla.VanillaConfig}: a record of the {@code model} section's fields, with defaults and
 *       a {@code @Doc} on each field;</li>
 *   <li>{@link io.gan4j.vanilla.VanillaGanModel}: builds the networks and owns the update order in
 *       {@code trainStep};</li>
 *   <li>{@link io.gan4j.vanilla.VanillaVariant}: the ServiceLoader provider that names the variant, listed in
 *       {@code META-INF/services/io.gan4j.core.api.GanVariant}.</li>
 * </ol>
 * Its test extends gan-core's {@code VariantContractTest}, which every variant inherits.
 */
package io.gan4j.vanilla;
