/**
 * Crash-safe checkpoints: every network with its updater state, the resolved config and checksummed metadata,
 * written to a temporary directory and renamed into place, with {@code latest} and {@code best} pointers.
 */
package io.gan4j.core.checkpoint;
