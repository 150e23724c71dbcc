package io.gan4j.srgan;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link PRelu}'s one parameter, the C slopes, as a view {@code [1, 1, C, 1]} of the layer's slice of the flat
 * parameter array (the shape of the 1×1 depthwise convolution's weight it replaces), set to the layer's starting
 * value when the network initialises its parameters. A weight, not a bias: regularisation treats it as DL4J treated
 * the depthwise weight.
 */
final class PReluParams implements ParamInitializer {
    static final PReluParams INSTANCE = new PReluParams();

    private PReluParams() {
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return ((PRelu) layer).getNOut();
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return List.of(PRelu.ALPHA);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(PRelu.ALPHA);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return PRelu.ALPHA.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return false;
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        PRelu layer = (PRelu) conf.getLayer();
        INDArray alpha = view(layer, paramsView);
        if (initializeParams) {
            alpha.assign(layer.getInitial());
        }
        conf.addVariable(PRelu.ALPHA);
        return table(alpha);
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return table(view((PRelu) conf.getLayer(), gradientView));
    }

    private static INDArray view(PRelu layer, INDArray flat) {
        return flat.reshape('c', 1, 1, layer.getNOut(), 1);
    }

    private static Map<String, INDArray> table(INDArray alpha) {
        Map<String, INDArray> table = new LinkedHashMap<>();
        table.put(PRelu.ALPHA, alpha);
        return table;
    }
}
