package io.gan4j.core.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The five adversarial objectives. With s a raw discriminator output and σ the logistic sigmoid:
 * <table>
 * <caption>Per-element losses (each averaged over its batch)</caption>
 * <tr><th>loss</th><th>discriminator, real</th><th>discriminator, fake</th><th>generator</th></tr>
 * <tr><td>minimax (Goodfellow et al. 2014)</td><td>−log σ(s)</td><td>−log(1−σ(s))</td><td>log(1−σ(s))</td></tr>
 * <tr><td>non-saturating (ibid., §3)</td><td>−log σ(s)</td><td>−log(1−σ(s))</td><td>−log σ(s)</td></tr>
 * <tr><td>least-squares (Mao et al. 2017, a=0 b=c=1)</td><td>(s−1)²</td><td>s²</td><td>(s−1)²</td></tr>
 * <tr><td>hinge (Lim &amp; Ye 2017; Miyato et al. 2018)</td><td>max(0, 1−s)</td><td>max(0, 1+s)</td><td>−s</td></tr>
 * <tr><td>wasserstein (Arjovsky et al. 2017)</td><td>−s</td><td>s</td><td>−s</td></tr>
 * </table>
 * Cross-entropy terms use the overflow-free form −log σ(s) = softplus(−s), softplus(x) = max(x,0) + log1p(e^−|x|).
 * Least squares uses the squared error without the paper's ½, as the reference implementations (pix2pix,
 * CycleGAN) do.
 */
final class AdversarialLosses {
    private AdversarialLosses() {
    }

    /** softplus(x) = log(1 + e^x), computed without overflow. */
    static INDArray softplus(INDArray x) {
        INDArray negAbs = Transforms.abs(x, true).negi();
        return Transforms.relu(x, true).addi(Transforms.log1p(Transforms.exp(negAbs, false), false));
    }

    static double mean(INDArray a) {
        return a.sumNumber().doubleValue() / a.length();
    }

    /** −mean(s) and its gradient −1/n everywhere. */
    static LossTerm negatedMean(INDArray s) {
        return new LossTerm(-mean(s), s.ulike().assign(-1.0 / s.length()));
    }

    /** A loss with its config name ({@code model.loss}). */
    abstract static class Named implements AdversarialLoss {
        private final String name;

        Named(String name) {
            this.name = name;
        }

        @Override
        public final String name() {
            return name;
        }
    }

    /** Shared by minimax and non-saturating: D minimises softplus(−s_real) + softplus(s_fake). */
    abstract static class CrossEntropy extends Named {
        CrossEntropy(String name) {
            super(name);
        }

        // d/ds softplus(−s) = σ(s) − 1;  d/ds softplus(s) = σ(s)
        @Override
        public LossTerm discriminatorOnReal(INDArray real) {
            return new LossTerm(mean(softplus(real.neg())), Transforms.sigmoid(real, true).subi(1.0).divi(real.length()));
        }

        @Override
        public LossTerm discriminatorOnFake(INDArray fake) {
            return new LossTerm(mean(softplus(fake)), Transforms.sigmoid(fake, true).divi(fake.length()));
        }

        @Override
        public double meanScore(INDArray logits) {
            return mean(Transforms.sigmoid(logits, true));
        }
    }

    /** Losses on the raw score, whose readable summary is the mean score itself. */
    abstract static class RawScore extends Named {
        RawScore(String name) {
            super(name);
        }

        @Override
        public double meanScore(INDArray logits) {
            return mean(logits);
        }
    }

    static final class Minimax extends CrossEntropy {
        Minimax() {
            super("minimax");
        }

        @Override
        public LossTerm generator(INDArray fake) {
            // log(1 − σ(s)) = −softplus(s); its derivative is −σ(s), which vanishes when D is confident.
            return new LossTerm(-mean(softplus(fake)), Transforms.sigmoid(fake, true).negi().divi(fake.length()));
        }
    }

    static final class NonSaturating extends CrossEntropy {
        NonSaturating() {
            super("non-saturating");
        }

        @Override
        public LossTerm generator(INDArray fake) {
            return new LossTerm(mean(softplus(fake.neg())), Transforms.sigmoid(fake, true).subi(1.0).divi(fake.length()));
        }
    }

    static final class LeastSquares extends RawScore {
        LeastSquares() {
            super("least-squares");
        }

        @Override
        public LossTerm discriminatorOnReal(INDArray real) {
            return squaredErrorTo(real, 1.0);
        }

        @Override
        public LossTerm discriminatorOnFake(INDArray fake) {
            return squaredErrorTo(fake, 0.0);
        }

        @Override
        public LossTerm generator(INDArray fake) {
            return squaredErrorTo(fake, 1.0);
        }

        private static LossTerm squaredErrorTo(INDArray s, double target) {
            INDArray err = s.sub(target);
            double value = mean(err.mul(err));
            return new LossTerm(value, err.muli(2.0 / s.length()));
        }
    }

    static final class Hinge extends RawScore {
        Hinge() {
            super("hinge");
        }

        // Subgradient 0 at the kinks, as max(0, ·) is implemented everywhere.
        @Override
        public LossTerm discriminatorOnReal(INDArray real) {
            INDArray margin = real.rsub(1.0);               // 1 − s
            return new LossTerm(mean(Transforms.relu(margin, true)), Transforms.step(margin, false).negi().divi(real.length()));
        }

        @Override
        public LossTerm discriminatorOnFake(INDArray fake) {
            INDArray margin = fake.add(1.0);                // 1 + s
            return new LossTerm(mean(Transforms.relu(margin, true)), Transforms.step(margin, false).divi(fake.length()));
        }

        @Override
        public LossTerm generator(INDArray fake) {
            return negatedMean(fake);
        }
    }

    static final class Wasserstein extends RawScore {
        Wasserstein() {
            super("wasserstein");
        }

        @Override
        public LossTerm discriminatorOnReal(INDArray real) {
            return negatedMean(real);
        }

        @Override
        public LossTerm discriminatorOnFake(INDArray fake) {
            return new LossTerm(mean(fake), fake.ulike().assign(1.0 / fake.length()));
        }

        @Override
        public LossTerm generator(INDArray fake) {
            return negatedMean(fake);
        }
    }
}
