package io.gan4j.core.data;

import io.gan4j.core.api.Doc;
import io.gan4j.core.api.Range;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The 10,000 MNIST digits shipped with gan4j (embedded in the jar), split into 8,000 training and 2,000 held-out
 * examples; or the same file layout read from a directory. Images {@code [1, 28, 28]} in [-1, 1], labels 0-9.
 */
@Doc("MNIST digits shipped with gan4j (8,000 train / 2,000 held-out)")
public record MnistData(
        @Doc("Which split: train or heldout") Split split,
        @Doc("Directory holding train-/heldout-{images-idx3,labels-idx1}-ubyte[.gz] instead of the embedded copy; null = embedded") String dir,
        @Doc("Use only the first N examples; 0 = all") @Range(min = 0) int limit) implements LabelledImageSet {

    /** Classpath folder of the embedded files (the repository's {@code data/mnist}). */
    public static final String RESOURCE_DIR = "/io/gan4j/data/mnist/";

    /** Number of digit classes. */
    public static final int CLASSES = 10;

    public static MnistData defaults() {
        return new MnistData(Split.TRAIN, null, 0);
    }

    /**
     * Reads the split's images and labels: from the jar when {@code dir} is null, else from
     * {@code dir/<split>-images-idx3-ubyte[.gz]} and {@code dir/<split>-labels-idx1-ubyte[.gz]}.
     *
     * @return a data set named {@code mnist/train} or {@code mnist/heldout}: images {@code [1, 28, 28]} in [-1, 1],
     *         labels in [0, 10); a null split means train
     */
    @Override
    public ArrayDataset load(long seed) {
        String name = (split == null ? Split.TRAIN : split).name().toLowerCase(Locale.ROOT);
        String images = name + "-images-idx3-ubyte";
        String labels = name + "-labels-idx1-ubyte";
        IdxFile.Contents x;
        IdxFile.Contents y;
        if (dir == null) {
            x = IdxFile.readResource(RESOURCE_DIR + images + ".gz");
            y = IdxFile.readResource(RESOURCE_DIR + labels + ".gz");
        } else {
            Path imagePath = locate(images);
            Path labelPath = locate(labels);
            x = IdxFile.read(imagePath);
            y = IdxFile.read(labelPath);
        }
        return IdxFile.dataset("mnist/" + name, x, y, CLASSES, limit);
    }

    private Path locate(String base) {
        Path found = IdxFile.find(Path.of(dir), base);
        if (found == null) {
            throw new DataException("mnist: " + Path.of(dir, base) + ".gz not found (nor without .gz); set data.dir"
                    + " to a directory with the train-/heldout- IDX files, or leave it unset for the embedded copy");
        }
        return found;
    }

    /** {@value #CLASSES} digits. */
    @Override
    public int classesWithoutLoading() {
        return CLASSES;
    }

    /** All of mnist/heldout (2,000 digits) from the same place. */
    @Override
    public DataConfig heldout() {
        return new MnistData(Split.HELDOUT, dir, 0);
    }

    @Override
    public ImageDomain imageDomain() {
        return ImageDomain.MNIST;
    }
}
