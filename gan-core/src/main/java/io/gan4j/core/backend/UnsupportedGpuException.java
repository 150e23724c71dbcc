package io.gan4j.core.backend;

/**
 * ND4J's CUDA backend cannot run here: the GPU's architecture is not in the loaded libnd4j binary, or no CUDA GPU or
 * runtime is usable. The message is one line naming the GPU, what the binary supports and the ways out.
 */
public final class UnsupportedGpuException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnsupportedGpuException(String message) {
        super(message);
    }
}
