package io.gan4j.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer that can keep a copy of the error it sends back to its input, detached from DL4J's workspaces. A
 * {@link org.deeplearning4j.nn.graph.ComputationGraph} with workspaces releases its input vertices' errors with the
 * workspace they live in; when a network input's only consumer is such a layer, {@link Net} can still return
 * dL/dinput while the graph runs with workspaces (which then own every temporary of DL4J's layers, instead of
 * leaving them to Java's collector).
 */
interface KeepsInputGradient {
    /** Whether the following backward passes keep a detached copy of the input gradient (off by default). */
    void keepInputGradient(boolean keep);

    /** The copy kept by the last backward pass, now the caller's to close, or null; forgets it. */
    INDArray takeInputGradient();
}
