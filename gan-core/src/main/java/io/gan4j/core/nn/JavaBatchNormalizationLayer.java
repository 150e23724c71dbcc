package io.gan4j.core.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.nd4j.linalg.api.buffer.DataType;

import java.lang.reflect.Field;

/**
 * {@link JavaBatchNormalization}'s layer: DL4J's batch-normalisation layer (its parameters, running statistics,
 * inference and fallbacks) with {@link JavaBatchNormHelper} in place of the helper DL4J picked. DL4J's field for the
 * helper is package-private and set only in its constructor, hence the reflection.
 */
final class JavaBatchNormalizationLayer extends BatchNormalization {
    JavaBatchNormalizationLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        try {
            Field f = BatchNormalization.class.getDeclaredField("helper");
            f.setAccessible(true);
            f.set(this, new JavaBatchNormHelper((BatchNormalizationHelper) f.get(this)));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("DL4J's batch-normalisation layer has no helper field to set", e);
        }
    }
}
