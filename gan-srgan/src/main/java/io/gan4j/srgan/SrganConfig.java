package io.gan4j.srgan;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.api.Doc;
import io.gan4j.core.api.ModelConfig;
import io.gan4j.core.api.Range;
import io.gan4j.core.api.Validatable;
import io.gan4j.core.loss.AdversarialLossType;
import io.gan4j.core.metrics.ClassifierDomain;
import io.gan4j.core.nn.OptimizerConfig;

import java.util.List;
import java.util.Locale;

/**
 * The {@code model} section of an SRGAN experiment (Ledig et al. 2017): an SRResNet generator from the
 * low-resolution image to the ×{@code factor} one, the paper's discriminator, and G's objective
 * {@code contentWeight · content + adversarialWeight · adversarial} (the paper's perceptual loss, eq. 3, with
 * adversarial weight 10⁻³).
 *
 * <p>Names as in the paper: {@code content: features} is its VGG loss with gan4j's shipped classifier in VGG's place
 * ({@link FeatureContentLoss}); {@code content: mse} is its pixel MSE. Two baselines come from the same config:
 * {@code adversarialWeight: 0} with {@code content: mse} is SRResNet-MSE (no discriminator is built), and
 * {@code upsampler: bicubic} is bicubic interpolation of the low-resolution input (no network at all; it "trains" for
 * the configured steps without changing anything, so the evaluator scores it like the others).
 */
public record SrganConfig(
        @Doc("srresnet (the generator of the paper) or bicubic (the interpolation baseline: no networks)") Upsampler upsampler,
        @Doc("Up-sampling factor, a power of 2 (the paper: 4); must be the data's superres factor") @Range(min = 2, max = 16) int factor,
        @Doc("Generator SRResNet: width and residual blocks") SrResNetConfig generator,
        @Doc("Discriminator: width, stride-2 stages, dense width") SrganDiscriminatorConfig discriminator,
        @Doc("Content loss: features (the paper's VGG loss, on the shipped classifier's features) or mse (pixels)") Content content,
        @Doc("Whose shipped classifier gives the content features: mnist or fashion-mnist") ClassifierDomain contentNetwork,
        @Doc("Classifier layer of the content features: conv1, conv2 (the paper's phi_5,4 position) or dense") FeatureContentLoss.ContentLayer contentLayer,
        @Doc("Weight of the content term in G's loss") @Range(min = 0) double contentWeight,
        @Doc("Weight of the adversarial term in G's loss (the paper: 1e-3); 0 = no discriminator (SRResNet)") @Range(min = 0) double adversarialWeight,
        @Doc("Adversarial loss: non-saturating (the paper's -log D(G(x))), least-squares or minimax") AdversarialLossType loss,
        @Doc("Parameter a of the bicubic baseline's cubic kernel: -0.75 (PyTorch, OpenCV) or -0.5 (PIL, MATLAB)") @Range(min = -1, max = 0) double bicubicA,
        @Doc("Optimizer of G (the paper: Adam, lr 1e-4, beta1 0.9)") OptimizerConfig generatorOptimizer,
        @Doc("Optimizer of D") OptimizerConfig discriminatorOptimizer) implements ModelConfig, Validatable {

    /** What maps the low-resolution image up. */
    public enum Upsampler {
        /** The trained SRResNet generator. */
        @JsonProperty("srresnet") SRRESNET,
        /** Bicubic interpolation (Keys' kernel with parameter {@code bicubicA}); nothing is trained. */
        @JsonProperty("bicubic") BICUBIC
    }

    /** G's content term. */
    public enum Content {
        /** Mean squared difference of the shipped classifier's features (in place of the paper's VGG features). */
        @JsonProperty("features") FEATURES,
        /** Mean squared pixel difference (the paper's SRResNet-MSE). */
        @JsonProperty("mse") MSE
    }

    /**
     * The paper's SRGAN at ×4: SRResNet with 16 blocks of 64 channels, its discriminator (dense 1024), feature content
     * loss (on the Fashion-MNIST classifier's conv2), adversarial weight 10⁻³, non-saturating loss, Adam(10⁻⁴, β1 0.9).
     */
    public static SrganConfig defaults() {
        OptimizerConfig adam = OptimizerConfig.Adam.of(1e-4, 0.9);
        return new SrganConfig(Upsampler.SRRESNET, 4, SrResNetConfig.paper(), SrganDiscriminatorConfig.paper(),
                Content.FEATURES, ClassifierDomain.FASHION_MNIST, FeatureContentLoss.ContentLayer.CONV2, 1.0, 1e-3,
                AdversarialLossType.NON_SATURATING, -0.75, adam, adam);
    }

    @Override
    public void validate(String path, List<ConfigProblem> problems) {
        if (Integer.bitCount(factor) != 1) {
            problems.add(new ConfigProblem(path + ".factor", "must be a power of 2 (one x2 sub-pixel stage each)",
                    Integer.toString(factor), null));
        }
        if (loss == AdversarialLossType.WASSERSTEIN || loss == AdversarialLossType.HINGE) {
            problems.add(new ConfigProblem(path + ".loss", "must be non-saturating, least-squares or minimax",
                    "'" + loss.name().toLowerCase(Locale.ROOT).replace('_', '-') + "'",
                    "a Wasserstein or hinge critic needs constraints this discriminator does not have"));
        }
        if (upsampler == Upsampler.SRRESNET && contentWeight == 0 && adversarialWeight == 0) {
            problems.add(new ConfigProblem(path + ".contentWeight", "must be above 0 when adversarialWeight is 0",
                    "0.0", "G would have no loss at all"));
        }
    }

    /** Whether a generator is trained (not the bicubic baseline). */
    public boolean trained() {
        return upsampler == Upsampler.SRRESNET;
    }

    /** Whether G has an adversarial term (and so a discriminator exists). */
    public boolean adversarial() {
        return trained() && adversarialWeight > 0;
    }

    /** The ×2 sub-pixel stages: log2(factor). */
    public int stages() {
        return Integer.numberOfTrailingZeros(factor);
    }
}
