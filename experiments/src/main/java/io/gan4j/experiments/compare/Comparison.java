package io.gan4j.experiments.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs grouped by setting: runs whose resolved configs differ only in seed (and name and output place) are
 * repetitions of one setting, summarised as mean ± standard deviation over the seeds. Each group is labelled by
 * the config values that differ between the groups (e.g. {@code model.loss=least-squares}).
 */
final class Comparison {
    /** Metrics shown in tables, in this order, when any run has them; then the models' own metrics. */
    static final List<String> METRICS = List.of("fid", "kid", "is", "precision", "recall", "density", "coverage",
            "classes_covered", "class_kl_uniform", "modes_covered", "high_quality", "psnr", "ssim", "l1",
            "class_accuracy", "fid_back", "cycle_l1", "cycle_l1_a", "cycle_l1_b", "identity_psnr", "identity_ssim",
            "identity_l1", "identity_fid", "identity_class_accuracy", "identity_fid_back");

    /** Metrics that count things (classes, modes): a run's value is a whole number and is printed as one. */
    static final Set<String> COUNTS = Set.of("classes_covered", "modes_covered");

    private final List<Group> groups;
    private final List<String> metrics;

    /**
     * @param label    what distinguishes the group from the others
     * @param runs     its runs, in the order given
     */
    record Group(String label, List<RunRecord> runs) {
    }

    /** Mean and sample standard deviation (NaN with a single value). */
    record Stat(double mean, double std, int n) {
        static Stat of(List<Double> values) {
            List<Double> v = values.stream().filter(d -> !d.isNaN()).toList();
            if (v.isEmpty()) {
                return new Stat(Double.NaN, Double.NaN, 0);
            }
            double mean = v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double ss = v.stream().mapToDouble(d -> (d - mean) * (d - mean)).sum();
            return new Stat(mean, v.size() > 1 ? Math.sqrt(ss / (v.size() - 1)) : Double.NaN, v.size());
        }

        /** A count's mean: whole when every run counted the same, else to one decimal, as is the spread. */
        String formatCount() {
            if (n == 0) {
                return "";
            }
            String m = mean == Math.rint(mean) ? Long.toString(Math.round(mean))
                    : String.format(Locale.ROOT, "%.1f", mean);
            return Double.isNaN(std) ? m : m + " ± " + String.format(Locale.ROOT, "%.1f", std);
        }

