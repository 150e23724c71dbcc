package io.gan4j.spark;

import io.gan4j.core.io.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Sweep files over the shipped vanilla-ring8 config, small enough for the tests, and readers of what runs wrote. */
public final class TinySweeps {
    static final Path RING8 = Path.of("../experiments/configs/vanilla-ring8.json").toAbsolutePath().normalize();
    /** The timing columns of metrics.csv; every other column is a pure function of the config and seeds. */
    static final List<String> TIMING_COLUMNS = List.of("elapsed_s", "ms_per_step");

    private TinySweeps() {
    }

    /**
     * Writes {@code dir/<name>.json}: vanilla-ring8 with one thread, batch 64, the given steps and checkpoint interval,
     * metrics every 10 steps, runs under {@code outputDir}, and {@code grid}.
     */
    public static Path write(Path dir, String name, Path outputDir, int iterations, int checkpointEvery,
                             Map<String, List<Object>> grid) throws IOException {
        return write(dir, name, outputDir, iterations, checkpointEvery, Map.of(), grid);
    }

    /** {@link #write(Path, String, Path, int, int, Map)} with more settings for every run (e.g. {@code data.size}). */
    public static Path write(Path dir, String name, Path outputDir, int iterations, int checkpointEvery,
                             Map<String, Object> moreSettings, Map<String, List<Object>> grid) throws IOException {
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("train.threads", 1);
        set.put("train.batchSize", 64);
        set.put("train.iterations", iterations);
        set.put("train.logEvery", 10);
        set.put("train.sampleEvery", iterations);
        set.put("train.checkpointEvery", checkpointEvery);
        set.put("train.outputDir", outputDir.toAbsolutePath().toString());
        set.putAll(moreSettings);
        Map<String, Object> sweep = new LinkedHashMap<>();
        sweep.put("name", name);
        sweep.put("base", RING8.toString());
        sweep.put("set", set);
        sweep.put("grid", grid);
        Path file = dir.resolve(name + ".json");
        Files.createDirectories(dir);
        Files.writeString(file, Json.MAPPER.writeValueAsString(sweep));
        return file;
    }

    /** Each run directory under {@code outputDir} by its run name (the folder above the timestamped run folder). */
    public static Map<String, Path> runs(Path outputDir) throws IOException {
        Map<String, Path> runs = new TreeMap<>();
        try (Stream<Path> s = Files.walk(outputDir, 2)) {
            s.filter(p -> Files.isRegularFile(p.resolve("config.resolved.json")))
                    .forEach(p -> runs.put(p.getParent().getFileName().toString(), p));
        }
        return runs;
    }

    /** metrics.csv without its timing columns, one string per line. */
    public static List<String> metricsWithoutTiming(Path run) throws IOException {
        List<String> lines = Files.readAllLines(run.resolve("metrics.csv"));
        List<String> header = List.of(lines.get(0).split(",", -1));
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String[] cells = line.split(",", -1);
            List<String> kept = new ArrayList<>();
            for (int i = 0; i < cells.length; i++) {
                if (!TIMING_COLUMNS.contains(header.get(i))) {
                    kept.add(cells[i]);
                }
            }
            out.add(String.join(",", kept));
        }
        return out;
    }

    /**
     * A results.csv without the columns of seconds, which vary between trainings, and with each run named by its run
     * name only (locally its folder also names its start time; on a store it is the run name again).
     */
    public static List<String> resultsWithoutTimes(Path resultsCsv) throws IOException {
        List<String> lines = Files.readAllLines(resultsCsv);
        List<String> header = List.of(lines.get(0).split(",", -1));
        List<String> kept = new ArrayList<>();
        for (String line : lines) {
            String[] cells = line.split(",", -1);
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < cells.length; i++) {
                if (header.get(i).equals("run")) {
                    row.append(cells[i].split("/")[0]).append(',');
                } else if (!header.get(i).endsWith("_seconds")) {
                    row.append(cells[i]).append(',');
                }
            }
            kept.add(row.toString());
        }
        return kept;
    }

    /** The step column of metrics.csv, in file order. */
    static List<Long> metricSteps(Path run) throws IOException {
        List<String> lines = Files.readAllLines(run.resolve("metrics.csv"));
        return lines.subList(1, lines.size()).stream().map(l -> Long.parseLong(l.split(",", 2)[0])).toList();
    }
}
