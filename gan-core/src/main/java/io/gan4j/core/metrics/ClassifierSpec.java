package io.gan4j.core.metrics;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link DomainClassifier} is, independent of its weights: its identifier, its name in metric labels and the
 * names of its classes (in label order).
 *
 * @param id          stable identifier including a version, e.g. {@code gan4j-mnist-lenet-v1}
 * @param displayName name for metric labels, e.g. {@code gan4j-mnist features}
 * @param classNames  one name per class, index = label; at least 2
 */
public record ClassifierSpec(String id, String displayName, List<String> classNames) {

    /** Checks the fields and copies the class names, so the record stays immutable. */
    public ClassifierSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        if (id.isBlank() || displayName.isBlank()) {
            throw new IllegalArgumentException("id and displayName must not be blank");
        }
        classNames = List.copyOf(classNames);
        if (classNames.size() < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + classNames);
        }
    }

    /** Number of classes, C. */
    public int numClasses() {
        return classNames.size();
    }
}
