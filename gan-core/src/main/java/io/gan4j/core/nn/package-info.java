/**
 * Networks: the {@link io.gan4j.core.nn.Net} wrapper that trains a generator through a discriminator without a
 * combined network (the contract's {@link io.gan4j.core.api.Network}; {@link io.gan4j.core.nn.Nets} gives a model's
 * networks as {@code Net}s), network builders and their config records, optimizers, and the shared discriminator
 * and generator update steps.
 */
package io.gan4j.core.nn;
