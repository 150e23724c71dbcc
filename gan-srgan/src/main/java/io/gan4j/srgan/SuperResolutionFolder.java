package io.gan4j.srgan;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Makes an aligned A|B folder ({@code aligned-folder} data) of super-resolution pairs from a folder of RGB images, for
 * images other than MNIST and Fashion-MNIST (whose pairs gan-core derives on the fly). B is the image, A the same
 * derivation as gan-core's {@code superres} task: block means over f × f pixels, bilinear up-sampling back to full
 * size ({@link Resampling#bilinearUp}), each value rounded to 8 bits. SRGAN recovers the block means from A
 * ({@link LowResolution}); the 8-bit rounding of A leaves them off by about 0.002 RMS on [-1, 1].
 *
 * <pre>
 * java -cp experiments/target/gan4j.jar io.gan4j.srgan.SuperResolutionFolder data/generated/shapes-images-64 \
 *     data/generated/shapes-superres-64 4 200
 * </pre>
 * writes {@code OUT/train/pair-NNNNN.png} for all images but the last {@code testCount} (sorted by name), which go
 * to {@code OUT/val/}.
 */
public final class SuperResolutionFolder {
    private SuperResolutionFolder() {
    }

    /** {@code IN OUT FACTOR TEST_COUNT}; a bad argument prints one line and exits with 2. */
    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("usage: SuperResolutionFolder IN_DIR OUT_DIR FACTOR TEST_COUNT");
            System.exit(2);
        }
        try {
            int n = write(Path.of(args[0]), Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            System.out.println("wrote " + n + " pairs to " + args[1]);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            System.err.println("SuperResolutionFolder: " + e.getMessage());
            System.exit(2);
        }
    }

    /**
     * Writes the pairs.
     *
     * @return the number of pairs written
     * @throws IllegalArgumentException when an image's sides are not multiples of {@code factor}, or no images
     */
    public static int write(Path in, Path out, int factor, int testCount) {
        List<Path> files;
        try (Stream<Path> s = Files.list(in)) {
            files = s.filter(p -> p.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png")).sorted().toList();
            Files.createDirectories(out.resolve("train"));
            Files.createDirectories(out.resolve("val"));
        } catch (IOException e) {
            throw new UncheckedIOException(in + ": " + e.getMessage(), e);
        }
        if (files.isEmpty() || testCount < 0 || testCount >= files.size()) {
            throw new IllegalArgumentException(in + " holds " + files.size() + " PNG files; need more than the "
                    + testCount + " held out");
        }
        for (int i = 0; i < files.size(); i++) {
            String split = i < files.size() - testCount ? "train" : "val";
            BufferedImage pair = pair(read(files.get(i)), factor);
            Path target = out.resolve(split).resolve(String.format("pair-%05d.png", i));
            try {
                ImageIO.write(pair, "png", target.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(target + ": " + e.getMessage(), e);
            }
        }
        return files.size();
    }

    private static BufferedImage read(Path file) {
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                throw new IllegalArgumentException(file + " is not a readable image");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    /** The 2W × H image: A (the degraded copy) left, B (the image) right. */
    static BufferedImage pair(BufferedImage image, int factor) {
        int h = image.getHeight();
        int w = image.getWidth();
        if (h % factor != 0 || w % factor != 0) {
            throw new IllegalArgumentException("a " + w + "x" + h + " image is not a multiple of the factor " + factor);
        }
        double[][] rows = product(Resampling.bilinearUp(h / factor, factor), Resampling.boxDown(h, factor));
        double[][] cols = product(Resampling.bilinearUp(w / factor, factor), Resampling.boxDown(w, factor));
        BufferedImage out = new BufferedImage(2 * w, h, BufferedImage.TYPE_INT_RGB);
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        double[][] degraded = new double[3][];
        for (int c = 0; c < 3; c++) {
            double[] plane = new double[h * w];
            for (int i = 0; i < h * w; i++) {
                plane[i] = (argb[i] >> (16 - 8 * c)) & 0xFF;
            }
            degraded[c] = new double[h * w];
            Resampling.plane(plane, 0, h, w, rows, cols, degraded[c], 0);
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int r = (int) Math.round(degraded[0][i]);
                int g = (int) Math.round(degraded[1][i]);
                int b = (int) Math.round(degraded[2][i]);
                out.setRGB(x, y, (r << 16) | (g << 8) | b);
                out.setRGB(w + x, y, argb[i] & 0xFFFFFF);
            }
        }
        return out;
    }

    /** {@code a · b}. */
    private static double[][] product(double[][] a, double[][] b) {
        double[][] p = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < b.length; k++) {
                for (int j = 0; j < b[0].length; j++) {
                    p[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return p;
    }
}
