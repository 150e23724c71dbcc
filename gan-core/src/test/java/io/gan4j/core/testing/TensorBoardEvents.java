package io.gan4j.core.testing;

import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reads TensorBoard event files independently of gan4j's writer: the TFRecord framing is parsed here from its
 * specification (little-endian uint64 length, masked CRC-32C of the length bytes, data, masked CRC-32C of the
 * data; both CRCs checked), and each record is parsed by TensorFlow Java's own generated {@code Event} class
 * (org.tensorflow:tensorflow-core-native), so a wrong field number or type in gan4j's .proto shows up here.
 */
public final class TensorBoardEvents {
    private TensorBoardEvents() {
    }

    /** Every event of {@code file}, in order; fails on a bad CRC, a torn record or bytes after the last record. */
    public static List<Event> read(Path file) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        List<Event> events = new ArrayList<>();
        while (in.hasRemaining()) {
            assertTrue(in.remaining() >= 12, file + ": torn length at byte " + in.position());
            byte[] lengthBytes = new byte[8];
            in.get(lengthBytes);
            long length = ByteBuffer.wrap(lengthBytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
            assertEquals(maskedCrc(lengthBytes), in.getInt(), file + ": length CRC of record " + events.size());
            assertTrue(length >= 0 && length + 4 <= in.remaining(), file + ": torn record " + events.size());
            byte[] data = new byte[(int) length];
            in.get(data);
            assertEquals(maskedCrc(data), in.getInt(), file + ": data CRC of record " + events.size());
            events.add(Event.parseFrom(data));
        }
        return events;
    }

    /** The event files of a run's {@code tensorboard} directory, in the name order TensorBoard reads them in. */
    public static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents.")).sorted().toList();
        }
    }

    /** Every scalar of {@code events}: tag, then step, then value. */
    public static Map<String, Map<Long, Float>> scalars(List<Event> events) {
        Map<String, Map<Long, Float>> scalars = new TreeMap<>();
        for (Event e : events) {
            for (Summary.Value v : e.getSummary().getValueList()) {
                if (v.getValueCase() == Summary.Value.ValueCase.SIMPLE_VALUE) {
                    Float old = scalars.computeIfAbsent(v.getTag(), t -> new TreeMap<>())
                            .put(e.getStep(), v.getSimpleValue());
                    assertEquals(null, old, "scalar " + v.getTag() + " twice at step " + e.getStep());
                }
            }
        }
        return scalars;
    }

    /** Every image of tag {@code tag}, by step. */
    public static Map<Long, Summary.Image> images(List<Event> events, String tag) {
        Map<Long, Summary.Image> images = new TreeMap<>();
        for (Event e : events) {
            for (Summary.Value v : e.getSummary().getValueList()) {
                if (v.getValueCase() == Summary.Value.ValueCase.IMAGE && v.getTag().equals(tag)) {
                    assertEquals(null, images.put(e.getStep(), v.getImage()), "image " + tag + " twice at step "
                            + e.getStep());
                }
            }
        }
        return images;
    }

    /** TensorFlow's masked CRC-32C (crc32c.h): rotated right by 15 bits, plus 0xa282ead8. */
    private static int maskedCrc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + 0xa282ead8;
    }
}
