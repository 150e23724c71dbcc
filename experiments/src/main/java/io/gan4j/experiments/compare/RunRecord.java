package io.gan4j.experiments.compare;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gan4j.core.config.LoadedConfig;
import io.gan4j.core.eval.EvalReport;
import io.gan4j.core.io.Json;
import io.gan4j.core.run.RunDirectory;
import io.gan4j.core.run.RunManifest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything {@code compare} reads from one run directory: its manifest, resolved config, the loss and periodic
 * evaluation curves, and its final evaluation.
 *
 * @param dir      the run directory, or null for a run known only from its records
 * @param manifest the run's manifest
 * @param config   the resolved config
 * @param metrics  {@code metrics.csv}: column name to values, one per logged step (with a {@code step} column)
 * @param evals    {@code eval.csv} in the same layout, empty when the run had no periodic evaluation
 * @param report   the final evaluation ({@code eval.json})
 */
record RunRecord(RunDirectory dir, RunManifest manifest, LoadedConfig config, Map<String, List<Double>> metrics,
                 Map<String, List<Double>> evals, EvalReport report) {

    /** Short name for tables and legends: the run's experiment name and its timestamp directory. */
    String label() {
        return dir == null ? manifest.name() : manifest.name() + "/" + dir.root().getFileName();
    }

    long seed() {
        return manifest.masterSeed();
    }

    /** The resolved config without what differs between repetitions of one setting (seed, name, output place). */
    ObjectNode settings() {
        ObjectNode s = config.resolved();
        s.remove("seed");
        s.remove("name");
        ((ObjectNode) s.get("train")).remove("outputDir");
        return s;
    }

    /** Total training time in seconds, from the last metrics row. */
    double trainingSeconds() {
        List<Double> t = metrics.get("elapsed_s");
        return t == null || t.isEmpty() ? Double.NaN : t.get(t.size() - 1);
    }

    /** Reads a numeric CSV with a header row into columns; a missing file gives no columns. */
    static Map<String, List<Double>> readCsv(Path file) throws IOException {
        Map<String, List<Double>> columns = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return columns;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return columns;
        }
        String[] header = lines.get(0).split(",");
        for (String h : header) {
            columns.put(h, new ArrayList<>());
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            for (int i = 0; i < header.length; i++) {
                String c = i < cells.length ? cells[i] : "";
                columns.get(header[i]).add(c.isEmpty() ? Double.NaN : Double.parseDouble(c));
            }
        }
        return columns;
    }

    /** Reads {@code eval.json}. */
    static EvalReport readReport(Path file) throws IOException {
        return Json.read(file, EvalReport.class);
    }
}
