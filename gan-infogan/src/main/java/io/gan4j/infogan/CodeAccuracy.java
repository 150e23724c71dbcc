package io.gan4j.infogan;

import io.gan4j.core.api.GanModel;
import io.gan4j.core.api.ImageClassifier;
import io.gan4j.core.api.Seeds;
import io.gan4j.core.api.VariantRegistry;
import io.gan4j.core.image.ImageGrid;
import io.gan4j.core.metrics.DomainClassifier;
import io.gan4j.core.run.ExperimentRunner;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;

/**
 * How well InfoGAN's categorical code recovers the classes of the data (the paper's Section 7.1: 5% error on MNIST):
 * for each code value k, {@code perCode} samples are generated with c1 = k (the rest of the code random) and
 * classified by a fixed classifier; the codes are unsupervised, so value k means whatever class it learned, and
 * the accuracy is taken under the best one-to-one matching of code values to classes, found exactly (dynamic
 * programming over subsets of classes, not greedily). Periodic evaluation, {@code gan4j evaluate} and {@code gan4j
 * compare} report it as the model's own metric {@code code_accuracy} ({@link InfoGanModel#ownMetrics}).
 *
 * <p>Rerun on a trained run: {@code java -cp experiments/target/gan4j.jar io.gan4j.infogan.CodeAccuracy RUN_DIR
 * [PER_CODE] [SEED] [GRID_DIR]} (MNIST's shipped classifier, the run's latest checkpoint; default 1000 samples per
 * code value, seed 1). With GRID_DIR it also writes {@code infogan-c2.png}, {@code infogan-c3.png}...: one grid per
 * continuous code, a row per categorical value, columns sweeping that code over its range.
 */
public final class CodeAccuracy {
    /** Above this many classes the exact matching's table (2^classes entries per code) gets too large. */
    static final int MAX_CLASSES = 16;

    private CodeAccuracy() {
    }

    /**
     * The confusion counts: {@code counts[k][d]} is how many of the {@code perCode} samples generated with
     * categorical code k the classifier assigns to class d.
     *
     * @param classify images {@code [N, C, H, W]} ↦ one class in {@code [0, classes)} per image
     * @param seed     sample seeds derive from it (code value k uses {@code Seeds.derive(seed, k)})
     */
    static long[][] confusion(InfoGanModel model, Function<INDArray, int[]> classify, int classes, int perCode,
                              long seed) {
        int k = model.categories();
        if (k < 1 || perCode < 1) {
            throw new IllegalArgumentException("needs a categorical code and perCode >= 1, got " + k + " values and "
                    + perCode);
        }
        long[][] counts = new long[k][classes];
        for (int code = 0; code < k; code++) {
            INDArray images = model.sampleWithCategory(perCode, code, Seeds.derive(seed, code));
            for (int predicted : classify.apply(images)) {
                counts[code][predicted]++;
            }
            images.close();
        }
        return counts;
    }

    /** The most probable class of each image {@code [N, C, H, W]} according to {@code classifier}. */
    static int[] predict(ImageClassifier classifier, INDArray images) {
        try (INDArray probabilities = classifier.probabilities(images);
             INDArray classes = probabilities.argMax(1)) {
            return classes.toIntVector();
        }
    }

