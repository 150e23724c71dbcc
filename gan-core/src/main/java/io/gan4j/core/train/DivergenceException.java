package io.gan4j.core.train;

/**
 * A loss became NaN or infinite. Names the step and the loss; the CLI maps it to exit code 3. The model's state is
 * not checkpointed after this, so the last good checkpoint stays the newest.
 */
public final class DivergenceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long step;
    private final String lossName;
    private final double value;

    public DivergenceException(long step, String lossName, double value, String detail) {
        super("diverged at step " + step + ": " + lossName + " is " + value + (detail == null ? "" : "; " + detail));
        this.step = step;
        this.lossName = lossName;
        this.value = value;
    }

    public long step() {
        return step;
    }

    public String lossName() {
        return lossName;
    }

    public double value() {
        return value;
    }
}
