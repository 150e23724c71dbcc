package io.gan4j.core.backend;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@link GpuCheck} asks of the machine: the ND4J backend in use, the CUDA devices and the loaded CUDA library.
 * {@link Nd4jCudaProbe} answers from ND4J; tests inject their own answers.
 */
public interface CudaProbe {
    /** Whether ND4J will run on its CUDA backend. When false nothing else is asked. */
    boolean cudaBackend();

    /**
     * The CUDA devices this process can use, in CUDA's numbering.
     *
     * @throws UnsupportedGpuException if the CUDA runtime cannot be loaded or queried
     */
    List<GpuDevice> devices();

    /** The native library that holds libnd4j's CUDA kernels ({@code libnd4jcuda.so}), if it can be located. */
    Optional<Path> library();
}
