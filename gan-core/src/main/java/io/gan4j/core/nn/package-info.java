/**
 * Networks: the {@link io.gan4j.core.nn.Net} wrapper that trains a generator through a discriminator without a
 * combined network, network builders and their config records, optimizers, and the shared discriminator and
 * generator update steps.
 */
package io.gan4j.core.nn;
