package io.gan4j.core.backend;

import java.util.Objects;

/**
 * One CUDA device as the driver reports it.
 *
 * @param index      the CUDA device number (after {@code CUDA_VISIBLE_DEVICES})
 * @param name       the product name, e.g. {@code "NVIDIA H200"}
 * @param capability its compute capability
 */
public record GpuDevice(int index, String name, ComputeCapability capability) {
    public GpuDevice {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(capability, "capability");
    }

    /** {@code "NVIDIA H200 (GPU 0, compute capability 9.0)"}. */
    public String describe() {
        return name + " (GPU " + index + ", compute capability " + capability + ")";
    }
}
