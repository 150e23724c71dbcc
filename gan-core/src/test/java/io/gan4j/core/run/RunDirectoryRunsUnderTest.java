package io.gan4j.core.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link RunDirectory#runsUnder}, the walk {@code gan4j runs} and the dashboard share: a run given itself, the
 * {@code <name>/<timestamp>} runs of an output folder in path order, nothing deeper, nothing for a missing folder
 * or a file, and no folder that lacks the manifest or the resolved config.
 */
class RunDirectoryRunsUnderTest {
    private static Path run(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.resolved.json"), "{}");
        Files.writeString(dir.resolve("manifest.json"), "{}");
        return dir;
    }

    @Test
    void listsTheRunsOfAnOutputFolderInPathOrder(@TempDir Path root) throws IOException {
        Path b2 = run(root.resolve("b/2026-01-02_00-00-00"));
        Path a1 = run(root.resolve("a/2026-01-01_00-00-00"));
        Path b1 = run(root.resolve("b/2026-01-01_00-00-00"));
        run(root.resolve("c/x/too-deep"));
        Files.createDirectories(root.resolve("d/no-manifest"));
        Files.writeString(root.resolve("d/no-manifest/config.resolved.json"), "{}");
        assertEquals(List.of(a1, b1, b2), RunDirectory.runsUnder(root));
    }

    @Test
    void aRunIsItsOwnList(@TempDir Path root) throws IOException {
        Path r = run(root.resolve("a/1"));
        assertEquals(List.of(r), RunDirectory.runsUnder(r));
    }

    @Test
    void nothingForAMissingFolderOrAFile(@TempDir Path root) throws IOException {
        assertEquals(List.of(), RunDirectory.runsUnder(root.resolve("missing")));
        Path file = Files.writeString(root.resolve("file.txt"), "x");
        assertEquals(List.of(), RunDirectory.runsUnder(file));
    }
}
