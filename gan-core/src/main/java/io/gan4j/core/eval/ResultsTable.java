package io.gan4j.core.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The results table of compared runs, as {@code gan4j compare} writes it (results.md, results.csv) and the
 * dashboard shows it: one code for both, so the two print the same numbers. Runs whose settings (resolved config
 * without seed, name and output place) are equal are repetitions of one setting, summarised as mean ± sample
 * standard deviation over the seeds; each group is labelled by the config values that differ between the groups
 * (e.g. {@code model.loss=least-squares}).
 */
public final class ResultsTable {
    /** Metrics shown in tables, in this order, when any run has them; then the models' own metrics. */
    public static final List<String> METRICS = List.of("fid", "kid", "is", "precision", "recall", "density",
            "coverage", "classes_covered", "class_kl_uniform", "modes_covered", "high_quality", "psnr", "ssim", "l1",
            "class_accuracy", "fid_back", "cycle_l1", "cycle_l1_a", "cycle_l1_b", "identity_psnr", "identity_ssim",
            "identity_l1", "identity_fid", "identity_class_accuracy", "identity_fid_back");

    /** Metrics that count things (classes, modes): a run's value is a whole number and is printed as one. */
    public static final Set<String> COUNTS = Set.of("classes_covered", "modes_covered");

    /** Settings named in a group's label; the rest are counted, so labels of different variants stay readable. */
    public static final int LABEL_SETTINGS = 3;

    /**
     * One compared run.
     *
     * @param label           its name in the table ({@code name/timestamp})
     * @param settings        its resolved config without seed, name and {@code train.outputDir}
     * @param seed            its master seed
     * @param report          its final evaluation ({@code eval.json})
     * @param trainingSeconds its training time (the last {@code elapsed_s} of metrics.csv), NaN when unknown
     */
    public record Row(String label, ObjectNode settings, long seed, EvalReport report, double trainingSeconds) {
    }

    /**
     * Runs of one setting.
     *
     * @param label what distinguishes the group from the others
     * @param rows  its runs, in the order given
     */
    public record Group(String label, List<Row> rows) {
    }

    /** Mean and sample standard deviation (NaN with a single value) of the values that are not NaN. */
    public record Stat(double mean, double std, int n) {
        /** The statistics of {@code values}, NaN ones left out. */
        public static Stat of(List<Double> values) {
            List<Double> v = values.stream().filter(d -> !d.isNaN()).toList();
            if (v.isEmpty()) {
                return new Stat(Double.NaN, Double.NaN, 0);
            }
            double mean = v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double ss = v.stream().mapToDouble(d -> (d - mean) * (d - mean)).sum();
            return new Stat(mean, v.size() > 1 ? Math.sqrt(ss / (v.size() - 1)) : Double.NaN, v.size());
        }

        /** A count's mean: whole when every run counted the same, else to one decimal, as is the spread. */
        public String formatCount() {
            if (n == 0) {
                return "";
            }
            String m = mean == Math.rint(mean) ? Long.toString(Math.round(mean))
                    : String.format(Locale.ROOT, "%.1f", mean);
            return Double.isNaN(std) ? m : m + " ± " + String.format(Locale.ROOT, "%.1f", std);
        }

        /** Mean ± spread, the spread with as many decimals as the mean; empty with no values. */
        public String format() {
            if (n == 0) {
                return "";
            }
            String m = number(mean);
            if (Double.isNaN(std)) {
                return m;
            }
            int dot = m.indexOf('.');
            if (dot < 0 || m.contains("e")) {
                return m + " ± " + number(std);
            }
            // The spread with as many decimals as the mean, so the two read as one measurement.
            return m + " ± " + String.format(Locale.ROOT, "%." + (m.length() - dot - 1) + "f", std);
        }
    }

    private final List<Group> groups;
    private final List<String> metrics;

