package io.gan4j.core.data;

import io.gan4j.core.api.Batch;
import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.api.DataKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unpaired domains: derived from MNIST with a known change, and CycleGAN's unaligned folders. */
class UnpairedDataTest {

    private static DerivedUnpairedData bold(int limit) {
        return new DerivedUnpairedData(DerivedPairsData.Images.MNIST, null, null, null, Split.TRAIN, limit,
                DerivedUnpairedData.Transform.BOLD, 1);
    }

    @Test
    void boldIsAGreyDilationAndInvertTheNegative() {
        float[] img = new float[5 * 5];
        java.util.Arrays.fill(img, -1f);
        img[2 * 5 + 2] = 1f;
        img[0] = 0.5f;
        float[] out = new float[25];
        bold(0).translate(img, 0, 1, 5, 5, out, 0);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 5; x++) {
                float expected = Math.abs(y - 2) <= 1 && Math.abs(x - 2) <= 1 ? 1f : (y <= 1 && x <= 1 ? 0.5f : -1f);
                assertEquals(expected, out[y * 5 + x], "pixel " + x + "," + y);
            }
        }
        new DerivedUnpairedData(DerivedPairsData.Images.MNIST, null, null, null, Split.TRAIN, 0,
                DerivedUnpairedData.Transform.INVERT, 1).translate(img, 0, 1, 5, 5, out, 0);
        assertEquals(-1f, out[12]);
        assertEquals(-0.5f, out[0]);
    }

    @Test
    void domainsComeFromDisjointDigitsAndBIsTheirBoldVersion() {
        DerivedUnpairedData d = bold(40);
        ArrayDataset stored = d.load(0);
        ArrayDataset digits = new MnistData(Split.TRAIN, null, 40).load(0);
        assertEquals("unpaired-bold/mnist/train", stored.name());
        assertEquals(DataKind.UNPAIRED, d.spec(stored).kind());
        assertArrayEquals(new long[] {1, 28, 28}, d.spec(stored).sampleShape());
        ArrayDataset a = UnpairedSource.domain(stored, UnpairedSource.A);
        ArrayDataset b = UnpairedSource.domain(stored, UnpairedSource.B);
        assertEquals(20, a.size());
        assertEquals(20, b.size());
        float[] expectedA = new float[784];
        digits.copyExample(6, expectedA, 0);
        float[] gotA = new float[784];
        a.copyExample(3, gotA, 0);
        assertArrayEquals(expectedA, gotA, "A = the digits at even positions");
        float[] odd = new float[784];
        digits.copyExample(7, odd, 0);
        float[] expectedB = new float[784];
        d.translate(odd, 0, 1, 28, 28, expectedB, 0);
        float[] gotB = new float[784];
        b.copyExample(3, gotB, 0);
        assertArrayEquals(expectedB, gotB, "B = the digits at odd positions, bold");
        assertTrue(d.knownMapping());
    }

    @Test
    void batchesDrawEachDomainFromItsOwnShuffle() {
        DerivedUnpairedData d = bold(64);
        ArrayDataset stored = d.load(0);
        Set<String> aImages = rows(UnpairedSource.domain(stored, UnpairedSource.A));
        Set<String> bImages = rows(UnpairedSource.domain(stored, UnpairedSource.B));
        LongFunction<Batch> batches = d.batches(stored, 8, 3, DataType.FLOAT);
        for (long step = 1; step <= 6; step++) {
            Batch batch = batches.apply(step);
            assertArrayEquals(new long[] {8, 1, 28, 28}, batch.x().shape());
            for (int i = 0; i < 8; i++) {
                assertTrue(aImages.contains(row(batch.x(), i)), "x holds A images");
                assertTrue(bImages.contains(row(batch.y(), i)), "y holds B images");
            }
        }
        assertEquals(batches.apply(5).y(), d.batches(stored, 8, 3, DataType.FLOAT).apply(5).y(), "pure in (seed, step)");
        assertNotEquals(batches.apply(5).y(), d.batches(stored, 8, 4, DataType.FLOAT).apply(5).y());
    }

    private static Set<String> rows(ArrayDataset d) {
        Set<String> s = new HashSet<>();
        for (int i = 0; i < d.size(); i++) {
            float[] v = new float[d.sampleSize()];
            d.copyExample(i, v, 0);
            s.add(java.util.Arrays.toString(v));
        }
        return s;
    }

    private static String row(INDArray batch, int i) {
        return java.util.Arrays.toString(batch.get(NDArrayIndex.point(i)).dup().data().asFloat());
    }

    @Test
    void twoDataSetsHaveNoKnownMappingAndOneSetNeedsAChange() {
        DerivedUnpairedData mnistFashion = new DerivedUnpairedData(DerivedPairsData.Images.MNIST, null,
                DerivedPairsData.Images.FASHION_MNIST, null, Split.TRAIN, 0, DerivedUnpairedData.Transform.NONE, 1);
        assertFalse(mnistFashion.knownMapping());
        List<ConfigProblem> problems = new ArrayList<>();
        mnistFashion.validate("$.data", problems);
        assertEquals(List.of(), problems);
        new DerivedUnpairedData(DerivedPairsData.Images.MNIST, null, null, null, Split.TRAIN, 0,
                DerivedUnpairedData.Transform.NONE, 1).validate("$.data", problems);
        assertEquals(List.of("$.data.transform"), problems.stream().map(ConfigProblem::path).toList());
        assertEquals("unpaired-bold/mnist/heldout", bold(0).heldout().load(0).name());
    }

    @TempDir
    Path dir;

    private void solid(String folder, int n, Color c) throws IOException {
        Path f = Files.createDirectories(dir.resolve(folder));
        for (int i = 0; i < n; i++) {
            BufferedImage im = new BufferedImage(12, 10, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = im.createGraphics();
            g.setColor(c);
            g.fillRect(0, 0, 12, 10);
            g.dispose();
            assertTrue(ImageIO.write(im, "png", f.resolve(i + ".png").toFile()));
        }
    }

    @Test
    void unalignedFoldersReadBothDomainsOfTheSplit() throws IOException {
        solid("trainA", 3, Color.RED);
        solid("trainB", 5, Color.BLUE);
        solid("testA", 1, Color.RED);
        solid("testB", 2, Color.BLUE);
        UnalignedFolderData train = new UnalignedFolderData(dir.toString(), Split.TRAIN, 8, 3, 0);
        ArrayDataset stored = train.load(0);
        assertEquals(8, stored.size());
        assertArrayEquals(new long[] {3, 8, 8}, stored.sampleShape());
        Batch b = train.batches(stored, 2, 1, DataType.FLOAT).apply(1);
        assertEquals(1.0, b.x().getDouble(0, 0, 4, 4), 1e-6, "A is red");
        assertEquals(-1.0, b.x().getDouble(0, 2, 4, 4), 1e-6);
        assertEquals(1.0, b.y().getDouble(1, 2, 4, 4), 1e-6, "B is blue");
        assertEquals(3, train.heldout().load(0).size());

        Files.delete(dir.resolve("testB/0.png"));
        Files.delete(dir.resolve("testB/1.png"));
        DataException empty = assertThrows(DataException.class, () -> train.heldout().load(0));
        assertTrue(empty.getMessage().contains("testB") && empty.getMessage().contains("no images"), empty.getMessage());
        DataException missing = assertThrows(DataException.class,
                () -> new UnalignedFolderData(dir.resolve("nope").toString(), Split.TRAIN, 8, 3, 0).load(0));
        assertTrue(missing.getMessage().contains("trainA"), missing.getMessage());
    }
}
