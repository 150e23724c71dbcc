package io.gan4j.core.data;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FashionMnistDataTest {
    @TempDir
    Path dir;

    /** Loading the training split from {@code folder} fails naming {@code file} and how to install the data. */
    private static void assertMissing(Path folder, String file) {
        DataException e = assertThrows(DataException.class,
                () -> new FashionMnistData(folder.toString(), Split.TRAIN, 0).load(0));
        assertEquals("fashion-mnist: " + folder.resolve(file)
                + " not found; install it with 'apt-get install dataset-fashion-mnist' or set data.dir",
                e.getMessage());
    }

    @Test
    void missingDirectoryTellsHowToInstall() {
        Path missing = dir.resolve("no-such-dir");
        assertMissing(missing, "train-images-idx3-ubyte.gz");
    }

    @Test
    void heldoutIsTheOfficialTestSetInRawOrGzipFiles() {
        float[] images = new float[2 * 28 * 28];
        Arrays.fill(images, -1f);
        images[5] = 1f;
        IdxFile.writeImages(dir.resolve("t10k-images-idx3-ubyte"), images, 2, 1, 28, 28);
        IdxFile.writeLabels(dir.resolve("t10k-labels-idx1-ubyte.gz"), new int[] {9, 2});
        ArrayDataset d = new FashionMnistData(dir.toString(), Split.HELDOUT, 0).load(0);
        assertEquals("fashion-mnist/heldout", d.name());
        assertEquals(2, d.size());
        assertEquals(10, d.numClasses());
        assertArrayEquals(new int[] {9, 2}, d.labels());
        assertEquals(1f, d.values()[5]);
        assertEquals(-1f, d.values()[6]);

        // Only the test files are there, so the training split reports its missing file.
        assertMissing(dir, "train-images-idx3-ubyte.gz");
    }

    @Test
    void missingLabelFileIsReportedBeforeReadingImages() {
        IdxFile.writeImages(dir.resolve("train-images-idx3-ubyte.gz"), new float[784], 1, 1, 28, 28);
        assertMissing(dir, "train-labels-idx1-ubyte.gz");
    }

    /** Runs where Debian's dataset-fashion-mnist is installed; the official test set has 1,000 images per class. */
    @Test
    void installedDebianPackage() {
        Assumptions.assumeTrue(Files.isDirectory(Path.of(FashionMnistData.DEBIAN_DIR)),
                "dataset-fashion-mnist is not installed");
        ArrayDataset d = new FashionMnistData(null, Split.HELDOUT, 0).load(0);
        assertEquals(10_000, d.size());
        assertArrayEquals(new long[] {1, 28, 28}, d.sampleShape());
        int[] counts = new int[10];
        for (int label : d.labels()) {
            counts[label]++;
        }
        assertArrayEquals(new int[] {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000}, counts);
        assertEquals(500, new FashionMnistData(FashionMnistData.DEBIAN_DIR, Split.HELDOUT, 500).load(0).size());
    }
}
