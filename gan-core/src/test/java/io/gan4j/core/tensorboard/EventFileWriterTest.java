package io.gan4j.core.tensorboard;

import io.gan4j.core.testing.TensorBoardEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.SessionLog;
import org.tensorflow.proto.Summary;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@link EventFileWriter} writes, read back by TensorFlow's own {@code Event} class. */
class EventFileWriterTest {
    @TempDir
    Path tmp;

    private static final long CLOCK = 1_765_000_000_123L;

    @Test
    void writesTheVersionScalarsImagesAndSessionMarkersTensorFlowReads() throws IOException {
        byte[] png = png(7, 5, BufferedImage.TYPE_INT_RGB);
        Map<String, Float> losses = new LinkedHashMap<>();
        losses.put("d_loss", 1.25f);
        losses.put("g_loss", -0.5f);
        Path file;
        try (EventFileWriter w = EventFileWriter.create(tmp.resolve("tb"), "host/one", () -> CLOCK)) {
            w.scalars(10, losses);
            w.scalars(11, Map.of());
            w.image(20, "samples", png, "grid.png");
            w.sessionStart(21);
            file = w.file();
        }
        assertEquals("events.out.tfevents.1765000000.host_one." + ProcessHandle.current().pid(),
                file.getFileName().toString());
        List<Event> events = TensorBoardEvents.read(file);
        assertEquals(4, events.size(), "version, scalars, image, session start (no event for no scalars)");
        assertEquals("brain.Event:2", events.get(0).getFileVersion());
        assertEquals(0, events.get(0).getStep());
        events.forEach(e -> assertEquals(1_765_000_000.123, e.getWallTime(), 1e-6));

        Event scalars = events.get(1);
        assertEquals(10, scalars.getStep());
        assertEquals(2, scalars.getSummary().getValueCount());
        assertEquals("d_loss", scalars.getSummary().getValue(0).getTag());
        assertEquals(1.25f, scalars.getSummary().getValue(0).getSimpleValue());
        assertEquals("g_loss", scalars.getSummary().getValue(1).getTag());
        assertEquals(-0.5f, scalars.getSummary().getValue(1).getSimpleValue());

        assertEquals(20, events.get(2).getStep());
        Summary.Image image = events.get(2).getSummary().getValue(0).getImage();
        assertEquals("samples", events.get(2).getSummary().getValue(0).getTag());
        assertEquals(7, image.getWidth());
        assertEquals(5, image.getHeight());
        assertEquals(3, image.getColorspace());
        assertArrayEquals(png, image.getEncodedImageString().toByteArray());

        assertEquals(21, events.get(3).getStep());
        assertEquals(SessionLog.SessionStatus.START, events.get(3).getSessionLog().getStatus());
    }

    /** A second session in the same second (a resume right after a stop) gets its own file; neither is touched. */
    @Test
    void aSecondFileInTheSameSecondGetsASuffix() throws IOException {
        Path first;
        Path second;
        try (EventFileWriter a = EventFileWriter.create(tmp, "h", () -> CLOCK);
             EventFileWriter b = EventFileWriter.create(tmp, "h", () -> CLOCK)) {
            first = a.file();
            second = b.file();
        }
        assertNotEquals(first, second);
        assertEquals(first.getFileName() + ".1", second.getFileName().toString());
        assertEquals(List.of(first, second), TensorBoardEvents.files(tmp));
        assertEquals(1, TensorBoardEvents.read(first).size());
        assertEquals(1, TensorBoardEvents.read(second).size());
    }

    /** Each event is on disk as soon as it is written, for a TensorBoard watching a live run. */
    @Test
    void eachEventIsOnDiskBeforeTheFileIsClosed() throws IOException {
        try (EventFileWriter w = EventFileWriter.create(tmp, "h", () -> CLOCK)) {
            w.scalars(1, Map.of("loss", 2f));
            List<Event> events = TensorBoardEvents.read(w.file());
            assertEquals(2, events.size());
            assertEquals(2f, events.get(1).getSummary().getValue(0).getSimpleValue());
        }
    }

    @Test
    void pngHeaderGivesSizeAndChannels() throws IOException {
        assertEquals(new PngHeader(3, 2, 1), PngHeader.of(png(3, 2, BufferedImage.TYPE_BYTE_GRAY), "g"));
        assertEquals(new PngHeader(4, 9, 4), PngHeader.of(png(4, 9, BufferedImage.TYPE_INT_ARGB), "a"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PngHeader.of("GIF89a and more bytes than a header".getBytes(), "x.gif"));
        assertEquals("x.gif: not a PNG file", e.getMessage());
    }

    static byte[] png(int width, int height, int type) throws IOException {
        BufferedImage image = new BufferedImage(width, height, type);
        image.setRGB(1, 1, 0x80ff4020);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, "png", out));
        return out.toByteArray();
    }

    static Path writePng(Path file, int width, int height) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, png(width, height, BufferedImage.TYPE_INT_RGB));
        return file;
    }
}