        String format() {
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

    Comparison(List<RunRecord> runs) {
        Map<String, List<RunRecord>> bySetting = new LinkedHashMap<>();
        Map<String, ObjectNode> settings = new LinkedHashMap<>();
        for (RunRecord r : runs) {
            String key = r.settings().toString();
            bySetting.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
            settings.putIfAbsent(key, r.settings());
        }
        Set<String> differing = differingPaths(new ArrayList<>(settings.values()));
        List<List<String>> partsOfGroups = new ArrayList<>();
        for (String key : bySetting.keySet()) {
            ObjectNode s = settings.get(key);
            List<String> parts = new ArrayList<>();
            for (String path : differing) {
                JsonNode v = RunRecord.at(s, path);
                // A field of another variant's schema: model.type already tells the groups apart.
                if (v != null) {
                    parts.add(path + "=" + (v.isTextual() ? v.textValue() : v.toString()));
                }
            }
            partsOfGroups.add(parts);
        }
        List<String> labels = new ArrayList<>();
        for (List<String> parts : partsOfGroups) {
            labels.add(shortLabel(parts));
        }
        List<Group> gs = new ArrayList<>();
        int gi = 0;
        for (List<RunRecord> members : bySetting.values()) {
            List<String> parts = partsOfGroups.get(gi);
            String label = labels.get(gi);
            if (java.util.Collections.frequency(labels, label) > 1) {
                label = String.join(", ", parts);
            }
            gs.add(new Group(label.isEmpty() ? members.get(0).manifest().name() : label, members));
            gi++;
        }
        this.groups = List.copyOf(gs);
        Set<String> present = new LinkedHashSet<>();
        // The models' own metrics (GanModel.ownMetrics) follow the standard ones, in the order the reports list them.
        Set<String> own = new LinkedHashSet<>();
        for (RunRecord r : runs) {
            present.addAll(r.report().summary().keySet());
            own.addAll(r.report().modelMetrics());
        }
        List<String> shown = new ArrayList<>(METRICS.stream().filter(present::contains).toList());
        own.stream().filter(m -> !shown.contains(m)).forEach(shown::add);
        this.metrics = List.copyOf(shown);
    }

    /** Settings named in a group's label; the rest are counted, so labels of different variants stay readable. */
    static final int LABEL_SETTINGS = 3;

    /** The first {@link #LABEL_SETTINGS} differing settings, and how many more there are. */
    static String shortLabel(List<String> parts) {
        if (parts.size() <= LABEL_SETTINGS) {
            return String.join(", ", parts);
        }
        return String.join(", ", parts.subList(0, LABEL_SETTINGS)) + " (+" + (parts.size() - LABEL_SETTINGS)
                + " more settings)";
    }

    List<Group> groups() {
        return groups;
    }

    /** The metric keys that appear in the reports, in table order. */
    List<String> metrics() {
        return metrics;
    }

    /** A group's mean ± spread of {@code metric} as printed in the tables. */
    String statCell(Group g, String metric) {
        Stat s = stat(g, metric);
        return COUNTS.contains(metric) ? s.formatCount() : s.format();
    }

    Stat stat(Group g, String metric) {
        List<Double> values = new ArrayList<>();
        for (RunRecord r : g.runs()) {
            Double v = r.report().summary().get(metric);
            values.add(v == null ? Double.NaN : v);
        }
        return Stat.of(values);
    }

    /** Whether a run's report scores a translation model (outputs against paired targets) rather than samples. */
    static boolean isTranslation(RunRecord r) {
        return r.report().summary().containsKey("identity_l1");
    }

    /** Markdown: one row per group (mean ± std over its seeds), then one row per run. */
    String markdown() {
        StringBuilder sb = new StringBuilder();
        RunRecord first = groups.get(0).runs().get(0);
        boolean translation = isTranslation(first);
        sb.append("Reference: ").append(first.report().reference()).append(" (").append(first.report().referenceCount())
                .append(translation ? " pairs)" : " examples)");
        if (first.report().features() != null) {
            sb.append("; features: ").append(first.report().features().displayName());
        }
        sb.append("; ").append(first.report().generatedCount())
                .append(translation ? " held-out inputs translated per run.\n\n" : " generated samples per run.\n\n");
        tableHeader(sb, "setting", "runs", "seeds", "step");
        for (Group g : groups) {
            sb.append("| ").append(g.label()).append(" | ").append(g.runs().size()).append(" | ")
                    .append(seeds(g)).append(" | ").append(steps(g)).append(" |");
            for (String m : metrics) {
                sb.append(' ').append(statCell(g, m)).append(" |");
            }
            sb.append('\n');
        }
        sb.append('\n');
        tableHeader(sb, "run", "setting", "seed", "step", "train time");
        for (Group g : groups) {
            for (RunRecord r : g.runs()) {
                sb.append("| ").append(r.label()).append(" | ").append(g.label()).append(" | ").append(r.seed())
                        .append(" | ").append(r.report().source().step()).append(" | ")
                        .append(duration(r.trainingSeconds())).append(" |");
                for (String m : metrics) {
                    Double v = r.report().summary().get(m);
                    sb.append(' ').append(v == null ? "" : cell(m, v)).append(" |");
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** CSV: one row per run with its group, seed, step, training time and every metric. */
    String csv() {
        StringBuilder sb = new StringBuilder("run,setting,seed,step,train_seconds");
        metrics.forEach(m -> sb.append(',').append(m));
        sb.append('\n');
        for (Group g : groups) {
            for (RunRecord r : g.runs()) {
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

    /** A Markdown table's header row, {@code columns} then one column per metric, and its separator row. */
    private void tableHeader(StringBuilder sb, String... columns) {
        sb.append('|');
        for (String c : columns) {
            sb.append(' ').append(c).append(" |");
        }
        metrics.forEach(m -> sb.append(' ').append(header(m)).append(" |"));
        sb.append("\n|").append("---|".repeat(columns.length + metrics.size())).append('\n');
    }

    /** Column titles that say which features a distance used. */
    static String header(String metric) {
        return switch (metric) {
            case "fid" -> "FID";
            case "kid" -> "KID";
            case "is" -> "IS";
            case "precision" -> "precision";
            case "recall" -> "recall";
            case "density" -> "density";
            case "coverage" -> "coverage";
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
            default -> metric;
        };
    }

    /** A run's value of {@code metric} as printed in the tables: counts as integers, the rest by {@link #number}. */
    static String cell(String metric, double v) {
        return COUNTS.contains(metric) ? integer(v) : number(v);
    }

    private static String integer(double v) {
        return Double.isNaN(v) ? "" : Long.toString(Math.round(v));
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 0.01 || a >= 1e5)) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        return String.format(Locale.ROOT, a >= 100 ? "%.1f" : "%.3f", v);
    }

    static String duration(double seconds) {
        if (Double.isNaN(seconds)) {
            return "";
        }
        long s = Math.round(seconds);
        return s >= 60 ? String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60) : s + "s";
    }

    private static String seeds(Group g) {
        return String.join(", ", g.runs().stream().map(r -> Long.toString(r.seed())).toList());
    }

    private static String steps(Group g) {
        Set<Long> all = new LinkedHashSet<>();
        g.runs().forEach(r -> all.add(r.report().source().step()));
        return String.join(", ", all.stream().map(String::valueOf).toList());
    }

    private static String csvCell(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** Dot paths of leaf values that differ between any two of the settings. */
    static Set<String> differingPaths(List<ObjectNode> settings) {
        Set<String> paths = new LinkedHashSet<>();
        if (settings.size() < 2) {
            return paths;
        }
        Set<String> all = new LinkedHashSet<>();
        for (ObjectNode s : settings) {
            leaves(s, "", all);
        }
        for (String p : all) {
            JsonNode first = RunRecord.at(settings.get(0), p);
            for (ObjectNode s : settings) {
                JsonNode v = RunRecord.at(s, p);
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
}
