package io.gan4j.core.data;

import io.gan4j.core.api.Batch;
import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.api.DataKind;
import io.gan4j.core.api.DataSpec;
import io.gan4j.core.api.Seeds;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
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

    /**
     * The stored images of one domain ({@link #A} or {@link #B}) as a data set of their own: a copy, for evaluation
     * and tests; training indexes the stored set instead ({@link #domainStart}, {@link #domainSize}).
     */
    static ArrayDataset domain(ArrayDataset stored, int domain) {
        int from = domainStart(stored, domain);
        return stored.slice(from, from + domainSize(stored, domain), domain == A ? "/A" : "/B")
                .unlabelled(stored.name() + (domain == A ? "/A" : "/B"));
    }

    /**
     * The index of the first stored image of {@code domain}: 0 for A, the number of A images for B (the stored set
     * holds A's images, then B's).
     *
     * @throws IllegalStateException when the stored labels are not all A's then all B's
     */
    static int domainStart(ArrayDataset stored, int domain) {
        int[] labels = stored.labels();
        int a = 0;
        while (a < labels.length && labels[a] == A) {
            a++;
        }
        for (int i = a; i < labels.length; i++) {
            if (labels[i] != B) {
                throw new IllegalStateException(stored.name() + ": domain labels are not A's images then B's (label "
                        + labels[i] + " at " + i + ")");
            }
        }
        return domain == A ? 0 : a;
    }

    /** The number of stored images of {@code domain}. */
    static int domainSize(ArrayDataset stored, int domain) {
        int b = domainStart(stored, B);
        return domain == A ? b : stored.size() - b;
    }

    /**
     * A of step s from A's shuffle and B of step s from B's (a different seed), each a pure function of the seed
     * and the step; each domain goes through its own epochs.
     *
     * @throws IllegalArgumentException when a domain has fewer images than the batch size
     */
    @Override
    default LongFunction<Batch> batches(ArrayDataset stored, int batchSize, long seed, DataType type) {
        // Each domain's batches are those of a data set holding only that domain, read in place (no copy).
        ArrayDataset images = stored.unlabelled(stored.name());
        ShuffledBatches a = new ShuffledBatches(images, domainStart(stored, A), domainSize(stored, A), batchSize,
                Seeds.derive(seed, A), type);
        ShuffledBatches b = new ShuffledBatches(images, domainStart(stored, B), domainSize(stored, B), batchSize,
                Seeds.derive(seed, B), type);
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
    @Override
    UnpairedSource heldout();

    @Override
    default Optional<UnpairedSource> asUnpaired() {
        return Optional.of(this);
    }

    /** The first {@code n} images of A (x) and of B (y), as many of each (FLOAT); {@code seed} is not needed. */
    @Override
    default Batch previewExamples(ArrayDataset stored, int n, long seed) {
        int a = domainStart(stored, A);
        int b = domainStart(stored, B);
        int m = Math.min(n, Math.min(domainSize(stored, A), domainSize(stored, B)));
        return new Batch(stored.slice(a, a + m, "").examples(m), null, stored.slice(b, b + m, "").examples(m));
    }

    /** Each domain must have at least a batch of images: A's and B's batches are drawn separately. */
    @Override
    default void checkBatchSize(ArrayDataset stored, int batchSize, List<ConfigProblem> problems) {
        for (int domain : new int[] {A, B}) {
            int n = domainSize(stored, domain);
            if (batchSize > n) {
                problems.add(new ConfigProblem("$.train.batchSize", "must be at most the number of domain "
                        + (domain == A ? "A" : "B") + " images (" + n + " in " + stored.name() + ")",
                        String.valueOf(batchSize), null));
            }
        }
    }

    /** Puts A's and B's images into one stored data set (float-backed), labelled by domain. */
    static ArrayDataset stored(String name, ArrayDataset a, ArrayDataset b) {
        if (!Arrays.equals(a.sampleShape(), b.sampleShape())) {
            throw new DataException(name + ": domain A's images are " + Arrays.toString(a.sampleShape())
                    + " but domain B's are " + Arrays.toString(b.sampleShape()));
        }
        int size = a.sampleSize();
        float[] values = new float[(a.size() + b.size()) * size];
        for (int i = 0; i < a.size(); i++) {
            a.copyExample(i, values, i * size);
        }
        for (int i = 0; i < b.size(); i++) {
            b.copyExample(i, values, (a.size() + i) * size);
        }
        return new ArrayDataset(name, values, a.sampleShape(), domainLabels(a.size(), b.size()), 2, DOMAIN_NAMES);
    }

    /** Class names of the stored set's domain labels. */
    List<String> DOMAIN_NAMES = List.of("A", "B");

    /** {@code na} labels {@link #A} then {@code nb} labels {@link #B}. */
    static int[] domainLabels(int na, int nb) {
        int[] labels = new int[na + nb];
        Arrays.fill(labels, na, labels.length, B);
        return labels;
    }
}
