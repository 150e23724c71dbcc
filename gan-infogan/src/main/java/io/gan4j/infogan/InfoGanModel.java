package io.gan4j.infogan;

import io.gan4j.core.api.Batch;
import io.gan4j.core.api.ImageClassifier;
import io.gan4j.core.api.LatentCode;
import io.gan4j.core.api.MetricContext;
import io.gan4j.core.api.ModelContext;
import io.gan4j.core.api.SampleGrid;
import io.gan4j.core.api.StepContext;
import io.gan4j.core.api.StepRandom;
import io.gan4j.core.api.StepResult;
import io.gan4j.core.loss.AdversarialLoss;
import io.gan4j.core.loss.WeightedTerm;
import io.gan4j.core.model.LatentGanModel;
import io.gan4j.core.nn.AdversarialUpdates;
import io.gan4j.core.nn.AdversarialUpdates.Examples;
import io.gan4j.core.nn.AdversarialUpdates.ExtraTerms;
import io.gan4j.core.nn.AdversarialUpdates.HeadTerm;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * InfoGAN (Chen et al. 2016): a GAN whose generator input is split into noise z and a latent code c, with an
 * auxiliary network Q that recovers c from G(z, c). Names here and in the paper:
 * <table>
 * <caption>Symbols</caption>
 * <tr><th>paper</th><th>here</th></tr>
 * <tr><td>z</td><td>latent part {@code z} (config {@code noise})</td></tr>
 * <tr><td>c1 ~ Cat(K)</td><td>latent part {@code c} (config {@code categorical} = K), one-hot</td></tr>
 * <tr><td>c2, c3 ~ U(−1, 1)</td><td>latent part {@code c_cont} (config {@code continuous}), one column each</td></tr>
 * <tr><td>Q(c|x)</td><td>D's heads {@value InfoGanNetworks#Q_CATEGORICAL} and {@value InfoGanNetworks#Q_CONTINUOUS}</td></tr>
 * <tr><td>λ</td><td>{@code lambdaInfo} (categorical) and {@code lambdaContinuous}</td></tr>
 * <tr><td>L_I(G, Q)</td><td>minus the logged {@code info_cat} + {@code info_cont} (up to the constant H(c))</td></tr>
 * </table>
 *
 * <p>The objective min_{G,Q} max_D V(D, G) − λ L_I(G, Q) becomes, per step (gan-core's alternating step with extra
 * terms): D and Q minimise the adversarial loss plus λ × the information loss on the generated batch; then G
 * minimises its adversarial loss plus the same information loss through the just-updated D and Q. Both the
 * categorical and the continuous terms are {@link WeightedTerm}s on Q's heads, logged as {@code d_info_cat},
 * {@code g_info_cat}, {@code d_info_cont}, {@code g_info_cont}.
 */
final class InfoGanModel extends LatentGanModel<InfoGanConfig> {
    /** Latent part names. */
    static final String NOISE = "z";
    static final String CATEGORICAL = "c";
    static final String CONTINUOUS = "c_cont";
    /** The key of {@link #ownMetrics}'s result. */
    static final String CODE_ACCURACY = "code_accuracy";

    private final AdversarialLoss loss;

    InfoGanModel(ModelContext context) {
        super(context, InfoGanConfig.class, "discriminator", InfoGanModel::networks);
        this.loss = config.loss().create();
    }

    private static Networks networks(InfoGanConfig config, ModelContext context) {
        long[] image = context.data().sampleShape();
        return new Networks(
                InfoGanNetworks.generator(config, image, context.seeds().of("generator"), context.dataType()),
                InfoGanNetworks.discriminator(config, image, context.seeds().of("discriminator"), context.dataType()));
    }

    @Override
    public StepResult trainStep(Batch batch, StepContext ctx) {
        INDArray codes = codes(ctx.random(), batch.size());
        List<HeadTerm> information = informationTerms(codes);
        StepResult result = AdversarialUpdates.alternatingStep(generator, discriminator, new INDArray[] {codes},
                fake -> new INDArray[] {fake}, new INDArray[] {batch.x()}, loss,
                new ExtraTerms(information, information, List.of()), ctx);
        codes.close();
        return result;
    }

