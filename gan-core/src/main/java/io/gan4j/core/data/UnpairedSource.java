package io.gan4j.core.data;

import io.gan4j.core.api.DataKind;
import io.gan4j.core.api.DataSpec;
import io.gan4j.core.run.Seeds;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.Arrays;
import java.util.function.LongFunction;

/**
 * A data source of two unaligned image collections, domain A and domain B, for unpaired translation (CycleGAN).
 * {@link #load} stores both in one data set, A's images first, each labelled with its domain ({@value #A} or
 * {@value #B}); batches draw A and B independently, each from its own shuffle, so an A image and a B image of one
 * batch are unrelated. A batch's {@code x} holds A images and {@code y} B images, both {@code [N, C, H, W]} in
 * [-1, 1], with no labels.
 */
public sealed interface UnpairedSource extends DataConfig permits DerivedUnpairedData, UnalignedFolderData {

    /** Domain label of A's images in the stored data set. */
    int A = 0;
    /** Domain label of B's images in the stored data set. */
    int B = 1;

    @Override
    default DataKind kind() {
        return DataKind.UNPAIRED;
    }

    @Override
    default DataSpec spec(ArrayDataset stored) {
        return new DataSpec(stored.sampleShape(), 0, DataKind.UNPAIRED, stored.name());
    }

    /** The stored images of one domain ({@link #A} or {@link #B}) as a data set of their own. */
    static ArrayDataset domain(ArrayDataset stored, int domain) {
        int n = stored.size();
        int size = stored.sampleSize();
        int count = (int) Arrays.stream(stored.labels()).filter(l -> l == domain).count();
        float[] values = new float[count * size];
        for (int i = 0, at = 0; i < n; i++) {
            if (stored.label(i) == domain) {
                stored.copyExample(i, values, at * size);
                at++;
            }
        }
        return new ArrayDataset(stored.name() + (domain == A ? "/A" : "/B"), values, stored.sampleShape(), null, 0);
    }

    /**
     * A of step s from A's shuffle and B of step s from B's (a different seed), each a pure function of the seed
     * and the step; each domain goes through its own epochs.
     *
     * @throws IllegalArgumentException when a domain has fewer images than the batch size
     */
    @Override
    default LongFunction<Batch> batches(ArrayDataset stored, int batchSize, long seed, DataType type) {
        ShuffledBatches a = new ShuffledBatches(domain(stored, A), batchSize, Seeds.derive(seed, A), type);
        ShuffledBatches b = new ShuffledBatches(domain(stored, B), batchSize, Seeds.derive(seed, B), type);
        return step -> new Batch(a.batch(step).x(), null, b.batch(step).x());
    }

    /**
     * The true B image of each of {@code a}'s images when the mapping between the domains is known (a derived
     * task), for measuring translation error; null when there is no ground truth (the default).
     */
    default ArrayDataset trueTranslations(ArrayDataset a) {
        return null;
    }

    /** The same source reading its held-out images of both domains. */
    UnpairedSource heldout();

    /** Puts A's and B's images into one stored data set, labelled by domain. */
    static ArrayDataset stored(String name, ArrayDataset a, ArrayDataset b) {
        if (!Arrays.equals(a.sampleShape(), b.sampleShape())) {
            throw new DataException(name + ": domain A's images are " + Arrays.toString(a.sampleShape())
                    + " but domain B's are " + Arrays.toString(b.sampleShape()));
        }
        float[] values = new float[a.values().length + b.values().length];
        System.arraycopy(a.values(), 0, values, 0, a.values().length);
        System.arraycopy(b.values(), 0, values, a.values().length, b.values().length);
        int[] labels = new int[a.size() + b.size()];
        Arrays.fill(labels, a.size(), labels.length, B);
        return new ArrayDataset(name, values, a.sampleShape(), labels, 2, java.util.List.of("A", "B"));
    }
}
