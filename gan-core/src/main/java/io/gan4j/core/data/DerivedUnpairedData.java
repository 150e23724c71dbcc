package io.gan4j.core.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.api.Doc;
import io.gan4j.core.api.Range;
import io.gan4j.core.api.Validatable;

import java.util.List;
import java.util.Locale;
import java.util.function.IntToDoubleFunction;

/**
 * Two unaligned domains made from MNIST or Fashion-MNIST for unpaired translation. With {@code imagesB} unset, both
 * come from the same images: A holds the images at even positions, B the images at odd positions changed by
 * {@link #transform()} — the same distribution under a known appearance change, and never the same underlying
 * picture on both sides, so the true translation of an A image is known ({@link #translate}) and can be measured.
 * With {@code imagesB} set, B is that other data set (e.g. MNIST ↔ Fashion-MNIST), transformed, and there is no
 * ground truth.
 *
 * <p>Images {@code [1, 28, 28]} in [-1, 1]; the held-out split ({@link #heldout()}) splits the held-out images the
 * same way.
 */
@Doc("Two unaligned domains from mnist / fashion-mnist: A = images, B = other images under a known change (or another data set)")
public record DerivedUnpairedData(
        @Doc("Domain A's images: mnist (the shipped digits) or fashion-mnist") DerivedPairsData.Images images,
        @Doc("Directory of A's IDX files; null = the embedded MNIST copy or Debian's Fashion-MNIST folder") String dir,
        @Doc("Domain B's images when they are another data set (mnist or fashion-mnist); null = B from A's data set") DerivedPairsData.Images imagesB,
        @Doc("Directory of B's IDX files when imagesB is set; null = the default location") String dirB,
        @Doc("Which split: train or heldout") Split split,
        @Doc("Use only the first N images of each data set; 0 = all") @Range(min = 0) int limit,
        @Doc("Change applied to B's images: bold (thicker strokes), invert (negative) or none") Transform transform,
        @Doc("bold: radius of the square dilation in pixels (1 = 3x3)") @Range(min = 1, max = 5) int strokeRadius)
        implements UnpairedSource, Validatable {

    /** The appearance change between the domains. */
    public enum Transform {
        /** Grey-level dilation: each pixel becomes the maximum over a (2r+1)² square, thickening bright strokes. */
        @JsonProperty("bold") BOLD,
        /** The negative, x ↦ −x. */
        @JsonProperty("invert") INVERT,
        /** Unchanged (for two different data sets). */
        @JsonProperty("none") NONE
    }

    /** MNIST digits ↔ the same digits drawn bold (3×3 dilation). */
    public static DerivedUnpairedData defaults() {
        return new DerivedUnpairedData(DerivedPairsData.Images.MNIST, null, null, null, Split.TRAIN, 0, Transform.BOLD, 1);
    }

    @Override
    public void validate(String path, List<ConfigProblem> problems) {
        if ((imagesB == null || imagesB == images) && transform == Transform.NONE) {
            problems.add(new ConfigProblem(path + ".transform", "must change B's images when both domains come from "
                    + name(images), "'none'", "bold or invert, or set imagesB to another data set"));
        }
    }

    /** Whether an A image's true translation is known: B is A's own data set under {@link #transform()}. */
    @Override
    public boolean knownMapping() {
        return imagesB == null || imagesB == images;
    }

    private static String name(DerivedPairsData.Images images) {
        return images == DerivedPairsData.Images.FASHION_MNIST ? "fashion-mnist" : "mnist";
    }

    private static DataConfig source(DerivedPairsData.Images images, String dir, Split split, int limit) {
        return images == DerivedPairsData.Images.FASHION_MNIST
                ? new FashionMnistData(dir == null ? FashionMnistData.DEBIAN_DIR : dir, split, limit)
                : new MnistData(split, dir, limit);
    }

    /**
     * Loads both domains, named {@code unpaired-<transform>/<A's set>[-<B's set>]/<split>}, e.g.
     * {@code unpaired-bold/mnist/train}: images {@code [1, 28, 28]} in [-1, 1], labelled by domain, A's first.
     *
     * <p>The stored set is written once, as the files' bytes (a quarter of the floats' size), straight from the
     * decoded files: A's images and B's transformed images go into one preallocated array, with no intermediate copy
     * of either domain. The transforms are applied to the bytes, which gives bit for bit the floats of applying them
     * to the images' values: the byte-to-value map {@code v / 127.5 - 1} is increasing (so the dilation's maximum
     * commutes with it) and maps {@code 255 - v} to exactly the negative of {@code v}'s value (checked in
     * UnpairedDataTest).
     */
    @Override
    public ArrayDataset load(long seed) {
        Split s = split == null ? Split.TRAIN : split;
        ArrayDataset first = source(images, dir, s, limit).load(seed);
        ArrayDataset second = knownMapping() ? null : source(imagesB, dirB, s, limit).load(seed);
        String name = "unpaired-" + transform.name().toLowerCase(Locale.ROOT) + "/" + name(images)
                + (knownMapping() ? "" : "-" + name(imagesB)) + "/" + s.name().toLowerCase(Locale.ROOT);
        if (!first.hasUbyteCodes() || (second != null && !second.hasUbyteCodes())) {
            // Not 8-bit images: the general path through floats.
            ArrayDataset b = second != null ? second : every(first, 1);
            return UnpairedSource.stored(name, second != null ? first : every(first, 0), transformed(b));
        }
        long[] shape = first.sampleShape();
        if (second != null && !java.util.Arrays.equals(shape, second.sampleShape())) {
            throw new DataException(name + ": domain A's images are " + java.util.Arrays.toString(shape)
                    + " but domain B's are " + java.util.Arrays.toString(second.sampleShape()));
        }
        int size = first.sampleSize();
        // A: every image of the first set, or its even positions; B: the second set, or the first's odd positions.
        int na = second != null ? first.size() : (first.size() + 1) / 2;
        int nb = second != null ? second.size() : first.size() / 2;
        byte[] src = first.codes();
        byte[] srcB = second != null ? second.codes() : src;
        int stepA = second != null ? 1 : 2;
        byte[] codes = new byte[(na + nb) * size];
        for (int i = 0; i < na; i++) {
            System.arraycopy(src, stepA * i * size, codes, i * size, size);
        }
        for (int i = 0; i < nb; i++) {
            int from = (second != null ? i : 2 * i + 1) * size;
            translateCodes(srcB, from, (int) shape[0], (int) shape[1], (int) shape[2], codes, (na + i) * size);
        }
        return ArrayDataset.ofBytes(name, codes, IdxFile.UBYTE_VALUES, shape, UnpairedSource.domainLabels(na, nb), 2,
                UnpairedSource.DOMAIN_NAMES);
    }

    /** The examples at positions {@code parity}, {@code parity + 2}, ... */
    private static ArrayDataset every(ArrayDataset d, int parity) {
        int size = d.sampleSize();
        int n = (d.size() - parity + 1) / 2;
        float[] values = new float[n * size];
        for (int i = 0; i < n; i++) {
            d.copyExample(2 * i + parity, values, i * size);
        }
        return new ArrayDataset(d.name(), values, d.sampleShape(), null, 0);
    }

    private ArrayDataset transformed(ArrayDataset d) {
        long[] shape = d.sampleShape();
        int size = d.sampleSize();
        if (d.hasUbyteCodes()) {
            byte[] codes = new byte[d.size() * size];
            for (int i = 0; i < d.size(); i++) {
                translateCodes(d.codes(), i * size, (int) shape[0], (int) shape[1], (int) shape[2], codes, i * size);
            }
            return ArrayDataset.ofBytes(d.name(), codes, IdxFile.UBYTE_VALUES, shape, null, 0, List.of());
        }
        float[] values = new float[d.size() * size];
        float[] image = new float[size];
        for (int i = 0; i < d.size(); i++) {
            d.copyExample(i, image, 0);
            translate(image, 0, (int) shape[0], (int) shape[1], (int) shape[2], values, i * size);
        }
        return new ArrayDataset(d.name(), values, shape, null, 0);
    }

    /**
     * {@link #translate} on 8-bit codes of {@link IdxFile#UBYTE_VALUES}: NONE copies, INVERT maps {@code v} to
     * {@code 255 - v}, BOLD takes the largest code of the square.
     */
    private void translateCodes(byte[] src, int offset, int c, int h, int w, byte[] out, int outOffset) {
        int n = c * h * w;
        switch (transform) {
            case NONE -> System.arraycopy(src, offset, out, outOffset, n);
            case INVERT -> {
                for (int i = 0; i < n; i++) {
                    out[outOffset + i] = (byte) (255 - (src[offset + i] & 0xFF));
                }
            }
            case BOLD -> largestInSquare(c, h, w, i -> src[offset + i] & 0xFF,
                    (pixel, largest) -> out[outOffset + pixel] = src[offset + largest]);
            default -> throw new IllegalStateException(transform.name());
        }
    }

    /**
     * Applies {@link #transform()} to one image {@code [c, h, w]} at {@code offset} in {@code src}, writing
     * {@code out} at {@code outOffset}: the true A → B translation when {@link #knownMapping()}.
     */
    public void translate(float[] src, int offset, int c, int h, int w, float[] out, int outOffset) {
        int n = c * h * w;
        switch (transform) {
            case NONE -> System.arraycopy(src, offset, out, outOffset, n);
            case INVERT -> {
                for (int i = 0; i < n; i++) {
                    out[outOffset + i] = -src[offset + i];
                }
            }
            case BOLD -> largestInSquare(c, h, w, i -> src[offset + i],
                    (pixel, largest) -> out[outOffset + pixel] = src[offset + largest]);
            default -> throw new IllegalStateException(transform.name());
        }
    }

    /**
     * BOLD's grey-scale dilation, for 8-bit codes and floats alike: for each pixel of {@code c} planes
     * {@code h x w} (index {@code (ch * h + y) * w + x}), the index of the largest {@code value} in the square of
     * side {@code 2 * strokeRadius + 1} around it, clipped to the plane, is given to {@code take} with the pixel's
     * index. "Largest" is {@link Double#compare}'s order, {@link Math#max}'s: NaN wins, and 0 beats -0.
     */
    private void largestInSquare(int c, int h, int w, IntToDoubleFunction value, LargestSink take) {
        int r = strokeRadius;
        for (int ch = 0; ch < c; ch++) {
            int plane = ch * h * w;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int largest = plane + y * w + x;
                    double best = value.applyAsDouble(largest);
                    for (int yy = Math.max(0, y - r); yy <= Math.min(h - 1, y + r); yy++) {
                        for (int xx = Math.max(0, x - r); xx <= Math.min(w - 1, x + r); xx++) {
                            int i = plane + yy * w + xx;
                            double v = value.applyAsDouble(i);
                            if (Double.compare(v, best) > 0) {
                                largest = i;
                                best = v;
                            }
                        }
                    }
                    take.accept(plane + y * w + x, largest);
                }
            }
        }
    }

    /** Receives a pixel's index and the index of the largest value around it. */
    @FunctionalInterface
    private interface LargestSink {
        void accept(int pixel, int largest);
    }

    /** {@code a}'s images under {@link #transform()} when {@link #knownMapping()}, else null. */
    @Override
    public ArrayDataset trueTranslations(ArrayDataset a) {
        return knownMapping() ? transformed(a) : null;
    }

    @Override
    public UnpairedSource heldout() {
        return new DerivedUnpairedData(images, dir, imagesB, dirB, Split.HELDOUT, 0, transform, strokeRadius);
    }

    @Override
    public ImageDomain imageDomain() {
        return images.domain();
    }

    /** B's own data set's domain, or A's when B is A's images transformed. */
    @Override
    public ImageDomain imageDomainB() {
        return (imagesB != null ? imagesB : images).domain();
    }
}
