package io.gan4j.experiments;

import io.gan4j.core.checkpoint.CheckpointException;
import io.gan4j.core.checkpoint.CheckpointStore;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Fault injection by {@code kill -9}: trains a config in a child JVM, kills it (SIGKILL, no shutdown hooks) at a
 * random moment after its first checkpoint — some kills land while a checkpoint is being written — then resumes it in
 * another child JVM and checks, per trial:
 * <ul>
 *   <li>every checkpoint directory left on disk verifies (checksums, metadata), and {@code latest} names one;</li>
 *   <li>no checkpoint that was complete before the kill is lost;</li>
 *   <li>{@code resume} succeeds and the finished run equals an uninterrupted run of the same config: the same losses
 *       at every logged step, bit-identical parameters and optimizer state in the final checkpoint.</li>
 * </ul>
 * The config should checkpoint often and keep every checkpoint ({@code train.keepCheckpoints} large), so that a
 * missing checkpoint means a lost one. Used by {@code gan4j bench --kill-trials N} and, with a few trials, by the test
 * suite.
 */
final class KillTrials {
    /** {@code gan4j bench --kill-trials N} and its settings (options mixed into {@link BenchCommand}). */
    static final class Options {
        @Option(names = "--kill-trials", paramLabel = "N", description = "Fault injection instead of timing: train CONFIG in"
                + " a child JVM, kill -9 it at a random moment after its first checkpoint, resume it, N times; check that no"
                + " checkpoint is corrupt or lost and every resumed run equals an uninterrupted one (exit 1 otherwise)."
                + " Give short runs that checkpoint often and keep every checkpoint, e.g. --set train.iterations=60"
                + " --set train.checkpointEvery=2 --set train.keepCheckpoints=1000.")
        Integer killTrials;

        @Option(names = "--kill-seed", defaultValue = "1", description = "Seed of the kill moments (default ${DEFAULT-VALUE}).")
        long killSeed;

        @Option(names = "--kill-dir", paramLabel = "DIR", description = "Folder for the kill trials' runs (default: a new"
                + " temporary folder).")
        Path killDir;

        /** Whether {@code --kill-trials} asks for this mode. */
        boolean requested() {
            return killTrials != null;
        }

        /** Runs the trials on {@code config} with its {@code --set} overrides; exit 1 when any trial is not clean. */
        int run(Path config, List<String> overrides, PrintWriter out) throws IOException, InterruptedException {
            Path dir = killDir != null ? killDir : Files.createTempDirectory("gan4j-kill-trials-");
            out.println("kill trials of " + config + " in " + dir);
            Outcome outcome = new KillTrials(config, overrides, dir, killSeed, out).run(killTrials);
            print(out, outcome);
            return outcome.clean() ? ExitCode.OK : ExitCode.FAILURE;
        }
    }

    /** Counts over all trials; {@link #problems} says what went wrong where. */
    record Outcome(int trials, int killedDuringCheckpointWrite, int checkpointsOnDisk, int corruptCheckpoints,
                   int lostCheckpoints, int failedResumes, int runsDifferingFromUninterrupted, List<String> problems) {
        boolean clean() {
            return corruptCheckpoints == 0 && lostCheckpoints == 0 && failedResumes == 0
                    && runsDifferingFromUninterrupted == 0;
        }
    }

    private final Path config;
    private final List<String> overrides;
    private final Path work;
    private final Random random;
    private final PrintWriter log;

    /**
     * @param config    the experiment config
     * @param overrides {@code --set} overrides for every run (e.g. short runs that checkpoint often)
     * @param work      an empty folder for the runs
     * @param seed      seed of the kill moments
     * @param log       progress, one line per trial
     */
    KillTrials(Path config, List<String> overrides, Path work, long seed, PrintWriter log) {
        this.config = config;
        this.overrides = List.copyOf(overrides);
        this.work = work;
        this.random = new Random(seed);
        this.log = log;
    }

