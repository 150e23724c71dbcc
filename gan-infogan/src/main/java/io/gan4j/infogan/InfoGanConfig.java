package io.gan4j.infogan;

import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.api.Doc;
import io.gan4j.core.api.LatentCode;
import io.gan4j.core.api.LatentDistribution;
import io.gan4j.core.api.Range;
import io.gan4j.core.api.Validatable;
import io.gan4j.core.loss.AdversarialLossType;
import io.gan4j.core.model.LatentModelConfig;
import io.gan4j.core.nn.InitName;
import io.gan4j.core.nn.OptimizerConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code model} section of an InfoGAN experiment (Chen et al. 2016). The generator's input is the paper's
 * (z, c): {@code noise} values of incompressible noise z, one categorical code c1 with {@code categorical} values
 * (one-hot) and {@code continuous} codes c2, c3, ... uniform in [{@code continuousLow}, {@code continuousHigh}].
 * The defaults are the paper's MNIST setup (Section 7.1 and Appendix C.1): z ~ U(−1, 1)^62, c1 ~ Cat(K = 10),
 * c2, c3 ~ U(−1, 1), λ = 1, Adam with learning rate 2e-4 for D and Q and 1e-3 for G, β1 = 0.5.
 *
 * <p>A config file lists only what differs, e.g. {@code "model": {"type": "infogan", "lambdaInfo": 0.5}}.
 */
public record InfoGanConfig(
        @Doc("Dimensions of the noise z (the paper: 62 for MNIST)") @Range(min = 1) int noise,
        @Doc("Prior of z: uniform = U(-1,1) (the reference code's MNIST choice) or normal") LatentDistribution noiseDistribution,
        @Doc("Values K of the categorical code c1 (the paper: 10 for MNIST); 0 for none") @Range(min = 0) int categorical,
        @Doc("Number of continuous codes c2, c3, ... (the paper: 2 for MNIST)") @Range(min = 0) int continuous,
        @Doc("Lower end of the continuous codes' uniform prior") double continuousLow,
        @Doc("Upper end of the continuous codes' uniform prior") double continuousHigh,
        @Doc("λ, weight of the categorical code's information loss L_I in both D/Q's and G's objectives (the paper: 1)") @Range(min = 0) double lambdaInfo,
        @Doc("Weight of the continuous codes' information loss (the reference code: 1 on MNIST)") @Range(min = 0) double lambdaContinuous,
        @Doc("Slope of the LeakyReLU in D and Q for negative inputs") @Range(min = 0, max = 1) double leakySlope,
        @Doc("Weight initialisation of G, D and Q") InitName weightInit,
        @Doc("Adversarial loss: non-saturating (the paper's), minimax, least-squares, hinge") AdversarialLossType loss,
        @Doc("Optimizer of G (the paper: Adam 1e-3, beta1 0.5)") OptimizerConfig generatorOptimizer,
        @Doc("Optimizer of D and Q (the paper: Adam 2e-4, beta1 0.5)") OptimizerConfig discriminatorOptimizer)
        implements LatentModelConfig, Validatable {

    /** The paper's MNIST setup, as listed in the class comment. */
    public static InfoGanConfig defaults() {
        return new InfoGanConfig(62, LatentDistribution.UNIFORM, 10, 2, -1, 1, 1.0, 1.0, 0.1, InitName.NORMAL_002,
                AdversarialLossType.NON_SATURATING, OptimizerConfig.Adam.of(1e-3, 0.5),
                OptimizerConfig.Adam.of(2e-4, 0.5));
    }

    /** Width of the generator's input (z, c): noise + categorical + continuous. */
    public int codeWidth() {
        return noise + categorical + continuous;
    }

    /** The noise z's dimensions, {@code noise}; the generator's whole input is the wider {@link #latentCode()}. */
    @Override
    public int latentDim() {
        return noise;
    }

    /** The prior of the noise z, {@code noiseDistribution}; the codes have their own (one-hot, uniform). */
    @Override
    public LatentDistribution latent() {
        return noiseDistribution;
    }

    /**
     * The generator's input (z, c1, c2...): noise {@code z}, the one-hot categorical code {@code c} and the uniform
     * continuous codes {@code c_cont}, in that order; a part with width 0 is left out. Width {@link #codeWidth()}.
     */
    @Override
    public LatentCode latentCode() {
        List<LatentCode.Part> parts = new ArrayList<>();
        parts.add(new LatentCode.Noise(InfoGanModel.NOISE, noiseDistribution, noise));
        if (categorical > 0) {
            parts.add(new LatentCode.Categorical(InfoGanModel.CATEGORICAL, categorical));
        }
        if (continuous > 0) {
            parts.add(new LatentCode.Continuous(InfoGanModel.CONTINUOUS, continuous, continuousLow, continuousHigh));
        }
        return LatentCode.of(parts);
    }

    @Override
    public void validate(String path, List<ConfigProblem> problems) {
        if (!(continuousLow < continuousHigh)) {
            problems.add(new ConfigProblem(path + ".continuousHigh", "must be above continuousLow ("
                    + continuousLow + ")", String.valueOf(continuousHigh), null));
        }
        if (categorical == 1) {
            problems.add(new ConfigProblem(path + ".categorical", "must be 0 (no categorical code) or at least 2",
                    "1", "a code with one value carries no information"));
        }
        if (categorical == 0 && continuous == 0) {
            problems.add(new ConfigProblem(path + ".categorical", "InfoGAN needs at least one code",
                    "categorical 0 and continuous 0", "set categorical to 10 or continuous to 2"));
        }
        if (loss == AdversarialLossType.WASSERSTEIN) {
            problems.add(new ConfigProblem(path + ".loss", "must not be wasserstein (no Lipschitz constraint here)",
                    "'wasserstein'", "use non-saturating, as the paper"));
        }
    }
}
