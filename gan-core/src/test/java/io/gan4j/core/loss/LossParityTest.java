package io.gan4j.core.loss;

import com.fasterxml.jackson.databind.JsonNode;
import io.gan4j.core.testing.parity.ParityFixture;
import io.gan4j.core.testing.parity.ParityReplay;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every adversarial loss gan4j offers (minimax, non-saturating, least squares, hinge, Wasserstein), each of its three
 * terms with its gradient and its summary score, on logits of an MLP's shape {@code [5, 1]} and a PatchGAN's
 * {@code [2, 1, 3, 3]}, and the L1 and L2 reconstruction losses, against PyTorch's own loss functions and autograd
 * ({@code BCEWithLogitsLoss}, {@code MSELoss}, {@code L1Loss}, relu hinge; fixture from
 * {@code benchmarks/parity/make_fixtures.py}). Relative errors at most 1e-6 in double precision, 1e-3 in float32.
 */
class LossParityTest {

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"DOUBLE", "FLOAT"})
    void everyLossTermAndGradientEqualsPyTorchs(DataType type) {
        JsonNode root = ParityFixture.load("losses").root();
        double tolerance = ParityReplay.tolerance(type);
        List<String> failures = new ArrayList<>();
        int compared = 0;
        List<String> losses = new ArrayList<>();
        for (JsonNode c : root.get("adversarial")) {
            String name = c.get("loss").asText();
            losses.add(name);
            AdversarialLoss loss = Arrays.stream(AdversarialLossType.values()).map(AdversarialLossType::create)
                    .filter(l -> l.name().equals(name)).findFirst().orElseThrow();
            INDArray logits = ParityFixture.array(c.get("logits"), type);
            String at = name + " on " + Arrays.toString(logits.shape()) + ": ";
            for (String term : List.of("discriminatorOnReal", "discriminatorOnFake", "generator")) {
                LossTerm actual = switch (term) {
                    case "discriminatorOnReal" -> loss.discriminatorOnReal(logits.dup());
                    case "discriminatorOnFake" -> loss.discriminatorOnFake(logits.dup());
                    default -> loss.generator(logits.dup());
                };
                JsonNode expected = c.get("terms").get(term);
                compared += 2;
                check(failures, at + term, ParityReplay.scalarError(actual.value(), expected.get("value").asDouble()),
                        tolerance);
                check(failures, at + term + " gradient", ParityReplay.error(actual.gradient(),
                        ParityFixture.array(expected.get("gradient"), DataType.DOUBLE)), tolerance);
            }
            compared++;
            check(failures, at + "mean score", ParityReplay.scalarError(loss.meanScore(logits),
                    c.get("meanScore").asDouble()), tolerance);
        }
        INDArray prediction = ParityFixture.array(root.get("prediction"), type);
        INDArray target = ParityFixture.array(root.get("target"), type);
        for (JsonNode r : root.get("reconstruction")) {
            ReconstructionLoss loss = ReconstructionLoss.valueOf(r.get("loss").asText().toUpperCase());
            ReconstructionLoss.Value actual = loss.compute(prediction, target);
            compared += 2;
            check(failures, loss + " value", ParityReplay.scalarError(actual.value(), r.get("value").asDouble()),
                    tolerance);
            check(failures, loss + " gradient", ParityReplay.error(actual.gradient(),
                    ParityFixture.array(r.get("gradient"), DataType.DOUBLE)), tolerance);
        }
        assertEquals(Arrays.stream(AdversarialLossType.values()).map(t -> t.create().name()).sorted().toList(),
                losses.stream().distinct().sorted().toList(), "the fixture covers every loss gan4j offers");
        assertEquals(10 * 7 + 2 * 2, compared);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private static void check(List<String> failures, String what, double error, double tolerance) {
        if (!(error <= tolerance)) {
            failures.add(what + ": relative error " + error);
        }
    }
}
