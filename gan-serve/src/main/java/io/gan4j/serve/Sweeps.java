package io.gan4j.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gan4j.core.io.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The sweep reports under the served directories: {@code <dir>/<sweep>/compare/results.csv}, as
 * {@code gan4j compare SWEEP} writes them, whose run column ({@code name/timestamp}) names runs this server serves.
 * A sweep is known by its name (with {@code ~2}, {@code ~3} when two directories hold the same); its runs by their
 * dashboard ids ({@code name@timestamp}). Found afresh on each listing.
 */
final class Sweeps {
    /**
     * One sweep report.
     *
     * @param name    the sweep's name (its directory's)
     * @param runs    the ids of its runs that this server serves, in the report's order
     * @param listed  how many runs the report lists
     */
    record Sweep(String name, List<String> runs, int listed) {
    }

    private final List<Path> roots;

    /** @param roots the served directories (output directories or run directories) */
    Sweeps(List<Path> roots) {
        this.roots = roots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }

    /** Every sweep report under the roots with at least one served run, by name. */
    Map<String, Sweep> scan(List<RunCatalog.Run> served) {
        Set<String> ids = served.stream().map(RunCatalog.Run::id).collect(Collectors.toSet());
        Map<String, Sweep> found = new LinkedHashMap<>();
        for (Path root : roots) {
            for (Path csv : reports(root)) {
                List<String> labels = runColumn(csv);
                List<String> runs = labels.stream().map(l -> l.replaceFirst("/([^/]*)$", "@$1"))
                        .filter(ids::contains).toList();
                if (runs.isEmpty()) {
                    continue;
                }
                String base = csv.getParent().getParent().getFileName().toString();
                String name = base;
                for (int i = 2; found.containsKey(name); i++) {
                    name = base + "~" + i;
                }
                found.put(name, new Sweep(name, runs, labels.size()));
            }
        }
        return found;
    }

    /** {@code [{name, runs: [ids], listed}]}. */
    static ArrayNode json(Map<String, Sweep> sweeps) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Sweep s : sweeps.values()) {
            ObjectNode o = out.addObject().put("name", s.name()).put("listed", s.listed());
            s.runs().forEach(o.putArray("runs")::add);
        }
        return out;
    }

    private static List<Path> reports(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.map(d -> d.resolve("compare").resolve("results.csv")).filter(Files::isRegularFile).sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The first cell of each row after the header (CSV quoting undone); none when unreadable. */
    static List<String> runColumn(Path csv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
        if (lines.isEmpty() || !lines.get(0).startsWith("run,")) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            out.add(firstCell(line));
        }
        return out;
    }

    private static String firstCell(String line) {
        if (!line.startsWith("\"")) {
            int comma = line.indexOf(',');
            return comma < 0 ? line : line.substring(0, comma);
        }
        StringBuilder cell = new StringBuilder();
        for (int i = 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cell.append('"');
                i++;
            } else if (c == '"') {
                break;
            } else {
                cell.append(c);
            }
        }
        return cell.toString();
    }
}
