package io.gan4j.core.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One-line description of a config field, shown by {@code gan4j describe} and in docs/config-reference.md.
 * Put it on record components of config records.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.TYPE})
public @interface Doc {
    /** The description, a sentence without a trailing period. */
    String value();
}
