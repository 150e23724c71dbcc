package io.gan4j.core.backend;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Refuses, before any kernel runs, a GPU that the loaded libnd4j CUDA binary has no code for. Without this, ND4J
 * starts, allocates, and fails at the first kernel launch with "no kernel image is available for execution on the
 * device", or worse, deep inside a training step. The binary's architectures are read from the library itself
 * ({@link FatbinReader}); the known list of the stock nd4j-cuda-11.6 1.0.0-M2.1 build is used only when the library
 * cannot be read, so a user's own libnd4j build (docs/gpu.md) is judged by what it really contains.
 */
public final class GpuCheck {
    /** Where the user is sent for a libnd4j build of their own. */
    static final String DOCS = "docs/gpu.md";

    private GpuCheck() {
    }

    /**
     * Does nothing on ND4J's CPU backend; on the CUDA backend, checks every visible GPU.
     *
     * @throws UnsupportedGpuException with a one-line message if a GPU cannot run the library, or there is no GPU
     */
    public static void requireSupported(CudaProbe probe) {
        if (!probe.cudaBackend()) {
            return;
        }
        List<GpuDevice> devices = probe.devices();
        Optional<String> problem = devices.isEmpty() ? Optional.of(noGpu()) : problem(devices, binary(probe.library()));
        if (problem.isPresent()) {
            throw new UnsupportedGpuException(problem.get());
        }
    }

    /**
     * The one-line refusal for the devices that {@code binary} cannot run, or empty when it runs on all of them.
     *
     * @param devices the visible CUDA devices, at least one
     */
    public static Optional<String> problem(List<GpuDevice> devices, FatBinary binary) {
        List<GpuDevice> unsupported = devices.stream().filter(d -> !binary.runsOn(d.capability())).toList();
        if (unsupported.isEmpty()) {
            return Optional.empty();
        }
        List<GpuDevice> supported = devices.stream().filter(d -> binary.runsOn(d.capability())).toList();
        String which = unsupported.stream().map(GpuDevice::describe).collect(Collectors.joining(", "));
        String archs = unsupported.stream().map(d -> d.capability().toString()).distinct()
                .collect(Collectors.joining(" and "));
        StringBuilder m = new StringBuilder();
        m.append(which).append(unsupported.size() == 1 ? " is" : " are")
                .append(" not supported by this build's CUDA backend: its libnd4j has ").append(binary.describeCodes())
                .append(" (").append(binary.source()).append("), and machine code only runs on the same major")
                .append(" capability at an equal or higher minor. Ways out: the CPU backend (build without -Pcuda),");
        if (!supported.isEmpty()) {
            m.append(" only the supported GPUs (CUDA_VISIBLE_DEVICES=")
                    .append(supported.stream().map(d -> String.valueOf(d.index())).collect(Collectors.joining(",")))
                    .append("),");
        }
        m.append(" or a libnd4j built for compute capability ").append(archs).append(" (see ").append(DOCS).append(")");
        return Optional.of(m.toString());
    }

    /**
     * What the library contains: read from {@code library} when possible, else the known list of the stock build
     * with the reason it was used.
     */
    public static FatBinary binary(Optional<Path> library) {
        if (library.isEmpty()) {
            return FatBinary.ND4J_CUDA_11_6_M2_1.withSource(FatBinary.ND4J_CUDA_11_6_M2_1.source()
                    + "; the loaded libnd4jcuda library was not found");
        }
        try {
            return FatbinReader.read(library.get());
        } catch (IOException | RuntimeException e) {
            return FatBinary.ND4J_CUDA_11_6_M2_1.withSource(FatBinary.ND4J_CUDA_11_6_M2_1.source()
                    + "; " + (e instanceof IOException ? e.getMessage() : library.get() + ": " + e));
        }
    }

    private static String noGpu() {
        return "ND4J's CUDA backend is in this build but no CUDA GPU is visible (check nvidia-smi and"
                + " CUDA_VISIBLE_DEVICES); for the CPU backend, build without -Pcuda";
    }
}
