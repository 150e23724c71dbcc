package io.gan4j.spark;

/**
 * An attempt at a run failed for a reason another attempt may not meet (an executor's disk, a run still locked by a
 * lost attempt): thrown so that Spark runs the task again. It carries the original's class, message and stack as
 * text, because Spark serializes a task's exception back to the driver, and gan4j's exceptions hold records that are
 * not serializable (without this, a local master's driver waited forever for the failed task).
 */
final class AttemptFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private AttemptFailedException(String message) {
        super(message);
    }

    static AttemptFailedException of(String runName, Exception e) {
        StringBuilder message = new StringBuilder(runName).append(": ").append(e);
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            message.append("; caused by ").append(c);
        }
        AttemptFailedException failure = new AttemptFailedException(message.toString());
        failure.setStackTrace(e.getStackTrace());
        return failure;
    }
}
