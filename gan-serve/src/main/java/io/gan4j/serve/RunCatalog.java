package io.gan4j.serve;

import io.gan4j.core.run.RunDirectory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runs under the served directories, found afresh on each listing (a run started after the server is shown),
 * each under an id made from its {@code <name>/<timestamp>} as {@code name@timestamp}. Ids are keys of this
 * catalog, never parts of a path: a request names a run only by an id the catalog handed out. Also keeps each run's
 * parsed CSV logs between requests, so polling reads only what was appended.
 */
final class RunCatalog {
    /** One run: its id and directory (absolute, normalised). */
    record Run(String id, Path dir) {
    }

    private final List<Path> roots;
    private volatile Map<String, Run> byId = Map.of();
    private final Map<Path, CsvTable> tables = new ConcurrentHashMap<>();

    /** @param roots output directories ({@code <root>/<name>/<timestamp>/}) or run directories */
    RunCatalog(List<Path> roots) {
        this.roots = roots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }

    /** Every run now under the roots, in path order. */
    synchronized List<Run> scan() {
        Map<String, Run> found = new LinkedHashMap<>();
        for (Path root : roots) {
            for (Path dir : RunDirectory.runsUnder(root)) {
                String base = idOf(dir);
                String id = base;
                for (int i = 2; found.containsKey(id); i++) {
                    id = base + "~" + i;
                }
                found.put(id, new Run(id, dir));
            }
        }
        byId = Map.copyOf(found);
        return new ArrayList<>(found.values());
    }

    /** The run of {@code id}, rescanning once when it is not known (a run started since the last listing). */
    Optional<Run> find(String id) {
        Run run = byId.get(id);
        if (run == null) {
            scan();
            run = byId.get(id);
        }
        return Optional.ofNullable(run);
    }

    /** The kept table of a run's CSV log ({@code metrics.csv} or {@code eval.csv}). */
    CsvTable table(Path csv) {
        return tables.computeIfAbsent(csv, CsvTable::new);
    }

    private static String idOf(Path dir) {
        Path parent = dir.getParent();
        String stamp = dir.getFileName().toString();
        return parent == null || parent.getFileName() == null ? stamp : parent.getFileName() + "@" + stamp;
    }
}
