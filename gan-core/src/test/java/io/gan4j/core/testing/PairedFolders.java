package io.gan4j.core.testing;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Generated datasets in pix2pix's aligned A|B folder format for tests: each image holds a random RGB half A and,
 * beside it, B = its colour inversion, so a correct pairing has target = −input exactly and a translation model can
 * learn the mapping in a few steps.
 */
public final class PairedFolders {
    private PairedFolders() {
    }

    /**
     * Writes {@code n} PNGs {@code 000.png, 001.png...} of {@code 2·side × side} pixels into {@code root/split}.
     * A's red channel is noise, green a horizontal and blue a vertical ramp.
     */
    public static void write(Path root, String split, int n, int side, long seed) throws IOException {
        Path folder = Files.createDirectories(root.resolve(split));
        Random random = new Random(seed);
        for (int i = 0; i < n; i++) {
            BufferedImage im = new BufferedImage(2 * side, side, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    int r = random.nextInt(256);
                    int g = (x * 255) / side;
                    int b = (y * 255) / side;
                    im.setRGB(x, y, (r << 16) | (g << 8) | b);
                    im.setRGB(side + x, y, ((255 - r) << 16) | ((255 - g) << 8) | (255 - b));
                }
            }
            if (!ImageIO.write(im, "png", folder.resolve(String.format("%03d.png", i)).toFile())) {
                throw new IOException("no PNG writer");
            }
        }
    }
}
