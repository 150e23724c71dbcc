package io.gan4j.core.data;

import io.gan4j.core.api.Batch;
import io.gan4j.core.api.DataSpec;
import io.gan4j.core.api.Seeds;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.Optional;
import java.util.function.LongFunction;

/**
 * A data source of aligned (input, target) image pairs for translation models such as pix2pix. What it loads
 * ({@link #load}) is its stored form, which need not look like the pairs: a corruption task stores only the clean
 * targets and draws each input when a batch is made; an aligned folder stores both halves at load size and crops
 * them per batch. {@link #pairs} turns stored examples into a {@link Batch} with {@code x} the inputs and {@code y}
 * the targets, both {@code [B, C, H, W]} in [-1, 1].
 *
 * <p>Every random choice of a batch (a mask, noise, a crop, a flip) is a pure function of the seed and the step, so
 * a resumed run sees exactly the pairs an uninterrupted one would.
 */
public sealed interface PairedSource extends DataConfig permits DerivedPairsData, AlignedFolderData {

    /** Seed component of the per-batch random choices, mixed into the shuffle seed. */
    long PAIR_STREAM = 0x9A1DE5L;

    /**
     * The spec of one pair half, {@code [C, H, W]}, kind {@link io.gan4j.core.api.DataKind#PAIRED}.
     *
     * @param stored what {@link #load} returned
     */
    DataSpec pairSpec(ArrayDataset stored);

    /**
     * Builds the pairs of stored examples {@code indices}.
     *
     * @param stored  what {@link #load} returned
     * @param indices stored examples, in batch order
     * @param seed    seed of this batch's random choices (masks, noise, crops, flips)
     * @param augment training augmentation (random crop and flip of an aligned folder); off for evaluation, which
     *                takes the centre crop. Corruption tasks draw their corruption either way.
     * @param type    floating-point type of the arrays
     * @return x = inputs and y = targets, each {@code [indices.length, C, H, W]} in [-1, 1]; labels when stored
     */
    Batch pairs(ArrayDataset stored, int[] indices, long seed, boolean augment, DataType type);

    /** The pairs of every stored example, in order, as evaluation uses them: no augmentation, corruption from {@code seed}. */
    default Batch allPairs(ArrayDataset stored, long seed, DataType type) {
        int[] all = new int[stored.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return pairs(stored, all, seed, false, type);
    }

    @Override
    default DataSpec spec(ArrayDataset stored) {
        return pairSpec(stored);
    }

    @Override
    default LongFunction<Batch> batches(ArrayDataset stored, int batchSize, long seed, DataType type) {
        ShuffledBatches order = new ShuffledBatches(stored, batchSize, seed, type);
        long pairSeed = Seeds.derive(seed, PAIR_STREAM);
        return step -> pairs(stored, order.indices(step), Seeds.derive(pairSeed, step), true, type);
    }

    /**
     * The same source reading its held-out split instead (for evaluation), or null when it has none.
     */
    @Override
    PairedSource heldout();

    @Override
    default Optional<PairedSource> asPaired() {
        return Optional.of(this);
    }

    /** The first {@code n} stored examples' pairs with inputs derived from {@code seed}, FLOAT, unaugmented. */
    @Override
    default Batch previewExamples(ArrayDataset stored, int n, long seed) {
        int[] first = new int[Math.min(n, stored.size())];
        for (int i = 0; i < first.length; i++) {
            first[i] = i;
        }
        return pairs(stored, first, seed, false, DataType.FLOAT);
    }
}
