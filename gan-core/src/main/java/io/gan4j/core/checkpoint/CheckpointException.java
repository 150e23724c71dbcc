package io.gan4j.core.checkpoint;

/**
 * A checkpoint is missing, damaged or does not fit the model: one line naming the file and the cause. The CLI
 * maps it to exit code 2.
 */
public final class CheckpointException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
