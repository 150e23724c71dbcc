package io.gan4j.core.backend;

import java.util.Objects;

/**
 * One piece of device code in a CUDA fat binary: machine code (SASS, a cubin) or PTX, for one {@code sm_XY} target.
 *
 * <p>Which GPUs can run it follows NVIDIA's binary-compatibility rules (CUDA C++ Programming Guide, "Binary
 * Compatibility" and "PTX Compatibility"): machine code for {@code sm_XY} runs on devices of the same major
 * capability X whose minor is at least Y (8.6 code runs on 8.9, not on 9.0 nor on 8.0); PTX for {@code sm_XY} is
 * compiled by the driver at load time for any device of capability X.Y or higher.
 *
 * @param kind   machine code or PTX
 * @param target the capability it was compiled for
 */
public record CudaCode(Kind kind, ComputeCapability target) implements Comparable<CudaCode> {

    /** What an entry of the fat binary holds. */
    public enum Kind {
        /** Machine code (an ELF cubin) for exactly one architecture generation. */
        SASS,
        /** PTX, the virtual instruction set, compiled by the driver for the device at hand. */
        PTX
    }

    public CudaCode {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
    }

    /** Machine code for {@code sm_XY}. */
    public static CudaCode sass(int sm) {
        return new CudaCode(Kind.SASS, ComputeCapability.ofSm(sm));
    }

    /** PTX for {@code compute_XY}. */
    public static CudaCode ptx(int sm) {
        return new CudaCode(Kind.PTX, ComputeCapability.ofSm(sm));
    }

    /** Whether a device of capability {@code device} can run this code. */
    public boolean runsOn(ComputeCapability device) {
        return switch (kind) {
            case SASS -> device.major() == target.major() && device.minor() >= target.minor();
            case PTX -> device.compareTo(target) >= 0;
        };
    }

    @Override
    public int compareTo(CudaCode o) {
        int c = target.compareTo(o.target);
        return c != 0 ? c : kind.compareTo(o.kind);
    }

    /** {@code "sm_86"} for machine code, {@code "compute_80"} for PTX (nvcc's names). */
    @Override
    public String toString() {
        return (kind == Kind.SASS ? "sm_" : "compute_") + target.sm();
    }
}
