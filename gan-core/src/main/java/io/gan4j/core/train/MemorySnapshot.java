package io.gan4j.core.train;

import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.memory.AllocationsTracker;
import org.nd4j.linalg.api.memory.enums.AllocationKind;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the process's memory is at one moment, in bytes, from the sources that can tell native (off-heap) memory
 * apart from the Java heap. Each figure is -1 where the platform cannot give it.
 *
 * <p>ND4J's CPU arrays are allocated by libnd4j and counted by none of the Java-side counters: javacpp's
 * {@link Pointer#totalBytes()} sees only memory javacpp itself allocated (a few MB of helpers), and ND4J's
 * {@link AllocationsTracker} only workspaces. So native array memory is best read as resident memory minus the
 * committed heap; {@link #nativeEstimateBytes()} does that subtraction.
 *
 * @param rssBytes           resident set size of the process (VmRSS in /proc/self/status)
 * @param peakRssBytes       highest resident set size so far (VmHWM)
 * @param heapUsedBytes      Java heap in use (live objects and not yet collected garbage)
 * @param heapCommittedBytes Java heap the JVM has taken from the OS (it is resident once touched)
 * @param nonHeapBytes       JVM non-heap memory pools in use: metaspace, JIT code cache
 * @param javacppBytes       javacpp's {@link Pointer#totalBytes()}: memory allocated through javacpp
 * @param javacppPhysical    javacpp's {@link Pointer#physicalBytes()}: its own reading of resident memory
 * @param workspaceBytes     memory held by ND4J workspaces (DL4J's per-layer scratch memory)
 */
public record MemorySnapshot(long rssBytes, long peakRssBytes, long heapUsedBytes, long heapCommittedBytes,
                             long nonHeapBytes, long javacppBytes, long javacppPhysical, long workspaceBytes) {

    /** The figures now. Cheap enough (a /proc read) to take after every phase of a training step. */
    public static MemorySnapshot take() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
        long[] status = procStatus("VmRSS", "VmHWM");
        long workspaces;
        try {
            workspaces = AllocationsTracker.getInstance().bytesOnDevice(AllocationKind.WORKSPACE, 0);
        } catch (RuntimeException e) {
            workspaces = -1;
        }
        return new MemorySnapshot(status[0], status[1], heap.getUsed(), heap.getCommitted(), nonHeap.getUsed(),
                Pointer.totalBytes(), Pointer.physicalBytes(), workspaces);
    }

    /** Resident memory not accounted for by the committed heap: ND4J's arrays, native libraries, thread stacks. */
    public long nativeEstimateBytes() {
        return rssBytes < 0 ? -1 : rssBytes - heapCommittedBytes - nonHeapBytes;
    }

    /** Fields of /proc/self/status in bytes (their kB values × 1024), -1 for each one that is missing. */
    static long[] procStatus(String... fields) {
        long[] out = new long[fields.length];
        java.util.Arrays.fill(out, -1);
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                for (int i = 0; i < fields.length; i++) {
                    if (line.startsWith(fields[i] + ":")) {
                        out[i] = 1024 * Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: leave -1
        }
        return out;
    }
}
