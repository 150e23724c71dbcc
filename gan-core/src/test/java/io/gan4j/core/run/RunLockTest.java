package io.gan4j.core.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one-writer lock within one JVM (the cross-process cases are in the CLI's RunWritersTest). */
class RunLockTest {
    @TempDir
    Path run;

    @Test
    void aSecondWriterIsRefusedWithTheHolderNamedUntilTheFirstReleases() throws Exception {
        long pid = ProcessHandle.current().pid();
        try (RunLock first = RunLock.acquire(run)) {
            assertEquals(pid, first.holder().pid());
            RunInUseException refused = assertThrows(RunInUseException.class, () -> RunLock.acquire(run));
            assertTrue(refused.getMessage().startsWith("run " + run + " is in use by process " + pid + " on "),
                    refused.getMessage());
            // The same directory named another way is the same run.
            assertThrows(RunInUseException.class, () -> RunLock.acquire(run.resolve("samples").resolve("..")));
            assertEquals(Optional.of(first.holder()), RunLock.holder(run));
            assertTrue(Files.readString(run.resolve(RunLock.FILE)).startsWith("pid=" + pid + " host="));
        }
        assertEquals(Optional.empty(), RunLock.holder(run));
        try (RunLock again = RunLock.acquire(run)) {
            assertEquals(pid, again.holder().pid());
        }
    }

    @Test
    void aLockFileWithoutALiveHolderNeverBlocks() throws Exception {
        Files.writeString(run.resolve(RunLock.FILE), "pid=999999 host=elsewhere since=2020-01-01T00:00:00Z\n");
        assertEquals(Optional.empty(), RunLock.holder(run), "a file nobody has locked");
        try (RunLock taken = RunLock.acquire(run)) {
            assertTrue(Files.readString(run.resolve(RunLock.FILE)).startsWith("pid=" + taken.holder().pid()),
                    "the holder's line replaces the stale one");
        }
    }

    @Test
    void askingWhoHoldsARunWritesNothing() throws Exception {
        assertEquals(Optional.empty(), RunLock.holder(run));
        assertFalse(Files.exists(run.resolve(RunLock.FILE)));
    }

    @Test
    void aManifestLeftRunningIsKilledOnlyWhenNobodyHoldsTheRun() {
        RunManifest.Session running = new RunManifest.Session("train", List.of(), 0, null, 100, "t0", null,
                RunManifest.RUNNING, null, 4242L, "node-1");
        RunManifest m = new RunManifest(RunManifest.FORMAT, "n", "vanilla", "c.json", "sha", 1, java.util.Map.of(), "d",
                true, null, List.of(running));
        assertEquals("running", m.status(true));
        assertEquals("killed", m.status(false));
        RunManifest.Session marked = m.withDeadSessionMarked().sessions().get(0);
        assertEquals("killed", marked.status());
        assertTrue(marked.message().contains("process 4242 on node-1"), marked.message());
        RunManifest done = m.withLastSession(running.ended(100L, "completed", null, "t1"));
        assertEquals("completed", done.status(false));
        assertEquals(done, done.withDeadSessionMarked());
    }
}
