package io.gan4j.core.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Allowed numeric interval of a config field (record component of a numeric type, or a list of numbers, where
 * every element is checked). NaN and infinities are never allowed. Violations are reported as
 * {@code file: $.path must be in (0, inf), found -1}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Range {
    /** Lower bound (inclusive unless {@link #minExclusive()}). */
    double min() default Double.NEGATIVE_INFINITY;

    /** Upper bound (inclusive unless {@link #maxExclusive()}). */
    double max() default Double.POSITIVE_INFINITY;

    /** Whether {@link #min()} itself is excluded. */
    boolean minExclusive() default false;

    /** Whether {@link #max()} itself is excluded. */
    boolean maxExclusive() default false;
}
