package io.gan4j.dcgan;

import io.gan4j.core.testing.parity.ParityReplay;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Two training iterations of DCGAN on 28×28 images (transposed convolutions, batch norm in training mode in both
 * networks, D's two passes) equal PyTorch's: losses, gradients, parameters, G's and D's running statistics after
 * the steps, and Adam's state (fixture from {@code benchmarks/parity/make_fixtures.py}).
 */
class DcganParityTest {

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"DOUBLE", "FLOAT"})
    void twoStepsEqualPyTorchs(DataType type) {
        ParityReplay.check("dcgan", type);
    }
}
