package io.gan4j.core.image;

import io.gan4j.core.data.GaussianMixture2D;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Plots 2-D point samples with XChart: real points small and light grey, generated points blue on top, mode centers
 * as red crosses. Both axes get the same range, covering every finite point, so circles look round and a collapsed
 * or diverging generator is visible at a glance. Non-finite generated points cannot be drawn; their number is added
 * to the title. Works headless.
 */
public final class ScatterPlot {
    /** Width of the image in pixels. */
    public static final int WIDTH = 600;
    /** Height of the image in pixels: taller than wide by the title and legend, so the plot area is near square. */
    public static final int HEIGHT = 660;

    private static final Color REAL = new Color(0xBB, 0xBB, 0xBB);
    private static final Color GENERATED = new Color(0x1F, 0x5F, 0xD0);
    private static final Color CENTERS = new Color(0xD0, 0x20, 0x20);

    private ScatterPlot() {
    }

    /**
     * Renders the plot.
     *
     * @param title     e.g. {@code step 5000}
     * @param real      real points {@code [x0, y0, x1, y1, ...]} ({@code [n, 2]} row-major), or null
     * @param generated generated points, same layout, or null
     * @param mixture   the real distribution, whose centers are marked, or null
     * @return a {@value #WIDTH}x{@value #HEIGHT} image
     * @throws IllegalArgumentException when there is nothing to plot or an array has an odd length
     */
    public static BufferedImage render(String title, float[] real, float[] generated, GaussianMixture2D mixture) {
        double[][] r = finitePairs(real);
        double[][] g = finitePairs(generated);
        double[][] c = mixture == null ? new double[2][0] : split(mixture.centers());
        int dropped = (generated == null ? 0 : generated.length / 2) - g[0].length
                + (real == null ? 0 : real.length / 2) - r[0].length;
        if (r[0].length + g[0].length + c[0].length == 0) {
            throw new IllegalArgumentException("nothing to plot: no finite points and no mixture");
        }

        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(dropped == 0 ? title : title + " (" + dropped + " non-finite points not shown)")
                .build();
        XYStyler style = chart.getStyler();
        style.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        style.setMarkerSize(4);
        style.setLegendPosition(Styler.LegendPosition.OutsideS);
        style.setLegendLayout(Styler.LegendLayout.Horizontal);
        style.setChartBackgroundColor(Color.WHITE);
        style.setPlotBackgroundColor(Color.WHITE);
        style.setPlotGridLinesColor(new Color(0xEE, 0xEE, 0xEE));
        double[] range = range(r, g, c);
        style.setXAxisMin(range[0]);
        style.setXAxisMax(range[1]);
        style.setYAxisMin(range[0]);
        style.setYAxisMax(range[1]);

        addSeries(chart, "real", r, REAL, SeriesMarkers.CIRCLE);
        addSeries(chart, "generated", g, GENERATED, SeriesMarkers.CIRCLE);
        addSeries(chart, "mode centers", c, CENTERS, SeriesMarkers.CROSS);
        return BitmapEncoder.getBufferedImage(chart);
    }

    /**
     * Renders the plot and writes it as PNG, replacing {@code png} atomically.
     *
     * @return the rendered image
     * @throws UncheckedIOException naming the file when it cannot be written
     */
    public static BufferedImage write(Path png, String title, float[] real, float[] generated,
                                      GaussianMixture2D mixture) {
        BufferedImage image = render(title, real, generated, mixture);
        ImageGrid.writePng(image, png);
        return image;
    }

    private static void addSeries(XYChart chart, String name, double[][] xy, Color color, Marker marker) {
        // XChart refuses empty series, and an absent one needs no legend entry.
        if (xy[0].length > 0) {
            XYSeries s = chart.addSeries(name, xy[0], xy[1]);
            s.setMarker(marker);
            s.setMarkerColor(color);
        }
    }

    /** The x and y values of the finite pairs. */
    private static double[][] finitePairs(float[] xy) {
        if (xy == null) {
            return new double[2][0];
        }
        if (xy.length % 2 != 0) {
            throw new IllegalArgumentException("points must be x, y pairs, got " + xy.length + " values");
        }
        int n = 0;
        for (int i = 0; i < xy.length; i += 2) {
            if (Float.isFinite(xy[i]) && Float.isFinite(xy[i + 1])) {
                n++;
            }
        }
        double[][] out = new double[2][n];
        int k = 0;
        for (int i = 0; i < xy.length; i += 2) {
            if (Float.isFinite(xy[i]) && Float.isFinite(xy[i + 1])) {
                out[0][k] = xy[i];
                out[1][k++] = xy[i + 1];
            }
        }
        return out;
    }

    private static double[][] split(double[] xy) {
        double[][] out = new double[2][xy.length / 2];
        for (int i = 0; i < out[0].length; i++) {
            out[0][i] = xy[2 * i];
            out[1][i] = xy[2 * i + 1];
        }
        return out;
    }

    /** One [lo, hi] for both axes around all values, with a 5% margin. */
    private static double[] range(double[][]... sets) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[][] set : sets) {
            for (double[] coords : set) {
                for (double v : coords) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        double margin = hi > lo ? 0.05 * (hi - lo) : 1.0;
        return new double[] {lo - margin, hi + margin};
    }
}
