package io.gan4j.core.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void failedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path p = dir.resolve("keep.txt");
        AtomicFiles.writeString(p, "old");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(p, out -> {
            out.write(new byte[100]);
            throw new IllegalStateException("simulated crash half way");
        }));
        assertEquals("old", Files.readString(p));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(p), files.toList());
        }
    }

    @Test
    void writeReplacesTheTarget() throws IOException {
        Path p = dir.resolve("sub/file.txt");
        AtomicFiles.writeString(p, "one");
        AtomicFiles.writeString(p, "two");
        assertEquals("two", Files.readString(p));
    }

    @Test
    void writtenFilesAreReadableByOthers() throws IOException {
        Path p = dir.resolve("shared.txt");
        AtomicFiles.writeString(p, "x");
        if (Files.getFileStore(p).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
            assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
        }
    }

    @Test
    void uncheckedWriteNamesTheFile() {
        Path p = dir.resolve("file.txt");
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
                () -> AtomicFiles.writeUnchecked(p, out -> {
                    throw new IOException("disk full");
                }));
        assertEquals(p + ": cannot write: disk full", e.getMessage());
    }
}
