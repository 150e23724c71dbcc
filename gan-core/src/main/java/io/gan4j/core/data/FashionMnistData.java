package io.gan4j.core.data;

import io.gan4j.core.api.Doc;
import io.gan4j.core.api.Range;

import java.nio.file.Path;

/**
 * Fashion-MNIST (Xiao, Rasul, Vollgraf 2017): 60,000 training and 10,000 test images of clothing, 10 classes, read
 * from the official IDX files (Debian package {@code dataset-fashion-mnist}). Images {@code [1, 28, 28]} in [-1, 1].
 */
@Doc("Fashion-MNIST from the official IDX files (Debian package dataset-fashion-mnist)")
public record FashionMnistData(
        @Doc("Directory with the official IDX files") String dir,
        @Doc("Which split: train (60,000) or heldout (the official 10,000 test images)") Split split,
        @Doc("Use only the first N examples; 0 = all") @Range(min = 0) int limit) implements LabelledImageSet {

    /** Where Debian's dataset-fashion-mnist package installs the files. */
    public static final String DEBIAN_DIR = "/usr/share/datasets/fashion-mnist";

    /** Number of clothing classes. */
    public static final int CLASSES = 10;

    public static FashionMnistData defaults() {
        return new FashionMnistData(DEBIAN_DIR, Split.TRAIN, 0);
    }

    /**
     * Reads the official files {@code train-*} (train) or {@code t10k-*} (heldout), gzip or raw, from {@code dir}
     * (null means {@link #DEBIAN_DIR}).
     *
     * @return a data set named {@code fashion-mnist/train} or {@code fashion-mnist/heldout}: images
     *         {@code [1, 28, 28]} in [-1, 1], labels in [0, 10); a null split means train
     * @throws DataException saying how to install the files when they are missing
     */
    @Override
    public ArrayDataset load(long seed) {
        boolean heldout = split == Split.HELDOUT;
        String prefix = heldout ? "t10k" : "train";
        Path images = locate(prefix + "-images-idx3-ubyte");
        Path labels = locate(prefix + "-labels-idx1-ubyte");
        IdxFile.Contents x = IdxFile.read(images);
        IdxFile.Contents y = IdxFile.read(labels);
        return IdxFile.dataset(heldout ? "fashion-mnist/heldout" : "fashion-mnist/train", x, y, CLASSES, limit);
    }

    private Path locate(String base) {
        Path directory = Path.of(dir == null ? DEBIAN_DIR : dir);
        Path found = IdxFile.find(directory, base);
        if (found == null) {
            throw new DataException("fashion-mnist: " + directory.resolve(base + ".gz")
                    + " not found; install it with 'apt-get install dataset-fashion-mnist' or set data.dir");
        }
        return found;
    }

    /** The {@value #CLASSES} clothing classes. */
    @Override
    public int classesWithoutLoading() {
        return CLASSES;
    }

    /** All of the official 10,000 test images from the same folder. */
    @Override
    public DataConfig heldout() {
        return new FashionMnistData(dir, Split.HELDOUT, 0);
    }

    @Override
    public ImageDomain imageDomain() {
        return ImageDomain.FASHION_MNIST;
    }
}
