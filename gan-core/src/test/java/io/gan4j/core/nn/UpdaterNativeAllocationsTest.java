package io.gan4j.core.nn;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Net#step()} must hand DL4J's updater the network's own flattened gradient array, or the updater takes its
 * "external gradient" path, which slices fresh views of every parameter and its gradient twice per update. The
 * views are freed at once, but every native buffer or op context ND4J makes leaves an entry in its
 * DeallocatorService that lives until a young collection has found the wrapper dead, and in wgan-gp-ring8's fast
 * steps those entries are most of what survives a young collection (docs/memory.md, "wgan-gp-ring8's growth"):
 * 2,149 a step with the external path, 1,567 without.
 *
 * <p>Counted, not measured in RSS: ND4J numbers every data buffer and op context it registers
 * ({@code DeallocatorService.nextValue()}), so the count per update is exact and does not depend on the collector.
 * Measured on the 3-layer tanh MLP below (16-128-128-2, Adam): 12 per update with the network's array, 109 with
 * DL4J's {@code DefaultGradient} (whose {@code gradient()} returns a new view at every call).
 */
class UpdaterNativeAllocationsTest {
    private static final int UPDATES = 20;
    /** Allowed ND4J registrations per {@link Net#step()}. */
    private static final double ALLOWED_PER_UPDATE = 40;

    private static long registrations() {
        // Each call takes one number itself.
        return Nd4j.getDeallocatorService().nextValue();
    }

    @Test
    void anUpdateDoesNotSliceTheGradientIntoFreshViews() {
        MlpConfig config = new MlpConfig(List.of(128, 128), ActivationName.TANH, 0.2, false, 0.8, 1e-3, 0.0,
                ActivationName.IDENTITY, InitName.XAVIER_UNIFORM);
        Net net = Mlp.build(config, 16, 2, new OptimizerConfig.Adam(5e-4, 0.5, 0.9, 1e-8), 3, DataType.FLOAT);
        assertTrue(net.usesDenseStackPass(), "the MLP should train through DenseStackPass");
        INDArray x = Nd4j.rand(DataType.FLOAT, 256, 16);
        INDArray error = Nd4j.rand(DataType.FLOAT, 256, 2).subi(0.5).divi(256);
        long counted = 0;
        for (int i = 0; i <= UPDATES; i++) {
            INDArray out = net.forward(x);
            net.backwardParameters(error);
            out.close();
            long before = registrations();
            net.step();
            long after = registrations();
            if (i > 0) { // the first update initialises the updater's state
                counted += after - before - 1;
            }
        }
        double perUpdate = counted / (double) UPDATES;
        System.out.printf("Net.step() on a 16-128-128-2 MLP: %.1f native buffers and op contexts per update%n",
                perUpdate);
        assertTrue(perUpdate <= ALLOWED_PER_UPDATE, String.format("an update made %.1f native buffers or op contexts"
                + " (allowed %.0f): the updater is slicing the gradient again (external-gradient path)", perUpdate,
                ALLOWED_PER_UPDATE));
    }
}
