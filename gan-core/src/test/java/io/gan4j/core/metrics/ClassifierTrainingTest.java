package io.gan4j.core.metrics;

import io.gan4j.core.data.ArrayDataset;
import io.gan4j.core.data.MnistData;
import io.gan4j.core.data.Split;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Training on small MNIST subsets: determinism, learning, and the files a training run writes. */
class ClassifierTrainingTest {
    private static final ClassifierSpec SPEC = ClassifierDomain.MNIST.spec();
    private static ArrayDataset train;
    private static ArrayDataset heldout;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        train = new MnistData(Split.TRAIN, null, 1024).load(0);
        heldout = new MnistData(Split.HELDOUT, null, 500).load(0);
    }

    @Test
    void sameInputsGiveBitIdenticalWeightsAndOtherSeedsDoNot() {
        ArrayDataset small = train.limit(512);
        ClassifierTraining.Settings settings = new ClassifierTraining.Settings(1, 64, 1e-3, 2, 11);
        Blas blas = Nd4j.factory().blas();
        int threads = blas.getMaxThreads();
        ClassifierTraining.Result a;
        ClassifierTraining.Result b;
        try {
            // The process's BLAS thread count must not matter: training pins it and restores it.
            blas.setMaxThreads(2);
            a = ClassifierTraining.train(SPEC, small, heldout, settings, null);
            assertEquals(2, blas.getMaxThreads());
            blas.setMaxThreads(1);
            b = ClassifierTraining.train(SPEC, small, heldout, settings, null);
        } finally {
            blas.setMaxThreads(threads);
        }
        assertArrayEquals(a.classifier().parameters(), b.classifier().parameters());
        assertEquals(a.classifier().sha256(), b.classifier().sha256());
        assertEquals(lossesAndAccuracies(a), lossesAndAccuracies(b));

        ClassifierTraining.Result other = ClassifierTraining.train(SPEC, small, heldout, settings.withSeed(12), null);
        assertFalse(Arrays.equals(a.classifier().parameters(), other.classifier().parameters()));
        assertNotEquals(a.classifier().sha256(), other.classifier().sha256());
    }

    private static List<List<Double>> lossesAndAccuracies(ClassifierTraining.Result r) {
        return r.history().stream().map(e -> List.of(e.trainLoss(), e.heldoutAccuracy())).toList();
    }

    @Test
    void learnsDigitsAndReportsEveryEpoch() {
        List<ClassifierTraining.Epoch> reported = new ArrayList<>();
        ClassifierTraining.Settings settings = new ClassifierTraining.Settings(2, 64, 1e-3, 0, 5);
        double before = DomainClassifier.create(SPEC, 1e-3, 5).accuracy(heldout);
        ClassifierTraining.Result r = ClassifierTraining.train(SPEC, train, heldout, settings,
                (e, total) -> {
                    assertEquals(2, total);
                    reported.add(e);
                });
        assertEquals(r.history(), reported);
        assertEquals(List.of(1, 2), reported.stream().map(ClassifierTraining.Epoch::epoch).toList());
        assertEquals(1e-3, reported.get(0).learningRate(), 1e-12);
        assertEquals(0.5e-3, reported.get(1).learningRate(), 1e-12, "linear decay per epoch");
        assertTrue(reported.get(1).trainLoss() < reported.get(0).trainLoss(), reported.toString());
        assertTrue(before < 0.3, "untrained accuracy " + before);
        // 2 epochs on 1,024 digits: far above the 10% of guessing, far below the shipped classifier.
        assertTrue(r.heldoutAccuracy() > 0.7, "held-out accuracy " + r.heldoutAccuracy());
        assertEquals(r.heldoutAccuracy(), r.classifier().accuracy(heldout));
        // per-class accuracies weighted by the class sizes give the overall accuracy back
        double[] perClass = r.classifier().accuracyPerClass(heldout);
        int[] sizes = new int[perClass.length];
        for (int i = 0; i < heldout.size(); i++) {
            sizes[heldout.label(i)]++;
        }
        double weighted = 0;
        for (int k = 0; k < perClass.length; k++) {
            assertTrue(sizes[k] > 0 && perClass[k] >= 0 && perClass[k] <= 1, "class " + k + ": " + perClass[k]);
            weighted += perClass[k] * sizes[k];
        }
        assertEquals(r.heldoutAccuracy(), weighted / heldout.size(), 1e-12);
        assertEquals(train.name(), r.trainData());
        assertEquals(1024, r.trainSize());
        assertEquals(500, r.heldoutSize());
    }

    @Test
    void savedClassifierLoadsWithItsMetadataAndTheSameOutputs() throws IOException {
        ClassifierTraining.Settings settings = new ClassifierTraining.Settings(1, 128, 2e-3, 1, 3);
        ClassifierTraining.Result r = ClassifierTraining.train(SPEC, train.limit(256), heldout, settings, null);
        ClassifierMetadata meta = r.save(dir, "tiny");
        Path zip = dir.resolve("tiny.zip");
        assertEquals("tiny.zip", meta.weightsFile());
        assertEquals(Files.size(zip), meta.weightsBytes());
        assertEquals(r.classifier().sha256(), meta.sha256());
        assertEquals(settings, meta.settings());
        assertEquals(SPEC, meta.spec());
        assertEquals(r.heldoutAccuracy(), meta.heldoutAccuracy());
        assertEquals("mnist/train", meta.trainData());
        assertEquals(256, meta.trainSize());
        assertEquals("mnist/heldout", meta.heldoutData());
        assertEquals(DomainClassifier.ARCHITECTURE, meta.architecture());
        assertEquals(r.history(), meta.history());
        assertEquals(meta, ClassifierMetadata.read(dir.resolve("tiny.json")), "JSON round trip");
        assertTrue(Files.size(zip) < 2_000_000, Files.size(zip) + " bytes");

        DomainClassifier loaded = DomainClassifier.load(zip);
        assertEquals(meta.sha256(), loaded.sha256());
        assertEquals(meta, loaded.metadata().orElseThrow());
        assertArrayEquals(r.classifier().parameters(), loaded.parameters());
        INDArray x = Nd4j.rand(DataType.FLOAT, 7, 1, 28, 28).muli(2).subi(1);
        assertEquals(r.classifier().features(x), loaded.features(x));
        assertEquals(r.classifier().probabilities(x), loaded.probabilities(x));

        // Equal weights give an equal file: the zip carries no write time.
        Path again = dir.resolve("again.zip");
        assertEquals(meta.sha256(), loaded.save(again));
        assertArrayEquals(Files.readAllBytes(zip), Files.readAllBytes(again));
    }

    @Test
    void shiftMovesPixelsAndFillsTheUncoveredBorder() {
        // One 1x3x4 image with values 1..12, row-major.
        float[] src = new float[12];
        for (int i = 0; i < 12; i++) {
            src[i] = i + 1;
        }
        float[] dst = new float[12];
        ClassifierTraining.shift(src, 0, dst, 0, 1, 3, 4, 1, -1, -1f);
        assertArrayEquals(new float[] {
                -1, 5, 6, 7,
                -1, 9, 10, 11,
                -1, -1, -1, -1}, dst);
        ClassifierTraining.shift(src, 0, dst, 0, 1, 3, 4, 0, 0, -1f);
        assertArrayEquals(src, dst);
        ClassifierTraining.shift(src, 0, dst, 0, 1, 3, 4, -2, 2, 0f);
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 0, 0, 3, 4, 0, 0}, dst);
    }

    @Test
    void settingsAndDataAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new ClassifierTraining.Settings(0, 64, 1e-3, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ClassifierTraining.Settings(1, 64, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ClassifierTraining.Settings(1, 64, 1e-3, 9, 1));
        ArrayDataset unlabelled = new ArrayDataset("u", new float[784], new long[] {1, 28, 28}, null, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClassifierTraining.train(
                SPEC, unlabelled, heldout, new ClassifierTraining.Settings(1, 1, 1e-3, 0, 1), null));
        assertTrue(e.getMessage().startsWith("u: "), e.getMessage());
        assertEquals("none", new ClassifierTraining.Settings(1, 1, 1e-3, 0, 1).augmentation());
        assertTrue(new ClassifierTraining.Settings(1, 1, 1e-3, 2, 1).augmentation().contains("2 px"));
    }
}
