package io.gan4j.experiments.compare;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code index.html} of a comparison: a static page (no scripts, images by relative path) that opens from disk
 * in any browser.
 */
final class HtmlReport {
    private HtmlReport() {
    }

    /**
     * @param title  page title
     * @param cmp    the comparison
     * @param plots  file names of the plot images in the output directory, with captions
     * @param grids  for each run (in group order), the file name of its sample grid, or null
     * @param failed the sweep's runs that failed, with their reasons (listed after the samples)
     */
    static String render(String title, Comparison cmp, List<String[]> plots, List<String> grids,
                         List<SweepEngine.RunOutcome> failed) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(esc(title)).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:2em;color:#222}\n")
                .append("table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:4px 10px;text-align:right}\n")
                .append("th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}\n")
                .append(".grids{display:flex;flex-wrap:wrap;gap:1.5em}.grids figure{margin:0}\n")
                .append("img{max-width:100%}figcaption{font-size:0.9em;color:#555;max-width:300px}\n")
                .append("</style>\n</head>\n<body>\n");
        h.append("<h1>").append(esc(title)).append("</h1>\n");
        introduction(h, cmp);
        settings(h, cmp);
        runs(h, cmp);
        if (!plots.isEmpty()) {
            h.append("<h2>Curves</h2>\n");
            for (String[] p : plots) {
                figure(h, p[0], p[1], "", esc(p[1]));
            }
        }
        samples(h, cmp, grids);
        if (!failed.isEmpty()) {
            h.append("<h2>Failed runs</h2>\n<table>\n<tr><th>Run</th><th>Reason</th></tr>\n");
            for (SweepEngine.RunOutcome f : failed) {
                h.append("<tr><td>").append(esc(f.runName())).append("</td><td style=\"text-align:left\">")
                        .append(esc(f.failure())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /** What was measured against what, and in which feature space. */
    private static void introduction(StringBuilder h, Comparison cmp) {
        RunRecord first = cmp.groups().get(0).runs().get(0);
        h.append("<p>Generated ").append(esc(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"))))
                .append(" by gan4j. Reference data: <b>").append(esc(first.report().reference())).append("</b> (")
                .append(first.report().referenceCount())
                .append(Comparison.isTranslation(first) ? " pairs); " : " examples); ")
                .append(first.report().generatedCount())
                .append(Comparison.isTranslation(first) ? " held-out inputs translated per run" : " generated samples per run");
        if (first.report().features() != null) {
            h.append("; distances in <b>").append(esc(first.report().features().displayName()))
                    .append("</b> (not comparable with Inception-based numbers in the literature)");
        }
        h.append(". Values are mean ± standard deviation over the runs of a setting.</p>\n");
    }

    /** Opens a section's table: its heading, the given leading columns, then one column per metric. */
    private static void tableStart(StringBuilder h, Comparison cmp, String heading, String... columns) {
        h.append("<h2>").append(heading).append("</h2>\n<table>\n<tr>");
        for (String c : columns) {
            h.append("<th>").append(c).append("</th>");
        }
        for (String m : cmp.metrics()) {
            h.append("<th>").append(esc(Comparison.header(m))).append("</th>");
        }
        h.append("</tr>\n");
    }

    /** One row a setting: mean ± standard deviation of each metric over its runs. */
    private static void settings(StringBuilder h, Comparison cmp) {
        tableStart(h, cmp, "Settings", "setting", "runs");
        for (Comparison.Group g : cmp.groups()) {
            h.append("<tr><td>").append(esc(g.label())).append("</td><td>").append(g.runs().size()).append("</td>");
            for (String m : cmp.metrics()) {
                h.append("<td>").append(esc(cmp.statCell(g, m))).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    /** One row a run: its seed, step, training time and each metric. */
    private static void runs(StringBuilder h, Comparison cmp) {
        tableStart(h, cmp, "Runs", "run", "setting", "seed", "step", "train time");
        for (Comparison.Group g : cmp.groups()) {
            for (RunRecord r : g.runs()) {
                h.append("<tr><td>").append(esc(r.label())).append("</td><td>").append(esc(g.label())).append("</td><td>")
                        .append(r.seed()).append("</td><td>").append(r.report().source().step()).append("</td><td>")
                        .append(esc(Comparison.duration(r.trainingSeconds()))).append("</td>");
                for (String m : cmp.metrics()) {
                    Double v = r.report().summary().get(m);
                    h.append("<td>").append(v == null ? "" : esc(Comparison.cell(m, v))).append("</td>");
                }
                h.append("</tr>\n");
            }
        }
        h.append("</table>\n");
    }

    /** Each run's sample grid (runs without one are left out), captioned with its setting, seed and step. */
    private static void samples(StringBuilder h, Comparison cmp, List<String> grids) {
        h.append("<h2>Samples</h2>\n<div class=\"grids\">\n");
        int i = 0;
        for (Comparison.Group g : cmp.groups()) {
            for (RunRecord r : g.runs()) {
                String grid = grids.get(i++);
                if (grid != null) {
                    figure(h, grid, "samples of " + r.label(), " width=\"300\"",
                            esc(g.label()) + ", seed " + r.seed() + ", step " + r.report().source().step());
                }
            }
        }
        h.append("</div>\n");
    }

    /** An image with its caption; {@code caption} is HTML (already escaped), {@code attributes} raw attributes. */
    private static void figure(StringBuilder h, String src, String alt, String attributes, String caption) {
        h.append("<figure><img src=\"").append(esc(src)).append("\" alt=\"").append(esc(alt)).append('"')
                .append(attributes).append("><figcaption>").append(caption).append("</figcaption></figure>\n");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
