package io.gan4j.experiments;

import io.gan4j.core.metrics.ClassifierMetadata;
import io.gan4j.core.metrics.ClassifierDomain;
import io.gan4j.experiments.CliTest.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static io.gan4j.experiments.CliTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code gan4j classifier train|eval} end to end, in process, on small subsets. */
class ClassifierCommandTest {
    @TempDir
    Path tmp;

    @Test
    void trainWritesWeightsAndMetadataThatEvalReads() throws IOException {
        Result r = cli("classifier", "train", "--data", "mnist", "--epochs", "1", "--limit", "256", "--seed", "4",
                "--out", tmp.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("epoch  1/1"), r.out());
        Path zip = tmp.resolve("mnist-lenet.zip");
        ClassifierMetadata meta = ClassifierMetadata.read(tmp.resolve("mnist-lenet.json"));
        assertEquals(256, meta.trainSize());
        assertEquals(1, meta.epochs());
        assertEquals(4, meta.seed());
        assertEquals(ClassifierDomain.MNIST.shippedSettings().batchSize(), meta.batchSize());
        assertTrue(r.out().contains("wrote " + zip + " (" + Files.size(zip) + " bytes, sha256 " + meta.sha256()),
                r.out());

        Result eval = cli("classifier", "eval", "--data", "mnist", "--weights", zip.toString());
        assertEquals(0, eval.code(), eval.err());
        String accuracy = String.format(Locale.ROOT, "%.2f%%", 100 * meta.heldoutAccuracy());
        assertTrue(eval.out().contains("held-out accuracy " + accuracy + " on mnist/heldout (2000 images"),
                eval.out());
        assertTrue(eval.out().contains("recorded " + accuracy), eval.out());
        assertTrue(eval.out().lines().anyMatch(l -> l.startsWith("per class: 0 ") && l.contains(", 9 ")), eval.out());
    }

    @Test
    void wrongInputExitsWithTwoAndOneLine() {
        Result r = cli("classifier", "eval", "--data", "cifar10");
        assertEquals(2, r.code());
        assertEquals("gan4j classifier eval: --data: no shipped classifier for 'cifar10'; known: mnist, fashion-mnist",
                r.err().strip());

        Path missing = tmp.resolve("none.zip");
        r = cli("classifier", "eval", "--data", "mnist", "--weights", missing.toString());
        assertEquals(2, r.code());
        assertEquals("gan4j classifier eval: classifier weights " + missing + " not found", r.err().strip());

        r = cli("classifier", "train", "--data", "mnist", "--epochs", "0");
        assertEquals(2, r.code());
        assertEquals("gan4j classifier train: --epochs must be at least 1, found 0", r.err().strip());
    }
}
