package io.gan4j.core.testing;

import io.gan4j.core.api.Batch;
import io.gan4j.core.api.GanModel;
import io.gan4j.core.api.StepContext;
import io.gan4j.core.api.StepResult;
import io.gan4j.core.nn.ActivationName;
import io.gan4j.core.nn.InitName;
import io.gan4j.core.nn.Mlp;
import io.gan4j.core.nn.MlpConfig;
import io.gan4j.core.nn.Net;
import io.gan4j.core.nn.OptimizerConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * A two-network model for testing the machinery around models (trainer, checkpoints): each step moves both
 * networks a little and reports a loss that depends on the step's random numbers and the networks' state.
 */
public final class TinyModel implements GanModel {
    private final Net a;
    private final Net b;
    private final LongPredicate nanAt;

    /** @param nanAt steps at which the reported loss is NaN (to test divergence handling) */
    public TinyModel(long seed, LongPredicate nanAt) {
        MlpConfig mlp = new MlpConfig(List.of(4), ActivationName.TANH, 0.2, false, 0.9, 1e-3, 0,
                ActivationName.IDENTITY, InitName.XAVIER_UNIFORM);
        this.a = Mlp.build(mlp, 2, 2, OptimizerConfig.Adam.of(0.01, 0.5), seed, DataType.FLOAT);
        this.b = Mlp.build(mlp, 2, 1, OptimizerConfig.Adam.of(0.01, 0.5), seed + 1, DataType.FLOAT);
        this.nanAt = nanAt;
    }

    public TinyModel(long seed) {
        this(seed, s -> false);
    }

    @Override
    public StepResult trainStep(Batch batch, StepContext ctx) {
        INDArray z = ctx.random().gaussian(DataType.FLOAT, batch.size(), 2);
        INDArray out = b.forward(a.forward(z));
        double loss = out.meanNumber().doubleValue();
        a.backward(b.backward(Nd4j.onesLike(out).divi(out.length())));
        a.step();
        b.step();
        return StepResult.builder().put("loss", nanAt.test(ctx.step()) ? Double.NaN : loss).build();
    }

    @Override
    public Map<String, Net> networks() {
        Map<String, Net> m = new LinkedHashMap<>();
        m.put("a", a);
        m.put("b", b);
        return m;
    }

    @Override
    public INDArray sample(int n, long seed) {
        return a.output(new io.gan4j.core.api.StepRandom(seed).gaussian(DataType.FLOAT, n, 2));
    }
}
