package io.gan4j.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gan4j.core.config.ConfigLoader;
import io.gan4j.core.eval.EvalReport;
import io.gan4j.core.eval.ResultsTable;
import io.gan4j.core.io.Json;
import io.gan4j.core.run.RunManifest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The compare page's results table: gan-core's {@link ResultsTable} (the code {@code gan4j compare} writes
 * results.md with) over the runs' final evaluations ({@code eval.json}), so the page prints compare's cells. A run
 * whose eval.json is missing, unreadable or older than its latest checkpoint (as compare decides "current") is listed
 * as not evaluated instead; runs evaluated on different terms are refused with compare's reason. Read-only: nothing
 * is evaluated here.
 */
final class CompareTable {
    /** What to do about a run without a current evaluation. */
    static final String HINT = "not evaluated: run `./gan4j compare …` or `./gan4j evaluate`";
    private final RunCatalog catalog;

    CompareTable(RunCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * {@code {caption, groupHeader, groups, runHeader, runs, notEvaluated: [{id, reason, hint}], refused}}: the two
     * tables' cells as results.md prints them (absent with no evaluated run, or when refused); {@code refused} is
     * compare's refusal, else null.
     */
    ObjectNode of(List<RunCatalog.Run> runs) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode missing = out.putArray("notEvaluated");
        List<ResultsTable.Row> rows = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (RunCatalog.Run run : runs) {
            try {
                String stale = staleness(run.dir());
                if (stale != null) {
                    missing.addObject().put("id", run.id()).put("reason", stale).put("hint", HINT);
                    continue;
                }
                rows.add(row(run.dir()));
                ids.add(run.id());
            } catch (IOException | RuntimeException e) {
                missing.addObject().put("id", run.id()).put("reason", "unreadable: " + e.getMessage())
                        .put("hint", HINT);
            }
        }
        String refused = refusal(rows, ids);
        out.put("refused", refused);
        if (refused == null && !rows.isEmpty()) {
            putTable(out, new ResultsTable(rows));
        }
        return out;
    }

    private static void putTable(ObjectNode out, ResultsTable table) {
        out.put("caption", table.caption());
        strings(out.putArray("groupHeader"), table.groupHeader());
        ArrayNode groups = out.putArray("groups");
        table.groupRows().forEach(r -> strings(groups.addArray(), r));
        strings(out.putArray("runHeader"), table.runHeader());
        ArrayNode runRows = out.putArray("runs");
        table.runRows().forEach(r -> strings(runRows.addArray(), r));
    }

    private static void strings(ArrayNode into, List<String> cells) {
        cells.forEach(into::add);
    }

    /** Compare's refusal of runs evaluated on different terms, naming the first run and the one that differs. */
    private static String refusal(List<ResultsTable.Row> rows, List<String> ids) {
        for (int i = 1; i < rows.size(); i++) {
            String why = ResultsTable.incompatibility(rows.get(0).report(), rows.get(i).report());
            if (why != null) {
                return "cannot compare " + ids.get(0) + " with " + ids.get(i) + ": " + why;
            }
        }
        return null;
    }

    /** Why the run's eval.json is not its current final evaluation, or null when it is. */
    private static String staleness(Path dir) throws IOException {
        Path file = dir.resolve("eval.json");
        if (!Files.isRegularFile(file)) {
            return "no eval.json";
        }
        Long latest = RunViews.latestCheckpointStep(dir);
        if (latest == null) {
            return "no checkpoint";
        }
        Long evaluated = Json.read(file, EvalReport.class).source().step();
        if (evaluated == null || evaluated.longValue() != latest) {
            return "eval.json is of step " + evaluated + ", the latest checkpoint of step " + latest;
        }
        return null;
    }

    /** The run as compare's table sees it (see experiments' RunRecord): label, settings, seed, report, time. */
    private ResultsTable.Row row(Path dir) throws IOException {
        RunManifest manifest = Json.read(dir.resolve("manifest.json"), RunManifest.class);
        JsonNode config = Json.MAPPER.readTree(dir.resolve("config.resolved.json").toFile());
        if (!(config instanceof ObjectNode settings)) {
            throw new IOException("config.resolved.json is not a JSON object");
        }
        ConfigLoader.dropRemovedKeys(settings);
        settings.remove("seed");
        settings.remove("name");
        if (settings.get("train") instanceof ObjectNode train) {
            train.remove("outputDir");
        }
        EvalReport report = Json.read(dir.resolve("eval.json"), EvalReport.class);
        double seconds = catalog.table(dir.resolve("metrics.csv")).last("elapsed_s");
        return new ResultsTable.Row(manifest.name() + "/" + dir.getFileName(), settings, manifest.masterSeed(),
                report, seconds);
    }
}
