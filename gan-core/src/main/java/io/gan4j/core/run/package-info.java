/**
 * Runs as a whole: seeds, the run directory and its manifest, and the
 * {@link io.gan4j.core.run.ExperimentRunner} that starts, resumes and restores runs.
 */
package io.gan4j.core.run;
