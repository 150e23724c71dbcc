package io.gan4j.experiments.compare;

import io.gan4j.core.api.ConfigException;
import io.gan4j.core.api.VariantRegistry;
import io.gan4j.core.checkpoint.CheckpointStore;
import io.gan4j.core.config.ConfigLoader;
import io.gan4j.core.config.LoadedConfig;
import io.gan4j.core.eval.EvalReport;
import io.gan4j.core.eval.ResultsTable;
import io.gan4j.core.run.RunEvaluation;
import io.gan4j.core.io.AtomicFiles;
import io.gan4j.core.run.ExperimentRunner;
import io.gan4j.core.io.Json;
import io.gan4j.core.run.RunDirectory;
import io.gan4j.core.run.RunFilesCheck;
import io.gan4j.core.run.RunManifest;
import io.gan4j.core.train.TrainingListener.Outcome;
import io.gan4j.experiments.UserInputException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Collects runs (training a sweep's runs first when given a sweep), makes sure each has a current final
 * evaluation, refuses to compare runs evaluated on different terms, and writes the report.
 *
 * @param registry   the variants the runs' configs name
 * @param samples    generated samples for runs that need evaluating
 * @param reevaluate evaluate every run even when its eval.json matches its latest checkpoint
 * @param log        where progress lines go
 */
public record Compare(VariantRegistry registry, int samples, boolean reevaluate, PrintWriter log) {

    /**
     * Where the report went.
     *
     * @param dir   the output directory
     * @param index its index.html
     * @param interruptedRun the sweep's run that was interrupted (then no report was made), or null
     */
    public record Result(Path dir, Path index, Path interruptedRun) {
        public Result(Path dir, Path index) {
            this(dir, index, null);
        }
    }

    /** Trains (or reuses, or resumes) every run of a sweep, then compares them; no stop handling. */
    public Result sweep(Path file, Path out) throws IOException {
        return sweep(file, out, () -> ExperimentRunner.NO_HOOKS);
    }

    /**
     * Trains (or reuses, or resumes) every run of a sweep, then compares them.
     *
     * @param hooks new hooks for each run trained or resumed (the CLI's: train.log and the Ctrl-C handler); closed
     *              after the run when they are {@link AutoCloseable}
     * @return the report, or, when a run was interrupted (Ctrl-C, SIGTERM), a result naming that run and no report:
     *         the sweep stops there, and the same command later resumes it
     */
    public Result sweep(Path file, Path out, Supplier<? extends ExperimentRunner.Hooks> hooks) throws IOException {
        Sweep sweep = Sweep.read(file);
        List<SweepEngine.RunSpec> specs = runSpecs(sweep, null);
        List<Path> runs = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            log.printf("sweep %s: run %d of %d, %s%n", sweep.name(), i + 1, specs.size(), specs.get(i).runName());
            log.flush();
            ExperimentRunner.Result r = trainOrReuse(registry, specs.get(i), hooks, log);
            if (r.outcome() == Outcome.STOPPED) {
                return new Result(null, null, r.dir().root());
            }
            runs.add(r.dir().root());
        }
        return compare(runs, List.of(), sweepReportDir(sweep, specs, out), "Sweep " + sweep.name());
    }

    /**
     * Has {@code engine} train every run of a sweep, then compares the runs that finished; the runs that failed
     * (an invalid combination, divergence, ...) are listed in the report with their reasons.
     */
    public Result sweep(Path file, Path out, SweepEngine engine, SweepEngine.Options options) throws IOException {
        Sweep sweep = Sweep.read(file);
        List<SweepEngine.RunOutcome> invalid = new ArrayList<>();
        List<SweepEngine.RunSpec> specs = runSpecs(sweep, invalid);
        log.printf("sweep %s: %d runs on %s%n", sweep.name(), specs.size() + invalid.size(), engine.name());
        log.flush();
        List<SweepEngine.RunOutcome> outcomes = specs.isEmpty() ? List.of() : engine.train(specs, options, log);
        List<Path> runs = new ArrayList<>();
        List<SweepEngine.RunOutcome> failed = new ArrayList<>(invalid);
        for (SweepEngine.RunOutcome o : outcomes) {
            if (o.isFailed()) {
                failed.add(o);
            } else {
                runs.add(Path.of(o.runDir()));
            }
        }
        if (runs.isEmpty()) {
            throw new UserInputException("sweep " + sweep.name() + ": every run failed; the first: "
                    + failed.get(0).runName() + ": " + failed.get(0).failure());
        }
        return compare(runs, failed, sweepReportDir(sweep, specs, out), "Sweep " + sweep.name());
    }

    /**
     * The sweep's runs with their configs checked; an invalid combination throws, or, given {@code invalid}, is
     * added there as failed.
     */
    private List<SweepEngine.RunSpec> runSpecs(Sweep sweep, List<SweepEngine.RunOutcome> invalid) {
        ConfigLoader loader = new ConfigLoader(registry);
        List<SweepEngine.RunSpec> specs = new ArrayList<>();
        for (Sweep.Combination c : sweep.combinations()) {
            try {
                LoadedConfig config = loader.load(sweep.base(), c.overrides());
                String outputDir = Path.of(config.config().train().outputDir()).toAbsolutePath().normalize().toString();
                // With --reevaluate the report evaluates every run itself, so an engine's evaluation would be wasted.
                specs.add(new SweepEngine.RunSpec(c.runName(), sweep.base().toAbsolutePath().toString(),
                        c.overrides(), outputDir, config.config().train().iterations(), reevaluate ? 0 : samples));
            } catch (ConfigException e) {
                if (invalid == null) {
                    throw e;
                }
                invalid.add(SweepEngine.RunOutcome.failed(c.runName(), e.getMessage()));
            }
        }
        return specs;
    }

    private static Path sweepReportDir(Sweep sweep, List<SweepEngine.RunSpec> specs, Path out) {
        return out != null ? out : Path.of(specs.get(specs.size() - 1).outputDir()).resolve(sweep.name())
                .resolve("compare");
    }

    /**
     * Trains one run of a sweep, or resumes it from its newest checkpoint when an earlier attempt left one, or reuses
     * it when it finished. Runs wherever the run is trained (an engine's worker too): the configs are read by path.
     *
     * @param hooks new hooks for the run when it trains; closed after it when they are {@link AutoCloseable}
     * @return how the run ended; {@link ExperimentRunner.Result#alreadyFinished()} for a run reused as it was
     * @throws ConfigException when the combination does not fit its data; also {@code DataException},
     *                         {@code DivergenceException}, {@code CheckpointException} as {@link ExperimentRunner} throws
     */
    public static ExperimentRunner.Result trainOrReuse(VariantRegistry registry, SweepEngine.RunSpec spec,
                                                       Supplier<? extends ExperimentRunner.Hooks> hooks,
                                                       PrintWriter log) throws IOException {
        List<String> overrides = new ArrayList<>(spec.overrides());
        LoadedConfig config = new ConfigLoader(registry).load(Path.of(spec.baseConfig()), overrides);
        if (!Path.of(config.config().train().outputDir()).isAbsolute()) {
            // Relative to the driver's folder: a worker's working folder is another one.
            overrides.add("train.outputDir=" + Json.MAPPER.writeValueAsString(spec.outputDir()));
            config = new ConfigLoader(registry).load(Path.of(spec.baseConfig()), overrides);
        }
        Path outputRoot = Path.of(config.config().train().outputDir());
        Optional<Path> existing = findRun(outputRoot.resolve(spec.runName()), config.sha256());
        if (existing.isPresent() && "completed".equals(manifest(existing.get()).status())) {
            log.println("  reusing finished run " + existing.get());
            RunDirectory dir = RunDirectory.open(existing.get());
            return new ExperimentRunner.Result(dir, Outcome.COMPLETED, config.config().train().iterations(), true);
        }
        return trainOrResume(new ExperimentRunner(registry), config, existing, hooks, log);
    }

    private static ExperimentRunner.Result trainOrResume(ExperimentRunner runner, LoadedConfig config,
                                                         Optional<Path> existing,
                                                         Supplier<? extends ExperimentRunner.Hooks> hooks,
                                                         PrintWriter log) throws IOException {
        ExperimentRunner.Hooks h = hooks.get();
        try {
            ExperimentRunner.Result r;
            if (existing.isPresent() && hasCheckpoint(existing.get())) {
                log.println("  resuming " + existing.get());
                log.flush();
                r = runner.resume(existing.get(), List.of(), false, h);
            } else {
                r = runner.train(config, h);
            }
            if (r.outcome() == Outcome.STOPPED) {
                // Said here, before the hooks are closed: closing them lets a stopping JVM halt.
                log.println("sweep interrupted in " + r.dir().root() + "; run the same command again to resume it"
                        + " and go on");
                log.flush();
            }
            return r;
        } finally {
            if (h instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (IOException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** Compares the given runs (a directory that is not itself a run stands for the runs inside it). */
    public Result runs(List<Path> inputs, Path out) throws IOException {
        List<Path> runs = new ArrayList<>();
        for (Path p : inputs) {
            if (RunDirectory.isRunDirectory(p)) {
                runs.add(p);
            } else if (Files.isDirectory(p)) {
                List<Path> inside = runsUnder(p);
                if (inside.isEmpty()) {
                    throw new UserInputException(p + ": no run directories (config.resolved.json) inside");
                }
                runs.addAll(inside);
            } else {
                throw new UserInputException(p + ": not a run directory");
            }
        }
        if (runs.size() < 2) {
            throw new UserInputException("compare needs at least two runs, found " + runs.size());
        }
        Path dir = out != null ? out : runs.get(0).toAbsolutePath().getParent().getParent()
                .resolve("compare-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        return compare(runs, List.of(), dir, "Comparison of " + runs.size() + " runs");
    }

    private Result compare(List<Path> runDirs, List<SweepEngine.RunOutcome> failed, Path dir, String title)
            throws IOException {
        Comparison cmp = new Comparison(comparableRecords(runDirs));
        Files.createDirectories(dir);
        AtomicFiles.writeString(dir.resolve("results.md"), "# " + title + "\n\n" + cmp.markdown()
                + failedMarkdown(failed));
        AtomicFiles.writeString(dir.resolve("results.csv"), cmp.csv());
        List<String[]> plots = plots(cmp, dir);
        List<String> grids = copyGrids(cmp, dir);
        Path index = dir.resolve("index.html");
        AtomicFiles.writeString(index, HtmlReport.render(title, cmp, plots, grids, failed));
        log.print(cmp.markdown() + failedMarkdown(failed));
        log.println("results: " + dir.resolve("results.md") + ", " + dir.resolve("results.csv"));
        log.flush();
        return new Result(dir, index);
    }

    /** A section naming the runs that failed and why; empty when none did. */
    private static String failedMarkdown(List<SweepEngine.RunOutcome> failed) {
        if (failed.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("\n## Failed runs\n\n| Run | Reason |\n|---|---|\n");
        for (SweepEngine.RunOutcome f : failed) {
            md.append("| ").append(f.runName()).append(" | ")
                    .append(f.failure().replace("|", "\\|").replace("\n", " ")).append(" |\n");
        }
        return md.toString();
    }

    /** Each run with a current evaluation; refused when two were evaluated on different terms or data. */
    private List<RunRecord> comparableRecords(List<Path> runDirs) throws IOException {
        ConfigLoader loader = new ConfigLoader(registry);
        List<RunRecord> records = new ArrayList<>();
        for (Path p : runDirs) {
            // Before any run is evaluated (which writes its eval.json): a damaged one would stop the comparison.
            RunFilesCheck.requireIntact(RunDirectory.open(p));
        }
        for (Path p : runDirs) {
            RunDirectory run = RunDirectory.open(p);
            EvalReport report = currentReport(run);
            records.add(new RunRecord(run, manifest(p), loader.loadResolved(run.resolvedConfig()),
                    RunRecord.readCsv(run.metrics()), RunRecord.readCsv(run.evalCsv()), report));
        }
        RunRecord first = records.get(0);
        for (RunRecord r : records.subList(1, records.size())) {
            String why = ResultsTable.incompatibility(first.report(), r.report());
            if (why != null) {
                throw new UserInputException("cannot compare " + first.dir() + " with " + r.dir() + ": " + why);
            }
        }
        return records;
    }

    /** Draws the curves the runs have data for; returns each image's file name and caption. */
    private static List<String[]> plots(Comparison cmp, Path dir) throws IOException {
        List<String[]> plots = new ArrayList<>();
        String perInterval = " (mean over each logging interval)";
        if (Plots.lines(cmp, dir.resolve("loss-d.png"), "Discriminator loss", "d_loss", "d_loss", RunRecord::metrics)) {
            plots.add(new String[] {"loss-d.png", "Discriminator loss" + perInterval});
        }
        if (Plots.lines(cmp, dir.resolve("loss-g.png"), "Generator loss", "g_loss", "g_loss", RunRecord::metrics)) {
            plots.add(new String[] {"loss-g.png", "Generator loss" + perInterval});
        }
        if (Plots.lines(cmp, dir.resolve("wasserstein.png"), "Critic's Wasserstein estimate", "mean D(x) - mean D(G(z))",
                "wasserstein", RunRecord::metrics)) {
            plots.add(new String[] {"wasserstein.png", "The WGAN critic's Wasserstein estimate, mean D(x) − mean D(G(z)) "
                    + perInterval.substring(1)});
        }
        List<String> estimateRuns = Plots.against(cmp, dir.resolve("wasserstein-vs-fid.png"),
                "Wasserstein estimate", "wasserstein", "FID", "fid");
        if (!estimateRuns.isEmpty()) {
            plots.add(new String[] {"wasserstein-vs-fid.png", "FID at each periodic evaluation against the critic's "
                    + "Wasserstein estimate logged at that step (one panel per run, points labelled by step): "
                    + String.join("; ", estimateRuns)});
        }
        for (String m : Comparison.METRICS) {
            if (m.startsWith("identity_")) {
                continue; // the identity baseline does not change during training
            }
            String file = "eval-" + m.replace('_', '-') + ".png";
            String name = Comparison.header(m);
            if (Plots.lines(cmp, dir.resolve(file), name + " during training", name, m, RunRecord::evals)) {
                plots.add(new String[] {file, name + " at each periodic evaluation (eval.csv)"});
            }
        }
        return plots;
    }

    /** Copies each run's latest sample grid into {@code dir/samples}; null for a run without one, in group order. */
    private static List<String> copyGrids(Comparison cmp, Path dir) throws IOException {
        List<String> grids = new ArrayList<>();
        Path gridDir = dir.resolve("samples");
        int i = 0;
        for (Comparison.Group g : cmp.groups()) {
            for (RunRecord r : g.runs()) {
                Path grid = r.dir().samples().resolve("latest.png");
                if (Files.exists(grid)) {
                    String name = String.format("samples/%02d-%s.png", ++i, r.manifest().name());
                    Files.createDirectories(gridDir);
                    byte[] bytes = Files.readAllBytes(grid);
                    AtomicFiles.write(dir.resolve(name), out -> out.write(bytes));
                    grids.add(name);
                } else {
                    grids.add(null);
                }
            }
        }
        return grids;
    }

    /** The run's eval.json when it describes the latest checkpoint, else a fresh evaluation (written to eval.json). */
    private EvalReport currentReport(RunDirectory run) throws IOException {
        return currentEvaluation(registry, run, samples, reevaluate, log);
    }

    /**
     * The run's final evaluation as a report needs it: its {@code eval.json} when that describes the latest checkpoint
     * with {@code samples} generated samples (and {@code reevaluate} is false), else a fresh evaluation, written to
     * {@code eval.json}. Sweep engines call it where a run was trained, so that the report finds it current.
     *
     * @param log gets one line when the run is evaluated
     */
    public static EvalReport currentEvaluation(VariantRegistry registry, RunDirectory run, int samples,
                                               boolean reevaluate, PrintWriter log) throws IOException {
        Path file = run.root().resolve(RunEvaluation.FILE);
        long latest = new CheckpointStore(run.checkpoints()).latest()
                .orElseThrow(() -> new UserInputException(run + ": has no checkpoint to evaluate"))
                .info().step();
        if (!reevaluate && Files.exists(file)) {
            EvalReport existing = Json.read(file, EvalReport.class);
            if (existing.source().step() != null && existing.source().step() == latest
                    && existing.generatedCount() == samples) {
                return existing;
            }
        }
        log.println("evaluating " + run + " (" + samples + " samples)");
        log.flush();
        return RunEvaluation.evaluateRun(registry, run.root(), RunEvaluation.Options.defaults(samples));
    }

    private static RunManifest manifest(Path run) throws IOException {
        return Json.read(run.resolve("manifest.json"), RunManifest.class);
    }

    private static boolean hasCheckpoint(Path run) {
        return !new CheckpointStore(run.resolve("checkpoints")).list().isEmpty();
    }

    /** The newest run under {@code nameDir} trained with exactly this config. */
    private static Optional<Path> findRun(Path nameDir, String sha) throws IOException {
        List<Path> newestFirst = runsUnder(nameDir);
        java.util.Collections.reverse(newestFirst);
        for (Path p : newestFirst) {
            try {
                if (sha.equals(manifest(p).configSha256())) {
                    return Optional.of(p);
                }
            } catch (IOException e) {
                // A run without a readable manifest cannot be reused.
            }
        }
        return Optional.empty();
    }

    private static List<Path> runsUnder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return new ArrayList<>();
        }
        try (Stream<Path> s = Files.walk(dir, 2)) {
            return new ArrayList<>(s.filter(RunDirectory::isRunDirectory).sorted(Comparator.comparing(Path::toString)).toList());
        }
    }
}
