package io.gan4j.core.data;

import io.gan4j.core.api.Batch;
import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.api.DataKind;
import io.gan4j.core.api.DataSpec;
import io.gan4j.core.testing.PairedFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The aligned A|B folder format on generated images whose B half is the colour inversion of the A half, so every
 * crop, flip and direction can be checked pixel by pixel: a correctly aligned target is exactly −input.
 */
class AlignedFolderDataTest {
    @TempDir
    Path dir;

    private static void writePairs(Path root, String split, int n, int side, long seed) throws IOException {
        PairedFolders.write(root, split, n, side, seed);
    }

    private AlignedFolderData data(int size, int loadSize, AlignedFolderData.Direction direction, Split split) {
        return new AlignedFolderData(dir.toString(), split, size, loadSize, 3, direction, true, 0);
    }

    @Test
    void storesBothHalvesAtLoadSizeInputFirst() throws IOException {
        writePairs(dir, "train", 5, 12, 1);
        AlignedFolderData d = data(8, 10, AlignedFolderData.Direction.A_TO_B, Split.TRAIN);
        ArrayDataset stored = d.load(0);
        assertEquals(5, stored.size());
        assertArrayEquals(new long[] {6, 10, 10}, stored.sampleShape());
        assertTrue(stored.name().endsWith("/train"), stored.name());
        DataSpec spec = d.spec(stored);
        assertArrayEquals(new long[] {3, 8, 8}, spec.sampleShape());
        assertEquals(DataKind.PAIRED, spec.kind());
        assertEquals(DataKind.PAIRED, d.kind());
    }

    @Test
    void randomCropsAndFlipsAreTheSameForBothHalves() throws IOException {
        writePairs(dir, "train", 6, 12, 2);
        AlignedFolderData d = data(8, 12, AlignedFolderData.Direction.A_TO_B, Split.TRAIN);
        ArrayDataset stored = d.load(0);
        Batch centre = d.pairs(stored, new int[] {0, 1, 2, 3, 4, 5}, 0, false, DataType.FLOAT);
        List<String> seen = new ArrayList<>();
        for (long seed = 0; seed < 8; seed++) {
            Batch b = d.pairs(stored, new int[] {0, 1, 2, 3, 4, 5}, seed, true, DataType.FLOAT);
            assertArrayEquals(new long[] {6, 3, 8, 8}, b.x().shape());
            assertTrue(b.x().neg().equalsWithEps(b.y(), 1e-5), "target = inverted input, pixel by pixel, seed " + seed);
            seen.add(b.x().toString());
        }
        assertTrue(seen.stream().distinct().count() > 1, "crops and flips vary with the seed");
        assertTrue(centre.x().neg().equalsWithEps(centre.y(), 1e-5));
        assertEquals(centre.x(), d.pairs(stored, new int[] {0, 1, 2, 3, 4, 5}, 99, false, DataType.FLOAT).x(),
                "evaluation takes the centre crop whatever the seed");
    }

    @Test
    void flipMirrorsBothHalves() throws IOException {
        writePairs(dir, "train", 1, 8, 3);
        AlignedFolderData d = data(8, 8, AlignedFolderData.Direction.A_TO_B, Split.TRAIN);
        ArrayDataset stored = d.load(0);
        INDArray plain = d.pairs(stored, new int[] {0}, 0, false, DataType.FLOAT).x();
        boolean mirrored = false;
        for (long seed = 0; seed < 16 && !mirrored; seed++) {
            Batch b = d.pairs(stored, new int[] {0}, seed, true, DataType.FLOAT);
            if (!b.x().equals(plain)) {
                for (int x = 0; x < 8; x++) {
                    assertEquals(plain.getDouble(0, 0, 3, x), b.x().getDouble(0, 0, 3, 7 - x), 1e-6, "column " + x);
                    assertEquals(-plain.getDouble(0, 0, 3, x), b.y().getDouble(0, 0, 3, 7 - x), 1e-6, "column " + x);
                }
                mirrored = true;
            }
        }
        assertTrue(mirrored, "with loadSize = size the only augmentation is the flip, which half the draws take");
    }

    @Test
    void bToASwapsInputAndTarget() throws IOException {
        writePairs(dir, "train", 2, 8, 4);
        ArrayDataset ab = data(8, 0, AlignedFolderData.Direction.A_TO_B, Split.TRAIN).load(0);
        ArrayDataset ba = data(8, 0, AlignedFolderData.Direction.B_TO_A, Split.TRAIN).load(0);
        Batch x = data(8, 0, AlignedFolderData.Direction.A_TO_B, Split.TRAIN).pairs(ab, new int[] {1}, 0, false, DataType.FLOAT);
        Batch y = data(8, 0, AlignedFolderData.Direction.B_TO_A, Split.TRAIN).pairs(ba, new int[] {1}, 0, false, DataType.FLOAT);
        assertEquals(x.x(), y.y());
        assertEquals(x.y(), y.x());
    }

    @Test
    void heldoutReadsValThenTest() throws IOException {
        writePairs(dir, "train", 3, 8, 5);
        writePairs(dir, "test", 2, 8, 6);
        AlignedFolderData train = data(8, 0, AlignedFolderData.Direction.A_TO_B, Split.TRAIN);
        assertEquals(2, ((AlignedFolderData) train.heldout()).load(0).size(), "no val/: test/");
        writePairs(dir, "val", 4, 8, 7);
        assertEquals(4, ((AlignedFolderData) train.heldout()).load(0).size(), "val/ first");
        assertNotEquals(train.load(0).name(), ((AlignedFolderData) train.heldout()).load(0).name());
    }

    @Test
    void damagedFoldersAreReportedWithTheFile() throws IOException {
        AlignedFolderData d = data(8, 0, AlignedFolderData.Direction.A_TO_B, Split.TRAIN);
        DataException missing = assertThrows(DataException.class, () -> d.load(0));
        assertTrue(missing.getMessage().contains(dir.resolve("train").toString()), missing.getMessage());

        Files.createDirectories(dir.resolve("train"));
        DataException empty = assertThrows(DataException.class, () -> d.load(0));
        assertTrue(empty.getMessage().contains("has no images"), empty.getMessage());

        assertTrue(ImageIO.write(new BufferedImage(9, 4, BufferedImage.TYPE_INT_RGB), "png",
                dir.resolve("train/odd.png").toFile()));
        DataException odd = assertThrows(DataException.class, () -> d.load(0));
        assertTrue(odd.getMessage().contains("odd.png") && odd.getMessage().contains("width 9"), odd.getMessage());

        Files.writeString(dir.resolve("train/odd.png"), "not an image");
        DataException garbled = assertThrows(DataException.class, () -> d.load(0));
        assertTrue(garbled.getMessage().contains("odd.png"), garbled.getMessage());
    }

    @Test
    void loadSizeBelowSizeIsAConfigProblem() {
        List<ConfigProblem> problems = new ArrayList<>();
        new AlignedFolderData("x", Split.TRAIN, 256, 200, 2, AlignedFolderData.Direction.A_TO_B, true, 0)
                .validate("$.data", problems);
        assertEquals(List.of("$.data.channels", "$.data.loadSize"), problems.stream().map(ConfigProblem::path).toList());
    }
}
