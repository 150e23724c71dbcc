import org.nd4j.linalg.api.memory.Deallocatable;
import org.nd4j.linalg.api.memory.deallocation.DeallocatableReference;
import org.nd4j.linalg.api.memory.deallocation.DeallocatorService;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Which ways of dropping an ND4J (1.0.0-M2.1, CPU) array give its native memory back, measured by the kernel's
 * resident-set figure: 500 arrays of 1000×1000 floats (3.8 MiB each) are made, touched and dropped one after another,
 * in four ways. Run from the repository root after a build:
 *
 * <pre>for w in drop close deallocate gc; do
 *   OMP_WAIT_POLICY=PASSIVE java -cp experiments/target/gan4j.jar benchmarks/memory/CloseVersusGc.java $w
 * done</pre>
 *
 * A way that frees shows growth near one array (plus allocator slack); one that does not shows about 1,900 MiB.
 */
public class CloseVersusGc {
    private static final int ARRAYS = 500;

    public static void main(String[] args) throws Exception {
        // One way per JVM: memory a collection frees stays in the C allocator's free lists and would be reused by
        // the next way, hiding whether that way frees anything.
        String way = args.length == 1 ? args[0] : "";
        Nd4j.create(1); // load the backend before the first reading
        switch (way) {
            case "drop" -> run("dropped, never collected     ", false, false, false);
            case "close" -> run("INDArray.close()             ", true, false, false);
            case "deallocate" -> run("deallocator called directly  ", false, true, false);
            case "gc" -> run("dropped, System.gc() every 50", false, false, true);
            default -> System.err.println("give one of: drop close deallocate gc");
        }
    }

    private static void run(String label, boolean close, boolean deallocate, boolean gc) throws Exception {
        long before = rssKb();
        for (int i = 1; i <= ARRAYS; i++) {
            INDArray a = Nd4j.create(1000, 1000);
            a.addi(1);
            if (close) {
                a.close();
            }
            if (deallocate) {
                // What the collector's thread does for an unreachable array, done at once (and unregistered, so it
                // is not done twice).
                DeallocatableReference r = references().remove(((Deallocatable) a.data()).getUniqueId());
                r.getDeallocator().deallocate();
            }
            if (gc && i % 50 == 0) {
                System.gc();
                Thread.sleep(50);
            }
        }
        System.out.printf("%s: RSS grew %5d MiB over %d arrays of 3.8 MiB%n", label, (rssKb() - before) / 1024, ARRAYS);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, DeallocatableReference> references() throws ReflectiveOperationException {
        Field f = DeallocatorService.class.getDeclaredField("referenceMap");
        f.setAccessible(true);
        return (Map<String, DeallocatableReference>) f.get(Nd4j.getDeallocatorService());
    }

    private static long rssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
