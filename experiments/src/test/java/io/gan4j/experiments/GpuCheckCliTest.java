package io.gan4j.experiments;

import io.gan4j.core.backend.ComputeCapability;
import io.gan4j.core.backend.CudaProbe;
import io.gan4j.core.backend.GpuDevice;
import io.gan4j.core.testing.FatbinElf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The start-up GPU check as a user meets it, with the GPU and the CUDA library injected. */
class GpuCheckCliTest {
    @TempDir
    Path tmp;

    /**
     * A CUDA backend (or, with {@code cudaBackend} false, the CPU one) with one GPU and the given kernel library;
     * {@code asked} counts the questions about devices.
     */
    private record FakeCuda(boolean cudaBackend, GpuDevice gpu, Path kernels, AtomicInteger asked)
            implements CudaProbe {
        FakeCuda(boolean cudaBackend, GpuDevice gpu, Path kernels) {
            this(cudaBackend, gpu, kernels, new AtomicInteger());
        }

        @Override
        public List<GpuDevice> devices() {
            asked.incrementAndGet();
            return List.of(gpu);
        }

        @Override
        public Optional<Path> library() {
            return Optional.of(kernels);
        }
    }

    private record Result(int code, String out, String err) {
    }

    private static Result cli(CudaProbe probe, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Gan4jCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), probe, args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A libnd4jcuda.so with the stock build's machine code (3.7 ... 8.6, no PTX), built byte by byte. */
    private Path stockLibrary() throws IOException {
        FatbinElf.Entry[] entries = FatbinElf.stockSms().stream().map(FatbinElf::sass).toArray(FatbinElf.Entry[]::new);
        return Files.write(tmp.resolve("libnd4jcuda.so"), FatbinElf.elf64(FatbinElf.container(entries)));
    }

    private Path config() throws IOException {
        return Files.writeString(tmp.resolve("tiny.json"), CliTest.tinyConfig(2));
    }

    private static GpuDevice gpu(String name, int major, int minor) {
        return new GpuDevice(0, name, new ComputeCapability(major, minor));
    }

    @Test
    void anH200IsRefusedBeforeTrainingWithOneLineAndExit2() throws IOException {
        FakeCuda h200 = new FakeCuda(true, gpu("NVIDIA H200", 9, 0), stockLibrary());
        Path out = tmp.resolve("runs");
        Result r = cli(h200, "train", config().toString(), "--set", "train.outputDir=" + out);

        assertEquals(ExitCode.INPUT, r.code());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), r.err());
        String line = lines.get(0);
        assertTrue(line.startsWith("gan4j train: NVIDIA H200 (GPU 0, compute capability 9.0) is not supported"), line);
        assertTrue(line.contains("machine code for 3.7, 5.0, 5.2, 6.0, 6.1, 7.0, 7.5, 8.0, 8.6 and no PTX"), line);
        assertTrue(line.contains("read from " + tmp.resolve("libnd4jcuda.so")), line);
        assertTrue(line.contains("the CPU backend (build without -Pcuda)"), line);
        assertTrue(line.contains("a libnd4j built for compute capability 9.0 (see docs/gpu.md)"), line);
        assertFalse(line.contains("Exception") || line.contains("\tat "), line);
        assertFalse(Files.exists(out), "nothing may be trained or written");
    }

    @Test
    void anAdaGpuRunsTheStockLibraryAndTheCommandGoesOn() throws IOException {
        FakeCuda ada = new FakeCuda(true, gpu("NVIDIA GeForce RTX 4090", 8, 9), stockLibrary());
        Result r = cli(ada, "validate", "--no-data", config().toString());
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertTrue(r.out().startsWith("ok: "), r.out());
        assertEquals(1, ada.asked().get());
    }

    @Test
    void commandsWithoutNd4jAndHelpAreNotChecked() throws IOException {
        FakeCuda h200 = new FakeCuda(true, gpu("NVIDIA H200", 9, 0), stockLibrary());
        assertEquals(ExitCode.OK, cli(h200, "list").code());
        assertEquals(ExitCode.OK, cli(h200, "describe", "train").code());
        assertEquals(ExitCode.OK, cli(h200, "train", "--help").code());
        assertEquals(ExitCode.OK, cli(h200, "--version").code());
        assertEquals(0, h200.asked().get());
    }

    @Test
    void theCpuBackendIsNeverAskedAboutGpus() throws IOException {
        FakeCuda cpu = new FakeCuda(false, gpu("NVIDIA H200", 9, 0), stockLibrary());
        Result r = cli(cpu, "validate", "--no-data", config().toString());
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertEquals(0, cpu.asked().get());
    }
}
