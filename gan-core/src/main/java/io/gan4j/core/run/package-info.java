/**
 * Runs as a whole: the run directory and its manifest, and the
 * {@link io.gan4j.core.run.ExperimentRunner} that starts, resumes and restores runs.
 */
package io.gan4j.core.run;
