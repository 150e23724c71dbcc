package io.gan4j.core.config;

import io.gan4j.core.api.ConfigException;
import io.gan4j.core.data.DataConfig;
import io.gan4j.core.data.ImageFolderData;
import io.gan4j.core.data.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code folder} data source through the config pipeline: binding, checks with JSON paths, evaluation rules. */
class ImageFolderConfigTest {
    private static final String SOURCE = "faces.json";

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader(Fakes.registry());

    private String config(String model, String data, String eval) {
        return "{\"model\": {\"type\": \"" + model + "\"" + (model.equals("cgan") ? ", \"classes\": 2" : "")
                + "}, \"data\": {\"source\": \"folder\"" + data + "}" + (eval == null ? "" : ", \"eval\": " + eval) + "}";
    }

    private List<String> errors(String json) {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(SOURCE, json, List.of()));
        return List.of(e.getMessage().split("\n"));
    }

    private String dirField() {
        return ", \"dir\": \"" + dir + "\"";
    }

    @Test
    void defaultsAndGivenFieldsBind() {
        assertEquals(new ImageFolderData(dir.toString(), 64, 3, Split.TRAIN, 0, 0),
                loader.load(SOURCE, config("vanilla", dirField(), null), List.of()).config().data());
        assertEquals(new ImageFolderData(dir.toString(), 32, 1, Split.HELDOUT, 0.1, 100),
                loader.load(SOURCE, config("vanilla", dirField() + ", \"size\": 32, \"channels\": 1, \"split\":"
                        + " \"heldout\", \"heldoutFraction\": 0.1, \"limit\": 100", null), List.of()).config().data());
        assertEquals("folder", DataConfig.sourceName(ImageFolderData.defaults()));
    }

    @Test
    void mistakesAreReportedWithTheirPaths() {
        assertEquals(List.of("faces.json: $.data.dir is required"), errors(config("vanilla", "", null)));
        List<String> e = errors(config("vanilla", dirField() + ", \"sise\": 32, \"heldoutFraction\": 1", null));
        assertEquals(2, e.size(), e.toString());
        assertTrue(e.get(0).startsWith("faces.json: $.data.sise is not a known key (did you mean 'size'?"), e.get(0));
        assertEquals("faces.json: $.data.heldoutFraction must be in [0, 1), found 1", e.get(1));
        assertEquals(List.of("faces.json: $.data.channels must be 1 (grey) or 3 (RGB), found 2",
                        "faces.json: $.data.split must be train when heldoutFraction is 0, found 'heldout' (set"
                                + " data.heldoutFraction, e.g. 0.1, to hold images out)"),
                errors(config("vanilla", dirField() + ", \"channels\": 2, \"split\": \"heldout\"", null)));
    }

    @Test
    void classFoldersMakeLabelledData() throws IOException {
        assertEquals(List.of("faces.json: $.data.source must provide labelled data for variant 'cgan', found"
                        + " unlabelled data from 'folder' (sources that fit: mnist, fashion-mnist, cifar10)"),
                errors(config("cgan", dirField(), null)));
        Files.createDirectories(dir.resolve("smiling"));
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("smiling/a.png").toFile());
        loader.load(SOURCE, config("cgan", dirField(), null), List.of());
    }

    @Test
    void evaluationNeedsAHeldOutSplitAndFeatures() {
        assertEquals(List.of("faces.json: $.eval.against must be train for folder data, which has no held-out split,"
                                + " found 'heldout'",
                        "faces.json: $.eval.features is required for folder data, found null (mnist or fashion-mnist)"),
                errors(config("vanilla", dirField() + ", \"size\": 28, \"channels\": 1", "{\"every\": 100}")));
        loader.load(SOURCE, config("vanilla", dirField() + ", \"size\": 28, \"channels\": 1, \"heldoutFraction\": 0.2",
                "{\"every\": 100, \"features\": \"mnist\"}"), List.of());
        // The shipped feature networks take [1, 28, 28]: other folders train, but cannot be evaluated.
        assertEquals(List.of("faces.json: $.eval.every must be 0 for folder images of [3, 64, 64]: the feature"
                        + " networks take [1, 28, 28], found 100 (set data.size 28 and data.channels 1 to evaluate)"),
                errors(config("vanilla", dirField() + ", \"heldoutFraction\": 0.2",
                        "{\"every\": 100, \"features\": \"mnist\"}")));

        ImageFolderData train = new ImageFolderData(dir.toString(), 28, 1, Split.TRAIN, 0.2, 500);
        assertEquals(new ImageFolderData(dir.toString(), 28, 1, Split.HELDOUT, 0.2, 0),
                EvalConfig.reference(train, EvalReference.HELDOUT));
        assertEquals(train, EvalConfig.reference(train, EvalReference.TRAIN));
        assertNull(EvalConfig.reference(new ImageFolderData(dir.toString(), 28, 1, Split.TRAIN, 0, 0),
                EvalReference.HELDOUT));
        assertNull(EvalConfig.defaults().featuresFor(train));
    }
}
