package io.gan4j.experiments;

import io.gan4j.core.config.EvalReference;
import io.gan4j.core.eval.EvalReport;
import io.gan4j.core.metrics.ClassifierDomain;
import io.gan4j.core.run.RunDirectory;
import io.gan4j.core.run.RunEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** {@code gan4j evaluate RUN_DIR|CHECKPOINT|SAMPLES.idx.gz [--n 10000] [--against heldout|train|FILE]}. */
@Command(name = "evaluate", description = "Score generated samples against real data: FID, KID, IS, precision and"
        + " recall in the shipped domain classifier's feature space, and class coverage (for 2-D data: modes covered"
        + " and high-quality share; for a translation model such as pix2pix, L1, PSNR and SSIM on held-out pairs"
        + " with the identity baseline, and eval.png of input | output | target rows). Writes eval.json into a run directory, or <checkpoint>.eval.json /"
        + " <samples>.eval.json beside a checkpoint directory or samples file.")
final class EvaluateCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "RUN_DIR|CHECKPOINT|SAMPLES.idx.gz",
            description = "A run directory (its latest checkpoint), a checkpoint directory, or an IDX file of samples.")
    Path source;

    /** Most samples one evaluation generates: FID's estimate settles long before, and all are held at once. */
    static final int MAX_N = 100_000;

    @Option(names = "--n", defaultValue = "10000", description = "Samples to generate (default ${DEFAULT-VALUE}); for a translation model (pix2pix), held-out pairs to translate (at most all of them).")
    int n;

    @Option(names = "--against", paramLabel = "heldout|train|FILE",
            description = "Real data: the data set's held-out split (default), its training split, or an IDX image file.")
    String against;

    @Option(names = "--features", paramLabel = "mnist|fashion-mnist",
            description = "Feature network (default: the one matching the run's data; required for a samples file).")
    String features;

    @Option(names = "--seed", description = "Seed of the latent codes (default: derived from the run's seed).")
    Long seed;

    @Mixin
    BestCheckpoint checkpoint;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the report (default: see above).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (n < 10 || n > MAX_N) {
            throw new UserInputException("--n must be in [10, " + MAX_N + "], found " + n);
        }
        EvalReference ref = null;
        Path refFile = null;
        if (against != null) {
            switch (against.toLowerCase(Locale.ROOT)) {
                case "heldout" -> ref = EvalReference.HELDOUT;
                case "train" -> ref = EvalReference.TRAIN;
                default -> {
                    refFile = Path.of(against);
                    if (!Files.isRegularFile(refFile)) {
                        throw new UserInputException("--against must be heldout, train or an IDX file, found '" + against + "'");
                    }
                }
            }
        }
        ClassifierDomain domain = null;
        if (features != null) {
            try {
                domain = ClassifierDomain.of(features);
            } catch (IllegalArgumentException e) {
                throw new UserInputException("--features: " + e.getMessage());
            }
        }
        RunEvaluation.Options o = new RunEvaluation.Options(n, ref, refFile, domain, seed, checkpoint.best, out);
        boolean samples = Files.isRegularFile(source);
        if (!samples && !Files.isRegularFile(source.resolve("checkpoint.json")) && !RunDirectory.isRunDirectory(source)) {
            throw new UserInputException(source + ": not a run directory, a checkpoint directory or an IDX file");
        }
        EvalReport report = samples ? RunEvaluation.evaluateSamples(source, o)
                : RunEvaluation.evaluateRun(Gan4jCli.registry(), source, o);
        print(stdout(), report);
        return ExitCode.OK;
    }

    /** A readable table of a report: each metric with the counts it was computed from. */
    static void print(PrintWriter out, EvalReport r) {
        boolean unpaired = r.summary().containsKey("cycle_l1");
        boolean translation = unpaired || r.summary().containsKey("identity_l1");
        out.printf(Locale.ROOT, "evaluated %s%s: %d %s vs %s (%d %s)%s%n", r.source().path(),
                r.source().step() == null ? "" : " at step " + r.source().step(), r.generatedCount(),
                unpaired ? "images of each domain translated both ways" : translation ? "translated inputs"
                        : "generated samples", r.reference(), r.referenceCount(),
                unpaired ? "A images" : translation ? "pairs" : "examples",
                r.features() == null ? "" : ", features: " + r.features().displayName());
        Map<String, Double> m = r.summary();
        int width = m.keySet().stream().mapToInt(k -> label(k, r).length()).max().orElse(0);
        for (Map.Entry<String, Double> e : m.entrySet()) {
            String key = e.getKey();
            if (key.endsWith("_std") && m.containsKey(key.substring(0, key.length() - 4))) {
                continue;
            }
            String value = key.endsWith("_covered") ? String.valueOf(Math.round(e.getValue())) : format(e.getValue());
            Double std = m.get(key + "_std");
            out.printf(Locale.ROOT, "  %-" + width + "s  %s%s%n", label(key, r), value, std == null ? "" : " ± " + format(std));
        }
        out.flush();
    }

    private static String label(String key, EvalReport r) {
        String features = r.features() == null ? "" : " (" + r.features().displayName() + ")";
        return switch (key) {
            case "fid" -> "FID" + features;
            case "kid" -> "KID" + features;
            case "is" -> "IS" + features;
            default -> key;
        };
    }

    private static String format(double v) {
        return Math.abs(v) >= 1e4 || (v != 0 && Math.abs(v) < 1e-3) ? String.format(Locale.ROOT, "%.4g", v)
                : String.format(Locale.ROOT, "%.4f", v);
    }
}
