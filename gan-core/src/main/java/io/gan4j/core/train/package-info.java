/**
 * The one training loop ({@link io.gan4j.core.train.Trainer}) and its listeners: progress, metrics, sample grids,
 * checkpoints and native-memory upkeep. Every random draw of a step is a function of the seeds and the step.
 */
package io.gan4j.core.train;
