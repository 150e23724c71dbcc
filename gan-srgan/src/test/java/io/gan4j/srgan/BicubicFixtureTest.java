package io.gan4j.srgan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The bicubic baseline against PyTorch 1.13's {@code interpolate(mode="bicubic", align_corners=False)} on fixed random
 * images (written by {@code scripts/bicubic_fixture.py}: factors 4 and 2, borders included), and Keys' kernel against
 * values worked out by hand.
 */
class BicubicFixtureTest {

    @Test
    void keysKernelHasTheHandComputedValues() {
        // a = -0.75: (a + 2)·0.125 − (a + 3)·0.25 + 1 at 0.5; a·3.375 − 5a·2.25 + 8a·1.5 − 4a at 1.5.
        assertEquals(0.59375, Resampling.cubic(0.5, -0.75), 1e-15);
        assertEquals(-0.09375, Resampling.cubic(1.5, -0.75), 1e-15);
        assertEquals(0.5625, Resampling.cubic(-0.5, -0.5), 1e-15);
        assertEquals(-0.0625, Resampling.cubic(1.5, -0.5), 1e-15);
        assertEquals(1, Resampling.cubic(0, -0.75));
        assertEquals(0, Resampling.cubic(1, -0.75), 1e-15);
        assertEquals(0, Resampling.cubic(2, -0.75), 1e-15);
    }

    @Test
    void upSamplingMatchesPyTorchBicubic() throws IOException {
        JsonNode fixture;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/bicubic-torch.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
        assertEquals(-0.75, fixture.get("a").asDouble());
        assertEquals(3, fixture.get("cases").size());
        for (JsonNode c : fixture.get("cases")) {
            int f = c.get("factor").asInt();
            long[] shape = longs(c.get("shape"));
            INDArray x = Nd4j.create(doubles(c.get("input")), shape, DataType.DOUBLE);
            INDArray y = Resampling.apply(x, Resampling.bicubicUp((int) shape[2], f, -0.75),
                    Resampling.bicubicUp((int) shape[3], f, -0.75), DataType.DOUBLE);
            assertArrayEquals(longs(c.get("output_shape")), y.shape());
            double[] expected = doubles(c.get("output"));
            double[] actual = y.data().asDouble();
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], 1e-12, "factor " + f + ", value " + i);
            }
        }
    }

    private static long[] longs(JsonNode a) {
        long[] v = new long[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asLong();
        }
        return v;
    }

    private static double[] doubles(JsonNode a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asDouble();
        }
        return v;
    }
}
