package io.gan4j.core.eval;

import java.util.Map;

/**
 * The metrics of one set of generated samples.
 *
 * @param summary one number per metric (see {@link EvalReport#summary()} for the keys), in a stable order
 * @param details each metric's full result record, by metric name
 */
public record Evaluation(Map<String, Double> summary, Map<String, Object> details) {
}
