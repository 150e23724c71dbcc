/**
 * The one training loop ({@link io.gan4j.core.train.Trainer}) and its listeners: progress, metrics, sample grids
 * and native-memory upkeep; the checkpoint and evaluation listeners belong to the packages above it. Every random
 * draw of a step is a function of the seeds and the step.
 */
package io.gan4j.core.train;
