package io.gan4j.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes files so that a crash (or a full disk) never leaves a half-written file under the final name: write to a
 * temporary sibling, force it to disk, then rename over the target. Readers see the old file or the new one.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Body of an atomic write. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code target} atomically with whatever {@code writer} produces.
     *
     * @throws IOException whose message names {@code target} (a full disk reports only "No space left on device")
     */
    public static void write(Path target, Writer writer) throws IOException {
        try {
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            try {
                makeShareable(tmp);
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                    writer.write(out);
                }
                fsync(tmp);
                move(tmp, target);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            throw m.contains(target.toString()) ? e : new IOException(target + ": cannot write: " + m, e);
        }
    }

    /**
     * {@link #write} for callers whose API reports I/O failures unchecked.
     *
     * @throws UncheckedIOException naming {@code target}; the target is then untouched
     */
    public static void writeUnchecked(Path target, Writer writer) {
        try {
            write(target, writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** Writes {@code text} as UTF-8 to {@code target} atomically. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Gives a file rw-r--r-- or a directory rwxr-xr-x where the file system has POSIX permissions. Temporary files
     * and directories start owner-only, and results (samples, metrics, checkpoints) should be readable by the
     * colleagues who share a machine, like any file the user writes.
     */
    public static void makeShareable(Path path) throws IOException {
        if (Files.getFileStore(path).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                    Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
        }
    }

    /** Renames {@code source} to {@code target}, atomically where the file system can, replacing the target. */
    public static void move(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Forces a file's content to the storage device. */
    public static void fsync(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /** Forces a directory's entries (a rename inside it) to disk, where the platform allows opening directories. */
    public static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not supported on every OS/file system; the rename itself is still atomic.
        }
    }
}
