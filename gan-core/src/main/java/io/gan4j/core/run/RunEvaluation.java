package io.gan4j.core.run;

import io.gan4j.core.api.ConfigException;
import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.api.Seeds;
import io.gan4j.core.api.EvaluationKind;
import io.gan4j.core.api.GanModel;
import io.gan4j.core.api.MetricContext;
import io.gan4j.core.api.VariantRegistry;
import io.gan4j.core.backend.Provenance;
import io.gan4j.core.config.EvalConfig;
import io.gan4j.core.config.EvalReference;
import io.gan4j.core.config.ExperimentConfig;
import io.gan4j.core.data.ArrayDataset;
import io.gan4j.core.data.DataConfig;
import io.gan4j.core.data.GaussianMixture2D;
import io.gan4j.core.data.IdxData;
import io.gan4j.core.data.IdxFile;
import io.gan4j.core.data.PairedSource;
import io.gan4j.core.data.UnpairedSource;
import io.gan4j.core.eval.CycleEvaluator;
import io.gan4j.core.eval.EvalReport;
import io.gan4j.core.eval.Evaluation;
import io.gan4j.core.eval.Evaluator;
import io.gan4j.core.eval.PairedTranslationEvaluator;
import io.gan4j.core.eval.TranslationEvaluator;
import io.gan4j.core.image.ImageGrid;
import io.gan4j.core.io.Json;
import io.gan4j.core.metrics.ClassifierDomain;
import io.gan4j.core.metrics.DomainClassifier;
import io.gan4j.core.metrics.FeatureNetwork;
import io.gan4j.core.metrics.KernelInceptionDistance;
import io.gan4j.core.metrics.MetricsVersion;
import io.gan4j.core.train.ProgressListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code gan4j evaluate}: scores a trained model (a run's latest or best checkpoint, or a checkpoint directory) or
 * an IDX file of samples made by any tool, against real data, and writes {@code eval.json}. Scoring files from
 * other tools is how other frameworks are compared on equal terms.
 */
public final class RunEvaluation {
    /**
     * Where the stages of a long evaluation are announced (loading, generating, scoring: 25 s for 10,000 samples on
     * 2 cores), on the training progress logger so that the CLI shows them as it shows training progress.
     */
    private static final Logger PROGRESS = LoggerFactory.getLogger(ProgressListener.LINES_LOGGER);
    /** The report's file name. */
    public static final String FILE = "eval.json";
    /** Seed component of the evaluation's latent codes, derived from the experiment's master seed. */
    public static final String SEED_COMPONENT = "eval";

    private RunEvaluation() {
    }

    /**
     * What to evaluate against and with.
     *
     * @param n           generated samples (ignored for sample files)
     * @param against     real data: heldout or train; null = the run's {@code eval.against}
     * @param againstFile an IDX image file of real examples instead of {@code against}, or null
     * @param features    the feature network; null = the run's {@code eval.features} or the data's own
     * @param seed        seed of the latent codes; null = derived from the run's seed
     * @param best        evaluate the run's best checkpoint instead of its latest
     * @param out         where to write the report; null = {@code eval.json} in the run directory, or
     *                    {@code <checkpoint>.eval.json} beside a checkpoint directory
     */
    public record Options(int n, EvalReference against, Path againstFile, ClassifierDomain features, Long seed,
                          boolean best, Path out) {

        /** {@code n} samples, everything else from the run. */
        public static Options defaults(int n) {
            return new Options(n, null, null, null, null, false, null);
        }
    }

    /** Evaluates a run or checkpoint directory and writes its report. */
    public static EvalReport evaluateRun(VariantRegistry registry, Path source, Options o) throws IOException {
        ExperimentRunner.TrainedModel trained = new ExperimentRunner(registry).loadTrained(source, o.best());
        ExperimentConfig c = trained.config().config();
        long seed = o.seed() != null ? o.seed() : new Seeds(c.seed()).of(SEED_COMPONENT);
        refuseIgnoredOptions(trained, o, source.toString());
        if (translates(trained.model())) {
            return evaluateTranslation(trained, trained.model(), source, o, seed);
        }
        long start = System.nanoTime();
        PROGRESS.info("evaluate: {} at step {}: features of the reference data", source,
                trained.checkpoint().info().step());
        Evaluator evaluator = forRun(c, o.against(), o.againstFile(), o.features(), source.toString());
        PROGRESS.info("evaluate: generating {} samples ({})", o.n(), since(start));
        Evaluator.Generated generated = Evaluator.generateLabelled(trained.model(), o.n(), seed);
        PROGRESS.info("evaluate: scoring them against {} ({})", evaluator.referenceName(), since(start));
        Evaluation e = evaluator.evaluate(generated.samples(), generated.labels(), seed,
                KernelInceptionDistance.DEFAULT_SUBSETS)
                .plusModelMetrics(trained.model(), new MetricContext(o.n(), seed, evaluator.classifier()));
        EvalReport.Source what = sourceOf(trained, source);
        EvalReport report = report(what, evaluator, o.n(), seed, e);
        Json.write(o.out() != null ? o.out() : defaultReportFile(source), report);
        return report;
    }

    /** Whether the model is evaluated by translating held-out images rather than by sampling. */
    private static boolean translates(GanModel model) {
        return model.evaluationKind() != EvaluationKind.SAMPLES;
    }

    /** {@code 3.2s elapsed}. */
    private static String since(long startNanos) {
        return String.format(Locale.ROOT, "%.1fs elapsed", (System.nanoTime() - startNanos) / 1e9);
    }

    /**
     * Refuses the options this run's evaluation would silently ignore: any reference or feature network for the 2-D
     * mixtures (scored against their known modes), a reference file for a translation model (scored on its data's
     * own pairs), and a feature network whose input shape the run's images do not have.
     */
    private static void refuseIgnoredOptions(ExperimentRunner.TrainedModel trained, Options o, String source) {
        ExperimentConfig c = trained.config().config();
        List<ConfigProblem> problems = new ArrayList<>();
        String data = sourceName(c.data()) + " data";
        if (EvalConfig.isPoints(c.data())) {
            String why = "does not apply to " + data + ", which is scored by mode coverage against its known mixture";
            if (o.against() != null || o.againstFile() != null) {
                problems.add(new ConfigProblem("--against", why, null, null));
            }
            if (o.features() != null) {
                problems.add(new ConfigProblem("--features", why, null, null));
            }
        } else if (translates(trained.model()) && o.againstFile() != null) {
            problems.add(new ConfigProblem("--against", "cannot be a file for a translation model, which is scored on"
                    + " its data's own pairs", "'" + o.againstFile() + "'", "heldout or train"));
        }
        long[] shape = trained.checkpoint().info().data().sampleShape();
        if (o.features() != null && !EvalConfig.isPoints(c.data()) && !EvalConfig.fitsFeatureNetworks(shape)) {
            problems.add(new ConfigProblem("--features", "takes [1, " + DomainClassifier.SIZE + ", "
                    + DomainClassifier.SIZE + "] images, and this run's are " + Arrays.toString(shape),
                    o.features().key(), "the shipped feature networks only fit MNIST-sized grey images"));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
    }

    /** What a report on a trained run or checkpoint says it evaluated. */
    private static EvalReport.Source sourceOf(ExperimentRunner.TrainedModel trained, Path source) {
        return new EvalReport.Source(RunDirectory.isRunDirectory(source) ? "run" : "checkpoint",
                source.toString(), trained.config().variant().name(), trained.checkpoint().info().step(),
                trained.config().sha256(), trained.checkpoint().info().data().name());
    }

    /** Number of held-out pairs shown in the grid written beside a translation model's report. */
    static final int GRID_PAIRS = 12;

    /**
     * A translation model's report: its {@link TranslationEvaluator}'s metrics on the reference images (all of them,
     * or the first {@code o.n()}), with the identity baseline; a grid of the first images (input | output | target,
     * or both directions with their cycles) goes beside the report as a PNG of the same name.
     */
    private static EvalReport evaluateTranslation(ExperimentRunner.TrainedModel trained, GanModel model,
                                                  Path source, Options o, long seed) throws IOException {
        ExperimentConfig c = trained.config().config();
        TranslationEvaluator evaluator = translationEvaluator(c, o.against(), o.features(), source.toString());
        int n = Math.min(o.n(), evaluator.size());
        Evaluation e = evaluator.evaluate(model, o.n(), seed)
                .plusModelMetrics(model, new MetricContext(n, seed, evaluator.outputClassifier()));
        EvalReport.Source what = sourceOf(trained, source);
        EvalReport report = new EvalReport(EvalReport.FORMAT, MetricsVersion.VERSION, Instant.now().toString(),
                Provenance.buildVersion(), what, evaluator.referenceName(), evaluator.size(), n, seed,
                evaluator.featureInfo(), e.summary(), e.details(), e.modelMetrics());
        Path out = o.out() != null ? o.out() : defaultReportFile(source);
        Json.write(out, report);
        String name = out.getFileName().toString().replaceFirst("\\.json$", "");
        // A translation model's grid shows what it makes of the examples; the row count is its own.
        ImageGrid.write(model.sampleGrid(1, GRID_PAIRS, evaluator.first(GRID_PAIRS), seed),
                out.resolveSibling(name + ".png"));
        return report;
    }

    /**
     * The fixed reference images of a translation run: the held-out split of its source (or its training data with
     * {@code against} train). Paired data gives a {@link PairedTranslationEvaluator} (inputs derived from the run's
     * evaluation seed), unpaired data a {@link CycleEvaluator}. Outputs are also scored in a feature network's space
     * (FID, class accuracy) when one fits: {@code features}, else the run's {@code eval.features}, else the one of
     * the images' data set (MNIST, Fashion-MNIST; for unpaired data, one per domain); only for {@code [1, 28, 28]}
     * images, which the shipped networks take.
     *
     * @throws ConfigException when the run's data is neither paired nor unpaired
     */
    public static TranslationEvaluator translationEvaluator(ExperimentConfig c, EvalReference against,
                                                            ClassifierDomain features, String source) {
        EvalReference ref = against != null ? against : c.eval().against();
        Seeds seeds = new Seeds(c.seed());
        Optional<UnpairedSource> asUnpaired = c.data().asUnpaired();
        if (asUnpaired.isPresent()) {
            UnpairedSource unpaired = asUnpaired.get();
            UnpairedSource reference = ref == EvalReference.TRAIN ? unpaired : unpaired.heldout();
            ArrayDataset stored = reference.load(seeds.of(Seeds.DATA));
            boolean fits = EvalConfig.fitsFeatureNetworks(stored.sampleShape());
            ClassifierDomain domainA = features != null ? features : c.eval().featuresFor(c.data());
            ClassifierDomain domainB = features != null ? features : c.eval().featuresForB(c.data());
            return new CycleEvaluator(reference, stored,
                    domainA != null && fits ? DomainClassifier.loadShipped(domainA) : null,
                    domainB != null && fits ? DomainClassifier.loadShipped(domainB) : null);
        }
        PairedSource paired = c.data().asPaired().orElseThrow(() -> new ConfigException(source,
                new ConfigProblem("$.data.source", "must be paired or unpaired data for a translation model",
                        "'" + sourceName(c.data()) + "'", null)));
        PairedSource reference = ref == EvalReference.TRAIN ? paired : paired.heldout();
        ArrayDataset stored = reference.load(seeds.of(Seeds.DATA));
        ClassifierDomain domain = features != null ? features : c.eval().featuresFor(c.data());
        boolean fits = EvalConfig.fitsFeatureNetworks(reference.pairSpec(stored).sampleShape());
        FeatureNetwork network = domain != null && fits ? DomainClassifier.loadShipped(domain) : null;
        return new PairedTranslationEvaluator(reference, stored, seeds.of(SEED_COMPONENT), network);
    }

    /**
     * Where a report goes by default: {@code eval.json} in a run directory; for a checkpoint directory, a file
     * beside it ({@code step-00005000.eval.json}), because a checkpoint's own directory holds only the files its
     * checksums cover.
     */
    static Path defaultReportFile(Path source) {
        if (RunDirectory.isRunDirectory(source)) {
            return source.resolve(FILE);
        }
        Path abs = source.toAbsolutePath().normalize();
        return abs.resolveSibling(abs.getFileName() + ".eval.json");
    }

    /** Evaluates images in an IDX file ([N,H,W] or [N,H,W,C] unsigned bytes) and writes the report next to it. */
    public static EvalReport evaluateSamples(Path idx, Options o) throws IOException {
        String source = idx.toString();
        if (o.features() == null) {
            throw new ConfigException(source, new ConfigProblem("--features", "is required for a samples file", null,
                    "mnist or fashion-mnist"));
        }
        IdxFile.Images images = IdxFile.readImages(idx);
        INDArray samples = Nd4j.create(images.values(), new long[] {images.count(), images.channels(),
                images.height(), images.width()}, 'c');
        ArrayDataset reference = o.againstFile() != null
                ? new IdxData(o.againstFile().toString(), null, 0).load(0)
                : (o.against() == EvalReference.TRAIN ? o.features().trainData() : o.features().heldoutData(0));
        long start = System.nanoTime();
        PROGRESS.info("evaluate: reference features of {} ({} examples)", reference.name(), reference.size());
        Evaluator evaluator = Evaluator.images(DomainClassifier.loadShipped(o.features()), reference);
        PROGRESS.info("evaluate: scoring {} samples against {} ({})", images.count(), reference.name(), since(start));
        Evaluation e = evaluator.evaluate(samples, 0);
        EvalReport.Source what = new EvalReport.Source("samples", source, null, null, null, null);
        EvalReport report = report(what, evaluator, images.count(), null, e);
        String name = idx.getFileName().toString().replaceFirst("(\\.idx)?(\\.gz)?$", "");
        Json.write(o.out() != null ? o.out() : idx.resolveSibling(name + ".eval.json"), report);
        return report;
    }

    /**
     * The evaluator a run's config calls for: mode coverage for the 2-D mixtures; otherwise the feature network
     * and reference data chosen by the arguments, falling back to the config's {@code eval} section.
     *
     * @throws ConfigException when the data has no held-out split or no feature network applies
     */
    public static Evaluator forRun(ExperimentConfig c, EvalReference against, Path againstFile,
                                   ClassifierDomain features, String source) {
        Optional<GaussianMixture2D> modes = c.data().modes();
        if (modes.isPresent()) {
            return Evaluator.points(modes.get(), sourceName(c.data()));
        }
        List<ConfigProblem> problems = new ArrayList<>();
        EvalReference ref = against != null ? against : c.eval().against();
        DataConfig referenceData = againstFile != null ? new IdxData(againstFile.toString(), null, 0)
                : EvalConfig.reference(c.data(), ref);
        if (referenceData == null) {
            problems.add(new ConfigProblem("--against", "must be train or an IDX file for " + sourceName(c.data())
                    + " data, which has no held-out split", ref.name().toLowerCase(Locale.ROOT), null));
        }
        ClassifierDomain domain = features != null ? features : c.eval().featuresFor(c.data());
        if (domain == null) {
            problems.add(new ConfigProblem("--features", "is required for " + sourceName(c.data()) + " data", null,
                    "mnist or fashion-mnist"));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
        return Evaluator.images(DomainClassifier.loadShipped(domain), referenceData.load(new Seeds(c.seed()).of(Seeds.DATA)));
    }

    private static String sourceName(DataConfig data) {
        return DataConfig.sourceName(data);
    }

    private static EvalReport report(EvalReport.Source source, Evaluator evaluator, int n, Long seed, Evaluation e) {
        return new EvalReport(EvalReport.FORMAT, MetricsVersion.VERSION, Instant.now().toString(),
                Provenance.buildVersion(), source, evaluator.referenceName(), evaluator.referenceCount(), n, seed,
                evaluator.featureInfo(), e.summary(), e.details(), e.modelMetrics());
    }
}
