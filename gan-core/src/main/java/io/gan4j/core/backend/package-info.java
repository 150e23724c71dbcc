/**
 * What the ND4J backend in use can run on. Today one check: with ND4J's CUDA backend, whether the GPU's compute
 * capability is one that the loaded libnd4j binary has code for ({@link io.gan4j.core.backend.GpuCheck}), decided from
 * the {@code .nv_fatbin} section of the library itself ({@link io.gan4j.core.backend.FatbinReader}). A GPU the binary
 * cannot run would otherwise fail at its first kernel launch with a CUDA error deep inside a training step.
 *
 * <p>Also the low-level helpers about the backend that the rest of gan-core shares: what produced a result
 * ({@link io.gan4j.core.backend.Provenance}: gan4j's build, the DL4J/ND4J versions and backend, the JVM and the thread
 * settings) and making ND4J arrays from Java arrays in bulk ({@link io.gan4j.core.backend.NdArrays}).
 */
package io.gan4j.core.backend;
