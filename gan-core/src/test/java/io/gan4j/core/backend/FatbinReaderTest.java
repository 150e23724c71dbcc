package io.gan4j.core.backend;

import io.gan4j.core.testing.FatbinElf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static io.gan4j.core.testing.FatbinElf.concat;
import static io.gan4j.core.testing.FatbinElf.container;
import static io.gan4j.core.testing.FatbinElf.ptx;
import static io.gan4j.core.testing.FatbinElf.sass;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FatbinReaderTest {
    @TempDir
    Path dir;

    private Path write(byte[] bytes) throws IOException {
        Path f = dir.resolve("libnd4jcuda.so");
        Files.write(f, bytes);
        return f;
    }

    @Test
    void readsEveryEntryOfEveryContainerAndNothingElse() throws IOException {
        byte[] fatbin = concat(
                container(sass(50), sass(86), ptx(80)),
                new byte[8], // alignment padding between two objects' containers
                container(sass(50), new FatbinElf.Entry(FatbinElf.ELF, 86, 80, new byte[13])));
        FatBinary b = FatbinReader.read(write(FatbinElf.elf64(fatbin)));

        // The decoy sm_35 in .text and the magics inside the payloads must not show up.
        assertEquals(Set.of(CudaCode.sass(50), CudaCode.sass(86), CudaCode.ptx(80)), b.codes());
        assertEquals("machine code for 5.0, 8.6 and PTX for 8.0", b.describeCodes());
        assertTrue(b.source().contains("libnd4jcuda.so"), b.source());
    }

    /**
     * A real fat binary: {@code nvcc13-fatbin.so} is the {@code .nv_fatbin} section (kept by
     * {@code objcopy --only-section=.nv_fatbin}) of a shared library built with nvcc 13.0 from two one-kernel files:
     * <pre>
     * nvcc -Xcompiler -fPIC -c a.cu -gencode arch=compute_75,code=sm_75 -gencode arch=compute_86,code=sm_86 \
     *      -gencode arch=compute_90,code=[sm_90,compute_90] -gencode arch=compute_120,code=sm_120
     * nvcc -Xcompiler -fPIC -c b.cu -gencode arch=compute_75,code=sm_75 -gencode arch=compute_86,code=sm_86
     * nvcc -shared a.o b.o -o libnd4jcuda.so
     * </pre>
     * The expected codes are those flags. The file also has what hand-built files lack: compressed payloads, the
     * 80-byte header of a PTX entry for 9.0 and the 112-byte header of an sm_120 entry, and a device-link container
     * with nvcc's default sm_75 only.
     */
    @Test
    void readsWhatNvccWrote() throws IOException, java.net.URISyntaxException {
        Path real = Path.of(FatbinReaderTest.class.getResource("nvcc13-fatbin.so").toURI());
        FatBinary b = FatbinReader.read(real);
        assertEquals(Set.of(CudaCode.sass(75), CudaCode.sass(86), CudaCode.sass(90), CudaCode.ptx(90),
                CudaCode.sass(120)), b.codes());
        assertTrue(b.runsOn(new ComputeCapability(8, 9)));
        assertTrue(b.runsOn(new ComputeCapability(10, 0)), "through the compute_90 PTX");
        assertFalse(b.runsOn(new ComputeCapability(7, 0)));
    }

    @Test
    void theStockLibrarysListReadsBackAsTheFallbackList() throws IOException {
        FatbinElf.Entry[] entries = FatbinElf.stockSms().stream().map(FatbinElf::sass).toArray(FatbinElf.Entry[]::new);
        FatBinary b = FatbinReader.read(write(FatbinElf.elf64(concat(container(entries), container(entries)))));
        assertEquals(FatBinary.ND4J_CUDA_11_6_M2_1.codes(), b.codes());
        assertEquals("machine code for 3.7, 5.0, 5.2, 6.0, 6.1, 7.0, 7.5, 8.0, 8.6 and no PTX", b.describeCodes());
    }

    @Test
    void findsTheSectionNameTableThroughSectionZeroWhenTheHeaderSaysXindex() throws IOException {
        FatBinary b = FatbinReader.read(write(FatbinElf.elf64(".nv_fatbin", container(sass(75)), true)));
        assertEquals(Set.of(CudaCode.sass(75)), b.codes());
    }

    @Test
    void refusesFilesThatAreNotWhatItReads() throws IOException {
        assertFails(new byte[100], "not an ELF file");
        byte[] elf32 = FatbinElf.elf64(container(sass(50)));
        elf32[4] = 1;
        assertFails(elf32, "64-bit little-endian");
        assertFails(FatbinElf.elf64(".data", container(sass(50)), false), "no .nv_fatbin section");
        assertFails(FatbinElf.elf64(new byte[64]), "no fat-binary container");
        assertFails(FatbinElf.elf64(container()), "no PTX or machine-code entries");

        byte[] cut = container(sass(50), sass(86));
        assertFails(FatbinElf.elf64(java.util.Arrays.copyOf(cut, cut.length - 8)), "runs past the end");

        byte[] longEntry = container(sass(50));
        longEntry[16 + 8] = (byte) 0xF0; // the entry's payload size now points past its container
        assertFails(FatbinElf.elf64(longEntry), "runs past the end of its container");

        byte[] whole = FatbinElf.elf64(container(sass(50)));
        assertFails(java.util.Arrays.copyOf(whole, whole.length - 10), "out of bounds");
    }

    private void assertFails(byte[] file, String why) throws IOException {
        Path f = write(file);
        IOException e = assertThrows(IOException.class, () -> FatbinReader.read(f));
        assertTrue(e.getMessage().contains(why) && e.getMessage().startsWith(f.toString()), e.getMessage());
    }

    @Test
    void aMissingFileIsAnIOException() {
        assertThrows(IOException.class, () -> FatbinReader.read(dir.resolve("absent.so")));
    }

    @Test
    void theKernelLibraryIsTellsTheKernelsFromTheJniWrapper() {
        assertTrue(Nd4jCudaProbe.isKernelLibrary("/home/u/.javacpp/cache/x.jar/org/nd4j/linux-x86_64/libnd4jcuda.so"));
        assertTrue(Nd4jCudaProbe.isKernelLibrary("C:\\cache\\nd4jcuda.dll".replace('\\', '/')));
        assertFalse(Nd4jCudaProbe.isKernelLibrary("/cache/libjnind4jcuda.so"));
        assertFalse(Nd4jCudaProbe.isKernelLibrary("/cache/libnd4jcpu.so"));
        assertFalse(Nd4jCudaProbe.isKernelLibrary(""));
    }
}
