package io.gan4j.core.metrics;

import io.gan4j.core.data.FashionMnistData;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The weights in data/classifiers: present in the jar, intact, and as accurate as their metadata says. */
class ShippedClassifiersTest {

    private static void checkShipped(ClassifierDomain domain, double floor) {
        ClassifierMetadata meta = domain.shippedMetadata().orElseThrow(
                () -> new AssertionError("no shipped classifier for " + domain));
        DomainClassifier classifier = DomainClassifier.loadShipped(domain);
        assertEquals(meta.sha256(), classifier.sha256());
        assertEquals(DomainClassifier.FEATURE_DIM, classifier.featureDim());
        double accuracy = classifier.accuracy(domain.heldoutData(0));
        // The recorded accuracy is the one measured at the end of training, on the same held-out images.
        assertEquals(meta.heldoutAccuracy(), accuracy, 1e-9, domain + " accuracy");
        assertTrue(accuracy >= floor, domain + " held-out accuracy " + accuracy + " below " + floor);
    }

    @Test
    void mnistClassifierReaches98PercentOnTheHeldOutDigits() {
        checkShipped(ClassifierDomain.MNIST, 0.98);
    }

    @Test
    void fashionClassifierReaches90PercentOnTheOfficialTestSet() {
        assumeTrue(Files.isDirectory(Path.of(FashionMnistData.DEBIAN_DIR)),
                "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)");
        checkShipped(ClassifierDomain.FASHION_MNIST, 0.90);
    }
}
