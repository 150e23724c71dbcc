package io.gan4j.spark;

import io.gan4j.core.run.RunDirectory;
import io.gan4j.experiments.compare.SweepEngine.RunSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Runs trained in place in a folder that the driver and every executor see at the same path (one machine, or a
 * network file system): publishing is a no-op, since every file the run writes is already where others read it, and
 * the run directory's own lock ({@link io.gan4j.core.run.RunLock}, taken by the runner) keeps a second attempt out
 * while the first still writes.
 */
public final class SharedPathStorage implements RunStorage {
    private static final long serialVersionUID = 1L;

    @Override
    public Session open(RunSpec spec) {
        return new Session() {
            @Override
            public RunSpec localSpec() {
                return spec;
            }

            @Override
            public void publish(Path runDir) {
                // Written in place.
            }

            @Override
            public String location(Path runDir) {
                return runDir.toAbsolutePath().toString();
            }

            @Override
            public void close() {
            }
        };
    }

    /** The step of the last metrics row of the newest run directory under {@code <outputDir>/<runName>}. */
    @Override
    public OptionalLong latestStep(RunSpec spec) {
        Path nameDir = Path.of(spec.outputDir()).resolve(spec.runName());
        if (!Files.isDirectory(nameDir)) {
            return OptionalLong.empty();
        }
        try (Stream<Path> s = Files.list(nameDir)) {
            Path newest = s.filter(RunDirectory::isRunDirectory).max(Path::compareTo).orElse(null);
            return newest == null ? OptionalLong.empty() : lastMetricsStep(newest.resolve("metrics.csv"));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty(); // being written: the next poll reads it
        }
    }

    /** The first column of the last complete row of a metrics file, 0 when it has only its header or is absent. */
    static OptionalLong lastMetricsStep(Path metrics) throws IOException {
        if (!Files.isRegularFile(metrics)) {
            return OptionalLong.of(0);
        }
        List<String> lines = Files.readAllLines(metrics);
        for (int i = lines.size() - 1; i >= 1; i--) {
            String first = lines.get(i).split(",", 2)[0];
            if (first.matches("\\d+")) {
                return OptionalLong.of(Long.parseLong(first));
            }
        }
        return OptionalLong.of(0);
    }
}
