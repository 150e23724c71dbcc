package io.gan4j.experiments;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * Synthetic RGB scenes to train the image models on where no photo data set can be downloaded: a two-colour
 * gradient background and 2 to 5 filled shapes (ellipse, rounded rectangle, triangle, star), each with a random
 * colour, position, size and rotation, and a darker rim that gives it a visible boundary. Scene {@code i} of seed
 * {@code s} depends only on {@code (s, i)}, so a folder made with more images starts with the same ones.
 *
 * <p>Derived images for the translation layouts:
 * <ul>
 *   <li>{@link #edges}: black lines on white where neighbouring pixels differ in colour, the pix2pix
 *       edges→photo task (edges2shoes was made the same way, with an edge detector);</li>
 *   <li>{@link #recolour}: the scene with every hue turned half way round the colour wheel (saturation and
 *       brightness kept), an unpaired "style" domain for CycleGAN like horse→zebra's texture change.</li>
 * </ul>
 */
final class ShapeScenes {
    /** Colour difference (sum over R, G, B of |Δ|, 0..765) above which a pixel pair is an edge. */
    static final int EDGE_THRESHOLD = 60;

    private ShapeScenes() {
    }

    /** Scene {@code index} of {@code seed} as a {@code size × size} RGB image. */
    static BufferedImage render(long seed, long index, int size) {
        // A distinct, well-mixed stream per (seed, index): SplittableRandom's split of a seeded generator.
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        random = random.split();
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            Color top = colour(random, 0.15f, 0.35f, 0.75f, 1.0f);
            Color bottom = colour(random, 0.15f, 0.35f, 0.45f, 0.8f);
            g.setPaint(new GradientPaint(0, 0, top, 0, size, bottom));
            g.fillRect(0, 0, size, size);
            int shapes = 2 + random.nextInt(4);
            for (int k = 0; k < shapes; k++) {
                Shape shape = shape(random, size);
                Color fill = colour(random, 0.55f, 1.0f, 0.55f, 1.0f);
                g.setColor(fill);
                g.fill(shape);
                g.setColor(fill.darker().darker());
                g.setStroke(new BasicStroke(Math.max(1f, size / 64f)));
                g.draw(shape);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static Color colour(SplittableRandom random, float satMin, float satMax, float briMin, float briMax) {
        float hue = (float) random.nextDouble();
        float sat = satMin + (float) random.nextDouble() * (satMax - satMin);
        float bri = briMin + (float) random.nextDouble() * (briMax - briMin);
        return Color.getHSBColor(hue, sat, bri);
    }

    private static Shape shape(SplittableRandom random, int size) {
        double r = size * (0.08 + 0.17 * random.nextDouble());
        double cx = r * 0.5 + random.nextDouble() * (size - r);
        double cy = r * 0.5 + random.nextDouble() * (size - r);
        double aspect = 0.6 + 0.8 * random.nextDouble();
        Shape base = switch (random.nextInt(4)) {
            case 0 -> new Ellipse2D.Double(-r, -r * aspect, 2 * r, 2 * r * aspect);
            case 1 -> new RoundRectangle2D.Double(-r, -r * aspect, 2 * r, 2 * r * aspect, r * 0.4, r * 0.4);
            case 2 -> polygon(3, r, 1.0);
            default -> polygon(5, r, 0.45);
        };
        AffineTransform t = new AffineTransform();
        t.translate(cx, cy);
        t.rotate(random.nextDouble() * 2 * Math.PI);
        return t.createTransformedShape(base);
    }

    /** A regular polygon with {@code points} corners, or a star when {@code inner < 1} (inner radius share). */
    private static Shape polygon(int points, double r, double inner) {
        Path2D.Double p = new Path2D.Double();
        int corners = inner < 1 ? 2 * points : points;
        for (int i = 0; i < corners; i++) {
            double a = -Math.PI / 2 + i * 2 * Math.PI / corners;
            double radius = inner < 1 && i % 2 == 1 ? r * inner : r;
            if (i == 0) {
                p.moveTo(radius * Math.cos(a), radius * Math.sin(a));
            } else {
                p.lineTo(radius * Math.cos(a), radius * Math.sin(a));
            }
        }
        p.closePath();
        return p;
    }

    /**
     * The edge map of {@code image}: black (0) where a pixel's colour differs from its right or lower neighbour's
     * by more than {@link #EDGE_THRESHOLD} (sum of absolute R, G, B differences), white elsewhere.
     */
    static BufferedImage edges(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int c = image.getRGB(x, y);
                boolean edge = (x + 1 < w && difference(c, image.getRGB(x + 1, y)) > EDGE_THRESHOLD)
                        || (y + 1 < h && difference(c, image.getRGB(x, y + 1)) > EDGE_THRESHOLD);
                out.setRGB(x, y, edge ? 0x000000 : 0xFFFFFF);
            }
        }
        return out;
    }

    static int difference(int a, int b) {
        return Math.abs(((a >> 16) & 0xFF) - ((b >> 16) & 0xFF)) + Math.abs(((a >> 8) & 0xFF) - ((b >> 8) & 0xFF))
                + Math.abs((a & 0xFF) - (b & 0xFF));
    }

    /** {@code image} with every pixel's hue turned by half a turn; saturation and brightness unchanged. */
    static BufferedImage recolour(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        float[] hsb = new float[3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int c = image.getRGB(x, y);
                Color.RGBtoHSB((c >> 16) & 0xFF, (c >> 8) & 0xFF, c & 0xFF, hsb);
                out.setRGB(x, y, Color.HSBtoRGB(hsb[0] + 0.5f, hsb[1], hsb[2]) & 0xFFFFFF);
            }
        }
        return out;
    }

    /** {@code a} and {@code b} side by side (a left), the aligned-pair file of pix2pix's datasets. */
    static BufferedImage sideBySide(BufferedImage a, BufferedImage b) {
        BufferedImage out = new BufferedImage(a.getWidth() + b.getWidth(), a.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(a, 0, 0, null);
            g.drawImage(b, a.getWidth(), 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
