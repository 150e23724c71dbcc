package io.gan4j.core.backend;

import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Nd4jBackend;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The answers of the running ND4J. Asks in an order that runs no CUDA kernel, so that it is safe on a GPU the
 * library cannot run: the CUDA runtime's device count (through the JavaCPP CUDA bindings that ND4J's CUDA backend
 * depends on), then ND4J's backend selection, then libnd4j's device queries ({@code NativeOps.getDeviceMajor/Minor/
 * Name}, which read the {@code cudaDeviceProp} that {@code initializeDevicesAndFunctions} filled). The CUDA classes
 * are reached by name, because gan4j is compiled against the CPU backend.
 */
public final class Nd4jCudaProbe implements CudaProbe {
    static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";
    private static final String CUDART = "org.bytedeco.cuda.global.cudart";

    @Override
    public boolean cudaBackend() {
        // gan4j's cuda profile replaces the CPU backend, so the CUDA backend's presence decides.
        try {
            Class.forName(CUDA_BACKEND, false, Nd4jCudaProbe.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    public List<GpuDevice> devices() {
        // Counted first through cudart: ND4J's own check prints a stack trace when there is no GPU.
        if (cudaDeviceCount() == 0) {
            return List.of();
        }
        NativeOps ops;
        try {
            Nd4jBackend.load();
            ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        } catch (Exception | LinkageError e) {
            throw new UnsupportedGpuException("ND4J's CUDA backend could not start (" + rootMessage(e)
                    + "); for the CPU backend, build without -Pcuda");
        }
        List<GpuDevice> devices = new ArrayList<>();
        for (int i = 0, n = ops.getAvailableDevices(); i < n; i++) {
            devices.add(new GpuDevice(i, ops.getDeviceName(i).trim(),
                    new ComputeCapability(ops.getDeviceMajor(i), ops.getDeviceMinor(i))));
        }
        return devices;
    }

    @Override
    public Optional<Path> library() {
        List<String> candidates = new ArrayList<>(Loader.getLoadedLibraries().values());
        Path maps = Path.of("/proc/self/maps");
        if (Files.isReadable(maps)) {
            try (var lines = Files.lines(maps)) {
                // The dynamic loader maps the library even when JavaCPP did not record it (e.g. loaded as a dependency).
                lines.map(l -> l.substring(l.indexOf('/') < 0 ? l.length() : l.indexOf('/'))).forEach(candidates::add);
            } catch (IOException | java.io.UncheckedIOException e) {
                // Only a second source; the first may have found it.
            }
        }
        return candidates.stream().filter(Nd4jCudaProbe::isKernelLibrary).map(Path::of).filter(Files::isRegularFile)
                .findFirst();
    }

    /** libnd4j's CUDA library ({@code libnd4jcuda.so}), not its JNI wrapper ({@code libjnind4jcuda.so}). */
    static boolean isKernelLibrary(String path) {
        if (path == null || path.isBlank()) {
            return false;
        }
        String name = Path.of(path.trim()).getFileName().toString().toLowerCase(Locale.ROOT);
        return name.startsWith("libnd4jcuda.") || name.startsWith("nd4jcuda.");
    }

    private static int cudaDeviceCount() {
        try {
            Class<?> cudart = Class.forName(CUDART, true, Nd4jCudaProbe.class.getClassLoader());
            int[] count = {0};
            int status = (Integer) cudart.getMethod("cudaGetDeviceCount", int[].class).invoke(null, (Object) count);
            if (status != 0) {
                Object text = cudart.getMethod("cudaGetErrorString", int.class).invoke(null, status);
                String why = String.valueOf(text.getClass().getMethod("getString").invoke(text));
                // cudaErrorNoDevice (100) is the ordinary "no GPU" answer; anything else is a driver problem.
                if (status == 100) {
                    return 0;
                }
                throw new UnsupportedGpuException("the CUDA runtime cannot list the GPUs (" + why + ", error " + status
                        + "): is the NVIDIA driver new enough for CUDA 11.6? For the CPU backend, build without -Pcuda");
            }
            return count[0];
        } catch (InvocationTargetException e) {
            throw new UnsupportedGpuException("the CUDA runtime could not be loaded (" + rootMessage(e)
                    + "); for the CPU backend, build without -Pcuda");
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new UnsupportedGpuException("the CUDA runtime could not be loaded (" + rootMessage(e)
                    + "); for the CPU backend, build without -Pcuda");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return (m == null ? t.getClass().getSimpleName() : m).replace('\n', ' ');
    }
}
