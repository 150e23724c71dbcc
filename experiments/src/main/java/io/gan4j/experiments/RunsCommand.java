package io.gan4j.experiments;

import io.gan4j.core.io.Json;
import io.gan4j.core.run.RunDirectory;
import io.gan4j.core.run.RunLock;
import io.gan4j.core.run.RunManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code gan4j runs [DIR...]}: every run under the output directories, with its state as it is now. A session the
 * manifest records as running whose run nobody holds (see {@link RunLock}) is shown as killed: its process ended
 * without recording its end (kill -9, a crash, the machine stopped). Reads only; changes nothing.
 */
@Command(name = "runs", description = "List the runs under output directories (default: runs) with their state:"
        + " running, completed, interrupted, failed, diverged, or killed.")
final class RunsCommand extends CliCommand implements WithoutNd4j {
    /** Help of the DIR parameters of the commands that read runs under output directories. */
    static final String DIRS_HELP = "Output directories (<DIR>/<name>/<timestamp>/), or run directories; default: runs.";

    @Parameters(arity = "0..*", paramLabel = "DIR", description = DIRS_HELP)
    List<Path> dirs = new ArrayList<>();

    /**
     * One row of the listing.
     *
     * @param dir        the run directory
     * @param name       the experiment's name
     * @param variant    the variant
     * @param state      the state now (the manifest's, or killed)
     * @param step       the last step recorded or checkpointed
     * @param iterations the configured last step
     * @param changed    when the manifest last changed
     * @param holder     the live writer, if any
     */
    record Row(Path dir, String name, String variant, String state, long step, long iterations, Instant changed,
               Optional<RunLock.Holder> holder) {
    }

    @Override
    public Integer call() {
        PrintWriter out = stdout();
        List<Path> roots = roots(dirs);
        List<Row> rows = new ArrayList<>();
        for (Path root : roots) {
            for (Path run : RunDirectory.runsUnder(root)) {
                rows.add(row(run));
            }
        }
        if (rows.isEmpty()) {
            out.println("no runs under " + roots);
        }
        for (Row r : rows) {
            out.printf("%-12s %6d/%-6d %-12s %-10s %s  %s%s%n", r.state(), r.step(), r.iterations(), r.name(),
                    r.variant(), r.changed(), r.dir(),
                    r.holder().map(h -> "  (process " + h.pid() + " on " + h.host() + ")").orElse(""));
        }
        out.flush();
        return ExitCode.OK;
    }

    /**
     * The directories given, or {@code runs} when none was.
     *
     * @throws UserInputException naming the first that is not a directory
     */
    static List<Path> roots(List<Path> dirs) {
        List<Path> roots = dirs.isEmpty() ? List.of(Path.of("runs")) : dirs;
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                throw new UserInputException(root + ": no such directory (give the output directory of your runs,"
                        + " train.outputDir in their configs)");
            }
        }
        return roots;
    }


    static Row row(Path run) {
        Path manifestFile = run.resolve("manifest.json");
        RunManifest m;
        try {
            m = Json.read(manifestFile, RunManifest.class);
        } catch (IOException | RuntimeException e) {
            return new Row(run, run.getParent().getFileName().toString(), "?", "unreadable", 0, 0,
                    modified(manifestFile), Optional.empty());
        }
        Optional<RunLock.Holder> holder = RunLock.holder(run);
        String state = m.status(holder.isPresent());
        RunManifest.Session last = m.sessions().isEmpty() ? null : m.sessions().get(m.sessions().size() - 1);
        long step = last == null ? 0 : last.toStep() != null ? last.toStep() : latestCheckpointStep(run, last.fromStep());
        long iterations = last == null ? 0 : last.iterations();
        return new Row(run, m.name(), m.variant(), state, step, iterations, modified(manifestFile), holder);
    }

    /** The step named by the run's {@code latest} pointer (cheap: the checkpoint itself is not read). */
    private static long latestCheckpointStep(Path run, long otherwise) {
        try {
            String name = Files.readString(run.resolve("checkpoints").resolve("latest"), StandardCharsets.UTF_8).trim();
            return name.matches("step-\\d{8}") ? Long.parseLong(name.substring(5)) : otherwise;
        } catch (IOException e) {
            return otherwise;
        }
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }
}