    /**
     * The best one-to-one matching of code values (rows) to classes (columns): each code value gets a different
     * class, maximising the samples whose class is their code value's class. Exact: best[mask] over the sets of
     * classes used by the first i code values.
     *
     * @param counts {@code [codes][classes]}, codes ≤ classes ≤ {@value #MAX_CLASSES}
     */
    static Matching bestMatching(long[][] counts) {
        int codes = counts.length;
        int classes = codes == 0 ? 0 : counts[0].length;
        if (codes == 0 || codes > classes || classes > MAX_CLASSES) {
            throw new IllegalArgumentException("needs 1 <= codes <= classes <= " + MAX_CLASSES + ", got " + codes
                    + " codes and " + classes + " classes");
        }
        long[] best = new long[1 << classes];
        Arrays.fill(best, -1);
        best[0] = 0;
        int[][] choice = new int[codes][1 << classes];
        for (int i = 0; i < codes; i++) {
            long[] next = new long[best.length];
            Arrays.fill(next, -1);
            for (int mask = 0; mask < best.length; mask++) {
                for (int d = 0; best[mask] >= 0 && d < classes; d++) {
                    int to = mask | (1 << d);
                    if (to != mask && best[mask] + counts[i][d] > next[to]) {
                        next[to] = best[mask] + counts[i][d];
                        choice[i][to] = d;
                    }
                }
            }
            best = next;
        }
        int mask = 0;
        for (int m = 0; m < best.length; m++) {
            mask = best[m] > best[mask] ? m : mask;
        }
        long matched = best[mask];
        int[] classOf = new int[codes];
        for (int i = codes - 1; i >= 0; i--) {
            classOf[i] = choice[i][mask];
            mask &= ~(1 << classOf[i]);
        }
        long total = Arrays.stream(counts).flatMapToLong(Arrays::stream).sum();
        return new Matching(classOf, matched, total);
    }

    /**
     * @param classOf code value k ↦ its class
     * @param matched samples whose predicted class is their code value's class
     * @param total   all samples
     */
    record Matching(int[] classOf, long matched, long total) {
        double accuracy() {
            return total == 0 ? 0 : (double) matched / total;
        }
    }

    /** Measures a trained InfoGAN run or checkpoint with MNIST's shipped classifier; see the class comment. */
    public static void main(String[] args) {
        if (args.length < 1 || args.length > 4) {
            System.err.println("usage: CodeAccuracy RUN_DIR|CHECKPOINT [PER_CODE (1000)] [SEED (1)] [GRID_DIR]");
            System.exit(2);
        }
        Path source = Path.of(args[0]);
        int perCode;
        long seed;
        try {
            perCode = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
            seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        } catch (NumberFormatException e) {
            System.err.println("PER_CODE and SEED must be integers, got " + Arrays.toString(args));
            System.exit(2);
            return;
        }
        if (!Files.exists(source) || perCode < 1) {
            System.err.println(source + ": no such run or checkpoint, or PER_CODE < 1");
            System.exit(2);
        }
        GanModel model = new ExperimentRunner(VariantRegistry.discover()).loadTrained(source, false).model();
        if (!(model instanceof InfoGanModel info)) {
            System.err.println(source + ": not an infogan run (" + model.getClass().getSimpleName() + ")");
            System.exit(2);
            return;
        }
        DomainClassifier classifier = DomainClassifier.loadShipped("mnist");
        long[][] counts = confusion(info, classifier::predict, classifier.numClasses(), perCode, seed);
        System.out.print(report(counts, bestMatching(counts)));
        if (args.length > 3) {
            for (int dimension = 0; dimension < info.continuousCodes(); dimension++) {
                Path png = Path.of(args[3]).resolve("infogan-c" + (dimension + 2) + ".png");
                ImageGrid.write(info.codeGrid(info.categories(), 10, dimension, seed), png);
                System.out.println("wrote " + png);
            }
        }
    }

    /** The confusion table and the matching as text. */
    static String report(long[][] counts, Matching m) {
        StringBuilder s = new StringBuilder("code -> class counts (rows: categorical code value, columns: class)\n");
        for (int k = 0; k < counts.length; k++) {
            s.append(String.format(Locale.ROOT, "c=%-3d -> %d  %s%n", k, m.classOf()[k], Arrays.toString(counts[k])));
        }
        s.append(String.format(Locale.ROOT, "accuracy under the best one-to-one matching: %.4f (%d of %d), error %.2f%%%n",
                m.accuracy(), m.matched(), m.total(), 100 * (1 - m.accuracy())));
        return s.toString();
    }
}
