package io.gan4j.core.data;

import io.gan4j.core.api.DataKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdxDataTest {
    @TempDir
    Path dir;

    @Test
    void labelledColourImagesWithInferredClasses() {
        Path images = dir.resolve("faces.idx.gz");
        Path labels = dir.resolve("faces-labels.idx");
        float[] chw = new float[4 * 3 * 2 * 2];
        Arrays.fill(chw, -1f);
        chw[3 * 2 * 2] = 1f;
        IdxFile.writeImages(images, chw, 4, 3, 2, 2);
        IdxFile.writeLabels(labels, new int[] {0, 3, 1, 3});
        IdxData config = new IdxData(images.toString(), labels.toString(), 0);
        assertEquals(DataKind.LABELLED, config.kind());
        ArrayDataset d = config.load(0);
        assertEquals("idx/faces.idx.gz", d.name());
        assertArrayEquals(new long[] {3, 2, 2}, d.sampleShape());
        assertEquals(4, d.numClasses());
        assertEquals(1f, d.values()[12]);
        assertEquals(-1f, d.values()[13]);
        assertEquals(2, new IdxData(images.toString(), labels.toString(), 2).load(0).size());
    }

    @Test
    void unlabelled() {
        Path images = dir.resolve("x.idx");
        IdxFile.writeImages(images, new float[2 * 5 * 5], 2, 1, 5, 5);
        IdxData config = new IdxData(images.toString(), null, 0);
        assertEquals(DataKind.UNLABELLED, config.kind());
        ArrayDataset d = config.load(0);
        assertFalse(d.hasLabels());
        assertEquals(0, d.numClasses());
        assertArrayEquals(new long[] {1, 5, 5}, d.sampleShape());
    }

    @Test
    void countMismatchNamesBothFiles() {
        Path images = dir.resolve("x.idx");
        Path labels = dir.resolve("y.idx");
        IdxFile.writeImages(images, new float[3 * 4], 3, 1, 2, 2);
        IdxFile.writeLabels(labels, new int[] {1, 2});
        DataException e = assertThrows(DataException.class,
                () -> new IdxData(images.toString(), labels.toString(), 0).load(0));
        assertEquals("image/label count mismatch: " + images + " has 3 images, " + labels + " has 2 labels",
                e.getMessage());
    }

    @Test
    void missingPathsAreReported() {
        DataException e = assertThrows(DataException.class, () -> new IdxData(null, null, 0).load(0));
        assertTrue(e.getMessage().contains("data.images"), e.getMessage());
        Path missing = dir.resolve("missing.idx");
        e = assertThrows(DataException.class, () -> new IdxData(missing.toString(), null, 0).load(0));
        assertEquals(missing + ": no such file; $.data.images is \"" + missing
                + "\": docs/data.md says how to get data sets in the layouts gan4j reads", e.getMessage());
        Path images = dir.resolve("x.idx");
        IdxFile.writeImages(images, new float[3 * 4], 3, 1, 2, 2);
        e = assertThrows(DataException.class, () -> new IdxData(images.toString(), missing.toString(), 0).load(0));
        assertTrue(e.getMessage().startsWith(missing + ": no such file; $.data.labels is \"" + missing + "\""),
                e.getMessage());
    }
}
