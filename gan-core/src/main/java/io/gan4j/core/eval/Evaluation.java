package io.gan4j.core.eval;

import io.gan4j.core.api.GanModel;
import io.gan4j.core.api.MetricContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics of one set of generated samples.
 *
 * @param summary      one number per metric (see {@link EvalReport#summary()} for the keys), in a stable order
 * @param details      each metric's full result record, by metric name
 * @param modelMetrics the keys of {@code summary} that the model contributed ({@link GanModel#ownMetrics}), in order
 */
public record Evaluation(Map<String, Double> summary, Map<String, Object> details, List<String> modelMetrics) {

    public Evaluation {
        modelMetrics = List.copyOf(modelMetrics);
    }

    /** Core's metrics only. */
    public Evaluation(Map<String, Double> summary, Map<String, Object> details) {
        this(summary, details, List.of());
    }

    /**
     * These metrics followed by the model's own ({@link GanModel#ownMetrics}); this evaluation itself when the model
     * has none.
     *
     * @throws IllegalStateException when one of the model's keys repeats one of these metrics'
     */
    public Evaluation plusModelMetrics(GanModel model, MetricContext context) {
        Map<String, Double> own = model.ownMetrics(context);
        if (own.isEmpty()) {
            return this;
        }
        Map<String, Double> merged = new LinkedHashMap<>(summary);
        for (Map.Entry<String, Double> e : own.entrySet()) {
            if (merged.containsKey(e.getKey())) {
                throw new IllegalStateException(model.getClass().getSimpleName() + "'s own metric '" + e.getKey()
                        + "' has the name of one of gan4j's metrics; own metrics need names of their own");
            }
            merged.put(e.getKey(), e.getValue());
        }
        return new Evaluation(merged, details, List.copyOf(own.keySet()));
    }
}
