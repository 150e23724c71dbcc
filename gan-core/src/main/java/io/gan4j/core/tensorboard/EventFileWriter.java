package io.gan4j.core.tensorboard;

import com.google.protobuf.ByteString;
import io.gan4j.core.tensorboard.proto.Event;
import io.gan4j.core.tensorboard.proto.SessionLog;
import io.gan4j.core.tensorboard.proto.Summary;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One TensorBoard event file: {@code events.out.tfevents.<unix seconds>.<host>.<pid>} (with {@code .<n>} added
 * when that name is taken), as TensorFlow names them; TensorBoard reads every such file of a directory in name
 * order, so a resumed run adds a new file beside the old ones. The first record is the file version
 * ({@value #FILE_VERSION}); every later one a {@code Summary} or a session marker, each written with one system
 * call and nothing buffered, so a TensorBoard watching the directory sees each step as soon as it is written.
 */
public final class EventFileWriter implements Closeable {
    /** The version TensorBoard expects in the first event of a file. */
    public static final String FILE_VERSION = "brain.Event:2";
    /** The start of every event file's name, which TensorBoard looks for. */
    public static final String PREFIX = "events.out.tfevents.";

    private final Path file;
    private final OutputStream out;
    private final LongSupplier clockMillis;

    private EventFileWriter(Path file, OutputStream out, LongSupplier clockMillis) {
        this.file = file;
        this.out = out;
        this.clockMillis = clockMillis;
    }

    /**
     * Creates {@code dir} if needed and a new event file in it, and writes the file-version event.
     *
     * @param hostName    the machine's name, part of the file name (characters other than letters, digits,
     *                    {@code . _ -} become {@code _})
     * @param clockMillis wall-clock milliseconds since the Unix epoch, for the name and each event's
     *                    {@code wall_time}
     */
    public static EventFileWriter create(Path dir, String hostName, LongSupplier clockMillis) {
        long now = clockMillis.getAsLong();
        String base = PREFIX + now / 1000 + "." + hostName.replaceAll("[^A-Za-z0-9._-]", "_") + "."
                + ProcessHandle.current().pid();
        try {
            Files.createDirectories(dir);
            for (int n = 0; ; n++) {
                Path file = dir.resolve(n == 0 ? base : base + "." + n);
                OutputStream out;
                try {
                    out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW);
                } catch (FileAlreadyExistsException taken) {
                    // Another session of this process began in the same second: the next suffix.
                    continue;
                }
                EventFileWriter writer = new EventFileWriter(file, out, clockMillis);
                try {
                    writer.write(writer.event(0).setFileVersion(FILE_VERSION));
                } catch (UncheckedIOException e) {
                    out.close();
                    throw e;
                }
                return writer;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot create a TensorBoard event file: " + e.getMessage(), e);
        }
    }

    /** The file written. */
    public Path file() {
        return file;
    }

    /** One event at {@code step} with a scalar per entry (tag, value); nothing when {@code values} is empty. */
    public void scalars(long step, Map<String, Float> values) {
        if (values.isEmpty()) {
            return;
        }
        Summary.Builder summary = Summary.newBuilder();
        values.forEach((tag, value) -> summary.addValue(Summary.Value.newBuilder().setTag(tag).setSimpleValue(value)));
        write(event(step).setSummary(summary));
    }

    /**
     * One event at {@code step} with the PNG {@code png} as image {@code tag}.
     *
     * @param source names the image in the error when {@code png} is not a PNG
     */
    public void image(long step, String tag, byte[] png, String source) {
        PngHeader header = PngHeader.of(png, source);
        Summary.Image image = Summary.Image.newBuilder().setWidth(header.width()).setHeight(header.height())
                .setColorspace(header.colorspace()).setEncodedImageString(ByteString.copyFrom(png))
                .build();
        write(event(step).setSummary(Summary.newBuilder().addValue(Summary.Value.newBuilder().setTag(tag)
                .setImage(image))));
    }

    /**
     * Marks a session that starts at {@code step}: TensorBoard then drops the events of this and later steps that
     * earlier files hold (a run resumed from a checkpoint writes those steps again).
     */
    public void sessionStart(long step) {
        write(event(step).setSessionLog(SessionLog.newBuilder().setStatus(SessionLog.SessionStatus.START)));
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    private Event.Builder event(long step) {
        return Event.newBuilder().setWallTime(clockMillis.getAsLong() / 1000.0).setStep(step);
    }

    private void write(Event.Builder event) {
        try {
            out.write(TfRecords.frame(event.build().toByteArray()));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
        }
    }
}
