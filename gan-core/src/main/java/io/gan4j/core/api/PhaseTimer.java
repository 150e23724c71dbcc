package io.gan4j.core.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Accumulates wall time per named phase of a training step (e.g. {@code d_step}, {@code g_step}); the benchmark
 * reports the split. ND4J's CPU ops are synchronous, so wall time around a phase is that phase's cost.
 */
public final class PhaseTimer {
    private final Map<String, Long> nanos = new LinkedHashMap<>();

    /** Runs {@code work} and adds its duration to {@code phase}. */
    public <T> T time(String phase, Supplier<T> work) {
        long t0 = System.nanoTime();
        try {
            return work.get();
        } finally {
            add(phase, System.nanoTime() - t0);
        }
    }

    /** Adds {@code durationNanos} to {@code phase}. */
    public void add(String phase, long durationNanos) {
        nanos.merge(phase, durationNanos, Long::sum);
    }

    /** Accumulated nanoseconds per phase, in first-seen order. */
    public Map<String, Long> totals() {
        return Collections.unmodifiableMap(nanos);
    }

    public void reset() {
        nanos.clear();
    }
}
