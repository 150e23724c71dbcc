package io.gan4j.experiments;

import io.gan4j.core.data.ArrayDataset;
import io.gan4j.core.metrics.ClassifierDomain;
import io.gan4j.core.metrics.ClassifierMetadata;
import io.gan4j.core.metrics.ClassifierTraining;
import io.gan4j.core.metrics.DomainClassifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code gan4j classifier train|eval}: the domain classifiers whose features and class probabilities gan4j's
 * sample-quality metrics use in place of Inception-v3.
 */
@Command(name = "classifier", description = "Train or evaluate the domain classifiers (LeNet-style CNNs) whose features"
        + " the sample-quality metrics use: 'gan4j-mnist features', 'gan4j-fashion-mnist features'.",
        subcommands = {ClassifierCommand.Train.class, ClassifierCommand.Eval.class})
final class ClassifierCommand extends CommandGroup {

    /** What both subcommands read: the domain and how many of its images to use. */
    static final class DomainOptions {
        @Option(names = "--data", required = true, paramLabel = "DOMAIN", description = "mnist or fashion-mnist.")
        String data;

        @Option(names = "--limit", defaultValue = "0", paramLabel = "N",
                description = "Use only the first N images (training images for train, held-out images for eval);"
                        + " 0 = all.")
        int limit;

        /** The domain named by {@code --data}, after checking {@code --limit}. */
        ClassifierDomain domain() {
            if (limit < 0) {
                throw new UserInputException("--limit must be >= 0, found " + limit);
            }
            try {
                return ClassifierDomain.of(data);
            } catch (IllegalArgumentException e) {
                throw new UserInputException("--data: " + e.getMessage());
            }
        }
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }

    /** {@code gan4j classifier train --data D}: retrains deterministically with the shipped settings. */
    @Command(name = "train", description = "Train a domain classifier with the shipped settings (unless overridden)"
            + " and write <out>/<name>.zip and <out>/<name>.json. The same settings on the same machine give the"
            + " same weights, byte for byte.")
    static final class Train extends CliCommand {
        @Mixin
        DomainOptions domainOptions;

        @Option(names = "--out", defaultValue = "runs/classifiers", paramLabel = "DIR",
                description = "Output directory (default ${DEFAULT-VALUE}; data/classifiers replaces the shipped files).")
        Path out;

        @Option(names = "--epochs", description = "Epochs (default: the shipped setting).")
        Integer epochs;

        @Option(names = "--seed", description = "Master seed (default: the shipped setting).")
        Long seed;

        @Option(names = "--batch", description = "Batch size (default: the shipped setting).")
        Integer batch;

        @Option(names = "--lr", description = "Adam's learning rate in the first epoch (default: the shipped setting).")
        Double lr;

        @Option(names = "--max-shift", paramLabel = "PX",
                description = "Largest random shift of the augmentation in pixels, 0 = none (default: the shipped"
                        + " setting).")
        Integer maxShift;