    Outcome run(int trials) throws IOException, InterruptedException {
        if (trials < 1) {
            throw new UserInputException("--kill-trials must be >= 1, found " + trials);
        }
        Files.createDirectories(work);
        Reference reference = runUninterrupted();
        Tally tally = new Tally();
        for (int t = 1; t <= trials; t++) {
            trial(t, reference, tally);
        }
        return new Outcome(trials, tally.midWrite, tally.onDisk, tally.corrupt, tally.lost, tally.failedResumes,
                tally.differing, tally.problems);
    }

    /** What every resumed run must equal, and how long after the first checkpoint a kill may land. */
    private record Reference(List<String> losses, Map<String, byte[]> state, double killWindowSeconds) {
    }

    /** The counts of {@link Outcome}, gathered trial by trial. */
    private static final class Tally {
        int midWrite;
        int onDisk;
        int corrupt;
        int lost;
        int failedResumes;
        int differing;
        final List<String> problems = new ArrayList<>();
    }

    private Reference runUninterrupted() throws IOException, InterruptedException {
        Path referenceOut = work.resolve("uninterrupted");
        long t0 = System.nanoTime();
        ChildRun reference = start("train", referenceOut, config.toString());
        double firstCheckpointAt = -1;
        while (reference.process.isAlive()) {
            if (firstCheckpointAt < 0 && !completeCheckpoints(referenceOut).isEmpty()) {
                firstCheckpointAt = (System.nanoTime() - t0) / 1e9;
            }
            Thread.sleep(10);
        }
        double total = (System.nanoTime() - t0) / 1e9;
        if (reference.process.exitValue() != 0) {
            throw new IllegalStateException("the uninterrupted run failed (exit " + reference.process.exitValue()
                    + "), see " + reference.log);
        }
        Path referenceRun = onlyRun(referenceOut);
        // After the first checkpoint there is this long to kill the child before it finishes.
        double window = Math.max(0.05, (total - Math.max(0, firstCheckpointAt)) * 0.9);
        log.printf(Locale.ROOT, "uninterrupted run: %.1f s, first checkpoint after %.1f s, %d checkpoints%n", total,
                firstCheckpointAt, completeCheckpoints(referenceOut).size());
        return new Reference(losses(referenceRun), finalState(referenceRun), window);
    }

    /** One trial: train, kill at a random moment after the first checkpoint, check the disk, resume, compare. */
    private void trial(int t, Reference reference, Tally tally) throws IOException, InterruptedException {
        Path out = work.resolve("trial-" + t);
        ChildRun child = start("train", out, config.toString());
        Set<String> completeBeforeKill = new TreeSet<>();
        while (child.process.isAlive() && completeBeforeKill.isEmpty()) {
            completeBeforeKill.addAll(completeCheckpoints(out));
            Thread.sleep(5);
        }
        long killAt = System.nanoTime() + (long) (random.nextDouble() * reference.killWindowSeconds() * 1e9);
        while (child.process.isAlive() && System.nanoTime() < killAt) {
            completeBeforeKill.addAll(completeCheckpoints(out));
            Thread.sleep(2);
        }
        boolean killed = child.process.isAlive();
        child.process.destroyForcibly();
        child.process.waitFor();
        if (completeBeforeKill.isEmpty()) {
            tally.problems.add("trial " + t + ": the run ended before its first checkpoint appeared, see "
                    + child.log);
            tally.failedResumes++;
            return;
        }
        Path run = onlyRun(out);
        boolean duringWrite = hasTemporaries(run.resolve("checkpoints"));
        tally.midWrite += duringWrite ? 1 : 0;
        Set<String> present = checkCheckpointsOnDisk(t, out, completeBeforeKill, tally);
        String verdict = resumeAndCompare(t, run, reference, tally);
        log.printf(Locale.ROOT, "trial %d: %s, %d checkpoints on disk%s; %s%n", t,
                killed ? "killed" : "finished before the kill", present.size(),
                duringWrite ? " (killed while writing one)" : "", verdict);
        log.flush();
    }

