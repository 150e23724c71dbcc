package io.gan4j.experiments.compare;

import io.gan4j.core.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The comparison's line charts, drawn with XChart: one line per run, coloured by setting, so repetitions with other
 * seeds sit next to each other.
 */
final class Plots {
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};
    private static final BasicStroke[] STROKES = {SeriesLines.SOLID, SeriesLines.DASH_DASH, SeriesLines.DOT_DOT,
            SeriesLines.DASH_DOT};

    private Plots() {
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
                XYSeries series = chart.addSeries(g.label() + " (seed " + r.seed() + ")", fx, fy);
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
}