    /**
     * λ·L_I's terms for a batch generated from {@code codes}: cross-entropy of the categorical head against c1 and
     * the Gaussian negative log-likelihood of the continuous head against c2, c3..., both on the generated examples.
     */
    List<HeadTerm> informationTerms(INDArray codes) {
        List<HeadTerm> terms = new ArrayList<>();
        if (config.categorical() > 0) {
            INDArray c = latentCode().slice(codes, CATEGORICAL).dup();
            terms.add(new HeadTerm(InfoGanNetworks.Q_CATEGORICAL, Examples.FAKE, new WeightedTerm("info_cat",
                    config.lambdaInfo(), logits -> InformationLoss.categorical(logits, c))));
        }
        if (config.continuous() > 0) {
            INDArray c = latentCode().slice(codes, CONTINUOUS).dup();
            terms.add(new HeadTerm(InfoGanNetworks.Q_CONTINUOUS, Examples.FAKE, new WeightedTerm("info_cont",
                    config.lambdaContinuous(), mean -> InformationLoss.gaussian(mean, c))));
        }
        return terms;
    }

    /** {@code n} samples whose categorical code is {@code category}, the rest of the code drawn with {@code seed}. */
    INDArray sampleWithCategory(int n, int category, long seed) {
        INDArray codes = codes(new StepRandom(seed), n);
        int[] values = new int[n];
        java.util.Arrays.fill(values, category);
        return generate(latentCode().setCategory(codes, CATEGORICAL, values), null);
    }

    /** K, the values of the categorical code (0 when there is none). */
    int categories() {
        return config.categorical();
    }

    /** The number of continuous codes. */
    int continuousCodes() {
        return config.continuous();
    }

    /**
     * The paper's measure of the categorical code (Section 7.1), {@value #CODE_ACCURACY}: {@code samples / K} images
     * per code value, classified by the data's shipped classifier, the accuracy under the exact best one-to-one
     * matching of code values to classes ({@link CodeAccuracy}); in [0, 1]. Nothing without a classifier, without a
     * categorical code, or with more code values than classes.
     */
    @Override
    public Map<String, Double> ownMetrics(MetricContext context) {
        ImageClassifier classifier = context.classifier();
        int k = config.categorical();
        if (classifier == null || k == 0 || k > classifier.numClasses()
                || classifier.numClasses() > CodeAccuracy.MAX_CLASSES) {
            return Map.of();
        }
        int perCode = Math.max(1, context.samples() / k);
        long[][] counts = CodeAccuracy.confusion(this, images -> CodeAccuracy.predict(classifier, images),
                classifier.numClasses(), perCode, context.seed());
        return Map.of(CODE_ACCURACY, CodeAccuracy.bestMatching(counts).accuracy());
    }

    /**
     * The paper's figure: row r shows categorical value r mod K (rows = K shows each value once), columns sweep the
     * first continuous code from low to high, the noise and the other continuous codes fixed (at the middle of their
     * range) for the whole grid, so only the code changes. Without a categorical or continuous code, samples.
     */
    @Override
    public SampleGrid sampleGrid(int rows, int cols, long seed) {
        return codeGrid(rows, cols, 0, seed);
    }

    /** {@link #sampleGrid} sweeping continuous code {@code dimension} (one grid per code: the paper's Figure 2). */
    SampleGrid codeGrid(int rows, int cols, int dimension, long seed) {
        if (config.categorical() == 0 || config.continuous() == 0 || cols < 2) {
            return new SampleGrid(sample(rows * cols, seed), rows, cols);
        }
        LatentCode code = latentCode();
        INDArray base = codes(new StepRandom(seed), 1);
        code.slice(base, CONTINUOUS).assign((config.continuousLow() + config.continuousHigh()) / 2);
        INDArray sweep = code.sweep(base, CATEGORICAL, CONTINUOUS, dimension, cols);   // [K·cols, width]
        INDArray codes = Nd4j.create(dataType, (long) rows * cols, code.width());
        String[] captions = new String[rows];
        for (int r = 0; r < rows; r++) {
            int k = r % config.categorical();
            codes.get(NDArrayIndex.interval((long) r * cols, (long) (r + 1) * cols))
                    .assign(sweep.get(NDArrayIndex.interval((long) k * cols, (long) (k + 1) * cols)));
            captions[r] = "c=" + k;
        }
        return new SampleGrid(generate(codes, null), rows, cols, captions);
    }
}