    /** Counts corrupt and lost checkpoints of the killed run under {@code out}; returns the ones on disk. */
    private static Set<String> checkCheckpointsOnDisk(int t, Path out, Set<String> completeBeforeKill, Tally tally)
            throws IOException {
        Path checkpoints = onlyRun(out).resolve("checkpoints");
        Set<String> present = completeCheckpoints(out);
        tally.onDisk += present.size();
        for (String name : present) {
            try {
                CheckpointStore.read(checkpoints.resolve(name));
            } catch (CheckpointException e) {
                tally.corrupt++;
                tally.problems.add("trial " + t + ": corrupt checkpoint " + name + ": " + e.getMessage());
            }
        }
        try {
            if (new CheckpointStore(checkpoints).latest().isEmpty()) {
                tally.corrupt++;
                tally.problems.add("trial " + t + ": no latest checkpoint although " + present + " are on disk");
            }
        } catch (CheckpointException e) {
            tally.corrupt++;
            tally.problems.add("trial " + t + ": latest checkpoint unreadable: " + e.getMessage());
        }
        for (String name : completeBeforeKill) {
            if (!present.contains(name)) {
                tally.lost++;
                tally.problems.add("trial " + t + ": checkpoint " + name
                        + " was complete before the kill and is gone");
            }
        }
        return present;
    }

    /** Resumes the killed run to its end and compares it with the uninterrupted one; returns the verdict. */
    private String resumeAndCompare(int t, Path run, Reference reference, Tally tally)
            throws IOException, InterruptedException {
        ChildRun resume = start("resume", null, run.toString());
        int code = resume.process.waitFor();
        if (code != 0) {
            tally.failedResumes++;
            tally.problems.add("trial " + t + ": resume exited " + code + ", see " + resume.log);
            return "resume FAILED (exit " + code + ")";
        }
        List<String> why = new ArrayList<>();
        if (!losses(run).equals(reference.losses())) {
            why.add("losses differ");
        }
        Map<String, byte[]> state = finalState(run);
        for (Map.Entry<String, byte[]> e : reference.state().entrySet()) {
            if (!Arrays.equals(e.getValue(), state.get(e.getKey()))) {
                why.add(e.getKey() + " differs");
            }
        }
        if (!state.keySet().equals(reference.state().keySet())) {
            why.add("final checkpoint holds " + state.keySet() + ", expected " + reference.state().keySet());
        }
        if (why.isEmpty()) {
            return "resumed run equals the uninterrupted one";
        }
        tally.differing++;
        String verdict = "resumed run DIFFERS: " + String.join(", ", why);
        tally.problems.add("trial " + t + ": " + verdict);
        return verdict;
    }

    private record ChildRun(Process process, Path log) {
    }

