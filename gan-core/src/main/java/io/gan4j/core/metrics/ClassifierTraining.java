package io.gan4j.core.metrics;

import io.gan4j.core.data.ArrayDataset;
import io.gan4j.core.api.Batch;
import io.gan4j.core.data.ShuffledBatches;
import io.gan4j.core.io.AtomicFiles;
import io.gan4j.core.backend.Provenance;
import io.gan4j.core.api.Seeds;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains a {@link DomainClassifier} deterministically: the same data, settings and seed give bit-identical weights
 * on the same machine (same CPU, backend, thread count and JVM), so a shipped classifier can be re-created and its
 * weight file's SHA-256 compared.
 *
 * <p>Procedure: Adam (Kingma &amp; Ba 2015) on the softmax cross-entropy, mini-batches drawn by
 * {@link ShuffledBatches} (a fresh permutation each epoch; the last incomplete batch of an epoch is dropped), a
 * learning rate that falls linearly per epoch from {@code learningRate} in the first epoch to
 * {@code learningRate / epochs} in the last, and optional augmentation: each training image is translated by a
 * random whole number of pixels in [-maxShift, maxShift] in x and y, the uncovered border filled with the
 * background value -1. After every epoch the classifier is evaluated on the held-out set.
 *
 * <p>Bit-exactness: the dense layers' matrix products run on one BLAS thread during training (restored afterwards),
 * because OpenBLAS sums in a different order with a different thread count; measured on 2 cores, one thread is as
 * fast as two for this network. oneDNN convolutions give the same bits for any OpenMP thread count, but other
 * bits than DL4J's built-in convolutions, so a re-training reproduces a weight file only with the same helper
 * setting ({@code -Dorg.eclipse.deeplearning4j.helpers.disable=false}, as {@code ./gan4j} and the tests use).
 * Training changes a process-wide BLAS setting: do not run other ND4J work in parallel with it.
 *
 * <p>Randomness: the master seed is split ({@link Seeds}) into independent seeds for weight initialisation,
 * shuffling, augmentation and dropout; the augmentation offsets of step s come from a {@link SplittableRandom}
 * seeded with {@code Seeds.derive(augmentationSeed, s)}, and ND4J's random generator (dropout masks) is re-seeded
 * before every step, so nothing depends on what ran before in the JVM.
 */
public final class ClassifierTraining {

    /** The per-epoch learning rate in words, as recorded in the metadata. */
    public static final String LR_SCHEDULE = "linear per epoch: lr * (epochs - e + 1) / epochs in epoch e = 1..epochs";

    private ClassifierTraining() {
    }

    /**
     * How to train.
     *
     * @param epochs       passes over the training set, at least 1
     * @param batchSize    examples per update, 1 to the training set's size
     * @param learningRate Adam's learning rate in the first epoch, &gt; 0
     * @param maxShift     largest random translation in pixels, 0 (no augmentation) to 8
     * @param seed         master seed of initialisation, shuffling, augmentation and dropout
     */
    public record Settings(int epochs, int batchSize, double learningRate, int maxShift, long seed) {

        /** Checks the ranges. */
        public Settings {
            if (epochs < 1 || batchSize < 1 || !(learningRate > 0) || Double.isInfinite(learningRate)
                    || maxShift < 0 || maxShift > 8) {
                throw new IllegalArgumentException("classifier settings out of range (epochs >= 1, batchSize >= 1,"
                        + " 0 < learningRate < inf, 0 <= maxShift <= 8): " + this);
            }
        }

        /** A copy with another number of epochs. */
        public Settings withEpochs(int e) {
            return new Settings(e, batchSize, learningRate, maxShift, seed);
        }

        /** A copy with another master seed. */
        public Settings withSeed(long s) {
            return new Settings(epochs, batchSize, learningRate, maxShift, s);
        }

        /** The augmentation in words, e.g. "random shifts of up to 2 px in x and y (border -1)" or "none". */
        public String augmentation() {
            return maxShift == 0 ? "none"
                    : "random shifts of up to " + maxShift + " px in x and y (uniform integers, border filled with -1)";
        }
    }

    /**
     * The outcome of one epoch.
     *
     * @param epoch           1-based epoch number
     * @param learningRate    the learning rate used in this epoch
     * @param trainLoss       mean cross-entropy of the epoch's mini-batches, measured in training mode (dropout on,
     *                        augmented images) before each update
     * @param heldoutAccuracy fraction of the held-out set classified correctly after the epoch, in [0, 1]
     * @param seconds         wall time since training started, evaluation included
     */
    public record Epoch(int epoch, double learningRate, double trainLoss, double heldoutAccuracy, double seconds) {
    }

