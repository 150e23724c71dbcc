package io.gan4j.experiments;

import picocli.CommandLine.Option;

/**
 * {@code --best}, for the commands that read a trained model from a run directory ({@code sample}, {@code evaluate}):
 * both load it through {@code ExperimentRunner.loadTrained}, which falls back to the latest checkpoint when none is
 * marked best.
 */
final class BestCheckpoint {
    @Option(names = "--best", description = "Use the run's best checkpoint instead of its latest, when one is marked.")
    boolean best;
}
