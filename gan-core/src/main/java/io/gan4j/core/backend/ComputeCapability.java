package io.gan4j.core.backend;

/**
 * An NVIDIA GPU's compute capability, {@code major.minor} (8.6 for an RTX 3090, 9.0 for an H100 or H200). The same
 * number names the {@code sm_XY} target that CUDA code is compiled for: {@code sm_86} is 8.6.
 *
 * @param major the architecture generation, at least 1
 * @param minor the revision within it, 0 to 9
 */
public record ComputeCapability(int major, int minor) implements Comparable<ComputeCapability> {

    public ComputeCapability {
        if (major < 1 || minor < 0 || minor > 9) {
            throw new IllegalArgumentException("compute capability must be major >= 1 and minor 0..9, found "
                    + major + "." + minor);
        }
    }

    /** The capability an {@code sm_XY} number names: 86 is 8.6, 120 is 12.0. */
    public static ComputeCapability ofSm(int sm) {
        if (sm < 10) {
            throw new IllegalArgumentException("sm number must be at least 10, found " + sm);
        }
        return new ComputeCapability(sm / 10, sm % 10);
    }

    /** The {@code sm_XY} number: 8.6 is 86. */
    public int sm() {
        return major * 10 + minor;
    }

    @Override
    public int compareTo(ComputeCapability o) {
        return Integer.compare(sm(), o.sm());
    }

    /** {@code "8.6"}. */
    @Override
    public String toString() {
        return major + "." + minor;
    }
}
