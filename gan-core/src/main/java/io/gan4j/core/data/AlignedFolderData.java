package io.gan4j.core.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.gan4j.core.api.Batch;
import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.api.DataKind;
import io.gan4j.core.api.DataSpec;
import io.gan4j.core.api.Doc;
import io.gan4j.core.api.Range;
import io.gan4j.core.api.Required;
import io.gan4j.core.api.Validatable;
import io.gan4j.core.backend.NdArrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The aligned folder format of pix2pix's datasets (facades, maps, edges2shoes...): {@code <dir>/train/},
 * {@code <dir>/val/} and/or {@code <dir>/test/}, each image file holding A and B side by side (A left, B right,
 * each half W/2 wide). {@link #direction()} says which half is the input.
 *
 * <p>Each half is scaled to {@code loadSize × loadSize} (area-averaged, the centre cropped if a half is not square)
 * when loaded and stored with the input's channels first, as {@code [2C, loadSize, loadSize]}. Training batches take
 * a random {@code size × size} crop, the same for both halves, and mirror both with probability ½ when
 * {@link #flip()} is on — pix2pix's jitter (286 → 256). Evaluation takes the centre crop, unmirrored.
 */
@Doc("Aligned A|B image pairs in pix2pix's folder format: <dir>/train, <dir>/val or <dir>/test, A and B side by side")
public record AlignedFolderData(
        @Doc("Dataset folder holding train/ and val/ or test/ (e.g. datasets/facades)") @Required String dir,
        @Doc("Which split: train (<dir>/train) or heldout (<dir>/val, else <dir>/test)") Split split,
        @Doc("Side of the square pairs the model sees (the random crop)") @Range(min = 1, max = 4096) int size,
        @Doc("Side each half is scaled to before cropping; 0 = size (no crop jitter)") @Range(min = 0, max = 4096) int loadSize,
        @Doc("Channels: 1 (grey) or 3 (RGB)") int channels,
        @Doc("Which half is the input: AtoB (left to right) or BtoA") Direction direction,
        @Doc("Mirror both halves left-right with probability 1/2 in training") boolean flip,
        @Doc("Use only the first N pairs of the split, in sorted file order; 0 = all") @Range(min = 0) int limit)
        implements PairedSource, Validatable {

    private static final Logger LOG = LoggerFactory.getLogger(AlignedFolderData.class);

    /** Which half of an A|B image is the input. */
    public enum Direction {
        /** A (left half) → B (right half). */
        @JsonProperty("AtoB") A_TO_B,
        /** B (right half) → A (left half). */
        @JsonProperty("BtoA") B_TO_A
    }

    /** pix2pix's settings: 256-pixel RGB crops of halves loaded at 286, mirrored, A → B. */
    public static AlignedFolderData defaults() {
        return new AlignedFolderData(null, Split.TRAIN, 256, 286, 3, Direction.A_TO_B, true, 0);
    }

    @Override
    public void validate(String path, List<ConfigProblem> problems) {
        if (channels != 1 && channels != 3) {
            problems.add(ConfigProblem.of(path + ".channels", "must be 1 (grey) or 3 (RGB)", Integer.toString(channels)));
        }
        if (loadSize != 0 && loadSize < size) {
            problems.add(new ConfigProblem(path + ".loadSize", "must be 0 or at least size (" + size + ")",
                    Integer.toString(loadSize), null));
        }
    }

    @Override
    public DataKind kind() {
        return DataKind.PAIRED;
    }

    /** The side halves are stored at. */
    public int storedSize() {
        return loadSize == 0 ? size : loadSize;
    }

    /** The split's folder: {@code train}, or {@code val} (falling back to {@code test}) for heldout. */
    public Path splitFolder() {
        Path root = Path.of(dir);
        if (split != Split.HELDOUT) {
            return root.resolve("train");
        }
        Path val = root.resolve("val");
        return Files.isDirectory(val) ? val : root.resolve("test");
    }

    /**
     * Decodes the split's A|B images.
     *
     * @param seed ignored: the files decide
     * @return a data set named {@code aligned/<dir name>/<split folder>}, examples {@code [2C, L, L]} (input half
     *         first), L = {@link #storedSize()}, in [-1, 1]
     * @throws DataException naming the folder or file: missing folder, no images, an image that cannot be decoded
     *                       or whose width is not even
     */
    @Override
    public ArrayDataset load(long seed) {
        long start = System.nanoTime();
        Path folder = splitFolder();
        List<Path> files = ImageFolderData.requiredImages(folder, "aligned-folder", dir, "/train and /val or /test with A|B images", limit);
        int l = storedSize();
        int half = channels * l * l;
        long total = (long) files.size() * 2 * half;
        if (total > Integer.MAX_VALUE - 8) {
            throw new DataException("aligned-folder: " + folder + ": " + files.size() + " pairs at " + l + "x" + l
                    + " are " + total + " values, more than one array holds; set data.limit or a smaller loadSize");
        }
        float[] values = new float[(int) total];
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            BufferedImage image = ImageFolderData.decode(file);
            int w = image.getWidth();
            if (w % 2 != 0 || w < 2) {
                throw new DataException(file + ": width " + w + " is not even: an aligned pair holds A and B side by"
                        + " side, each half W/2 wide");
            }
            BufferedImage a = image.getSubimage(0, 0, w / 2, image.getHeight());
            BufferedImage b = image.getSubimage(w / 2, 0, w / 2, image.getHeight());
            boolean aFirst = direction != Direction.B_TO_A;
            ImageResize.toExample(aFirst ? a : b, l, channels, values, i * 2 * half);
            ImageResize.toExample(aFirst ? b : a, l, channels, values, i * 2 * half + half);
        }
        Path abs = Path.of(dir).toAbsolutePath().normalize();
        String name = "aligned/" + (abs.getFileName() == null ? abs : abs.getFileName()) + "/" + folder.getFileName();
        LOG.info("{}: {} pairs from {}, halves {}x{}x{}, in {} ms", name, files.size(), folder, channels, l, l,
                (System.nanoTime() - start) / 1_000_000);
        return new ArrayDataset(name, values, new long[] {2L * channels, l, l}, null, 0);
    }

    @Override
    public DataSpec pairSpec(ArrayDataset stored) {
        return new DataSpec(new long[] {channels, size, size}, 0, DataKind.PAIRED, stored.name());
    }

    @Override
    public Batch pairs(ArrayDataset stored, int[] indices, long seed, boolean augment, DataType type) {
        int l = storedSize();
        int half = channels * l * l;
        int out = channels * size * size;
        float[] inputs = new float[indices.length * out];
        float[] targets = new float[indices.length * out];
        float[] values = stored.values();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < indices.length; i++) {
            int y0 = augment ? random.nextInt(l - size + 1) : (l - size) / 2;
            int x0 = augment ? random.nextInt(l - size + 1) : (l - size) / 2;
            boolean mirror = augment && flip && random.nextBoolean();
            int base = indices[i] * 2 * half;
            crop(values, base, l, y0, x0, mirror, inputs, i * out);
            crop(values, base + half, l, y0, x0, mirror, targets, i * out);
        }
        long[] shape = {indices.length, channels, size, size};
        return new Batch(NdArrays.floats(inputs, shape).castTo(type), null, NdArrays.floats(targets, shape).castTo(type));
    }

    private void crop(float[] src, int offset, int l, int y0, int x0, boolean mirror, float[] dst, int dstOffset) {
        for (int ch = 0; ch < channels; ch++) {
            for (int y = 0; y < size; y++) {
                int from = offset + (ch * l + y0 + y) * l + x0;
                int to = dstOffset + (ch * size + y) * size;
                if (mirror) {
                    for (int x = 0; x < size; x++) {
                        dst[to + x] = src[from + size - 1 - x];
                    }
                } else {
                    System.arraycopy(src, from, dst, to, size);
                }
            }
        }
    }

    @Override
    public PairedSource heldout() {
        return new AlignedFolderData(dir, Split.HELDOUT, size, loadSize, channels, direction, false, 0);
    }

    /** {@code [channels, size, size]} as configured. */
    @Override
    public long[] shapeWithoutLoading() {
        return new long[] {channels, size, size};
    }
}
