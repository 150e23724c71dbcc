/** Measures of generated samples; for the 2-D mixtures, mode coverage and the share of high-quality samples. */
package io.gan4j.core.metrics;
