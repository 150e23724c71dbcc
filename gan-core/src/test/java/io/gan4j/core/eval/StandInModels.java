package io.gan4j.core.eval;

import io.gan4j.core.api.Batch;
import io.gan4j.core.api.BidirectionalTranslationModel;
import io.gan4j.core.api.GanModel;
import io.gan4j.core.api.StepContext;
import io.gan4j.core.api.StepResult;
import io.gan4j.core.nn.Net;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;
import java.util.function.UnaryOperator;

/** Translation models that apply fixed functions, for checking the evaluators against hand-computed values. */
final class StandInModels {
    private StandInModels() {
    }

    /** A model that is never trained here: it has no networks, and a training step fails. */
    interface Untrained extends GanModel {
        @Override
        default StepResult trainStep(Batch batch, StepContext context) {
            throw new UnsupportedOperationException("a stand-in model does not train");
        }

        @Override
        default Map<String, Net> networks() {
            return Map.of();
        }
    }

    /** A translation model that is never trained here. */
    private interface UntrainedTranslation extends BidirectionalTranslationModel, Untrained {
    }

    /** A model translating A → B with {@code g} and B → A with {@code f}; it cannot train. */
    static BidirectionalTranslationModel of(UnaryOperator<INDArray> g, UnaryOperator<INDArray> f) {
        return new UntrainedTranslation() {
            @Override
            public INDArray translate(INDArray input, long seed) {
                return g.apply(input);
            }

            @Override
            public INDArray translateBack(INDArray input, long seed) {
                return f.apply(input);
            }
        };
    }
}
