package io.gan4j.core.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gan4j.core.api.DataKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MnistDataTest {
    private static ArrayDataset train;
    private static ArrayDataset heldout;
    private static JsonNode split;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadEmbedded() throws IOException {
        train = new MnistData(Split.TRAIN, null, 0).load(0);
        heldout = new MnistData(Split.HELDOUT, null, 0).load(0);
        try (InputStream in = MnistData.class.getResourceAsStream(MnistData.RESOURCE_DIR + "SPLIT.json")) {
            assertNotNull(in, "SPLIT.json is embedded");
            split = new ObjectMapper().readTree(in);
        }
    }

    private static int[] classCounts(ArrayDataset data) {
        int[] counts = new int[data.numClasses()];
        for (int label : data.labels()) {
            counts[label]++;
        }
        return counts;
    }

    private static int[] ints(JsonNode array) {
        return new ObjectMapper().convertValue(array, int[].class);
    }

    @Test
    void embeddedSplitsHaveTheDocumentedShape() {
        for (ArrayDataset d : new ArrayDataset[] {train, heldout}) {
            assertArrayEquals(new long[] {1, 28, 28}, d.sampleShape());
            assertEquals(10, d.numClasses());
            assertEquals(DataKind.LABELLED, d.spec().kind());
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            for (float v : d.values()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            assertEquals(-1f, min);
            assertEquals(1f, max);
        }
        assertEquals(8000, train.size());
        assertEquals(2000, heldout.size());
        assertEquals("mnist/train", train.name());
        assertEquals("mnist/heldout", heldout.name());
    }

    @Test
    void classCountsMatchSplitJson() {
        assertArrayEquals(ints(split.at("/splits/train/class_counts")), classCounts(train));
        assertArrayEquals(ints(split.at("/splits/heldout/class_counts")), classCounts(heldout));
        assertEquals(8000, split.at("/splits/train/count").asInt());
        assertEquals(2000, split.at("/splits/heldout/count").asInt());
        int[] source = ints(split.at("/source/class_counts"));
        int[] heldoutCounts = classCounts(heldout);
        for (int k = 0; k < 10; k++) {
            // Stratified: each class holds out 20% of its examples, rounded.
            assertEquals(Math.round(0.2 * source[k]), heldoutCounts[k], "digit " + k);
            assertEquals(heldoutCounts[k], split.at("/heldout_positions/" + k).size());
        }
    }

    @Test
    void embeddedFilesMatchTheirChecksums() throws IOException, NoSuchAlgorithmException {
        for (String s : new String[] {"train", "heldout"}) {
            Iterator<Map.Entry<String, JsonNode>> files = split.at("/splits/" + s + "/files").fields();
            int seen = 0;
            while (files.hasNext()) {
                Map.Entry<String, JsonNode> f = files.next();
                try (InputStream in = MnistData.class.getResourceAsStream(MnistData.RESOURCE_DIR + f.getKey())) {
                    assertNotNull(in, f.getKey());
                    byte[] digest = MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
                    assertEquals(f.getValue().get("sha256").asText(), HexFormat.of().formatHex(digest), f.getKey());
                }
                seen++;
            }
            assertEquals(2, seen);
        }
    }

    @Test
    void splitsAreDisjointAndClassesInterleaved() {
        Set<ByteBuffer> trainImages = new HashSet<>();
        for (int i = 0; i < train.size(); i++) {
            trainImages.add(image(train, i));
        }
        for (int i = 0; i < heldout.size(); i++) {
            assertFalse(trainImages.contains(image(heldout, i)), "held-out image " + i + " is also in train");
        }
        // Shuffled, not sorted by class: the first 100 examples of each split hold every digit.
        for (ArrayDataset d : new ArrayDataset[] {train, heldout}) {
            Set<Integer> digits = new HashSet<>();
            for (int i = 0; i < 100; i++) {
                digits.add(d.label(i));
            }
            assertEquals(10, digits.size(), d.name());
        }
    }

    private static ByteBuffer image(ArrayDataset d, int i) {
        float[] v = new float[d.sampleSize()];
        d.copyExample(i, v, 0);
        ByteBuffer b = ByteBuffer.allocate(4 * v.length);
        b.asFloatBuffer().put(v);
        return b;
    }

    @Test
    void limitKeepsTheFirstExamples() {
        ArrayDataset first = new MnistData(Split.TRAIN, null, 100).load(0);
        assertEquals(100, first.size());
        for (int i = 0; i < 100; i++) {
            assertEquals(train.label(i), first.label(i));
        }
        assertEquals(train.values()[99 * 784 + 400], first.values()[99 * 784 + 400]);
    }

    @Test
    void readsTheSameLayoutFromADirectoryGzipOrNot() {
        float[] images = new float[3 * 28 * 28];
        for (int i = 0; i < images.length; i++) {
            images[i] = (i % 7) / 3f - 1f;
        }
        IdxFile.writeImages(dir.resolve("heldout-images-idx3-ubyte"), images, 3, 1, 28, 28);
        IdxFile.writeLabels(dir.resolve("heldout-labels-idx1-ubyte.gz"), new int[] {4, 0, 9});
        ArrayDataset d = new MnistData(Split.HELDOUT, dir.toString(), 0).load(0);
        assertEquals("mnist/heldout", d.name());
        assertEquals(3, d.size());
        assertArrayEquals(new int[] {4, 0, 9}, d.labels());
        assertEquals(10, d.numClasses());
        assertEquals(images[1000], d.values()[1000], 1e-6f);

        DataException e = assertThrows(DataException.class, () -> new MnistData(Split.TRAIN, dir.toString(), 0).load(0));
        assertTrue(e.getMessage().startsWith("mnist: " + dir.resolve("train-images-idx3-ubyte.gz") + " not found"),
                e.getMessage());
    }

    @Test
    void nullSplitMeansTrain() {
        ArrayDataset d = new MnistData(null, null, 5).load(0);
        assertEquals("mnist/train", d.name());
        assertSame(DataKind.LABELLED, new MnistData(null, null, 5).kind());
    }
}
