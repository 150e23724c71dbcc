package io.gan4j.srgan;

import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * ReLU that never overwrites its input. DL4J's {@code ActivationLayer} copies its input before applying the
 * activation in training, but outside training it applies it in place on the input array itself, which in a graph is
 * the previous vertex's output. SRResNet's PReLU reads that output twice (the ReLU and {@code x − relu(x)}), so with
 * DL4J's ReLU the inference pass computed {@code x − relu(x)} from an already rectified x, i.e. a plain ReLU, while
 * training used the PReLU: outputs of inference and training mode differed (mean −0.65 against −0.42 on the same
 * Fashion-MNIST batch). This copy keeps inference equal to training.
 *
 * <p>SRResNet now builds PReLU as one {@link PRelu} layer; this class stays for networks saved before, whose graphs
 * name it.
 */
public class CopyingRelu extends ActivationReLU {

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        // In training DL4J's layer has already copied the input; outside training this is the copy it skips.
        return super.getActivation(training ? in : in.dup(), training);
    }

    @Override
    public String toString() {
        return "copyingrelu";
    }
}
