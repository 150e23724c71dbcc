package io.gan4j.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gan4j.core.io.Json;
import io.gan4j.core.run.RunLock;
import io.gan4j.core.run.RunManifest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The JSON bodies of the API, read from a run directory's files. */
final class RunViews {
    private static final Pattern STEP_FILE = Pattern.compile("step-(\\d{8})(\\.png)?");
    private final RunCatalog catalog;

    RunViews(RunCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * One row of the runs page: id, name, variant, state now (the manifest's latest session status, or killed when
     * it says running and no process holds the run's lock), step of iterations, ms per step, latest and best FID,
     * and when a log or the manifest last changed.
     */
    ObjectNode summary(RunCatalog.Run run) throws IOException {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("id", run.id());
        Path manifestFile = run.dir().resolve("manifest.json");
        RunManifest m;
        try {
            m = Json.read(manifestFile, RunManifest.class);
        } catch (IOException | RuntimeException e) {
            out.put("name", run.dir().getParent().getFileName().toString());
            out.put("variant", "?");
            out.put("state", "unreadable");
            return out;
        }
        Optional<RunLock.Holder> holder = RunLock.holder(run.dir());
        RunManifest.Session last = m.sessions().isEmpty() ? null : m.sessions().get(m.sessions().size() - 1);
        CsvTable metrics = catalog.table(run.dir().resolve("metrics.csv"));
        long loggedStep = metrics.lastStep();
        long recorded = last == null || last.toStep() == null ? 0 : last.toStep();
        out.put("name", m.name());
        out.put("variant", m.variant());
        out.put("state", m.status(holder.isPresent()));
        out.put("step", Math.max(loggedStep, recorded));
        out.put("iterations", last == null ? 0 : last.iterations());
        putNumber(out, "msPerStep", metrics.last("ms_per_step"));
        putFid(out, catalog.table(run.dir().resolve("eval.csv")));
        out.put("lastChange", lastChange(run.dir()).toString());
        holder.ifPresent(h -> out.put("writer", "process " + h.pid() + " on " + h.host()));
        return out;
    }

    /** The run's resolved config, its manifest (sessions included) and its checkpoints. */
    ObjectNode detail(RunCatalog.Run run) throws IOException {
        ObjectNode out = summary(run);
        out.set("config", readJson(run.dir().resolve("config.resolved.json")));
        out.set("manifest", readJson(run.dir().resolve("manifest.json")));
        out.set("checkpoints", checkpoints(run.dir().resolve("checkpoints")));
        return out;
    }

    /**
     * Every column of {@code metrics.csv} and {@code eval.csv} after step {@code since}, each log shrunk to at most
     * {@code maxPoints} points (see {@link Downsample}); {@code lastStep} is the last step of either log, for the
     * next poll's {@code since}.
     */
    ObjectNode scalars(RunCatalog.Run run, long since, int maxPoints) throws IOException {
        ObjectNode out = Json.MAPPER.createObjectNode();
        long lastStep = since;
        for (String log : List.of("metrics", "eval")) {
            CsvTable.Snapshot rows = catalog.table(run.dir().resolve(log + ".csv")).since(since);
            if (rows.rows() > 0) {
                lastStep = Math.max(lastStep, rows.steps()[rows.rows() - 1]);
            }
            CsvTable.Snapshot shown = Downsample.minMax(rows, maxPoints);
            ObjectNode table = out.putObject(log);
            table.put("rows", rows.rows());
            ArrayNode steps = table.putArray("step");
            for (long s : shown.steps()) {
                steps.add(s);
            }
            ObjectNode columns = table.putObject("columns");
            for (int c = 0; c < shown.columns().size(); c++) {
                ArrayNode values = columns.putArray(shown.columns().get(c));
                for (double v : shown.values()[c]) {
                    if (Double.isFinite(v)) {
                        values.add(v);
                    } else {
                        values.addNull();
                    }
                }
            }
        }
        out.put("lastStep", lastStep);
        return out;
    }

    /** The steps of the run's sample grids ({@code samples/step-NNNNNNNN.png}), ascending, with their file paths. */
    ArrayNode grids(RunCatalog.Run run) throws IOException {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Path file : list(run.dir().resolve("samples"))) {
            Matcher m = STEP_FILE.matcher(file.getFileName().toString());
            if (m.matches() && m.group(2) != null && Files.isRegularFile(file)) {
                out.addObject().put("step", Long.parseLong(m.group(1))).put("path", "samples/" + file.getFileName());
            }
        }
        return out;
    }

    private static ArrayNode checkpoints(Path dir) throws IOException {
        String latest = pointer(dir.resolve("latest"));
        String best = pointer(dir.resolve("best"));
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Path cp : list(dir)) {
            Matcher m = STEP_FILE.matcher(cp.getFileName().toString());
            if (m.matches() && m.group(2) == null && Files.isDirectory(cp)) {
                String name = cp.getFileName().toString();
                out.addObject().put("name", name).put("step", Long.parseLong(m.group(1)))
                        .put("latest", name.equals(latest)).put("best", name.equals(best));
            }
        }
        return out;
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    /** The step of the checkpoint {@code <run>/checkpoints/latest} names (read, not verified), or null. */
    static Long latestCheckpointStep(Path runDir) {
        Matcher m = STEP_FILE.matcher(pointer(runDir.resolve("checkpoints").resolve("latest")));
        return m.matches() && m.group(2) == null ? Long.parseLong(m.group(1)) : null;
    }

    private static String pointer(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static JsonNode readJson(Path file) {
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            return Json.MAPPER.getNodeFactory().textNode(file.getFileName() + ": unreadable: " + e.getMessage());
        }
    }

    private static void putFid(ObjectNode out, CsvTable eval) throws IOException {
        CsvTable.Snapshot all = eval.since(Long.MIN_VALUE);
        int c = all.columns().indexOf("fid");
        if (c < 0 || all.rows() == 0) {
            return;
        }
        double[] fid = all.values()[c];
        putNumber(out, "latestFid", fid[fid.length - 1]);
        int best = -1;
        for (int i = 0; i < fid.length; i++) {
            if (!Double.isNaN(fid[i]) && (best < 0 || fid[i] < fid[best])) {
                best = i;
            }
        }
        if (best >= 0) {
            putNumber(out, "bestFid", fid[best]);
            out.put("bestFidStep", all.steps()[best]);
        }
    }

    private static void putNumber(ObjectNode out, String key, double value) {
        if (Double.isFinite(value)) {
            out.put(key, value);
        } else {
            out.putNull(key);
        }
    }

    private static Instant lastChange(Path dir) {
        Instant latest = Instant.EPOCH;
        for (String name : List.of("manifest.json", "metrics.csv", "eval.csv")) {
            try {
                Instant t = Files.getLastModifiedTime(dir.resolve(name)).toInstant();
                latest = t.isAfter(latest) ? t : latest;
            } catch (IOException e) {
                // a log not written yet
            }
        }
        return latest.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }
}
