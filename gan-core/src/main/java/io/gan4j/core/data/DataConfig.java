package io.gan4j.core.data;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.gan4j.core.api.Batch;
import io.gan4j.core.api.DataKind;
import io.gan4j.core.api.DataSpec;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The {@code data} section of an experiment: where training examples come from. The {@code source} key picks
 * the kind; each kind's record lists its fields and defaults.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "source")
@JsonSubTypes({
        @JsonSubTypes.Type(value = MnistData.class, name = "mnist"),
        @JsonSubTypes.Type(value = FashionMnistData.class, name = "fashion-mnist"),
        @JsonSubTypes.Type(value = IdxData.class, name = "idx"),
        @JsonSubTypes.Type(value = ImageFolderData.class, name = "folder"),
        @JsonSubTypes.Type(value = Cifar10Data.class, name = "cifar10"),
        @JsonSubTypes.Type(value = Ring8Data.class, name = "ring8"),
        @JsonSubTypes.Type(value = Grid25Data.class, name = "grid25"),
        @JsonSubTypes.Type(value = DerivedPairsData.class, name = "paired"),
        @JsonSubTypes.Type(value = AlignedFolderData.class, name = "aligned-folder"),
        @JsonSubTypes.Type(value = DerivedUnpairedData.class, name = "unpaired"),
        @JsonSubTypes.Type(value = UnalignedFolderData.class, name = "unaligned-folder"),
})
public sealed interface DataConfig permits MnistData, FashionMnistData, IdxData, ImageFolderData, Cifar10Data, Ring8Data, Grid25Data,
        PairedSource, UnpairedSource {

    /**
     * Loads the configured examples into memory.
     *
     * @param seed seed for sources that draw their examples (synthetic sets); file sources ignore it
     *
     * @throws DataException naming the file and what is wrong when data is missing or damaged
     */
    ArrayDataset load(long seed);

    /** The kind of data this source provides. */
    DataKind kind();

    /**
     * The spec a model is built for from what {@link #load} returned: its own spec for sources that store examples
     * as they are trained on; paired sources override it ({@link PairedSource#pairSpec}).
     */
    default DataSpec spec(ArrayDataset loaded) {
        return loaded.spec();
    }

    /**
     * The training batch of each 1-based step, a pure function of {@code (seed, step)}: by default
     * {@link ShuffledBatches#batch}; paired sources build their pairs from the shuffled examples.
     *
     * @param loaded    what {@link #load} returned
     * @param batchSize examples per batch
     * @param seed      the shuffle seed
     * @param type      floating-point type of the batch arrays
     */
    default LongFunction<Batch> batches(ArrayDataset loaded, int batchSize, long seed, DataType type) {
        return new ShuffledBatches(loaded, batchSize, seed, type)::batch;
    }

    /**
     * The spec of the examples from the config alone, for the checks that must not load the data ({@code validate
     * --no-data}): the fixed shapes of the shipped sets and the configured size and channels of the folders; empty
     * for IDX files, whose shape only the file says. The number of classes is 0 where only the data says it, which
     * suits the memory check (a lower bound).
     */
    static Optional<DataSpec> specWithoutLoading(DataConfig data) {
        long[] shape;
        int classes = 0;
        if (data instanceof MnistData || data instanceof FashionMnistData || data instanceof Cifar10Data) {
            shape = data instanceof Cifar10Data ? new long[] {3, 32, 32} : new long[] {1, 28, 28};
            classes = 10;
        } else if (data instanceof Ring8Data || data instanceof Grid25Data) {
            shape = new long[] {2};
        } else if (data instanceof DerivedPairsData || data instanceof DerivedUnpairedData) {
            shape = new long[] {1, 28, 28};
        } else if (data instanceof ImageFolderData f) {
            shape = new long[] {f.channels(), f.size(), f.size()};
        } else if (data instanceof AlignedFolderData f) {
            shape = new long[] {f.channels(), f.size(), f.size()};
        } else if (data instanceof UnalignedFolderData f) {
            shape = new long[] {f.channels(), f.size(), f.size()};
        } else {
            return Optional.empty();
        }
        if (java.util.Arrays.stream(shape).anyMatch(d -> d <= 0)) {
            return Optional.empty();
        }
        return Optional.of(new DataSpec(shape, classes, data.kind(), sourceName(data)));
    }

    /** The name that selects this source in {@code data.source}, e.g. {@code fashion-mnist} or {@code folder}. */
    static String sourceName(DataConfig data) {
        for (JsonSubTypes.Type t : DataConfig.class.getAnnotation(JsonSubTypes.class).value()) {
            if (t.value() == data.getClass()) {
                return t.name();
            }
        }
        throw new IllegalArgumentException(data.getClass().getName() + " is not registered in DataConfig");
    }
}
