/**
 * Runs as a whole: the run directory and its manifest, the {@link io.gan4j.core.run.ExperimentRunner} that starts,
 * resumes and restores runs, and {@code gan4j evaluate} ({@link io.gan4j.core.run.RunEvaluation}), which scores a
 * run's checkpoint or a file of samples and writes {@code eval.json}.
 */
package io.gan4j.core.run;