    /** Groups {@code rows} (at least one) by setting, in the order their settings first appear. */
    public ResultsTable(List<Row> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("a results table needs at least one run");
        }
        this.groups = group(rows);
        Set<String> present = new LinkedHashSet<>();
        // The models' own metrics (GanModel.ownMetrics) follow the standard ones, in the order the reports list them.
        Set<String> own = new LinkedHashSet<>();
        for (Row r : rows) {
            present.addAll(r.report().summary().keySet());
            own.addAll(r.report().modelMetrics());
        }
        List<String> shown = new ArrayList<>(METRICS.stream().filter(present::contains).toList());
        own.stream().filter(m -> !shown.contains(m)).forEach(shown::add);
        this.metrics = List.copyOf(shown);
    }

    private static List<Group> group(List<Row> rows) {
        Map<String, List<Row>> bySetting = new LinkedHashMap<>();
        Map<String, ObjectNode> settings = new LinkedHashMap<>();
        for (Row r : rows) {
            String key = r.settings().toString();
            bySetting.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
            settings.putIfAbsent(key, r.settings());
        }
        Set<String> differing = differingPaths(new ArrayList<>(settings.values()));
        List<List<String>> partsOfGroups = new ArrayList<>();
        for (ObjectNode s : settings.values()) {
            List<String> parts = new ArrayList<>();
            for (String path : differing) {
                JsonNode v = at(s, path);
                // A field of another variant's schema: model.type already tells the groups apart.
                if (v != null) {
                    parts.add(path + "=" + (v.isTextual() ? v.textValue() : v.toString()));
                }
            }
            partsOfGroups.add(parts);
        }
        List<String> labels = partsOfGroups.stream().map(ResultsTable::shortLabel).toList();
        List<Group> gs = new ArrayList<>();
        int gi = 0;
        for (List<Row> members : bySetting.values()) {
            String label = labels.get(gi);
            if (Collections.frequency(labels, label) > 1) {
                label = String.join(", ", partsOfGroups.get(gi));
            }
            gs.add(new Group(label.isEmpty() ? nameOf(members.get(0).label()) : label, List.copyOf(members)));
            gi++;
        }
        return List.copyOf(gs);
    }

    /** The experiment name of a {@code name/timestamp} label. */
    private static String nameOf(String label) {
        int slash = label.lastIndexOf('/');
        return slash < 0 ? label : label.substring(0, slash);
    }

    /** The first {@link #LABEL_SETTINGS} differing settings, and how many more there are. */
    public static String shortLabel(List<String> parts) {
        if (parts.size() <= LABEL_SETTINGS) {
            return String.join(", ", parts);
        }
        return String.join(", ", parts.subList(0, LABEL_SETTINGS)) + " (+" + (parts.size() - LABEL_SETTINGS)
                + " more settings)";
    }

    /** The groups, in the order their settings first appear among the rows. */
    public List<Group> groups() {
        return groups;
    }

    /** The metric keys that appear in the reports, in table order. */
    public List<String> metrics() {
        return metrics;
    }

    /** A group's mean ± spread of {@code metric} as printed in the tables. */
    public String statCell(Group g, String metric) {
        Stat s = stat(g, metric);
        return COUNTS.contains(metric) ? s.formatCount() : s.format();
    }

    /** A group's statistics of {@code metric} over its runs (a run without it counts as NaN, left out). */
    public Stat stat(Group g, String metric) {
        List<Double> values = new ArrayList<>();
        for (Row r : g.rows()) {
            Double v = r.report().summary().get(metric);
            values.add(v == null ? Double.NaN : v);
        }
        return Stat.of(values);
    }

    /** Whether a report scores a translation model (outputs against paired targets) rather than samples. */
    public static boolean isTranslation(EvalReport report) {
        return report.summary().containsKey("identity_l1");
    }

    /** The line above the tables: the reference data, the features and how many samples each run was scored on. */
    public String caption() {
        EvalReport first = groups.get(0).rows().get(0).report();
        boolean translation = isTranslation(first);
        StringBuilder sb = new StringBuilder("Reference: ").append(first.reference()).append(" (")
                .append(first.referenceCount()).append(translation ? " pairs)" : " examples)");
        if (first.features() != null) {
            sb.append("; features: ").append(first.features().displayName());
        }
        return sb.append("; ").append(first.generatedCount())
                .append(translation ? " held-out inputs translated per run." : " generated samples per run.")
                .toString();
    }

    /** The group table's column titles. */
    public List<String> groupHeader() {
        return header("setting", "runs", "seeds", "step");
    }

    /** The run table's column titles. */
    public List<String> runHeader() {
        return header("run", "setting", "seed", "step", "train time");
    }

    private List<String> header(String... columns) {
        List<String> h = new ArrayList<>(List.of(columns));
        metrics.forEach(m -> h.add(header(m)));
        return h;
    }

    /** One row per group, its cells as printed: label, runs, seeds, steps, then mean ± std of each metric. */
    public List<List<String>> groupRows() {
        List<List<String>> rows = new ArrayList<>();
        for (Group g : groups) {
            List<String> row = new ArrayList<>(List.of(g.label(), Integer.toString(g.rows().size()), seeds(g),
                    steps(g)));
            metrics.forEach(m -> row.add(statCell(g, m)));
            rows.add(row);
        }
        return rows;
    }

    /** One row per run, group by group, its cells as printed: run, setting, seed, step, train time, metrics. */
    public List<List<String>> runRows() {
        List<List<String>> rows = new ArrayList<>();
        for (Group g : groups) {
            for (Row r : g.rows()) {
                List<String> row = new ArrayList<>(List.of(r.label(), g.label(), Long.toString(r.seed()),
                        String.valueOf(r.report().source().step()), duration(r.trainingSeconds())));
                for (String m : metrics) {
                    Double v = r.report().summary().get(m);
                    row.add(v == null ? "" : cell(m, v));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** Markdown: the caption, one row per group (mean ± std over its seeds), then one row per run. */
    public String markdown() {
        StringBuilder sb = new StringBuilder(caption()).append("\n\n");
        table(sb, groupHeader(), groupRows());
        sb.append('\n');
        table(sb, runHeader(), runRows());
        return sb.toString();
    }

    private static void table(StringBuilder sb, List<String> header, List<List<String>> rows) {
        row(sb, header);
        sb.append('|').append("---|".repeat(header.size())).append('\n');
        rows.forEach(r -> row(sb, r));
    }

    private static void row(StringBuilder sb, List<String> cells) {
        sb.append('|');
        cells.forEach(c -> sb.append(' ').append(c).append(" |"));
        sb.append('\n');
    }

    /** CSV: one row per run with its group, seed, step, training time and every metric. */
    public String csv() {
        StringBuilder sb = new StringBuilder("run,setting,seed,step,train_seconds");
        metrics.forEach(m -> sb.append(',').append(m));
        sb.append('\n');
        for (Group g : groups) {
            for (Row r : g.rows()) {
                sb.append(csvCell(r.label())).append(',').append(csvCell(g.label())).append(',').append(r.seed())
                        .append(',').append(r.report().source().step()).append(',')
                        .append(String.format(Locale.ROOT, "%.1f", r.trainingSeconds()));
                for (String m : metrics) {
                    Double v = r.report().summary().get(m);
                    sb.append(',').append(v == null ? "" : COUNTS.contains(m) ? integer(v)
                            : String.format(Locale.ROOT, "%.6g", v));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * Why two runs' evaluations cannot share a table (metrics version, feature network, reference data, training
     * data), or null when they can.
     */
    public static String incompatibility(EvalReport first, EvalReport other) {
        String why = first.incompatibility(other);
        if (why == null && !Objects.equals(first.source().data(), other.source().data())) {
            why = "training data " + first.source().data() + " vs " + other.source().data();
        }
        return why;
    }

    /** Column titles that say which features a distance used. */
    public static String header(String metric) {
        return switch (metric) {
            case "fid" -> "FID";
            case "kid" -> "KID";
            case "is" -> "IS";
            case "classes_covered" -> "classes covered";
            case "class_kl_uniform" -> "KL(classes ‖ uniform)";
            case "modes_covered" -> "modes covered";
            case "high_quality" -> "high quality";
            case "psnr" -> "PSNR (dB)";
            case "ssim" -> "SSIM";
            case "l1" -> "L1";
            case "identity_psnr" -> "identity PSNR (dB)";
            case "identity_ssim" -> "identity SSIM";
            case "identity_l1" -> "identity L1";
            case "class_accuracy" -> "class accuracy";
            case "identity_fid" -> "identity FID";
            case "identity_class_accuracy" -> "identity class accuracy";
            case "fid_back" -> "FID B→A";
            case "cycle_l1" -> "cycle L1";
            case "cycle_l1_a" -> "cycle L1 A→B→A";
            case "cycle_l1_b" -> "cycle L1 B→A→B";
            case "identity_fid_back" -> "identity FID B→A";
            default -> metric; // precision, recall, density, coverage and the models' own metrics
        };
    }

    /** A run's value of {@code metric} as printed in the tables: counts as integers, the rest by {@link #number}. */
    public static String cell(String metric, double v) {
        return COUNTS.contains(metric) ? integer(v) : number(v);
    }

    private static String integer(double v) {
        return Double.isNaN(v) ? "" : Long.toString(Math.round(v));
    }

    /** Three significant decimals (one from 100 on), scientific below 0.01 and from 100,000; empty for NaN. */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 0.01 || a >= 1e5)) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        return String.format(Locale.ROOT, a >= 100 ? "%.1f" : "%.3f", v);
    }

    /** Seconds as {@code 42s} or {@code 3m 05s}; empty for NaN. */
    public static String duration(double seconds) {
        if (Double.isNaN(seconds)) {
            return "";
        }
        long s = Math.round(seconds);
        return s >= 60 ? String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60) : s + "s";
    }

    private static String seeds(Group g) {
        return String.join(", ", g.rows().stream().map(r -> Long.toString(r.seed())).toList());
    }

    private static String steps(Group g) {
        Set<Long> all = new LinkedHashSet<>();
        g.rows().forEach(r -> all.add(r.report().source().step()));
        return String.join(", ", all.stream().map(String::valueOf).toList());
    }

    private static String csvCell(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** Dot paths of leaf values that differ between any two of the settings. */
    public static Set<String> differingPaths(List<ObjectNode> settings) {
        Set<String> paths = new LinkedHashSet<>();
        if (settings.size() < 2) {
            return paths;
        }
        Set<String> all = new LinkedHashSet<>();
        for (ObjectNode s : settings) {
            leaves(s, "", all);
        }
        for (String p : all) {
            JsonNode first = at(settings.get(0), p);
            for (ObjectNode s : settings) {
                JsonNode v = at(s, p);
                if (first == null ? v != null : !first.equals(v)) {
                    paths.add(p);
                    break;
                }
            }
        }
        return paths;
    }

    private static void leaves(JsonNode node, String prefix, Set<String> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                leaves(e.getValue(), prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), out);
            }
        } else {
            out.add(prefix);
        }
    }

    /** The value at {@code path} (dot-separated) of a JSON tree, or null. */
    public static JsonNode at(JsonNode root, String path) {
        JsonNode n = root;
        for (String part : path.split("\\.")) {
            n = n == null ? null : n.get(part);
        }
        return n;
    }
}
