package io.gan4j.core.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.gan4j.core.api.Batch;
import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.api.DataKind;
import io.gan4j.core.api.DataSpec;
import io.gan4j.core.api.Doc;
import io.gan4j.core.api.Range;
import io.gan4j.core.api.Validatable;
import io.gan4j.core.backend.NdArrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Aligned pairs for image translation derived on the fly from MNIST or Fashion-MNIST: the target is the image, the
 * input a copy changed by {@link #task()} ({@link PairTask}). Only the clean images are stored; each batch draws
 * its corruptions (mask positions, noise) from the batch seed, so the same step always sees the same pairs and the
 * model never sees one image under the same corruption twice in different epochs.
 *
 * <p>Pairs are {@code [1, 28, 28]} in [-1, 1]. The held-out split ({@link #heldout()}) is the images' own held-out
 * split under the same task; evaluation derives its inputs once from a fixed seed.
 */
@Doc("Image pairs derived on the fly from mnist or fashion-mnist: target = the image, input = a corrupted copy")
public record DerivedPairsData(
        @Doc("The images: mnist (the shipped digits) or fashion-mnist") Images images,
        @Doc("Directory of the images' IDX files; null = the embedded MNIST copy or Debian's Fashion-MNIST folder") String dir,
        @Doc("Which split: train or heldout") Split split,
        @Doc("Use only the first N images; 0 = all") @Range(min = 0) int limit,
        @Doc("How the input is derived from the target: inpaint, superres, denoise or edges") PairTask task,
        @Doc("inpaint: smallest side of the masked rectangle, as a fraction of the image side") @Range(min = 0, max = 1) double maskMin,
        @Doc("inpaint: largest side of the masked rectangle, as a fraction of the image side") @Range(min = 0, max = 1) double maskMax,
        @Doc("inpaint: value of the masked pixels, in [-1, 1] (0 = mid grey, distinct from background and strokes)") @Range(min = -1, max = 1) double maskValue,
        @Doc("superres: down-sampling factor (block mean, then bilinear back to full size); must divide 28") @Range(min = 2, max = 28) int factor,
        @Doc("denoise: gaussian or salt-and-pepper") PairTask.NoiseType noise,
        @Doc("denoise: standard deviation of Gaussian noise, in units of the [-1, 1] range") @Range(min = 0, max = 10) double noiseStd,
        @Doc("denoise: share of pixels salt-and-pepper noise sets to black or white") @Range(min = 0, max = 1) double noiseFraction,
        @Doc("edges: Sobel magnitude of the [0, 1] image, divided by 4, above which a pixel is an edge") @Range(min = 0, max = 2, minExclusive = true) double edgeThreshold)
        implements PairedSource, Validatable {

    /** Side of the MNIST and Fashion-MNIST images. */
    public static final int SIZE = 28;

    /** Which image set the pairs come from. */
    public enum Images {
        /** The 10,000 shipped MNIST digits. */
        @JsonProperty("mnist") MNIST,
        /** Fashion-MNIST from the official files. */
        @JsonProperty("fashion-mnist") FASHION_MNIST;

        /** The shipped classifier's domain of these images. */
        public ImageDomain domain() {
            return this == FASHION_MNIST ? ImageDomain.FASHION_MNIST : ImageDomain.MNIST;
        }
    }

    /** Inpainting of MNIST training digits with masks of 25–50% of the side; every other task's defaults too. */
    public static DerivedPairsData defaults() {
        return new DerivedPairsData(Images.MNIST, null, Split.TRAIN, 0, PairTask.INPAINT, 0.25, 0.5, 0.0, 4,
                PairTask.NoiseType.GAUSSIAN, 0.5, 0.2, 0.3);
    }

    @Override
    public void validate(String path, List<ConfigProblem> problems) {
        if (maskMin > maskMax) {
            problems.add(new ConfigProblem(path + ".maskMin", "must be at most maskMax (" + maskMax + ")",
                    Double.toString(maskMin), null));
        }
        if (task == PairTask.INPAINT && maskMax == 0) {
            problems.add(new ConfigProblem(path + ".maskMax", "must be above 0 for inpaint", "0.0", null));
        }
        if (SIZE % factor != 0) {
            problems.add(new ConfigProblem(path + ".factor", "must divide the image size " + SIZE,
                    Integer.toString(factor), "2, 4, 7 or 14"));
        }
    }

    @Override
    public DataKind kind() {
        return DataKind.PAIRED;
    }

    /** The images this source derives its pairs from. */
    public DataConfig imageSource() {
        Split s = split == null ? Split.TRAIN : split;
        return images == Images.FASHION_MNIST
                ? new FashionMnistData(dir == null ? FashionMnistData.DEBIAN_DIR : dir, s, limit)
                : new MnistData(s, dir, limit);
    }

    /**
     * Loads the clean images (the targets), named {@code paired-<task>/<images>/<split>}, e.g.
     * {@code paired-inpaint/mnist/train}; labels are kept.
     */
    @Override
    public ArrayDataset load(long seed) {
        ArrayDataset images = imageSource().load(seed);
        return images.renamed("paired-" + taskName() + "/" + images.name());
    }

    private String taskName() {
        return task.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public DataSpec pairSpec(ArrayDataset stored) {
        return new DataSpec(stored.sampleShape(), 0, DataKind.PAIRED, stored.name());
    }

    @Override
    public Batch pairs(ArrayDataset stored, int[] indices, long seed, boolean augment, DataType type) {
        long[] shape = stored.sampleShape();
        int c = (int) shape[0];
        int h = (int) shape[1];
        int w = (int) shape[2];
        int n = stored.sampleSize();
        float[] targets = new float[indices.length * n];
        float[] inputs = new float[indices.length * n];
        SplittableRandom random = new SplittableRandom(seed);
        int[] labels = stored.hasLabels() ? new int[indices.length] : null;
        for (int i = 0; i < indices.length; i++) {
            stored.copyExample(indices[i], targets, i * n);
            task.derive(this, targets, i * n, c, h, w, inputs, i * n, random.split());
            if (labels != null) {
                labels[i] = stored.label(indices[i]);
            }
        }
        long[] batchShape = {indices.length, c, h, w};
        return new Batch(NdArrays.floats(inputs, batchShape).castTo(type), labels,
                NdArrays.floats(targets, batchShape).castTo(type));
    }

    @Override
    public PairedSource heldout() {
        return new DerivedPairsData(images, dir, Split.HELDOUT, 0, task, maskMin, maskMax, maskValue, factor, noise,
                noiseStd, noiseFraction, edgeThreshold);
    }

    @Override
    public ImageDomain imageDomain() {
        return images.domain();
    }
}
