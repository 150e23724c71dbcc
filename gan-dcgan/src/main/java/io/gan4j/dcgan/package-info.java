/**
 * DCGAN: deep convolutional generative adversarial networks (Radford, Metz &amp; Chintala 2015, "Unsupervised
 * Representation Learning with Deep Convolutional Generative Adversarial Networks", arXiv:1511.06434).
 *
 * <p>The paper's architecture guidelines, each kept here:
 * <ul>
 *   <li>no pooling: strided convolutions in D, fractionally-strided (transpose) convolutions in G;</li>
 *   <li>batch norm in both networks, except on G's output layer and D's input layer;</li>
 *   <li>no fully connected hidden layers (z enters G as a {@code latentDim×1×1} map, D ends in a convolution);</li>
 *   <li>ReLU in G with tanh on its output, LeakyReLU (slope 0.2) in D;</li>
 *   <li>weights from N(0, 0.02), Adam with learning rate 2e-4 and β1 = 0.5, batch size 64 (128 in the paper).</li>
 * </ul>
 * The networks come from gan-core's {@link io.gan4j.core.nn.ConvNets}, which derives their depth from the image
 * size (28, 32, 64...). {@link io.gan4j.dcgan.DcganConfig} holds the fields, {@link io.gan4j.dcgan.DcganModel}
 * the update order, {@link io.gan4j.dcgan.DcganVariant} registers the variant as {@code dcgan}.
 */
package io.gan4j.dcgan;
