package io.gan4j.core.api;

/**
 * How gan4j's evaluation (periodic {@code eval.every} and {@code gan4j evaluate}) scores a model; the model declares
 * it with {@link GanModel#evaluationKind()}, so core never tests the model's class.
 */
public enum EvaluationKind {
    /**
     * Samples from {@link GanModel#sample} (with labels balanced over the classes when
     * {@link GanModel#numClasses()} is positive) scored against real examples: FID, KID, IS, precision and recall
     * for images; mode coverage for 2-D points.
     */
    SAMPLES,
    /**
     * Held-out inputs translated with {@link GanModel#translator()} and scored against their targets (L1, PSNR,
     * SSIM, FID of the outputs) next to the identity baseline; needs {@link DataKind#PAIRED} data.
     */
    PAIRED_TRANSLATION,
    /**
     * Held-out images of two unpaired domains translated both ways ({@link GanModel#translator()} A → B,
     * {@link GanModel#backTranslator()} B → A): cycle L1, FID each way, and L1/PSNR/SSIM where the data knows the true
     * mapping; needs {@link DataKind#UNPAIRED} data.
     */
    CYCLE_TRANSLATION
}
