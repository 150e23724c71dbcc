package io.gan4j.experiments;

import io.gan4j.core.testing.TensorBoardEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.SessionLog;
import org.tensorflow.proto.Summary;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static io.gan4j.experiments.CliTest.cli;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --tensorboard} on a real training and its resume: the event files, read by TensorFlow's own Event class
 * with their CRCs checked, hold every scalar of metrics.csv and eval.csv at its step with its value, and every
 * sample grid the run wrote as a PNG image of the right size at its step.
 */
class TensorBoardCliTest {
    @TempDir
    Path tmp;

    @Test
    void trainAndResumeWriteEveryScalarAndGridAtItsStep() throws IOException {
        Path cfg = tmp.resolve("tiny.json");
        Files.writeString(cfg, CliTest.mnistConfig("tiny", "vanilla", 3, 8, 3, 4, "\"eval\": {\"every\": 4, \"samples\": 100}"));
        Path runs = tmp.resolve("runs");
        CliTest.Result r = cli("train", cfg.toString(), "--tensorboard", "--set", "train.outputDir=" + runs);
        assertEquals(0, r.code(), r.err());
        Path run = CliTest.onlyRun(runs);
        // The resolved config keeps the key, so the resume writes its own file without the option.
        r = cli("resume", run.toString(), "--set", "train.iterations=12");
        assertEquals(0, r.code(), r.err());

        List<Path> files = TensorBoardEvents.files(run.resolve("tensorboard"));
        assertEquals(2, files.size(), "one event file per session: " + files);
        List<Event> first = TensorBoardEvents.read(files.get(0));
        List<Event> second = TensorBoardEvents.read(files.get(1));
        assertEquals("brain.Event:2", first.get(0).getFileVersion());
        assertEquals("brain.Event:2", second.get(0).getFileVersion());
        assertEquals(SessionLog.SessionStatus.START, second.get(1).getSessionLog().getStatus());
        assertEquals(9, second.get(1).getStep());

        List<Event> all = new ArrayList<>(first);
        all.addAll(second);
        Map<String, Map<Long, Float>> expected = csvScalars(run.resolve("metrics.csv"));
        csvScalars(run.resolve("eval.csv")).forEach((tag, steps) -> expected.merge(tag, steps, (a, b) -> {
            throw new AssertionError("column " + tag + " in both CSV files");
        }));
        assertEquals(12, expected.get("g_loss").size(), "a metrics row per step: " + expected.keySet());
        assertEquals(List.of(4L, 8L, 12L), List.copyOf(expected.get("fid").keySet()));
        assertEquals(expected, TensorBoardEvents.scalars(all));

        Map<Long, Summary.Image> images = TensorBoardEvents.images(all, "samples");
        List<Long> gridSteps = new ArrayList<>();
        try (Stream<Path> s = Files.list(run.resolve("samples"))) {
            for (Path png : s.filter(p -> p.getFileName().toString().matches("step-\\d+\\.png")).sorted().toList()) {
                long step = Long.parseLong(png.getFileName().toString().replaceAll("\\D", ""));
                gridSteps.add(step);
                Summary.Image image = images.get(step);
                BufferedImage grid = ImageIO.read(png.toFile());
                assertEquals(grid.getWidth(), image.getWidth(), png.toString());
                assertEquals(grid.getHeight(), image.getHeight(), png.toString());
                assertArrayEquals(Files.readAllBytes(png), image.getEncodedImageString().toByteArray(), png.toString());
            }
        }
        assertEquals(List.of(3L, 6L, 8L, 9L, 12L), gridSteps, "grids every 3 steps and at each session's end");
        assertEquals(gridSteps, List.copyOf(images.keySet()));
    }

    /** {@code resume --tensorboard} turns it on for a run trained without it, from the step it resumes at. */
    @Test
    void resumeOptionTurnsItOnForTheRestOfTheRun() throws IOException {
        Path cfg = tmp.resolve("tiny.json");
        Files.writeString(cfg, CliTest.tinyConfig(4));
        Path runs = tmp.resolve("runs");
        assertEquals(0, cli("train", cfg.toString(), "--set", "train.outputDir=" + runs).code());
        Path run = CliTest.onlyRun(runs);
        assertFalse(Files.exists(run.resolve("tensorboard")), "off by default");
        CliTest.Result r = cli("resume", run.toString(), "--tensorboard", "--set", "train.iterations=6");
        assertEquals(0, r.code(), r.err());
        List<Path> files = TensorBoardEvents.files(run.resolve("tensorboard"));
        assertEquals(1, files.size());
        Map<String, Map<Long, Float>> scalars = TensorBoardEvents.scalars(TensorBoardEvents.read(files.get(0)));
        assertEquals(List.of(5L, 6L), List.copyOf(scalars.get("d_loss").keySet()));
        assertTrue(Files.readString(run.resolve("config.resolved.json")).contains("\"tensorboard\": true"),
                "later resumes keep writing");
    }

    /** Column, then step, then value as a 32-bit float, for every non-empty cell but the step column. */
    private static Map<String, Map<Long, Float>> csvScalars(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        String[] header = lines.get(0).split(",");
        Map<String, Map<Long, Float>> scalars = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            for (int i = 1; i < cells.length; i++) {
                if (!cells[i].isEmpty()) {
                    scalars.computeIfAbsent(header[i], h -> new TreeMap<>())
                            .put(Long.parseLong(cells[0]), Float.parseFloat(cells[i]));
                }
            }
        }
        return scalars;
    }
}
