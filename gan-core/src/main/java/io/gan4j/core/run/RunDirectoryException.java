package io.gan4j.core.run;

/**
 * A folder given as a run directory is not one, or a file in it is missing or damaged: one line naming the file and
 * what is wrong with it. The user's input, not a failure to write: the CLI maps it to exit code 2.
 */
public final class RunDirectoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RunDirectoryException(String message) {
        super(message);
    }

    public RunDirectoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
