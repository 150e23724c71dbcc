package io.gan4j.core.data;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.gan4j.core.api.Batch;
import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.api.DataKind;
import io.gan4j.core.api.DataSpec;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The {@code data} section of an experiment: where training examples come from. The {@code source} key picks
 * the kind; each kind's record lists its fields and defaults.
 *
 * <p><b>Declarations.</b> Besides loading its examples, a source says what evaluation and the sample grids need to
 * know about them, so core never tests its class: its shape without loading ({@link #shapeWithoutLoading}), its
 * held-out split ({@link #heldout}), the shipped classifier's domain ({@link #imageDomain}), the mixture of a
 * synthetic 2-D set ({@link #modes}), the fixed examples of the grids ({@link #previewExamples}), and whether it
 * serves pairs or two unpaired domains ({@link #asPaired}, {@link #asUnpaired}). The defaults fit a plain set of
 * examples without any of these.
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
public sealed interface DataConfig permits LabelledImageSet, IdxData, ImageFolderData, PointMixture, PairedSource,
        UnpairedSource {

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
     * The shape of one example from the config alone, without the batch dimension: the fixed shapes of the shipped
     * sets ({@code [1, 28, 28]}, {@code [3, 32, 32]}, points {@code [2]}), the configured {@code [channels, size,
     * size]} of the folders (as configured, even when invalid); null when only the data says it (IDX files). The
     * default is the shape of the declared {@link #imageDomain()}, or null without one.
     */
    default long[] shapeWithoutLoading() {
        ImageDomain domain = imageDomain();
        return domain == null ? null : domain.sampleShape();
    }

    /** The number of label classes known from the config alone: 10 for the shipped labelled sets, else 0 (default). */
    default int classesWithoutLoading() {
        return 0;
    }

    /**
     * How the user makes this source's examples {@code [1, 28, 28]}, the shape the shipped feature networks take, as
     * a hint for the error that evaluation cannot score them; null (the default) when the config cannot change it.
     */
    default String resizeHint() {
        return null;
    }

    /**
     * The same source reading its held-out split (all of it), the real examples evaluation compares with; null (the
     * default) when the source has none.
     */
    default DataConfig heldout() {
        return null;
    }

    /**
     * The domain of the shipped classifier that fits these images (for unpaired data, domain A's), whose features
     * evaluation uses when {@code eval.features} is unset; null (the default) when none does.
     */
    default ImageDomain imageDomain() {
        return null;
    }

    /** The shipped classifier's domain for domain B of unpaired data; null (the default) when none or not unpaired. */
    default ImageDomain imageDomainB() {
        return null;
    }

    /**
     * The Gaussian mixture of a synthetic 2-D source, whose modes evaluation and the scatter plots score coverage of
     * (instead of a feature network); empty (the default) for other data.
     */
    default Optional<GaussianMixture2D> modes() {
        return Optional.empty();
    }

    /**
     * For unpaired data: whether every A image's true B image is known (a derived task), so translations can be
     * scored against ground truth; false (the default) otherwise.
     */
    default boolean knownMapping() {
        return false;
    }

    /** This source as aligned pairs, when it serves them ({@link PairedSource} returns itself); empty by default. */
    default Optional<PairedSource> asPaired() {
        return Optional.empty();
    }

    /** This source as two unpaired domains ({@link UnpairedSource} returns itself); empty by default. */
    default Optional<UnpairedSource> asUnpaired() {
        return Optional.empty();
    }

    /**
     * The fixed examples the training grids are made from ({@link io.gan4j.core.api.GanModel#sampleGrid(int, int,
     * Batch, long)}): by default the first {@code n} stored examples as {@code x}, FLOAT, with their labels;
     * paired and unpaired sources override it.
     *
     * @param loaded what {@link #load} returned
     * @param n      number of examples (fewer when the data has fewer)
     * @param seed   seed of any random choice in making them (a paired source's corrupted inputs)
     */
    default Batch previewExamples(ArrayDataset loaded, int n, long seed) {
        ArrayDataset first = loaded.slice(0, Math.min(n, loaded.size()), "");
        return new Batch(first.examples(first.size()), first.hasLabels() ? first.labels() : null, null);
    }

    /** Adds a problem when a training batch of {@code batchSize} needs more examples than {@code loaded} has. */
    default void checkBatchSize(ArrayDataset loaded, int batchSize, List<ConfigProblem> problems) {
        if (batchSize > loaded.size()) {
            problems.add(new ConfigProblem("$.train.batchSize", "must be at most the number of training examples ("
                    + loaded.size() + " in " + loaded.name() + ")", String.valueOf(batchSize), null));
        }
    }

    /**
     * The spec of the examples from the config alone, for the checks that must not load the data ({@code validate
     * --no-data}): {@link #shapeWithoutLoading} and {@link #classesWithoutLoading}; empty when the shape is unknown
     * or not positive. The number of classes is 0 where only the data says it, which suits the memory check (a lower
     * bound).
     */
    static Optional<DataSpec> specWithoutLoading(DataConfig data) {
        long[] shape = data.shapeWithoutLoading();
        if (shape == null || Arrays.stream(shape).anyMatch(d -> d <= 0)) {
            return Optional.empty();
        }
        return Optional.of(new DataSpec(shape, data.classesWithoutLoading(), data.kind(), sourceName(data)));
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
