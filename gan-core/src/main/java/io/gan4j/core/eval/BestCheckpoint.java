package io.gan4j.core.eval;

/**
 * The best value of the selection metric seen so far in a run and the step it was reached at; carried in each
 * checkpoint so a resumed run keeps comparing against it.
 */
public final class BestCheckpoint {
    private Double value;
    private Long step;

    /** @param value the best value so far, or null; @param step its step, or null */
    public BestCheckpoint(Double value, Long step) {
        this.value = value;
        this.step = step;
    }

    public Double value() {
        return value;
    }

    public Long step() {
        return step;
    }

    void update(double newValue, long newStep) {
        value = newValue;
        step = newStep;
    }
}
