package io.gan4j.core.data;

import io.gan4j.core.api.Batch;
import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.api.DataSpec;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a data source declares about itself ({@link DataConfig#shapeWithoutLoading}, {@link DataConfig#heldout},
 * {@link DataConfig#modes}, {@link DataConfig#imageDomain}, {@link DataConfig#previewExamples}...) agrees with what
 * loading it gives, for the sources that load without external files.
 */
class DataDeclarationsTest {
    private static final MnistData MNIST = new MnistData(Split.TRAIN, null, 30);
    private static final Ring8Data RING = new Ring8Data(2.0, 0.02, 100);
    private static final Grid25Data GRID = new Grid25Data(2.0, 0.05, 100);
    private static final DerivedPairsData INPAINT = new DerivedPairsData(DerivedPairsData.Images.MNIST, null,
            Split.TRAIN, 30, PairTask.INPAINT, 0.25, 0.5, 0.0, 4, PairTask.NoiseType.GAUSSIAN, 0.5, 0.2, 0.3);
    private static final DerivedUnpairedData BOLD = new DerivedUnpairedData(DerivedPairsData.Images.MNIST, null,
            null, null, Split.TRAIN, 30, DerivedUnpairedData.Transform.BOLD, 1);

    @Test
    void theShapeDeclaredWithoutLoadingIsTheShapeLoadingGives() {
        for (DataConfig data : List.of(MNIST, RING, GRID, INPAINT, BOLD)) {
            DataSpec loaded = data.spec(data.load(1));
            assertArrayEquals(loaded.sampleShape(), data.shapeWithoutLoading(), DataConfig.sourceName(data));
            DataSpec declared = DataConfig.specWithoutLoading(data).orElseThrow();
            assertArrayEquals(loaded.sampleShape(), declared.sampleShape());
        }
        assertEquals(10, MNIST.load(0).numClasses());
        assertEquals(10, MNIST.classesWithoutLoading());
        assertEquals(0, RING.classesWithoutLoading());
        assertNull(new IdxData("x.idx", null, 0).shapeWithoutLoading(), "only the file knows an IDX shape");
        assertArrayEquals(new long[] {3, 64, 64},
                new ImageFolderData("d", 64, 3, Split.TRAIN, 0, 0).shapeWithoutLoading());
    }

    @Test
    void theHeldOutSplitIsTheSameSourcesOtherSplitInFull() {
        ArrayDataset heldout = MNIST.heldout().load(0);
        assertEquals("mnist/heldout", heldout.name());
        assertEquals(2000, heldout.size(), "all of it: the training source's limit does not carry over");
        assertEquals(INPAINT.heldout(), INPAINT.heldout());
        assertEquals(Split.HELDOUT, ((DerivedPairsData) INPAINT.heldout()).split());
        assertNull(RING.heldout(), "a synthetic mixture has no held-out split");
        assertNull(new ImageFolderData("d", 28, 1, Split.TRAIN, 0, 5).heldout());
        assertEquals(new ImageFolderData("d", 28, 1, Split.HELDOUT, 0.1, 0),
                new ImageFolderData("d", 28, 1, Split.TRAIN, 0.1, 5).heldout());
    }

    @Test
    void theSynthetic2dSetsDeclareTheirModesAndImagesTheirClassifierDomain() {
        assertArrayEquals(GaussianMixture2D.ring8(2.0, 0.02).centers(), RING.modes().orElseThrow().centers());
        assertEquals(25, GRID.modes().orElseThrow().numModes());
        assertTrue(MNIST.modes().isEmpty());
        assertNull(RING.imageDomain());

        assertEquals(ImageDomain.MNIST, MNIST.imageDomain());
        assertNull(MNIST.imageDomainB());
        assertEquals(ImageDomain.MNIST, BOLD.imageDomainB(), "B is A's digits drawn bold");
        DerivedUnpairedData toFashion = new DerivedUnpairedData(DerivedPairsData.Images.MNIST, null,
                DerivedPairsData.Images.FASHION_MNIST, null, Split.TRAIN, 0, DerivedUnpairedData.Transform.NONE, 1);
        assertEquals(ImageDomain.MNIST, toFashion.imageDomain());
        assertEquals(ImageDomain.FASHION_MNIST, toFashion.imageDomainB());
        assertTrue(BOLD.knownMapping());
        assertTrue(!toFashion.knownMapping() && !MNIST.knownMapping());
    }

    @Test
    void previewExamplesAreTheFirstExamplesInTheFormTheSourceTrainsOn() {
        ArrayDataset digits = MNIST.load(0);
        Batch first = MNIST.previewExamples(digits, 5, 9);
        assertEquals(digits.examples(5), first.x());
        assertArrayEquals(Arrays.copyOf(digits.labels(), 5), first.labels());

        ArrayDataset clean = INPAINT.load(0);
        Batch pairs = INPAINT.previewExamples(clean, 5, 9);
        assertEquals(INPAINT.pairs(clean, new int[] {0, 1, 2, 3, 4}, 9, false, DataType.FLOAT).x(), pairs.x());
        assertEquals(clean.examples(5), pairs.y(), "targets are the clean images");

        ArrayDataset ab = BOLD.load(0);
        Batch images = BOLD.previewExamples(ab, 5, 9);
        assertEquals(UnpairedSource.domain(ab, UnpairedSource.A).examples(5), images.x());
        assertEquals(UnpairedSource.domain(ab, UnpairedSource.B).examples(5), images.y());
    }

    @Test
    void anUnpairedSourceChecksTheBatchSizeAgainstEachDomain() {
        ArrayDataset ab = BOLD.load(0);
        List<ConfigProblem> problems = new ArrayList<>();
        // 30 digits split into 15 for A and 15 (drawn bold) for B.
        BOLD.checkBatchSize(ab, 16, problems);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).requirement().contains("domain A images (15 in"), problems.get(0).requirement());
        assertTrue(problems.get(1).requirement().contains("domain B images (15 in"), problems.get(1).requirement());
        problems.clear();
        BOLD.checkBatchSize(ab, 15, problems);
        MNIST.checkBatchSize(MNIST.load(0), 30, problems);
        assertEquals(List.of(), problems);
        MNIST.checkBatchSize(MNIST.load(0), 31, problems);
        assertTrue(problems.get(0).requirement().contains("training examples (30 in mnist/train)"));
    }
}
