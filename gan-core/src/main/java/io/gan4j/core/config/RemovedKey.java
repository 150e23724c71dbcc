package io.gan4j.core.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a key that a config record once had and no longer accepts, with the reason. An old config that still has it
 * gets one line saying so, e.g. {@code $.train.gcEvery was removed: native memory is now released every step},
 * instead of the "is not a known key" that a typo gets (and that would send the user looking for a new spelling).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(RemovedKey.List.class)
public @interface RemovedKey {
    /** The key as it was spelled in the JSON. */
    String name();

    /** Why it was removed, phrased to follow "was removed: ". */
    String reason();

    /** The container of repeated {@link RemovedKey} annotations. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface List {
        /** The removed keys. */
        RemovedKey[] value();
    }
}