    /** Receives each epoch's outcome as soon as it is known (for progress output). */
    @FunctionalInterface
    public interface EpochListener {
        /**
         * @param epoch  the finished epoch
         * @param epochs the total number of epochs
         */
        void onEpoch(Epoch epoch, int epochs);
    }

    /**
     * A trained classifier and how it came about.
     *
     * @param classifier  the trained classifier
     * @param settings    the settings it was trained with
     * @param trainData   name of the training set
     * @param trainSize   training examples
     * @param heldoutData name of the held-out set
     * @param heldoutSize held-out examples
     * @param history     one entry per epoch, in order
     * @param seconds     wall time of training and the per-epoch evaluations
     * @param finished    when training finished
     */
    public record Result(DomainClassifier classifier, Settings settings, String trainData, int trainSize,
                         String heldoutData, int heldoutSize, List<Epoch> history, double seconds, Instant finished) {

        /** Copies the history, so the record stays immutable. */
        public Result {
            history = List.copyOf(history);
        }

        /** Held-out accuracy after the last epoch, in [0, 1]. */
        public double heldoutAccuracy() {
            return history.get(history.size() - 1).heldoutAccuracy();
        }

        /**
         * Writes {@code dir/<fileStem>.zip} (the weights) and {@code dir/<fileStem>.json} (the metadata with the
         * zip's SHA-256, the settings, the held-out accuracy, the gan4j commit and the training time), each
         * atomically, the zip first.
         *
         * @return the metadata written
         */
        public ClassifierMetadata save(Path dir, String fileStem) throws IOException {
            Path zip = dir.resolve(fileStem + ".zip");
            byte[] bytes = classifier.weightFile();
            AtomicFiles.write(zip, out -> out.write(bytes));
            Provenance p = Provenance.current();
            String commit = p.gitCommit() + (Boolean.TRUE.equals(p.gitDirty()) ? "-dirty" : "");
            ClassifierSpec spec = classifier.spec();
            ClassifierMetadata meta = new ClassifierMetadata(spec.id(), spec.displayName(),
                    DomainClassifier.ARCHITECTURE, DomainClassifier.FEATURE_DIM, spec.numClasses(),
                    spec.classNames(), trainData, trainSize, heldoutData, heldoutSize, heldoutAccuracy(),
                    settings.epochs(), settings.batchSize(), settings.learningRate(), LR_SCHEDULE,
                    settings.maxShift(), settings.augmentation(), settings.seed(), zip.getFileName().toString(),
                    bytes.length, DomainClassifier.sha256(bytes), commit, p.dl4jVersion(), machine(p),
                    Math.round(seconds * 10) / 10.0, finished.truncatedTo(ChronoUnit.SECONDS).toString(), history);
            meta.write(ClassifierMetadata.pathFor(zip));
            return meta;
        }
    }

    /**
     * Trains a new classifier.
     *
     * @param spec     id, display name and classes of the classifier
     * @param train    labelled training images {@code [1, 28, 28]} in [-1, 1], at least {@code batchSize} of them
     * @param heldout  labelled images for the per-epoch accuracy, never trained on
     * @param settings epochs, batch size, learning rate, augmentation and seed
     * @param listener called after each epoch; may be null
     * @return the trained classifier with its per-epoch history
     * @throws IllegalArgumentException when the data does not fit the classifier or the settings
     */
    public static Result train(ClassifierSpec spec, ArrayDataset train, ArrayDataset heldout, Settings settings,
                               EpochListener listener) {
        check(train, spec);
        check(heldout, spec);
        Blas blas = Nd4j.factory().blas();
        int blasThreads = blas.getMaxThreads();
        blas.setMaxThreads(1);
        try {
            return run(spec, train, heldout, settings, listener);
        } finally {
            blas.setMaxThreads(blasThreads);
        }
    }

