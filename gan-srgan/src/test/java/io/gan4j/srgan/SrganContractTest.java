package io.gan4j.srgan;

import io.gan4j.core.api.Batch;
import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.api.DataKind;
import io.gan4j.core.api.DataSpec;
import io.gan4j.core.api.StepResult;
import io.gan4j.core.data.DataException;
import io.gan4j.core.nn.Net;
import io.gan4j.core.nn.Nets;
import io.gan4j.core.testing.VariantContractTest;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The variant contract for SRGAN on a tiny SRResNet and discriminator, plus its baselines and its data check. */
class SrganContractTest extends VariantContractTest {

    SrganContractTest() {
        super("srgan", "\"generator\": {\"width\": 4, \"residualBlocks\": 1}, \"discriminator\": {\"width\": 4,"
                + " \"denseWidth\": 8}, \"contentNetwork\": \"mnist\"", pairedData("superres"), 8);
    }

    /** The contract checks the shape and range of the translations; SRGAN's have no randomness left to seed. */
    @Test
    void superResolvesInInferenceModeWhateverTheSeed() {
        assertTranslationIgnoresTheSeed(train(1), "inference mode: the seed does not matter");
    }

    @Test
    void generatorSeesTheSevenPixelImageAndTheDiscriminatorTwoStagesOf28Pixels() {
        Trained t = train(1);
        Net g = Nets.of(t.model()).get("generator");
        assertArrayEquals(new long[] {2, 1, 28, 28}, g.output(Nd4j.zeros(DataType.FLOAT, 2, 1, 7, 7)).shape());
        Net d = Nets.of(t.model()).get("discriminator");
        assertArrayEquals(new long[] {2, 1}, d.output(Nd4j.zeros(DataType.FLOAT, 2, 1, 28, 28)).shape());
        // 28 -> 14 -> 7: stage 2 (layers 5-10) ends with 8 channels of 7x7, all of which the dense layer (11) sees.
        assertArrayEquals(new long[] {8 * 7 * 7, 8}, d.paramTable().get("11_W").shape());
    }

    @Test
    void stepLogsContentAndAdversarialTerms() {
        StepResult r = train(2).results().get(1);
        assertEquals(List.of("mse", "d_loss", "g_loss", "g_content", "g_adv", "d_real", "d_fake"),
                List.copyOf(r.values().keySet()));
        assertEquals(r.get("g_content") + 1e-3 * r.get("g_adv"), r.get("g_loss"), 1e-9 * r.get("g_loss"));
    }

    @Test
    void adversarialWeightZeroWithMseContentIsSrResNetWithoutADiscriminator() {
        Trained t = train(tinyConfigWith("\"content\": \"mse\", \"adversarialWeight\": 0"), 2);
        assertEquals(Set.of("generator"), t.model().networks().keySet());
        StepResult r = t.results().get(1);
        assertEquals(List.of("mse", "g_loss", "g_content"), List.copyOf(r.values().keySet()));
        assertEquals(r.get("mse"), r.get("g_content"));
    }

    @Test
    void bicubicBaselineHasNoNetworksAndTranslatesByInterpolation() {
        Trained t = train(tinyConfigWith("\"upsampler\": \"bicubic\""), 2);
        assertEquals(Set.of(), t.model().networks().keySet());
        assertEquals(List.of("mse"), List.copyOf(t.results().get(0).values().keySet()));
        SrganModel m = (SrganModel) t.model();
        Batch p = pairs(t, 2);
        INDArray out = m.translate(p.x(), 1);
        assertArrayEquals(new long[] {2, 1, 28, 28}, out.shape());
        assertEquals(m.bicubic(m.lowResolution(p.x())), out);
    }

    @Test
    void inputsOfAnotherTaskAreRefusedWithAMessageNamingTheTask() {
        // A DataException: the CLI turns it into one line and exit 2 (bad input), not a failure.
        DataException e = assertThrows(DataException.class, () -> train(tinyConfigWith("", pairedData("denoise")), 1));
        assertTrue(e.getMessage().contains("superres"), e.getMessage());
    }

    @Test
    void featureContentNeedsTheClassifiersImageShapeAndTheFactorMustDivideTheImage() {
        SrganVariant variant = new SrganVariant();
        DataSpec rgb = new DataSpec(new long[] {3, 64, 64}, 0, DataKind.PAIRED, "rgb");
        List<ConfigProblem> problems = new ArrayList<>();
        variant.validate(SrganConfig.defaults(), rgb, problems);
        assertEquals(List.of("$.model.content"), problems.stream().map(ConfigProblem::path).toList());
        problems.clear();
        variant.validate(SrganConfig.defaults(), new DataSpec(new long[] {1, 30, 30}, 0, DataKind.PAIRED, "x"),
                problems);
        assertEquals(List.of("$.model.factor", "$.model.content"), problems.stream().map(ConfigProblem::path).toList());
        problems.clear();
        variant.validate(SrganConfig.defaults(), new DataSpec(new long[] {1, 28, 28}, 0, DataKind.PAIRED, "x"),
                problems);
        assertEquals(List.of(), problems);
    }
}
