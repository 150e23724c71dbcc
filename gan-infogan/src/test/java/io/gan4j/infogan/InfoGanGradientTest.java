package io.gan4j.infogan;

import io.gan4j.core.api.DataKind;
import io.gan4j.core.api.DataSpec;
import io.gan4j.core.api.ModelContext;
import io.gan4j.core.api.Seeds;
import io.gan4j.core.api.StepRandom;
import io.gan4j.core.loss.AdversarialLoss;
import io.gan4j.core.nn.AdversarialUpdates;
import io.gan4j.core.nn.Net;
import io.gan4j.core.testing.DoublePrecision;
import io.gan4j.core.testing.GradientCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.function.Supplier;

/**
 * The information loss through the paper's networks in double precision: G's parameter gradient of
 * adversarial loss + λ·L_I(Q(G(z, c)), c), got by passing the errors of D's three heads back through D into G,
 * against central finite differences of that objective recomputed from forward passes.
 */
@ExtendWith(DoublePrecision.class)
class InfoGanGradientTest {

    @Test
    void generatorGradientOfAdversarialPlusInformationLossMatchesFiniteDifferences() {
        InfoGanConfig d = InfoGanConfig.defaults();
        InfoGanConfig c = new InfoGanConfig(5, d.noiseDistribution(), 3, 2, -1, 1, 0.8, 1.5, d.leakySlope(),
                d.weightInit(), d.loss(), d.generatorOptimizer(), d.discriminatorOptimizer());
        InfoGanModel model = new InfoGanModel(new ModelContext(c, new DataSpec(new long[] {1, 8, 8}, 0,
                DataKind.UNLABELLED, "test"), new Seeds(3), DataType.DOUBLE));
        Net g = model.networks().get("generator");
        Net dq = model.networks().get("discriminator");
        AdversarialLoss loss = c.loss().create();
        INDArray codes = model.latentCode().sample(new StepRandom(4), DataType.DOUBLE, 4);
        List<AdversarialUpdates.HeadTerm> info = model.informationTerms(codes);
        INDArray cat = model.latentCode().slice(codes, InfoGanModel.CATEGORICAL);
        INDArray cont = model.latentCode().slice(codes, InfoGanModel.CONTINUOUS);

        INDArray fake = g.forward(codes);
        INDArray dLdFake = AdversarialUpdates.generatorGradient(dq, new INDArray[] {fake}, loss, 1.0, info).dLdFake();
        g.backward(dLdFake);
        INDArray analytic = g.lastGradient().dup();
        g.discardGradient();

        Supplier<Double> objective = () -> {
            INDArray[] out = dq.forwardAll(g.forward(codes));
            return loss.generator(out[0]).value() + 0.8 * InformationLoss.categorical(out[1], cat).value()
                    + 1.5 * InformationLoss.gaussian(out[2], cont).value();
        };
        GradientCheck.checkParameters(g, analytic, 4, objective);
    }
}