    private static Result run(ClassifierSpec spec, ArrayDataset train, ArrayDataset heldout, Settings settings,
                              EpochListener listener) {
        long start = System.nanoTime();
        Seeds seeds = new Seeds(settings.seed());
        DomainClassifier classifier = DomainClassifier.create(spec, settings.learningRate(),
                seeds.of("classifier-weights"));
        MultiLayerNetwork net = classifier.network();
        ShuffledBatches batches = new ShuffledBatches(train, settings.batchSize(), seeds.of("classifier-shuffle"),
                DataType.FLOAT);
        long augmentSeed = seeds.of("classifier-augment");
        long dropoutSeed = seeds.of("classifier-dropout");
        int perEpoch = batches.batchesPerEpoch();
        List<Epoch> history = new ArrayList<>();
        for (int e = 1; e <= settings.epochs(); e++) {
            double lr = settings.learningRate() * (settings.epochs() - e + 1) / settings.epochs();
            net.setLearningRate(lr);
            double lossSum = 0;
            for (int b = 1; b <= perEpoch; b++) {
                long step = (long) (e - 1) * perEpoch + b;
                Batch batch = batches.batch(step);
                INDArray x = settings.maxShift() > 0
                        ? shifted(batch.x(), settings.maxShift(), Seeds.derive(augmentSeed, step))
                        : batch.x();
                INDArray y = oneHot(batch.labels(), spec.numClasses());
                Nd4j.getRandom().setSeed(Seeds.derive(dropoutSeed, step));
                net.fit(new DataSet(x, y));
                lossSum += net.score();
                // Release the batch's off-heap memory now; the Java heap barely fills, so GC would come late.
                if (x != batch.x()) {
                    batch.x().close();
                }
                x.close();
                y.close();
            }
            double accuracy = classifier.accuracy(heldout);
            Epoch done = new Epoch(e, lr, lossSum / perEpoch, accuracy, (System.nanoTime() - start) / 1e9);
            history.add(done);
            if (listener != null) {
                listener.onEpoch(done, settings.epochs());
            }
        }
        return new Result(classifier, settings, train.name(), train.size(), heldout.name(), heldout.size(), history,
                (System.nanoTime() - start) / 1e9, Instant.now());
    }

    private static void check(ArrayDataset data, ClassifierSpec spec) {
        if (!data.hasLabels() || data.size() == 0
                || !Arrays.equals(data.sampleShape(), new long[] {1, DomainClassifier.SIZE, DomainClassifier.SIZE})
                || data.numClasses() > spec.numClasses()) {
            throw new IllegalArgumentException(data.name() + ": a classifier with " + spec.numClasses()
                    + " classes needs labelled [1, 28, 28] images with at most that many classes, got "
                    + data.size() + " examples of " + Arrays.toString(data.sampleShape()) + " with "
                    + data.numClasses() + " classes");
        }
    }

    /** Each image of {@code x} [B, C, H, W] translated by offsets drawn from a generator seeded with {@code seed}. */
    private static INDArray shifted(INDArray x, int maxShift, long seed) {
        long[] shape = x.shape();
        int n = (int) shape[0];
        int c = (int) shape[1];
        int h = (int) shape[2];
        int w = (int) shape[3];
        float[] src = x.data().asFloat();
        float[] dst = new float[src.length];
        SplittableRandom random = new SplittableRandom(seed);
        int size = c * h * w;
        for (int i = 0; i < n; i++) {
            int dx = random.nextInt(-maxShift, maxShift + 1);
            int dy = random.nextInt(-maxShift, maxShift + 1);
            shift(src, i * size, dst, i * size, c, h, w, dx, dy, -1f);
        }
        return Nd4j.create(dst, shape, DataType.FLOAT);
    }

    /**
     * Copies one {@code [c, h, w]} image from {@code src} to {@code dst} translated by {@code dx} pixels right and
     * {@code dy} pixels down; pixels shifted in from outside the image get {@code fill}.
     */
    static void shift(float[] src, int srcOffset, float[] dst, int dstOffset, int c, int h, int w, int dx, int dy,
                      float fill) {
        for (int ch = 0; ch < c; ch++) {
            for (int r = 0; r < h; r++) {
                int from = r - dy;
                int row = dstOffset + (ch * h + r) * w;
                if (from < 0 || from >= h) {
                    Arrays.fill(dst, row, row + w, fill);
                    continue;
                }
                int srcRow = srcOffset + (ch * h + from) * w;
                for (int col = 0; col < w; col++) {
                    int fromCol = col - dx;
                    dst[row + col] = fromCol < 0 || fromCol >= w ? fill : src[srcRow + fromCol];
                }
            }
        }
    }

    private static INDArray oneHot(int[] labels, int classes) {
        float[] y = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            y[i * classes + labels[i]] = 1f;
        }
        return Nd4j.create(y, new long[] {labels.length, classes}, DataType.FLOAT);
    }

    /** Backend, helpers, CPU count, OS and JVM: what the training time and bit-exactness depend on. */
    private static String machine(Provenance p) {
        Map<String, String> b = p.nd4jBackend();
        String helpers = "false".equals(System.getProperty("org.eclipse.deeplearning4j.helpers.disable"))
                ? "oneDNN helpers on" : "oneDNN helpers off";
        return String.format(Locale.ROOT, "%s backend (%s), %s, %d CPUs, %s, %s", b.getOrDefault("backend", "?"),
                b.getOrDefault("artifact", "?"), helpers, p.cpus(), p.os(), p.java());
    }
}
