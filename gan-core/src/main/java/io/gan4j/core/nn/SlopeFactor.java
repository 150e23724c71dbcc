package io.gan4j.core.nn;

/**
 * The factor of a leaky ReLU or PReLU, {@code 1} where {@code x > 0} and the slope elsewhere, computed without a
 * conditional so that loops using it vectorise: HotSpot C2 (JDK 17) does not vectorise a conditional expression
 * (about 55 µs per 65,536 floats against 14-17 µs for a max/min form, see {@link FloatArrays#leakyReluInPlace}).
 * Multiplying by it gives exactly the conditional's result: {@code factor(x, −s)·v} is {@code v} where x &gt; 0 and
 * the one rounded float product {@code s·v} elsewhere, bit for bit, signed zeros included.
 *
 * <p>Why it is exact, for a finite slope s (any sign, ±0 included) and any x but NaN:
 * <ul>
 *   <li>The mask {@code m = min(max(x·2¹²⁷·2¹²⁷, 0), 1)} is exactly 1 for x &gt; 0 (two factors, so that the smallest
 *       subnormal, 2⁻¹⁴⁹, still reaches 2¹⁰⁵; large x overflow to +∞, clamped to 1) and +0 for x ≤ 0, −0 and −∞
 *       included ({@code Math.max(−0, 0)} is +0).</li>
 *   <li>{@code −((−s)·(1 − m) − m)}: for m = 1, {@code (−s)·0} is a zero, {@code ±0 − 1 = −1}, negated 1. For m = 0,
 *       {@code (−s)·1 = −s} and {@code −s − 0} is −s for every −s, a zero of either sign included (subtracting +0
 *       adds −0, which leaves any value, +0 and −0 too, unchanged); negated s. (The shorter {@code m + (1 − m)·s}
 *       gives +0 for s = −0: adding +0 turns −0 into +0.)</li>
 *   <li>{@code 1·v = v} and {@code s·v} is the conditional's own product, for every v (±0, ±∞, NaN included).</li>
 * </ul>
 * Where it differs: x NaN gives a NaN factor (the conditional takes the slope branch, so {@code s·v}); a slope of ±∞
 * or NaN gives NaN for x &gt; 0 ({@code 0·∞}), where the conditional gives v.
 */
public final class SlopeFactor {
    /** 2¹²⁷, the largest power of two a float holds; applied twice it lifts 2⁻¹⁴⁹ above 1. */
    private static final float TWO_127 = 0x1p127f;

    private SlopeFactor() {
    }

    /**
     * 1 where {@code x > 0}, else {@code -negatedSlope} (see the class comment for exactness).
     *
     * @param negatedSlope the slope's negation, {@code -s}, taken once outside the loop
     */
    public static float of(float x, float negatedSlope) {
        float m = Math.min(Math.max(x * TWO_127 * TWO_127, 0f), 1f);
        return -(negatedSlope * (1f - m) - m);
    }
}
