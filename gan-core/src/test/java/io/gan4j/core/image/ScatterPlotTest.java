package io.gan4j.core.image;

import io.gan4j.core.data.GaussianMixture2D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.IntPredicate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScatterPlotTest {
    @TempDir
    Path dir;

    private static int count(BufferedImage image, IntPredicate rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (rgb.test(image.getRGB(x, y) & 0xFFFFFF)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static boolean blue(int rgb) {
        return (rgb & 0xFF) > 150 && (rgb >> 16 & 0xFF) < 80;
    }

    private static boolean red(int rgb) {
        return (rgb >> 16 & 0xFF) > 150 && (rgb >> 8 & 0xFF) < 80 && (rgb & 0xFF) < 80;
    }

    @Test
    void plotsRealGeneratedAndCentersHeadless() throws IOException {
        assertTrue(GraphicsEnvironment.isHeadless());
        GaussianMixture2D ring = GaussianMixture2D.ring8(2.0, 0.02);
        Path png = dir.resolve("scatter.png");
        BufferedImage rendered = ScatterPlot.write(png, "step 5000", ring.sample(500, 1),
                GaussianMixture2D.ring8(1.0, 0.2).sample(300, 2), ring);
        BufferedImage read = ImageIO.read(png.toFile());
        assertEquals(ScatterPlot.WIDTH, read.getWidth());
        assertEquals(ScatterPlot.HEIGHT, read.getHeight());
        assertEquals(rendered.getRGB(300, 300), read.getRGB(300, 300));
        assertTrue(count(read, ScatterPlotTest::blue) > 200, "generated points are drawn in blue");
        assertTrue(count(read, ScatterPlotTest::red) > 20, "mode centers are marked in red");
    }

    @Test
    void withoutGeneratedPointsThereIsNoBlue() {
        GaussianMixture2D grid = GaussianMixture2D.grid25(2.0, 0.05);
        BufferedImage image = ScatterPlot.render("real only", grid.sample(200, 1), null, grid);
        // The legend has no generated entry either, so nothing is blue.
        assertEquals(0, count(image, ScatterPlotTest::blue));
    }

    @Test
    void nonFinitePointsAreSkippedAndNothingToPlotIsAnError() {
        float[] diverged = {Float.NaN, 1f, 0.5f, 0.5f, Float.POSITIVE_INFINITY, 0f};
        BufferedImage image = ScatterPlot.render("diverged", null, diverged, null);
        assertEquals(ScatterPlot.WIDTH, image.getWidth());
        // Exactly the plot of the one finite point, titled with the count of the two left out.
        BufferedImage finiteOnly = ScatterPlot.render("diverged (2 non-finite points not shown)", null,
                new float[] {0.5f, 0.5f}, null);
        assertArrayEquals(finiteOnly.getRGB(0, 0, ScatterPlot.WIDTH, ScatterPlot.HEIGHT, null, 0, ScatterPlot.WIDTH),
                image.getRGB(0, 0, ScatterPlot.WIDTH, ScatterPlot.HEIGHT, null, 0, ScatterPlot.WIDTH));
        assertTrue(count(image, ScatterPlotTest::blue) > 0, "the finite point is drawn");
        assertThrows(IllegalArgumentException.class,
                () -> ScatterPlot.render("empty", new float[0], new float[] {Float.NaN, 0f}, null));
        assertThrows(IllegalArgumentException.class, () -> ScatterPlot.render("odd", new float[3], null, null));
    }
}
