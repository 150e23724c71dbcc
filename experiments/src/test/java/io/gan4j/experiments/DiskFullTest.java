package io.gan4j.experiments;

import io.gan4j.core.checkpoint.CheckpointStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A disk that fills up, simulated with a small tmpfs (needs root on Linux; skipped where it cannot be mounted — the
 * same failure without a mount is {@code CheckpointStoreTest#failedWriteLeavesThePreviousCheckpointIntact}): training
 * stops with exit code 4 and a one-line message saying which file could not be written and why, every checkpoint
 * already on the disk stays valid, and the run, copied to a disk with room, resumes to the result of an uninterrupted
 * run. A disk that is full before the first step is reported before training starts.
 */
class DiskFullTest {
    @TempDir
    Path tmp;

    private static final String CONFIG = CliTest.tinyConfig(120)
            .replace("\"checkpointEvery\": 4", "\"checkpointEvery\": 2, \"keepCheckpoints\": 1000")
            .replace("\"sampleEvery\": 4", "\"sampleEvery\": 60");

    @Test
    void aDiskThatFillsUpStopsTrainingCleanlyAndTheRunResumesElsewhere() throws IOException, InterruptedException {
        Path disk = Files.createDirectories(tmp.resolve("small-disk"));
        assumeTrue(mount(disk, "2m"), "a tmpfs cannot be mounted here");
        Path rescued;
        try {
            Path cfg = tmp.resolve("tiny.json");
            Files.writeString(cfg, CONFIG);
            CliTest.Result r = CliTest.cli("train", cfg.toString(), "--set", "train.outputDir=" + disk.resolve("runs"));
            String err = r.err().strip();
            assertEquals(4, r.code(), err);
            assertEquals(1, err.lines().count(), err);
            assertTrue(err.contains("No space left on device") && err.contains(disk.toString()), err);
            Path run = CliTest.onlyRun(disk.resolve("runs"));
            CheckpointStore store = new CheckpointStore(run.resolve("checkpoints"));
            List<Path> all = store.list();
            assertFalse(all.isEmpty(), "some checkpoints fitted before the disk filled up");
            for (Path c : all) {
                CheckpointStore.read(c);
            }
            assertTrue(store.latest().isPresent());
            rescued = DamagedCheckpointCliTest.copy(run, tmp.resolve("rescued"));
        } finally {
            umount(disk);
        }
        CliTest.Result resumed = CliTest.cli("resume", rescued.toString());
        assertEquals(0, resumed.code(), resumed.err());
        Path cfg = tmp.resolve("tiny.json");
        CliTest.Result whole = CliTest.cli("train", cfg.toString(), "--set", "train.outputDir=" + tmp.resolve("whole"));
        assertEquals(0, whole.code(), whole.err());
        assertEquals(KillTrials.losses(CliTest.onlyRun(tmp.resolve("whole"))), KillTrials.losses(rescued));
    }

    @Test
    void aFullDiskIsReportedBeforeTheFirstStep() throws IOException, InterruptedException {
        Path disk = Files.createDirectories(tmp.resolve("full-disk"));
        assumeTrue(mount(disk, "256k"), "a tmpfs cannot be mounted here");
        try {
            try (OutputStream out = Files.newOutputStream(disk.resolve("filler"))) {
                byte[] block = new byte[4096];
                while (true) {
                    out.write(block);
                }
            } catch (IOException full) {
                // The disk is full now.
            }
            Path cfg = tmp.resolve("tiny.json");
            Files.writeString(cfg, CONFIG);
            CliTest.Result r = CliTest.cli("train", cfg.toString(), "--set", "train.outputDir=" + disk.resolve("runs"));
            String err = r.err().strip();
            // The run folder itself fits (a directory takes an inode, not a data block); its first file does not.
            assertEquals(4, r.code(), "exit " + r.code() + ": " + err);
            assertEquals(1, err.lines().count(), err);
            assertTrue(err.contains(disk.toString()) && err.contains("No space left on device"), err);
            assertFalse(err.contains("Exception"), err);
        } finally {
            umount(disk);
        }
    }

    /** Mounts a tmpfs of {@code size} on {@code dir}; false where that is not allowed or not possible. */
    static boolean mount(Path dir, String size) throws InterruptedException {
        try {
            Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString())
                    .redirectErrorStream(true).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    static void umount(Path dir) throws InterruptedException, IOException {
        new ProcessBuilder("umount", dir.toString()).redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
    }
}
