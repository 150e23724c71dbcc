package io.gan4j.core.eval;

import io.gan4j.core.api.GanModel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** A {@link EvalListener.Scorer} for listener tests: each evaluation's summary comes from a supplier, not a model. */
final class ScriptedScorer implements EvalListener.Scorer {
    private final Supplier<Map<String, Double>> summaries;

    ScriptedScorer(Supplier<Map<String, Double>> summaries) {
        this.summaries = summaries;
    }

    @Override
    public Evaluation score(GanModel model) {
        return new Evaluation(new LinkedHashMap<>(summaries.get()), Map.of());
    }

    @Override
    public String referenceName() {
        return "ref";
    }

    @Override
    public int count() {
        return 10;
    }

    @Override
    public String unit() {
        return "samples";
    }
}
