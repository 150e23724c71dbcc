package io.gan4j.core.backend;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The device code a CUDA library carries, as a set of {@link CudaCode}, and where that was learnt.
 *
 * <p>A GPU is taken as supported when any of the code runs on it. A stricter rule (every fat-binary container must
 * have code for it) sounds more exact but is wrong in practice: {@code nvcc -shared} adds a device-link container
 * built for nvcc's default architecture only, holding no kernels of the library (seen with nvcc 13.0), which would
 * make every other architecture look unsupported.
 */
public final class FatBinary {
    /**
     * What the {@code .nv_fatbin} section of nd4j-cuda-11.6 1.0.0-M2.1's {@code libnd4jcuda.so} (linux-x86_64) holds,
     * as read with {@link FatbinReader} (issue 21): machine code for 3.7, 5.0, 5.2, 6.0, 6.1, 7.0, 7.5, 8.0 and 8.6,
     * no PTX. Used only when the loaded library cannot be read.
     */
    public static final FatBinary ND4J_CUDA_11_6_M2_1 = new FatBinary(
            List.of(CudaCode.sass(37), CudaCode.sass(50), CudaCode.sass(52), CudaCode.sass(60), CudaCode.sass(61),
                    CudaCode.sass(70), CudaCode.sass(75), CudaCode.sass(80), CudaCode.sass(86)),
            "the known list for nd4j-cuda-11.6 1.0.0-M2.1");

    private final SortedSet<CudaCode> codes;
    private final String source;

    /**
     * @param codes  the code entries, at least one
     * @param source where they came from, for messages (e.g. the library's path)
     */
    public FatBinary(Collection<CudaCode> codes, String source) {
        if (codes.isEmpty()) {
            throw new IllegalArgumentException("a fat binary needs at least one code entry (" + source + ")");
        }
        this.codes = Collections.unmodifiableSortedSet(new TreeSet<>(codes));
        this.source = source;
    }

    /** Every code entry, in capability order. */
    public SortedSet<CudaCode> codes() {
        return codes;
    }

    /** Whether the library has code that a device of capability {@code device} can run. */
    public boolean runsOn(ComputeCapability device) {
        return codes.stream().anyMatch(code -> code.runsOn(device));
    }

    /** The same contents, said to come from {@code newSource}. */
    public FatBinary withSource(String newSource) {
        return new FatBinary(codes, newSource);
    }

    /** Where the contents came from. */
    public String source() {
        return source;
    }

    /**
     * The supported capabilities in words, e.g. {@code "machine code for 3.7, 5.0, 8.6 and no PTX"} or
     * {@code "machine code for 5.0, 8.6 and PTX for 8.0"}.
     */
    public String describeCodes() {
        String sass = list(CudaCode.Kind.SASS);
        String ptx = list(CudaCode.Kind.PTX);
        return (sass.isEmpty() ? "no machine code" : "machine code for " + sass)
                + (ptx.isEmpty() ? " and no PTX" : " and PTX for " + ptx);
    }

    private String list(CudaCode.Kind kind) {
        return codes.stream().filter(c -> c.kind() == kind).map(c -> c.target().toString())
                .collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return describeCodes() + " (" + source + ")";
    }
}
