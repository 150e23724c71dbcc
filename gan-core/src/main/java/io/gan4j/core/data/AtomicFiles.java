package io.gan4j.core.data;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that readers see either the old file or the complete new one: the bytes go to a temporary file
 * in the same directory (same file system, so the rename cannot turn into a copy) that is then renamed over the
 * target with {@link StandardCopyOption#ATOMIC_MOVE}. A crash or an exception while writing leaves at most a stray
 * {@code .tmp} file, never a half-written target.
 */
public final class AtomicFiles {

    /** Writes the content of a file to a stream; may throw any {@link IOException}. */
    @FunctionalInterface
    public interface Content {
        /** Writes everything to {@code out}; the stream is closed by the caller. */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Replaces {@code target} with what {@code content} writes, creating missing parent directories.
     *
     * @throws UncheckedIOException naming {@code target} when it cannot be written; the target is then untouched
     */
    public static void write(Path target, Content content) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                content.writeTo(out);
            }
            Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException(target + ": cannot write: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // The original failure is what matters; a leftover .tmp file is harmless.
                }
            }
        }
    }
}
