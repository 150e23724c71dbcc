package io.gan4j.core.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;
import java.util.Map;

/**
 * DL4J's {@link BatchNormalization} whose training-mode passes over NCHW floats (and dense {@code [N, C]} inputs)
 * are Java kernels ({@link BatchNormKernels}) instead of ND4J's mean and variance ops and oneDNN's batch-norm ops:
 * in infogan-mnist at batch 64 the stock layer's passes were about a fifth of the step (its 2-D [64, 6272] backward
 * pass alone 9–10 ms of CPU, PyTorch's 0.26 ms; benchmarks/RESULTS.md, "Speed, fifth round"). Parameters, the
 * running-statistics rule, inference and serialisation are DL4J's; results agree with the stock layer to float
 * rounding (not bit for bit: different summation order). Networks saved with DL4J's class keep it.
 */
public class JavaBatchNormalization extends BatchNormalization {
    /** For JSON deserialisation of saved networks. */
    public JavaBatchNormalization() {
        super();
    }

    /** The layer {@code builder} describes, built by DL4J and copied ({@link CustomLayers#copyConfiguration}). */
    public static JavaBatchNormalization of(BatchNormalization.Builder builder) {
        JavaBatchNormalization layer = new JavaBatchNormalization();
        CustomLayers.copyConfiguration(builder.build(), layer, BatchNormalization.class);
        return layer;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNOutSet("JavaBatchNormalization", getLayerName(), layerIndex, getNOut());
        Map<String, INDArray> params = initializer().init(conf, layerParamsView, initializeParams);
        return CustomLayers.wire(new JavaBatchNormalizationLayer(conf, networkDataType), listeners, layerIndex,
                layerParamsView, params, conf);
    }
}