    /** {@code gan4j <command> <arg>} in a child JVM like this one, its output in a log file beside the runs. */
    private ChildRun start(String command, Path outputDir, String arg) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-Xmx1g");
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-Dorg.eclipse.deeplearning4j.helpers.disable="
                + System.getProperty("org.eclipse.deeplearning4j.helpers.disable", "false"));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Gan4jCli.class.getName());
        cmd.add(command);
        cmd.add(arg);
        if (outputDir != null) {
            cmd.add("--set");
            cmd.add("train.outputDir=" + outputDir);
            for (String o : overrides) {
                cmd.add("--set");
                cmd.add(o);
            }
        }
        Path logFile = work.resolve((outputDir == null ? Path.of(arg).getFileName() + "-" + command
                : outputDir.getFileName() + "-" + command) + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        ChildEnv.apply(pb.environment());
        return new ChildRun(pb.start(), logFile);
    }

    /** Names of the complete checkpoint directories of the (single) run under {@code outputDir}. */
    private static Set<String> completeCheckpoints(Path outputDir) throws IOException {
        Set<String> names = new TreeSet<>();
        if (!Files.isDirectory(outputDir)) {
            return names;
        }
        try (Stream<Path> experiments = Files.list(outputDir)) {
            for (Path experiment : experiments.toList()) {
                try (Stream<Path> runs = Files.list(experiment)) {
                    for (Path run : runs.toList()) {
                        // The store's own rule for what is a checkpoint directory (not a temporary or set-aside one).
                        for (Path c : new CheckpointStore(run.resolve("checkpoints")).list()) {
                            names.add(c.getFileName().toString());
                        }
                    }
                }
            }
        } catch (java.nio.file.NoSuchFileException | CheckpointException raced) {
            // A folder appeared or vanished while listing: the next poll sees it.
        }
        return names;
    }

    private static boolean hasTemporaries(Path checkpoints) throws IOException {
        try (Stream<Path> s = Files.list(checkpoints)) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith("."));
        }
    }

    private static Path onlyRun(Path outputDir) throws IOException {
        try (Stream<Path> experiments = Files.list(outputDir)) {
            Path experiment = experiments.findFirst().orElseThrow(() -> new IllegalStateException(
                    "no experiment folder in " + outputDir));
            try (Stream<Path> runs = Files.list(experiment)) {
                List<Path> all = runs.toList();
                if (all.size() != 1) {
                    throw new IllegalStateException("expected one run in " + experiment + ", found " + all);
                }
                return all.get(0);
            }
        }
    }

    /** metrics.csv without its wall-clock columns ({@code elapsed_s}, {@code ms_per_step}). */
    static List<String> losses(Path run) throws IOException {
        List<String> rows = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.csv"))) {
            String[] f = line.split(",", -1);
            rows.add(f[0] + "," + String.join(",", Arrays.copyOfRange(f, Math.min(3, f.length), f.length)));
        }
        return rows;
    }

    /**
     * The parameters, optimizer state and model state of the run's latest checkpoint, as bytes by name: the
     * {@code coefficients.bin} and {@code updaterState.bin} entries of each network's DL4J zip (the zip itself holds
     * timestamps) and every {@code *.state.bin} file.
     */
    static Map<String, byte[]> finalState(Path run) throws IOException {
        CheckpointStore.Checkpoint latest = new CheckpointStore(run.resolve("checkpoints")).latest()
                .orElseThrow(() -> new IllegalStateException("no checkpoint in " + run));
        Map<String, byte[]> state = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(latest.dir())) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".zip")) {
                    try (ZipFile zip = new ZipFile(f.toFile())) {
                        for (String entry : List.of("coefficients.bin", "updaterState.bin")) {
                            ZipEntry e = zip.getEntry(entry);
                            if (e != null) {
                                try (InputStream in = zip.getInputStream(e)) {
                                    state.put(name + "!" + entry, in.readAllBytes());
                                }
                            }
                        }
                    }
                } else if (name.endsWith(".state.bin")) {
                    state.put(name, Files.readAllBytes(f));
                }
            }
        }
        state.put("step", latest.dir().getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return state;
    }

    /** The counts as a Markdown table. */
    static void print(PrintWriter o, Outcome r) {
        o.println("| trials | killed while writing a checkpoint | checkpoints on disk after the kills | corrupt | lost"
                + " | failed resumes | resumed runs differing from the uninterrupted one |");
        o.println("|---|---|---|---|---|---|---|");
        o.printf(Locale.ROOT, "| %d | %d | %d | %d | %d | %d | %d |%n", r.trials(), r.killedDuringCheckpointWrite(),
                r.checkpointsOnDisk(), r.corruptCheckpoints(), r.lostCheckpoints(), r.failedResumes(),
                r.runsDifferingFromUninterrupted());
        for (String p : r.problems()) {
            o.println("problem: " + p);
        }
        o.println(r.clean() ? "kill trials passed" : "kill trials FAILED");
        o.flush();
    }
}
