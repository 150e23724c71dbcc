package io.gan4j.infogan;

import io.gan4j.core.api.LatentCode;
import io.gan4j.core.api.LatentGenerator;
import io.gan4j.core.api.SampleGrid;
import io.gan4j.core.api.StepResult;
import io.gan4j.core.testing.VariantContractTest;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The variant contract for InfoGAN (the paper's networks, a small code, a few MNIST digits), plus its codes and grid. */
class InfoGanContractTest extends VariantContractTest {

    @Override
    protected String variantName() {
        return "infogan";
    }

    @Override
    protected String tinyConfig() {
        return """
                {
                  "seed": 3,
                  "model": {"type": "infogan", "noise": 6, "categorical": 3, "continuous": 2},
                  "data": {"source": "mnist", "limit": 32},
                  "train": {"batchSize": 8}
                }
                """;
    }

    @Test
    void stepsLogTheInformationTermsOfBothUpdates() {
        List<StepResult> results = train(2).results();
        for (String key : List.of("d_loss", "g_loss", "d_info_cat", "d_info_cont", "g_info_cat", "g_info_cont")) {
            assertTrue(results.get(1).values().containsKey(key), key + " in " + results.get(1));
        }
        // Q starts knowing nothing about c1 ~ Cat(3): its cross-entropy is near log 3 (small random logits).
        assertEquals(Math.log(3), results.get(0).get("d_info_cat"), 0.5);
    }

    @Test
    void theLatentCodeIsNoiseThenCategoricalThenContinuous() {
        LatentGenerator g = (LatentGenerator) train(1).model();
        LatentCode code = g.latentCode();
        assertEquals(11, g.latentDim());
        assertEquals(11, code.width());
        assertEquals(List.of("z", "c", "c_cont"), code.parts().stream().map(LatentCode.Part::name).toList());
        assertEquals(new LatentCode.Continuous("c_cont", 2, -1, 1), code.part("c_cont"));
        assertThrows(IllegalArgumentException.class, () -> g.generate(org.nd4j.linalg.factory.Nd4j.zeros(2, 10), null));
    }

    @Test
    void theGridHasARowPerCategoryAndColumnsSweepingOneContinuousCode() {
        InfoGanModel model = (InfoGanModel) train(1).model();
        SampleGrid grid = model.sampleGrid(4, 3, 9);
        assertEquals(4, grid.rows());
        assertArrayEquals(new String[] {"c=0", "c=1", "c=2", "c=0"}, grid.rowLabels());
        INDArray images = grid.images();
        // Rows 0 and 3 have the same category and the same fixed noise: the same images.
        assertEquals(images.get(NDArrayIndex.interval(0, 3)), images.get(NDArrayIndex.interval(9, 12)));
        assertNotEquals(images.get(NDArrayIndex.point(0)), images.get(NDArrayIndex.point(2)), "c2 changes along a row");
        assertNotEquals(images.get(NDArrayIndex.point(0)), images.get(NDArrayIndex.point(3)), "c1 changes down");
        SampleGrid second = model.codeGrid(3, 3, 1, 9);
        assertEquals(images.get(NDArrayIndex.point(1)), second.images().get(NDArrayIndex.point(1)),
                "the middle column has both continuous codes at 0 in either grid");
        assertNotEquals(images.get(NDArrayIndex.point(0)), second.images().get(NDArrayIndex.point(0)));
    }

    @Test
    void badSettingsAreRefusedWithTheirPath() {
        String json = tinyConfig().replace("\"continuous\": 2", "\"continuous\": 2, \"continuousLow\": 1");
        Exception e = assertThrows(Exception.class, () -> load(json));
        assertTrue(e.getMessage().contains("$.model.continuousHigh"), e.getMessage());
    }
}
