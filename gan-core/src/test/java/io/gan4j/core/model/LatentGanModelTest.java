package io.gan4j.core.model;

import io.gan4j.core.api.Batch;
import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.api.DataKind;
import io.gan4j.core.api.DataSpec;
import io.gan4j.core.api.LatentCode;
import io.gan4j.core.api.LatentDistribution;
import io.gan4j.core.api.ModelContext;
import io.gan4j.core.api.Seeds;
import io.gan4j.core.api.StepContext;
import io.gan4j.core.api.StepRandom;
import io.gan4j.core.api.StepResult;
import io.gan4j.core.nn.ActivationName;
import io.gan4j.core.nn.InitName;
import io.gan4j.core.nn.Mlp;
import io.gan4j.core.nn.MlpConfig;
import io.gan4j.core.nn.Net;
import io.gan4j.core.nn.OptimizerConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@link LatentGanModel} does for every latent-noise variant, on a tiny MLP model over 2×3 examples: the
 * networks map, codes drawn exactly as the prior draws them, sampling and generating through G in inference mode,
 * the structured-code hook, and the raw-score config check.
 */
class LatentGanModelTest {
    private static final MlpConfig MLP = new MlpConfig(List.of(5), ActivationName.TANH, 0.2, false, 0.9, 1e-3, 0,
            ActivationName.IDENTITY, InitName.XAVIER_UNIFORM);
    private static final DataSpec DATA = new DataSpec(new long[] {2, 3}, 0, DataKind.UNLABELLED, "tiny");

    /** A config with the shared latent block; {@code code} stands in for a structured code when not null. */
    record TinyConfig(int latentDim, LatentDistribution latent, LatentCode code) implements LatentModelConfig {
        @Override
        public LatentCode latentCode() {
            return code != null ? code : LatentModelConfig.super.latentCode();
        }
    }

    /** Trains nothing: the base's parts are what is tested. */
    static final class TinyLatentModel extends LatentGanModel<TinyConfig> {
        TinyLatentModel(ModelContext context, String discriminatorName) {
            super(context, TinyConfig.class, discriminatorName, TinyLatentModel::networks);
        }

        private static Networks networks(TinyConfig config, ModelContext context) {
            OptimizerConfig sgd = new OptimizerConfig.Sgd(0.1, 0);
            return new Networks(Mlp.build(MLP, config.latentCode().width(), 6, sgd, context.seeds().of("generator"),
                    context.dataType()), Mlp.build(MLP, 6, 1, sgd, context.seeds().of("discriminator"),
                    context.dataType()));
        }

        @Override
        public StepResult trainStep(Batch batch, StepContext ctx) {
            throw new UnsupportedOperationException();
        }
    }

    private static TinyLatentModel model(TinyConfig config, String discriminatorName) {
        return new TinyLatentModel(new ModelContext(config, DATA, new Seeds(7), DataType.DOUBLE), discriminatorName);
    }

    @Test
    void networksAreGeneratorThenTheDiscriminatorUnderItsName() {
        TinyLatentModel m = model(new TinyConfig(4, LatentDistribution.NORMAL, null), "critic");
        assertEquals(List.of("generator", "critic"), List.copyOf(m.networks().keySet()));
        assertSame(m.generator, m.networks().get("generator"));
        assertSame(m.discriminator, m.networks().get("critic"));
    }

    @Test
    void samplesAreGOfThePriorsDrawsInTheDataShape() {
        TinyLatentModel m = model(new TinyConfig(4, LatentDistribution.UNIFORM, null), "discriminator");
        assertEquals(4, m.latentDim());
        assertEquals(LatentDistribution.UNIFORM, m.latentDistribution());
        // The draws a plain code must make: the prior's own, from the same seed.
        INDArray z = LatentDistribution.UNIFORM.sample(new StepRandom(11), DataType.DOUBLE, 3, 4);
        assertEquals(z, m.codes(new StepRandom(11), 3));
        INDArray expected = m.generator.output(z).reshape(3, 2, 3);
        INDArray samples = m.sample(3, 11);
        assertArrayEquals(new long[] {3, 2, 3}, samples.shape());
        assertEquals(expected, samples);
        assertEquals(expected, m.generate(z.castTo(DataType.FLOAT), null), "codes of another type are cast");
    }

    @Test
    void generateRefusesLabelsAndCodesOfAnotherWidth() {
        TinyLatentModel m = model(new TinyConfig(4, LatentDistribution.NORMAL, null), "discriminator");
        IllegalArgumentException labels = assertThrows(IllegalArgumentException.class,
                () -> m.generate(m.codes(new StepRandom(1), 2), new int[] {0, 1}));
        assertEquals("TinyLatentModel is not conditional: it takes no labels", labels.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> m.generate(LatentDistribution.NORMAL.sample(new StepRandom(1), DataType.DOUBLE, 2, 5), null));
    }

    @Test
    void aStructuredCodeSetsTheWidthAndIsWhatCodesDraws() {
        LatentCode code = LatentCode.of(new LatentCode.Noise("z", LatentDistribution.NORMAL, 3),
                new LatentCode.Categorical("c", 4));
        TinyLatentModel m = model(new TinyConfig(3, LatentDistribution.NORMAL, code), "discriminator");
        assertEquals(7, m.latentDim(), "3 noise values and a 4-way one-hot code");
        assertEquals(code, m.latentCode());
        INDArray codes = m.codes(new StepRandom(5), 6);
        assertEquals(code.sample(new StepRandom(5), DataType.DOUBLE, 6), codes);
        INDArray oneHot = code.slice(codes, "c");
        assertEquals(6.0, oneHot.sumNumber().doubleValue(), "one 1 per row in the categorical columns");
        assertArrayEquals(new long[] {6, 2, 3}, m.sample(6, 5).shape());
    }

    @Test
    void discriminatorInputIsFlatForAnMlpAndTheExampleShapeOtherwise() {
        TinyLatentModel m = model(new TinyConfig(4, LatentDistribution.NORMAL, null), "discriminator");
        INDArray x = m.sample(2, 3);
        assertArrayEquals(new long[] {2, 6}, m.discriminatorInput(x, false).shape());
        assertArrayEquals(new long[] {2, 2, 3}, m.discriminatorInput(x.reshape(2, 6), true).shape());
        assertArrayEquals(new long[] {5, 4, 1, 1}, LatentGanModel.asChannels(m.codes(new StepRandom(1), 5)).shape());
    }

    @Test
    void rawScoresCheckNamesTheOutputActivation() {
        List<ConfigProblem> problems = new ArrayList<>();
        LatentModelConfig.requireRawScores("$.model.discriminator", ActivationName.IDENTITY, "why", problems);
        assertTrue(problems.isEmpty(), problems.toString());
        LatentModelConfig.requireRawScores("$.model.discriminator", ActivationName.SIGMOID,
                "the losses work on raw logits", problems);
        assertEquals(List.of(new ConfigProblem("$.model.discriminator.outputActivation", "must be identity",
                "'sigmoid'", "the losses work on raw logits")), problems);
    }
}
