package io.gan4j.core.data;

import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.api.Doc;
import io.gan4j.core.api.Range;
import io.gan4j.core.api.Required;
import io.gan4j.core.api.Validatable;

import java.nio.file.Path;
import java.util.List;

/**
 * CycleGAN's unaligned folder format (horse2zebra, monet2photo...): {@code <dir>/trainA/}, {@code <dir>/trainB/},
 * {@code <dir>/testA/}, {@code <dir>/testB/}, each a flat folder of PNG or JPEG images with no correspondence
 * between A and B. Every image's shorter side is scaled to {@code size} (area-averaged) and the centre square kept,
 * as for {@link ImageFolderData}; files are read in sorted order. There is no crop or flip jitter yet.
 */
@Doc("Unaligned image domains in CycleGAN's folder format: <dir>/trainA, trainB, testA, testB")
public record UnalignedFolderData(
        @Doc("Dataset folder holding trainA/, trainB/ and testA/, testB/ (e.g. datasets/horse2zebra)") @Required String dir,
        @Doc("Which split: train (trainA, trainB) or heldout (testA, testB)") Split split,
        @Doc("Side of the square images: the shorter side is scaled to it, then the centre is cropped") @Range(min = 1, max = 4096) int size,
        @Doc("Channels: 1 (grey) or 3 (RGB)") int channels,
        @Doc("Use only the first N images of each domain, in sorted file order; 0 = all") @Range(min = 0) int limit)
        implements UnpairedSource, Validatable {

    /** CycleGAN's image size, RGB. */
    public static UnalignedFolderData defaults() {
        return new UnalignedFolderData(null, Split.TRAIN, 256, 3, 0);
    }

    @Override
    public void validate(String path, List<ConfigProblem> problems) {
        if (channels != 1 && channels != 3) {
            problems.add(ConfigProblem.of(path + ".channels", "must be 1 (grey) or 3 (RGB)", Integer.toString(channels)));
        }
    }

    /** The folder of one domain for this split: {@code trainA}, {@code testB}... */
    public Path folder(int domain) {
        return Path.of(dir).resolve((split == Split.HELDOUT ? "test" : "train") + (domain == A ? "A" : "B"));
    }

    /**
     * Decodes both domains' images.
     *
     * @return a data set named {@code unaligned/<dir name>/<train|test>}, A's images then B's, labelled by domain
     * @throws DataException naming the folder or file: a missing or empty domain folder, an undecodable image
     */
    @Override
    public ArrayDataset load(long seed) {
        ArrayDataset a = read(A);
        ArrayDataset b = read(B);
        Path abs = Path.of(dir).toAbsolutePath().normalize();
        String name = "unaligned/" + (abs.getFileName() == null ? abs : abs.getFileName()) + "/"
                + (split == Split.HELDOUT ? "test" : "train");
        return UnpairedSource.stored(name, a, b);
    }

    private ArrayDataset read(int domain) {
        Path folder = folder(domain);
        List<Path> files = ImageFolderData.requiredImages(folder, "unaligned-folder", dir, "/trainA, trainB, testA and testB", limit);
        int sample = channels * size * size;
        if ((long) files.size() * sample > Integer.MAX_VALUE - 8) {
            throw new DataException("unaligned-folder: " + folder + ": " + files.size() + " images of " + size + " px"
                    + " are more values than one array holds; set data.limit or a smaller data.size");
        }
        float[] values = new float[files.size() * sample];
        for (int i = 0; i < files.size(); i++) {
            ImageResize.toExample(ImageFolderData.decode(files.get(i)), size, channels, values, i * sample);
        }
        return new ArrayDataset(folder.getFileName().toString(), values, new long[] {channels, size, size}, null, 0);
    }

    @Override
    public UnpairedSource heldout() {
        return new UnalignedFolderData(dir, Split.HELDOUT, size, channels, 0);
    }

    /** {@code [channels, size, size]} as configured. */
    @Override
    public long[] shapeWithoutLoading() {
        return new long[] {channels, size, size};
    }
}
