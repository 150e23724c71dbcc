package io.gan4j.core.api;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * One of a model's networks as the contract sees it ({@link GanModel#networks()}): its parameters, its update count,
 * and saving and restoring it with its updater state, which is what checkpoints do with it. gan-core's networks are
 * {@code io.gan4j.core.nn.Net}, which implements this; the contract names the interface so that {@code api} does not
 * depend on the package that builds the networks, which itself uses {@code api}'s types.
 */
public interface Network {
    /** All parameters as one flat view (modifying it modifies the network). */
    INDArray params();

    /** Parameters by name ({@code "0_W"}, {@code "conv1_b"}...), views into {@link #params()}. */
    Map<String, INDArray> paramTable();

    /** Number of updates applied so far. */
    int iteration();

    /** Writes the network with its updater state. */
    void save(Path file) throws IOException;

    /**
     * Replaces this network's configuration, parameters, updater state and counters with those stored in
     * {@code file}.
     *
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException when the stored network's parameter layout differs
     */
    void load(Path file) throws IOException;
}
