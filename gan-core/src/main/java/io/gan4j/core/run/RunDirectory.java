package io.gan4j.core.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The directory of one run, {@code <outputDir>/<name>/<yyyyMMdd-HHmmss>/}, and the names of what it holds:
 * <pre>
 * config.json            the config file exactly as given
 * config.resolved.json   every field, after overrides and defaults: the run can be repeated from this alone
 * manifest.json          variant, config hash, seeds, versions, machine, sessions and their outcomes
 * metrics.csv            losses every logEvery steps
 * eval.csv               metrics of each periodic evaluation (eval.every)
 * eval.json              the latest full evaluation ({@code gan4j evaluate})
 * train.log              the console output
 * writer.lock            locked by the process writing the run (see {@link RunLock}); its text names the last writer
 * samples/               sample grids (PNG) at fixed latent codes
 * checkpoints/           step-NNNNNNNN/ checkpoints, latest and best pointers
 * </pre>
 */
public final class RunDirectory {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private final Path root;

    private RunDirectory(Path root) {
        this.root = root;
    }

    /**
     * Creates a new run directory; when a run of the same name started in the same second, a suffix
     * {@code -2}, {@code -3}... keeps them apart.
     *
     * @throws IOException naming the directory when it cannot be created (read-only or full disk)
     */
    public static RunDirectory create(Path outputDir, String name, LocalDateTime now) throws IOException {
        Path parent = outputDir.resolve(name);
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new IOException(parent + ": cannot create the run directory: " + describe(e), e);
        }
        String stamp = STAMP.format(now);
        for (int i = 1; ; i++) {
            Path candidate = parent.resolve(i == 1 ? stamp : stamp + "-" + i);
            try {
                Files.createDirectory(candidate);
                RunDirectory run = new RunDirectory(candidate);
                Files.createDirectories(run.samples());
                Files.createDirectories(run.checkpoints());
                return run;
            } catch (FileAlreadyExistsException e) {
                // try the next suffix
            } catch (IOException e) {
                throw new IOException(candidate + ": cannot create the run directory: " + describe(e), e);
            }
        }
    }

    /**
     * An existing run directory (for resume, sample, evaluate).
     *
     * @throws RunDirectoryException when {@code root} is not a run directory (the user gave the wrong folder)
     */
    public static RunDirectory open(Path root) throws IOException {
        RunDirectory run = new RunDirectory(root);
        if (!Files.isRegularFile(run.resolvedConfig())) {
            throw new RunDirectoryException(root + ": not a run directory: it has no "
                    + run.resolvedConfig().getFileName() + " (a run directory is <outputDir>/<name>/<timestamp>, as"
                    + " printed by gan4j train)");
        }
        return run;
    }

    /**
     * Whether {@code dir} looks like a run directory: a resolved config and a manifest. (A checkpoint directory
     * holds a resolved config too, but no manifest.)
     */
    public static boolean isRunDirectory(Path dir) {
        return Files.isRegularFile(dir.resolve("config.resolved.json")) && Files.isRegularFile(dir.resolve("manifest.json"));
    }

    /**
     * The runs a folder holds, as {@code gan4j runs} and the dashboard list them: {@code root} itself when it is a
     * run, else its {@code <name>/<timestamp>} runs (two levels down), sorted by path; none when {@code root} is not a
     * folder.
     *
     * @throws UncheckedIOException when the folder cannot be listed
     */
    public static List<Path> runsUnder(Path root) {
        if (isRunDirectory(root)) {
            return List.of(root);
        }
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.find(root, 2, (p, a) -> a.isDirectory() && isRunDirectory(p))) {
            return s.sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(root + ": cannot list: " + e.getMessage(), e);
        }
    }

    public Path root() {
        return root;
    }

    public Path givenConfig() {
        return root.resolve("config.json");
    }

    public Path resolvedConfig() {
        return root.resolve("config.resolved.json");
    }

    public Path manifest() {
        return root.resolve("manifest.json");
    }

    public Path metrics() {
        return root.resolve("metrics.csv");
    }

    /** Metrics of the periodic evaluations during training. */
    public Path evalCsv() {
        return root.resolve("eval.csv");
    }

    public Path log() {
        return root.resolve("train.log");
    }

    public Path samples() {
        return root.resolve("samples");
    }

    public Path checkpoints() {
        return root.resolve("checkpoints");
    }

    /** TensorBoard event files ({@code train.tensorboard}); made by the first session that writes one. */
    public Path tensorboard() {
        return root.resolve("tensorboard");
    }

    @Override
    public String toString() {
        return root.toString();
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName().replace("Exception", "") + (m == null ? "" : " " + m);
    }
}
