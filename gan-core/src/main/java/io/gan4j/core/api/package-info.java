/**
 * The variant contract. A {@link io.gan4j.core.api.GanVariant} (found by ServiceLoader and looked up by name in
 * the {@link io.gan4j.core.api.VariantRegistry}) supplies its config record and defaults and builds a
 * {@link io.gan4j.core.api.GanModel}, which owns its update order ({@code trainStep}), samples, and exposes its
 * named networks, each a {@link io.gan4j.core.api.Network} (gan-core's {@code nn.Net} implements it). Data is
 * described by {@link io.gan4j.core.api.DataSpec}: images {@code [C, H, W]} in [-1, 1] or points {@code [D]}.
 *
 * <p>The package also holds the types the contract is written in, so that it needs no gan4j package above it: a
 * model is built with the run's {@link io.gan4j.core.api.Seeds}, and each step gets a
 * {@link io.gan4j.core.api.Batch} and the step's {@link io.gan4j.core.api.StepRandom} and
 * {@link io.gan4j.core.api.PhaseTimer}. Config records (a variant's model section, the data sources, the network
 * configs) are written with the annotations {@link io.gan4j.core.api.Doc}, {@link io.gan4j.core.api.Range} and
 * {@link io.gan4j.core.api.Required} and the cross-field check {@link io.gan4j.core.api.Validatable}, and report a
 * {@link io.gan4j.core.api.ConfigProblem} (thrown together as a {@link io.gan4j.core.api.ConfigException}); the
 * package {@code io.gan4j.core.config} reads and checks them.
 */
package io.gan4j.core.api;
