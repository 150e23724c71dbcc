package io.gan4j.experiments.compare;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gan4j.core.eval.ResultsTable;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs grouped by setting, with the runs' records kept for the plots and the HTML report. The grouping, the labels
 * and every number printed are gan-core's {@link ResultsTable}, which the dashboard ({@code gan4j serve}) uses too,
 * so results.md and the dashboard's compare page print the same cells.
 */
final class Comparison {
    /** Metrics shown in tables, in this order, when any run has them; then the models' own metrics. */
    static final List<String> METRICS = ResultsTable.METRICS;

    /** Metrics that count things (classes, modes): a run's value is a whole number and is printed as one. */
    static final Set<String> COUNTS = ResultsTable.COUNTS;

    /** Settings named in a group's label; the rest are counted, so labels of different variants stay readable. */
    static final int LABEL_SETTINGS = ResultsTable.LABEL_SETTINGS;

    private final ResultsTable table;
    private final List<Group> groups;

    /**
     * @param label what distinguishes the group from the others
     * @param runs  its runs, in the order given
     * @param table the same group in the shared table
     */
    record Group(String label, List<RunRecord> runs, ResultsTable.Group table) {
    }

    /** Mean and sample standard deviation (NaN with a single value): {@link ResultsTable.Stat}'s. */
    record Stat(double mean, double std, int n) {
        static Stat of(List<Double> values) {
            return of(ResultsTable.Stat.of(values));
        }

        private static Stat of(ResultsTable.Stat s) {
            return new Stat(s.mean(), s.std(), s.n());
        }

        String formatCount() {
            return new ResultsTable.Stat(mean, std, n).formatCount();
        }

        String format() {
            return new ResultsTable.Stat(mean, std, n).format();
        }
    }

    Comparison(List<RunRecord> runs) {
        Map<ResultsTable.Row, RunRecord> records = new IdentityHashMap<>();
        List<ResultsTable.Row> rows = new ArrayList<>();
        for (RunRecord r : runs) {
            ResultsTable.Row row = row(r);
            records.put(row, r);
            rows.add(row);
        }
        this.table = new ResultsTable(rows);
        List<Group> gs = new ArrayList<>();
        for (ResultsTable.Group g : table.groups()) {
            gs.add(new Group(g.label(), g.rows().stream().map(records::get).toList(), g));
        }
        this.groups = List.copyOf(gs);
    }

    /** A run as the shared table sees it. */
    static ResultsTable.Row row(RunRecord r) {
        return new ResultsTable.Row(r.label(), r.settings(), r.seed(), r.report(), r.trainingSeconds());
    }

    /** The first {@link #LABEL_SETTINGS} differing settings, and how many more there are. */
    static String shortLabel(List<String> parts) {
        return ResultsTable.shortLabel(parts);
    }

    List<Group> groups() {
        return groups;
    }

    /** The metric keys that appear in the reports, in table order. */
    List<String> metrics() {
        return table.metrics();
    }

    /** A group's mean ± spread of {@code metric} as printed in the tables. */
    String statCell(Group g, String metric) {
        return table.statCell(g.table(), metric);
    }

    Stat stat(Group g, String metric) {
        return Stat.of(table.stat(g.table(), metric));
    }

    /** Whether a run's report scores a translation model (outputs against paired targets) rather than samples. */
    static boolean isTranslation(RunRecord r) {
        return ResultsTable.isTranslation(r.report());
    }

    /** Markdown: one row per group (mean ± std over its seeds), then one row per run. */
    String markdown() {
        return table.markdown();
    }

    /** CSV: one row per run with its group, seed, step, training time and every metric. */
    String csv() {
        return table.csv();
    }

    /** Column titles that say which features a distance used. */
    static String header(String metric) {
        return ResultsTable.header(metric);
    }

    /** A run's value of {@code metric} as printed in the tables. */
    static String cell(String metric, double v) {
        return ResultsTable.cell(metric, v);
    }

    static String number(double v) {
        return ResultsTable.number(v);
    }

    static String duration(double seconds) {
        return ResultsTable.duration(seconds);
    }

    /** Dot paths of leaf values that differ between any two of the settings. */
    static Set<String> differingPaths(List<ObjectNode> settings) {
        return ResultsTable.differingPaths(settings);
    }
}
