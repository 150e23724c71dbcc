package io.gan4j.core.backend;

import io.gan4j.core.testing.FatbinElf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GpuCheckTest {
    private static final FatBinary STOCK = FatBinary.ND4J_CUDA_11_6_M2_1;

    private static ComputeCapability cc(int major, int minor) {
        return new ComputeCapability(major, minor);
    }

    private static FatBinary binary(CudaCode... codes) {
        return new FatBinary(List.of(codes), "test");
    }

    @Test
    void machineCodeRunsOnTheSameMajorAtAnEqualOrHigherMinor() {
        CudaCode sm86 = CudaCode.sass(86);
        assertTrue(sm86.runsOn(cc(8, 6)));
        assertTrue(sm86.runsOn(cc(8, 9)), "Ada runs Ampere 8.6 code");
        assertFalse(sm86.runsOn(cc(8, 0)), "a lower minor cannot");
        assertFalse(sm86.runsOn(cc(9, 0)), "Hopper cannot run 8.x machine code");
        assertFalse(CudaCode.sass(37).runsOn(cc(3, 5)));
        assertTrue(CudaCode.sass(100).runsOn(cc(10, 3)));
        assertFalse(CudaCode.sass(100).runsOn(cc(12, 0)));
    }

    @Test
    void ptxRunsOnItsCapabilityAndEveryHigherOne() {
        CudaCode ptx80 = CudaCode.ptx(80);
        assertTrue(ptx80.runsOn(cc(8, 0)));
        assertTrue(ptx80.runsOn(cc(9, 0)));
        assertTrue(ptx80.runsOn(cc(12, 0)));
        assertFalse(ptx80.runsOn(cc(7, 5)));
        assertTrue(CudaCode.ptx(90).runsOn(cc(9, 0)));
        assertFalse(CudaCode.ptx(90).runsOn(cc(8, 9)));
    }

    @Test
    void theStockBuildRunsKeplerToAdaAndRefusesHopperBlackwellAndOlderKepler() {
        for (ComputeCapability ok : List.of(cc(3, 7), cc(5, 0), cc(5, 3), cc(6, 1), cc(7, 0), cc(7, 5), cc(8, 0),
                cc(8, 6), cc(8, 7), cc(8, 9))) {
            assertTrue(STOCK.runsOn(ok), ok.toString());
        }
        for (ComputeCapability no : List.of(cc(3, 0), cc(3, 5), cc(9, 0), cc(10, 0), cc(12, 0))) {
            assertFalse(STOCK.runsOn(no), no.toString());
        }
        // With PTX up to 9.0 a Hopper GPU is served by JIT compilation.
        assertTrue(binary(CudaCode.sass(86), CudaCode.ptx(90)).runsOn(cc(9, 0)));
        assertTrue(binary(CudaCode.sass(86), CudaCode.ptx(80)).runsOn(cc(9, 0)));
        assertFalse(binary(CudaCode.sass(86), CudaCode.ptx(90)).runsOn(cc(8, 0)));
        assertFalse(binary(CudaCode.sass(37), CudaCode.ptx(90)).runsOn(cc(3, 5)));
    }

    @Test
    void theRefusalIsOneLineWithTheGpuTheListAndTheWaysOut() {
        Optional<String> p = GpuCheck.problem(List.of(new GpuDevice(0, "NVIDIA H200", cc(9, 0))), STOCK);
        assertTrue(p.isPresent());
        String m = p.get();
        assertFalse(m.contains("\n"), m);
        assertTrue(m.startsWith("NVIDIA H200 (GPU 0, compute capability 9.0) is not supported"), m);
        assertTrue(m.contains("3.7, 5.0, 5.2, 6.0, 6.1, 7.0, 7.5, 8.0, 8.6 and no PTX"), m);
        assertTrue(m.contains("CPU backend (build without -Pcuda)"), m);
        assertTrue(m.contains("libnd4j built for compute capability 9.0 (see docs/gpu.md)"), m);
        assertFalse(m.contains("CUDA_VISIBLE_DEVICES"), "no supported GPU to keep: " + m);
    }

    @Test
    void supportedGpusPassAndAMixedMachineIsToldWhichToKeep() {
        assertEquals(Optional.empty(), GpuCheck.problem(List.of(new GpuDevice(0, "NVIDIA L4", cc(8, 9)),
                new GpuDevice(1, "NVIDIA A100", cc(8, 0))), STOCK));
        String m = GpuCheck.problem(List.of(new GpuDevice(0, "NVIDIA H100", cc(9, 0)),
                new GpuDevice(1, "NVIDIA RTX A6000", cc(8, 6)), new GpuDevice(2, "NVIDIA B200", cc(10, 0))), STOCK)
                .orElseThrow();
        assertTrue(m.startsWith("NVIDIA H100 (GPU 0, compute capability 9.0), NVIDIA B200 (GPU 2, compute capability"
                + " 10.0) are not supported"), m);
        assertTrue(m.contains("CUDA_VISIBLE_DEVICES=1"), m);
        assertTrue(m.contains("compute capability 9.0 and 10.0 (see docs/gpu.md)"), m);
    }

    /** A probe with fixed answers that fails the test if asked something it should not be. */
    private record Probe(boolean cuda, List<GpuDevice> devices, Optional<Path> library) implements CudaProbe {
        @Override
        public boolean cudaBackend() {
            return cuda;
        }

        @Override
        public List<GpuDevice> devices() {
            if (!cuda) {
                throw new AssertionError("the CPU backend must not be asked for GPUs");
            }
            return devices;
        }

        @Override
        public Optional<Path> library() {
            if (!cuda) {
                throw new AssertionError("the CPU backend must not be asked for a CUDA library");
            }
            return library;
        }
    }

    @Test
    void theCpuBackendSkipsTheCheck() {
        GpuCheck.requireSupported(new Probe(false, List.of(), Optional.empty()));
    }

    @Test
    void theLibrarysOwnContentsDecide(@TempDir Path dir) throws IOException {
        // A libnd4j built for Hopper: the same H200 that the stock list refuses is accepted.
        Path lib = Files.write(dir.resolve("libnd4jcuda.so"), FatbinElf.elf64(
                FatbinElf.container(FatbinElf.sass(86), FatbinElf.sass(90))));
        List<GpuDevice> h200 = List.of(new GpuDevice(0, "NVIDIA H200", cc(9, 0)));
        GpuCheck.requireSupported(new Probe(true, h200, Optional.of(lib)));

        Path old = Files.write(dir.resolve("old-libnd4jcuda.so"), FatbinElf.elf64(
                FatbinElf.container(FatbinElf.sass(80), FatbinElf.sass(86))));
        UnsupportedGpuException e = assertThrows(UnsupportedGpuException.class,
                () -> GpuCheck.requireSupported(new Probe(true, h200, Optional.of(old))));
        assertTrue(e.getMessage().contains("machine code for 8.0, 8.6 and no PTX (read from " + old + ")"),
                e.getMessage());
    }

    @Test
    void anUnreadableLibraryFallsBackToTheKnownListAndSaysWhy(@TempDir Path dir) throws IOException {
        Path junk = Files.write(dir.resolve("libnd4jcuda.so"), new byte[10]);
        List<GpuDevice> h200 = List.of(new GpuDevice(0, "NVIDIA H200", cc(9, 0)));
        String m = assertThrows(UnsupportedGpuException.class,
                () -> GpuCheck.requireSupported(new Probe(true, h200, Optional.of(junk)))).getMessage();
        assertTrue(m.contains("8.6 and no PTX (the known list for nd4j-cuda-11.6 1.0.0-M2.1; " + junk), m);
        assertFalse(m.contains("\n"), m);

        String missing = assertThrows(UnsupportedGpuException.class,
                () -> GpuCheck.requireSupported(new Probe(true, h200, Optional.empty()))).getMessage();
        assertTrue(missing.contains("the loaded libnd4jcuda library was not found"), missing);

        GpuCheck.requireSupported(new Probe(true, List.of(new GpuDevice(0, "NVIDIA GeForce RTX 4090", cc(8, 9))),
                Optional.empty()));
    }

    @Test
    void noVisibleGpuIsRefusedWithTheCpuWayOut() {
        String m = assertThrows(UnsupportedGpuException.class,
                () -> GpuCheck.requireSupported(new Probe(true, List.of(), Optional.empty()))).getMessage();
        assertTrue(m.contains("no CUDA GPU is visible") && m.contains("without -Pcuda"), m);
    }

    @Test
    void capabilitiesAreValidatedAndNamedAsNvidiaDoes() {
        assertEquals("9.0", ComputeCapability.ofSm(90).toString());
        assertEquals(cc(12, 0), ComputeCapability.ofSm(120));
        assertEquals("sm_86", CudaCode.sass(86).toString());
        assertEquals("compute_80", CudaCode.ptx(80).toString());
        assertThrows(IllegalArgumentException.class, () -> cc(0, 0));
        assertThrows(IllegalArgumentException.class, () -> cc(8, 10));
        assertThrows(IllegalArgumentException.class, () -> ComputeCapability.ofSm(9));
    }
}
