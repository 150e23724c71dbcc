package io.gan4j.experiments.compare;

import io.gan4j.core.image.ImageGrid;
import io.gan4j.core.io.AtomicFiles;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The comparison's charts, drawn with XChart: line charts with one line per run, coloured by setting, so repetitions
 * with other seeds sit next to each other; and one panel per run of an evaluation metric against a training curve.
 */
final class Plots {
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};
    private static final BasicStroke[] STROKES = {SeriesLines.SOLID, SeriesLines.DASH_DASH, SeriesLines.DOT_DOT,
            SeriesLines.DASH_DOT};
    /** Size of one run's panel in {@link #against}, and panels per row. */
    private static final int PANEL_WIDTH = 520;
    private static final int PANEL_HEIGHT = 420;
    private static final int PANELS_PER_ROW = 3;

    private Plots() {
    }

    /**
     * {@code name}, or with " #2", " #3"... when the chart has a series of that name: two runs of one setting and
     * seed (a run and its copy, or a repeated sweep) are both drawn, and XChart refuses a repeated name.
     */
    static String uniqueName(XYChart chart, String name) {
        String unique = name;
        for (int i = 2; chart.getSeriesMap().containsKey(unique); i++) {
            unique = name + " #" + i;
        }
        return unique;
    }

    /**
     * Plots column {@code y} against {@code step} of each run's table (metrics.csv or eval.csv) and writes a PNG.
     *
     * @param table which of a run's tables to read
     * @return whether anything was drawn (no run has the column: no file)
     */
    static boolean lines(Comparison cmp, Path png, String title, String yLabel, String y,
                         java.util.function.Function<RunRecord, Map<String, List<Double>>> table) throws IOException {
        XYChart chart = new XYChartBuilder().width(1100).height(480).title(title).xAxisTitle("step").yAxisTitle(yLabel).build();
        Styler s = chart.getStyler();
        // Legend entries name the setting and seed and are long: beside the plot they are never cut off.
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setXAxisDecimalPattern("#");
        chart.getStyler().setXAxisTickMarkSpacingHint(120);
        chart.getStyler().setMarkerSize(4);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        int drawn = 0;
        for (int gi = 0; gi < cmp.groups().size(); gi++) {
            Comparison.Group g = cmp.groups().get(gi);
            for (int ri = 0; ri < g.runs().size(); ri++) {
                RunRecord r = g.runs().get(ri);
                Map<String, List<Double>> t = table.apply(r);
                List<Double> xs = t.get("step");
                List<Double> ys = t.get(y);
                if (xs == null || ys == null || xs.isEmpty()) {
                    continue;
                }
                List<Double> fx = new ArrayList<>();
                List<Double> fy = new ArrayList<>();
                for (int i = 0; i < xs.size(); i++) {
                    if (!ys.get(i).isNaN() && !ys.get(i).isInfinite()) {
                        fx.add(xs.get(i));
                        fy.add(ys.get(i));
                    }
                }
                if (fx.isEmpty()) {
                    continue;
                }
                XYSeries series = chart.addSeries(uniqueName(chart, g.label() + " (seed " + r.seed() + ")"), fx, fy);
                series.setLineColor(PALETTE[gi % PALETTE.length]);
                series.setMarkerColor(PALETTE[gi % PALETTE.length]);
                series.setLineStyle(STROKES[ri % STROKES.length]);
                series.setMarker(fx.size() > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
                drawn++;
            }
        }
        if (drawn == 0) {
            return false;
        }
        byte[] bytes = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.write(png, out -> out.write(bytes));
        return true;
    }

    /**
     * One run's periodic evaluations paired with the training curve: at each step that has both, the training
     * value {@code x} (metrics.csv: the mean over the logging interval that ends there) and the evaluation value
     * {@code y} (eval.csv), in step order.
     *
     * @param spearman the rank correlation of x and y, NaN with fewer than 3 pairs
     */
    record Trajectory(List<Long> steps, List<Double> x, List<Double> y, double spearman) {

        static Trajectory of(RunRecord run, String xColumn, String yColumn) {
            Map<Long, Double> xs = byStep(run.metrics(), xColumn);
            Map<String, List<Double>> evals = run.evals();
            List<Long> steps = new ArrayList<>();
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            List<Double> evalSteps = evals.get("step");
            List<Double> ys = evals.get(yColumn);
            if (evalSteps != null && ys != null) {
                for (int i = 0; i < evalSteps.size(); i++) {
                    long step = Math.round(evalSteps.get(i));
                    Double xv = xs.get(step);
                    double yv = ys.get(i);
                    if (xv != null && Double.isFinite(xv) && Double.isFinite(yv)) {
                        steps.add(step);
                        x.add(xv);
                        y.add(yv);
                    }
                }
            }
            double rho = x.size() < 3 ? Double.NaN : new SpearmansCorrelation().correlation(
                    x.stream().mapToDouble(Double::doubleValue).toArray(),
                    y.stream().mapToDouble(Double::doubleValue).toArray());
            return new Trajectory(steps, x, y, rho);
        }

        private static Map<Long, Double> byStep(Map<String, List<Double>> table, String column) {
            Map<Long, Double> m = new HashMap<>();
            List<Double> steps = table.get("step");
            List<Double> values = table.get(column);
            if (steps != null && values != null) {
                for (int i = 0; i < steps.size(); i++) {
                    m.put(Math.round(steps.get(i)), values.get(i));
                }
            }
            return m;
        }
    }

    /**
     * Plots an evaluation metric against a training-curve column, one panel per run (their estimates can differ by
     * orders of magnitude, so each gets its own axes), each a trajectory whose points are labelled by step in
     * thousands: e.g. FID against WGAN's Wasserstein estimate, which should fall together if the critic's loss
     * measures sample quality. Panels sit three to a row in one PNG.
     *
     * @return for each run drawn, its name, seed and rank correlation; empty when no run has both (no file)
     */
    static List<String> against(Comparison cmp, Path png, String xLabel, String xColumn, String yLabel,
                                String yColumn) throws IOException {
        List<BufferedImage> panels = new ArrayList<>();
        List<String> drawn = new ArrayList<>();
        for (int gi = 0; gi < cmp.groups().size(); gi++) {
            for (RunRecord r : cmp.groups().get(gi).runs()) {
                Trajectory t = Trajectory.of(r, xColumn, yColumn);
                if (t.steps().isEmpty()) {
                    continue;
                }
                String name = r.manifest().name() + ", seed " + r.seed()
                        + (Double.isNaN(t.spearman()) ? "" : String.format(java.util.Locale.ROOT, ": Spearman %.2f", t.spearman()));
                XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title(name)
                        .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
                Styler s = chart.getStyler();
                s.setLegendVisible(false);
                s.setMarkerSize(7);
                s.setChartBackgroundColor(Color.WHITE);
                XYSeries series = chart.addSeries(name, t.x(), t.y());
                series.setLineColor(PALETTE[gi % PALETTE.length]);
                series.setMarkerColor(PALETTE[gi % PALETTE.length]);
                series.setMarker(SeriesMarkers.CIRCLE);
                for (int i = 0; i < t.steps().size(); i++) {
                    chart.addAnnotation(new AnnotationText(stepLabel(t.steps().get(i)), t.x().get(i), t.y().get(i), false));
                }
                panels.add(BitmapEncoder.getBufferedImage(chart));
                drawn.add(name);
            }
        }
        if (!panels.isEmpty()) {
            int cols = Math.min(PANELS_PER_ROW, panels.size());
            int rows = (panels.size() + cols - 1) / cols;
            BufferedImage sheet = new BufferedImage(cols * PANEL_WIDTH, rows * PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = sheet.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
            for (int i = 0; i < panels.size(); i++) {
                g.drawImage(panels.get(i), (i % cols) * PANEL_WIDTH, (i / cols) * PANEL_HEIGHT, null);
            }
            g.dispose();
            AtomicFiles.write(png, out -> ImageGrid.encodePng(sheet, out));
        }
        return drawn;
    }

    /** "3k" for step 3,000, "1.5k" for 1,500; steps below 1,000 or not whole hundreds as they are. */
    static String stepLabel(long step) {
        if (step < 1000 || step % 100 != 0) {
            return Long.toString(step);
        }
        return step % 1000 == 0 ? step / 1000 + "k" : step / 1000 + "." + (step % 1000) / 100 + "k";
    }
}
