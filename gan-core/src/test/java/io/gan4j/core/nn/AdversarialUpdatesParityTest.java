package io.gan4j.core.nn;

import com.fasterxml.jackson.databind.JsonNode;
import io.gan4j.core.loss.AdversarialLoss;
import io.gan4j.core.loss.AdversarialLossType;
import io.gan4j.core.testing.parity.ParityFixture;
import io.gan4j.core.testing.parity.ParityReplay;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * gan-core's two update blocks against PyTorch on their own ({@code adversarial-updates} fixture from
 * {@code benchmarks/parity/make_fixtures.py}): a discriminator update with batch norm (one pass each for real and
 * fake, half the loss as pix2pix and CycleGAN take it, non-saturating) and without (one pass over both, least
 * squares), then the generator's adversarial gradient through the updated discriminator.
 */
class AdversarialUpdatesParityTest {

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"DOUBLE", "FLOAT"})
    void discriminatorStepAndGeneratorGradientEqualPyTorchs(DataType type) {
        DataType before = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(type, type);
        try {
            List<String> failures = new ArrayList<>();
            for (JsonNode c : ParityFixture.load("adversarial-updates").root().get("cases")) {
                failures.addAll(replay(c, type));
            }
            assertTrue(failures.isEmpty(), String.join("\n", failures));
        } finally {
            Nd4j.setDefaultDataTypes(before, before);
        }
    }

    private static List<String> replay(JsonNode c, DataType type) {
        boolean batchNorm = c.get("batchNorm").asBoolean();
        String lossName = c.get("loss").asText();
        AdversarialLoss loss = Arrays.stream(AdversarialLossType.values()).map(AdversarialLossType::create)
                .filter(l -> l.name().equals(lossName)).findFirst().orElseThrow();
        Net d = ConvNets.discriminator(new ConvNetConfig(2, ActivationName.LEAKY_RELU, 0.2, batchNorm, 0.9, 1e-5,
                ActivationName.IDENTITY, InitName.NORMAL_002), new long[] {1, 16, 16}, OptimizerConfig.Adam.of(2e-4, 0.5),
                1, type);
        Map<String, INDArray> initial = ParityFixture.arrays(c.get("initial"), type);
        assertEquals(new TreeSet<>(initial.keySet()), new TreeSet<>(d.paramTable().keySet()));
        initial.forEach((k, v) -> d.paramTable().get(k).assign(v));
        INDArray[] gradient = new INDArray[1];
        d.setStepObserver((n, flat) -> gradient[0] = flat.dup());
        INDArray real = ParityFixture.array(c.get("real"), type);
        INDArray fake = ParityFixture.array(c.get("fake"), type);

        AdversarialUpdates.DiscriminatorUpdate u = AdversarialUpdates.discriminatorStep(d, new INDArray[] {real},
                new INDArray[] {fake}, loss, c.get("scale").asDouble());
        String at = lossName + (batchNorm ? " with" : " without") + " batch norm in " + type + ": ";
        double tolerance = ParityReplay.tolerance(type);
        List<String> failures = new ArrayList<>();
        JsonNode ds = c.get("discriminator");
        double[] actual = {u.loss(), u.realTerm(), u.fakeTerm(), u.realScore(), u.fakeScore()};
        String[] names = {"loss", "realTerm", "fakeTerm", "realScore", "fakeScore"};
        for (int i = 0; i < names.length; i++) {
            check(failures, at + "D " + names[i], ParityReplay.scalarError(actual[i], ds.get(names[i]).asDouble()),
                    tolerance);
        }
        Map<String, INDArray> g = d.asParamTable(gradient[0]);
        ParityFixture.arrays(c.get("gradient"), DataType.DOUBLE).forEach((k, v) ->
                check(failures, at + "D gradient " + k, ParityReplay.error(g.get(k), v), tolerance));
        Map<String, INDArray> start = ParityFixture.arrays(c.get("initial"), DataType.DOUBLE);
        ParityFixture.arrays(c.get("final"), DataType.DOUBLE).forEach((k, v) -> check(failures,
                at + "D change " + k, ParityReplay.error(d.paramTable().get(k).castTo(DataType.DOUBLE).sub(start.get(k)),
                        v.sub(start.get(k))), tolerance));

        AdversarialUpdates.GeneratorGradient gg = AdversarialUpdates.generatorGradient(d, fake, loss);
        JsonNode gs = c.get("generator");
        check(failures, at + "G loss", ParityReplay.scalarError(gg.loss(), gs.get("loss").asDouble()), tolerance);
        check(failures, at + "G mean score", ParityReplay.scalarError(gg.meanScore(), gs.get("meanScore").asDouble()),
                tolerance);
        check(failures, at + "dL/dfake", ParityReplay.error(gg.dLdFake(),
                ParityFixture.array(gs.get("dLdFake"), DataType.DOUBLE)), tolerance);
        return failures;
    }

    private static void check(List<String> failures, String what, double error, double tolerance) {
        if (!(error <= tolerance)) {
            failures.add(what + ": relative error " + error);
        }
    }
}
