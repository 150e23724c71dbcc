package io.gan4j.core.checkpoint;

import io.gan4j.core.api.DataSpec;

import java.util.Map;

/**
 * The metadata file ({@code checkpoint.json}) of one checkpoint: what was saved, for which model, and a checksum
 * of every file so damage is detected before anything is loaded.
 *
 * @param format         layout version of the checkpoint directory
 * @param step           the training step after which the state was saved
 * @param variant        the variant's registry name
 * @param configSha256   hash of the resolved config the run was trained with
 * @param data           the data spec the model was built for
 * @param seeds          the run's seeds; each step's randomness is derived from these and the step number, so
 *                       they and {@code step} are the whole random-number state
 * @param elapsedSeconds training wall time up to this step, over all sessions
 * @param bestMetric     the best evaluation value seen so far, or null
 * @param bestStep       the step of {@code bestMetric}, or null
 * @param createdAt      ISO-8601 time of writing
 * @param gan4jVersion   the gan4j version that wrote it
 * @param files          every file of the checkpoint with its size and SHA-256, by file name
 */
public record CheckpointInfo(int format, long step, String variant, String configSha256, DataSpec data,
                             Map<String, Long> seeds, double elapsedSeconds, Double bestMetric, Long bestStep,
                             String createdAt, String gan4jVersion, Map<String, FileEntry> files) {

    /** The current layout version. */
    public static final int FORMAT = 1;

    /**
     * @param bytes  file size
     * @param sha256 lower-case hex SHA-256 of the content
     */
    public record FileEntry(long bytes, String sha256) {
    }
}
