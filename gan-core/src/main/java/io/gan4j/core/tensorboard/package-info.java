/**
 * TensorBoard event files ({@code train.tensorboard}): every scalar of {@code metrics.csv} and {@code eval.csv} and
 * every sample grid, written into {@code <run>/tensorboard/} as TensorFlow {@code Event} records so that
 * {@code tensorboard --logdir runs/} shows a run's curves and grids while it trains.
 * {@link io.gan4j.core.tensorboard.TfRecords} frames the records (length, masked CRC32C),
 * {@link io.gan4j.core.tensorboard.EventFileWriter} writes one event file, and
 * {@link io.gan4j.core.tensorboard.TensorBoardListener} follows a training run. The messages are compiled from
 * {@code src/main/proto/tensorboard_event.proto} into {@code io.gan4j.core.tensorboard.proto}.
 */
package io.gan4j.core.tensorboard;
