/**
 * Crash-safe checkpoints: every network with its updater state, the resolved config and checksummed metadata,
 * written to a temporary directory and renamed into place, with {@code latest} and {@code best} pointers; and the
 * training listener that writes them periodically, at the end and when a run stops early
 * ({@link io.gan4j.core.checkpoint.CheckpointListener}).
 */
package io.gan4j.core.checkpoint;
