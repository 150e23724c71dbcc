/**
 * The {@code gan4j} command line: train, resume, sample, bench, validate, list and describe. Only this package
 * parses arguments or exits the process; it finds the variants at run time through ServiceLoader.
 */
package io.gan4j.experiments;