        @Override
        public Integer call() throws IOException {
            ClassifierDomain domain = domainOptions.domain();
            int limit = domainOptions.limit;
            ClassifierTraining.Settings settings = settings(domain);
            ArrayDataset train = domain.trainData().limit(limit);
            if (train.size() < settings.batchSize()) {
                throw new UserInputException("--limit " + limit + " leaves fewer training images than one batch ("
                        + settings.batchSize() + ")");
            }
            ArrayDataset heldout = domain.heldoutData(0);
            PrintWriter o = stdout();
            o.printf(Locale.ROOT, "training %s on %s (%d images), evaluating on %s (%d images): %s%n",
                    domain.spec().id(), train.name(), train.size(), heldout.name(), heldout.size(), settings);
            o.flush();
            ClassifierTraining.Result r = ClassifierTraining.train(domain.spec(), train, heldout, settings,
                    (e, total) -> {
                        o.printf(Locale.ROOT, "epoch %2d/%d  lr %.6f  train loss %.4f  held-out accuracy %s  %.0f s%n",
                                e.epoch(), total, e.learningRate(), e.trainLoss(), percent(e.heldoutAccuracy()),
                                e.seconds());
                        o.flush();
                    });
            ClassifierMetadata meta = r.save(out, domain.fileStem());
            Path zip = out.resolve(meta.weightsFile());
            o.printf(Locale.ROOT, "held-out accuracy %s after %d epochs in %.0f s%n", percent(meta.heldoutAccuracy()),
                    meta.epochs(), meta.trainingSeconds());
            o.printf(Locale.ROOT, "wrote %s (%d bytes, sha256 %s) and %s%n", zip, meta.weightsBytes(), meta.sha256(),
                    ClassifierMetadata.pathFor(zip));
            Optional<ClassifierMetadata> shipped = domain.shippedMetadata();
            if (shipped.isPresent() && limit == 0 && shipped.get().settings().equals(settings)) {
                o.println(shipped.get().sha256().equals(meta.sha256())
                        ? "identical to the shipped weights"
                        : "differs from the shipped sha256 " + shipped.get().sha256()
                        + " (expected on another machine, thread count or backend)");
            }
            o.flush();
            return ExitCode.OK;
        }

        /** The shipped settings with the options given on the command line in their place. */
        private ClassifierTraining.Settings settings(ClassifierDomain domain) {
            ClassifierTraining.Settings settings = domain.shippedSettings();
            if (epochs != null) {
                if (epochs < 1) {
                    throw new UserInputException("--epochs must be at least 1, found " + epochs);
                }
                settings = settings.withEpochs(epochs);
            }
            if (seed != null) {
                settings = settings.withSeed(seed);
            }
            try {
                return new ClassifierTraining.Settings(settings.epochs(),
                        batch != null ? batch : settings.batchSize(), lr != null ? lr : settings.learningRate(),
                        maxShift != null ? maxShift : settings.maxShift(), settings.seed());
            } catch (IllegalArgumentException e) {
                throw new UserInputException(e.getMessage());
            }
        }
    }

    /** {@code gan4j classifier eval --data D}: the held-out accuracy of the shipped (or a given) classifier. */
    @Command(name = "eval", description = "Measure a domain classifier's held-out accuracy (mnist/heldout, or the"
            + " official Fashion-MNIST test set); the shipped one unless --weights is given.")
    static final class Eval extends CliCommand {
        @Mixin
        DomainOptions domainOptions;

        @Option(names = "--weights", paramLabel = "ZIP",
                description = "A weight file written by 'classifier train' (its .json must lie beside it).")
        Path weights;

        @Override
        public Integer call() {
            ClassifierDomain domain = domainOptions.domain();
            DomainClassifier classifier = weights == null ? DomainClassifier.loadShipped(domain)
                    : DomainClassifier.load(weights);
            ArrayDataset heldout = domain.heldoutData(domainOptions.limit);
            long t0 = System.nanoTime();
            double accuracy = classifier.accuracy(heldout);
            double seconds = (System.nanoTime() - t0) / 1e9;
            PrintWriter o = stdout();
            o.printf(Locale.ROOT, "%s (%s), sha256 %s%n", classifier.id(), classifier.displayName(),
                    classifier.sha256());
            String recorded = classifier.metadata()
                    .map(m -> "; recorded " + percent(m.heldoutAccuracy()) + " on " + m.heldoutData() + " ("
                            + m.heldoutSize() + " images)")
                    .orElse("");
            o.printf(Locale.ROOT, "held-out accuracy %s on %s (%d images, %.1f s)%s%n", percent(accuracy),
                    heldout.name(), heldout.size(), seconds, recorded);
            double[] perClass = classifier.accuracyPerClass(heldout);
            List<String> names = classifier.spec().classNames();
            StringBuilder line = new StringBuilder("per class:");
            for (int k = 0; k < perClass.length; k++) {
                line.append(k == 0 ? " " : ", ").append(names.get(k)).append(' ').append(percent(perClass[k]));
            }
            o.println(line);
            o.flush();
            return ExitCode.OK;
        }
    }
}
