package io.gan4j.core.nn;

import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.api.DataKind;
import io.gan4j.core.api.DataSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataChecksTest {
    private static final DataSpec DIGITS = new DataSpec(new long[] {1, 28, 28}, 10, DataKind.LABELLED, "mnist");
    private static final DataSpec POINTS = new DataSpec(new long[] {2}, 0, DataKind.UNLABELLED, "ring8");
    private static final DataSpec ODD = new DataSpec(new long[] {3, 30, 30}, 0, DataKind.UNLABELLED, "folder");

    @Test
    void convolutionalNetworksNeedImagesOfASupportedSize() {
        List<ConfigProblem> problems = new ArrayList<>();
        assertFalse(DataChecks.convolutionalImages(DIGITS, problems));
        assertTrue(problems.isEmpty());
        assertTrue(DataChecks.convolutionalImages(POINTS, problems));
        assertEquals(new ConfigProblem("$.data", "must be images [C, H, W] (the networks are convolutional)",
                "ring8 [2]", "use an MLP backbone for points"), problems.get(0));
        assertTrue(DataChecks.convolutionalImages(ODD, problems));
        assertEquals("$.data", problems.get(1).path());
        assertTrue(problems.get(1).requirement().contains("e.g. 28, 32, 64"), problems.get(1).requirement());
    }

    @Test
    void aGeneratorForPointsMustBeUnbounded() {
        List<ConfigProblem> problems = new ArrayList<>();
        DataChecks.generatorReachesTheData(ActivationName.TANH, "$.model.generator.outputActivation", DIGITS, problems);
        DataChecks.generatorReachesTheData(ActivationName.IDENTITY, "$.g", POINTS, problems);
        assertTrue(problems.isEmpty());
        DataChecks.generatorReachesTheData(ActivationName.TANH, "$.model.generator.outputActivation", POINTS, problems);
        assertEquals(1, problems.size());
        assertEquals("$.model.generator.outputActivation", problems.get(0).path());
        assertEquals("'tanh'", problems.get(0).found());
    }
}
