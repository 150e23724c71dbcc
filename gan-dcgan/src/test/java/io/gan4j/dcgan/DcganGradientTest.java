package io.gan4j.dcgan;

import io.gan4j.core.api.DataKind;
import io.gan4j.core.api.DataSpec;
import io.gan4j.core.api.ModelContext;
import io.gan4j.core.api.Seeds;
import io.gan4j.core.loss.AdversarialLoss;
import io.gan4j.core.nn.AdversarialUpdates;
import io.gan4j.core.nn.ConvNetConfig;
import io.gan4j.core.nn.Net;
import io.gan4j.core.testing.GradientCheck;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;


/**
 * The DCGAN model's networks in double precision against central finite differences: each network alone
 * (input and parameter gradients, through transpose convolutions, strided convolutions and batch norm), and the
 * generator's adversarial gradient chained through the discriminator.
 */
class DcganGradientTest {
    private static final long[] IMAGE = {1, 28, 28};

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    /** The default architecture at width 2 and latent size 4, built the way the variant builds it. */
    private static DcganModel tinyModel() {
        DcganConfig d = DcganConfig.defaults();
        DcganConfig c = new DcganConfig(4, d.latent(), ConvNetConfig.dcganGenerator(2),
                ConvNetConfig.dcganDiscriminator(2), d.loss(), d.generatorOptimizer(), d.discriminatorOptimizer());
        DataSpec spec = new DataSpec(IMAGE, 0, DataKind.UNLABELLED, "test");
        return new DcganModel(new ModelContext(c, spec, new Seeds(7), DataType.DOUBLE));
    }

    @Test
    void generatorGradientsMatchFiniteDifferences() {
        GradientCheck.check(tinyModel().networks().get("generator"), 30,
                GradientCheck.random(new Random(1), 3, 4, 1, 1));
    }

    @Test
    void discriminatorGradientsMatchFiniteDifferences() {
        GradientCheck.check(tinyModel().networks().get("discriminator"), 30,
                GradientCheck.random(new Random(2), 3, 1, 28, 28));
    }

    /** dL_G/dθ_G from {@code g.backward(generatorGradient(d, G(z)))} against differences of L_G(D(G(z))). */
    @Test
    void generatorLossGradientThroughTheDiscriminatorMatchesFiniteDifferences() {
        DcganModel model = tinyModel();
        Net g = model.networks().get("generator");
        Net d = model.networks().get("discriminator");
        AdversarialLoss loss = DcganConfig.defaults().loss().create();
        INDArray z = GradientCheck.random(new Random(3), 4, 4, 1, 1);

        INDArray fake = g.forward(z);
        g.backward(AdversarialUpdates.generatorGradient(d, fake, loss).dLdFake());
        INDArray analytic = g.lastGradient().dup();
        g.discardGradient();

        GradientCheck.checkParameters(g, analytic, 10, () -> loss.generator(d.forward(g.forward(z))).value());
    }
}
