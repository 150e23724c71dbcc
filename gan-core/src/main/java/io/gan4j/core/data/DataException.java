package io.gan4j.core.data;

/**
 * Data cannot be read: a missing, truncated or malformed file, or a data set that is not installed. The message is
 * one line naming the file and what is wrong (and what to do, where there is something to do). The CLI maps it to
 * exit code 2.
 */
public final class DataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
