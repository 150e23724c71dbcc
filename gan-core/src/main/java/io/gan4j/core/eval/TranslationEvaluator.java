package io.gan4j.core.eval;

import io.gan4j.core.api.Batch;
import io.gan4j.core.api.GanModel;
import io.gan4j.core.api.ImageClassifier;
import io.gan4j.core.api.Translator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;

/**
 * Scores a translation model (one whose {@link GanModel#evaluationKind()} translates) on fixed held-out images, the
 * same way at every call, next to the baseline of returning the input unchanged: {@link PairedTranslationEvaluator}
 * against paired targets (pix2pix), {@link CycleEvaluator} on two unpaired domains (CycleGAN). {@code evaluate},
 * periodic evaluation and the best-checkpoint choice all go through this interface.
 */
public interface TranslationEvaluator {
    /** Images translated per call, bounding memory. */
    int CHUNK = 500;

    /**
     * Translates the first {@code n} reference inputs (all when {@code n} is at least their number) and scores them.
     *
     * @param model a model that declares its {@link GanModel#translator()} (and for unpaired data its
     *              {@link GanModel#backTranslator()})
     * @param seed  seed of any randomness the model keeps at test time (dropout), per chunk derived from it
     * @return the summary metrics (each documented by the implementation) and details for the report
     * @throws IllegalArgumentException when the model does not declare the translations this evaluation needs
     */
    Evaluation evaluate(GanModel model, int n, long seed);

    /** What the grid beside a report shows: the first {@code n} reference inputs (and targets, or B images). */
    Batch first(int n);

    /** Number of reference inputs. */
    int size();

    /** What the outputs are compared with, e.g. {@code paired-inpaint/mnist/heldout}. */
    String referenceName();

    /** The feature network behind {@code fid}, or null without one. */
    EvalReport.FeatureInfo featureInfo();

    /**
     * The shipped classifier of the outputs' domain (the network behind {@code fid}), handed to the model's own
     * metrics; null without one.
     */
    ImageClassifier outputClassifier();

    /** What {@code n} of {@link #evaluate} counts, for log lines: {@code pairs} by default. */
    default String unit() {
        return "pairs";
    }

    /**
     * The model's A → B translation.
     *
     * @throws IllegalArgumentException naming the model when it declares none
     */
    static Translator forward(GanModel model) {
        return model.translator().orElseThrow(() -> new IllegalArgumentException(model.getClass().getSimpleName()
                + " declares no translation (its evaluation kind is " + model.evaluationKind() + ")"));
    }

    /**
     * Translates chunk i of {@value #CHUNK} rows of {@code inputs} with seed {@code seed + i}.
     *
     * @return the FLOAT results, concatenated in order
     */
    static INDArray translate(Translator translator, INDArray inputs, long seed) {
        List<INDArray> parts = new ArrayList<>();
        long n = inputs.size(0);
        for (long from = 0, i = 0; from < n; from += CHUNK, i++) {
            INDArray chunk = inputs.get(NDArrayIndex.interval(from, Math.min(n, from + CHUNK)));
            parts.add(translator.translate(chunk, seed + i).castTo(DataType.FLOAT));
        }
        return parts.size() == 1 ? parts.get(0) : Nd4j.concat(0, parts.toArray(new INDArray[0]));
    }
}
