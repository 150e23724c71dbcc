package io.gan4j.core.checkpoint;

import io.gan4j.core.api.DataKind;
import io.gan4j.core.api.DataSpec;
import io.gan4j.core.testing.TinyModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointStoreTest {
    @TempDir
    Path dir;

    private static final DataSpec SPEC = new DataSpec(new long[] {2}, 0, DataKind.UNLABELLED, "points");

    private static CheckpointInfo info(long step) {
        return new CheckpointInfo(CheckpointInfo.FORMAT, step, "tiny", "sha", SPEC, Map.of("noise", 1L), 1.5, null,
                null, "2026-01-01T00:00:00Z", "test", null);
    }

    private Path save(CheckpointStore store, TinyModel model, long step, int keep) throws IOException {
        return store.save(model, info(step), "{\"name\": \"x\"}", keep);
    }

    @Test
    void savedCheckpointReadsBackAndRestoresEveryNetwork() throws IOException {
        CheckpointStore store = new CheckpointStore(dir);
        TinyModel model = new TinyModel(1);
        Path saved = save(store, model, 10, 2);

        CheckpointStore.Checkpoint latest = store.latest().orElseThrow();
        assertEquals(saved, latest.dir());
        assertEquals(10, latest.info().step());
        assertEquals(SPEC, latest.info().data());
        assertEquals(List.of("a.zip", "b.zip", "config.resolved.json"), List.copyOf(latest.info().files().keySet()));

        TinyModel other = new TinyModel(2);
        CheckpointStore.restore(latest, "tiny", other);
        assertEquals(model.networks().get("a").params(), other.networks().get("a").params());
        assertEquals(model.networks().get("b").params(), other.networks().get("b").params());
    }

    @Test
    void keepsTheNewestCheckpointsAndPointsLatestAtTheLast() throws IOException {
        CheckpointStore store = new CheckpointStore(dir);
        TinyModel model = new TinyModel(1);
        for (long step : new long[] {1, 2, 3, 4}) {
            save(store, model, step, 2);
        }
        assertEquals(List.of(dir.resolve("step-00000003"), dir.resolve("step-00000004")), store.list());
        assertEquals(4, store.latest().orElseThrow().info().step());
    }

    @Test
    void neverPrunesTheBestCheckpoint() throws IOException {
        CheckpointStore store = new CheckpointStore(dir);
        TinyModel model = new TinyModel(1);
        store.markBest(save(store, model, 1, 1));
        save(store, model, 2, 1);
        save(store, model, 3, 1);
        assertEquals(List.of(dir.resolve("step-00000001"), dir.resolve("step-00000003")), store.list());
        assertEquals(1, store.best().orElseThrow().info().step());
    }

    @Test
    void truncatedNetworkFileIsReportedWithItsName() throws IOException {
        Path saved = save(new CheckpointStore(dir), new TinyModel(1), 5, 2);
        Path net = saved.resolve("a.zip");
        try (RandomAccessFile f = new RandomAccessFile(net.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        CheckpointException e = assertThrows(CheckpointException.class, () -> new CheckpointStore(dir).latest());
        assertTrue(e.getMessage().startsWith(net + ": damaged:"), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void flippedByteIsCaughtByTheChecksum() throws IOException {
        Path saved = save(new CheckpointStore(dir), new TinyModel(1), 5, 2);
        Path net = saved.resolve("b.zip");
        byte[] bytes = Files.readAllBytes(net);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(net, bytes);
        CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointStore.read(saved));
        assertTrue(e.getMessage().startsWith(net + ": damaged: SHA-256"), e.getMessage());
    }

    @Test
    void missingFileAndMissingMetadataAreReported() throws IOException {
        Path saved = save(new CheckpointStore(dir), new TinyModel(1), 5, 2);
        Files.delete(saved.resolve("a.zip"));
        assertEquals(saved.resolve("a.zip") + ": missing from the checkpoint",
                assertThrows(CheckpointException.class, () -> CheckpointStore.read(saved)).getMessage());
        Files.delete(saved.resolve(CheckpointStore.INFO_FILE));
        assertEquals(saved.resolve(CheckpointStore.INFO_FILE) + ": missing (incomplete checkpoint)",
                assertThrows(CheckpointException.class, () -> CheckpointStore.read(saved)).getMessage());
    }

    @Test
    void fallbackSkipsADamagedLatestCheckpoint() throws IOException {
        CheckpointStore store = new CheckpointStore(dir);
        TinyModel model = new TinyModel(1);
        save(store, model, 1, 3);
        Path second = save(store, model, 2, 3);
        Files.writeString(second.resolve("a.zip"), "not a zip");
        assertThrows(CheckpointException.class, store::latest);
        List<String> skipped = new ArrayList<>();
        assertEquals(1, store.newestValid(skipped).orElseThrow().info().step());
        assertEquals(1, skipped.size());
    }

    /** TinyModel plus one state array, "memory" (null until set), as CycleGAN keeps its pools. */
    private static class StatefulModel implements io.gan4j.core.api.GanModel {
        final TinyModel inner = new TinyModel(1);
        org.nd4j.linalg.api.ndarray.INDArray memory;

        @Override
        public io.gan4j.core.api.StepResult trainStep(io.gan4j.core.api.Batch batch, io.gan4j.core.api.StepContext c) {
            return inner.trainStep(batch, c);
        }

        @Override
        public Map<String, io.gan4j.core.nn.Net> networks() {
            return inner.networks();
        }

        @Override
        public org.nd4j.linalg.api.ndarray.INDArray sample(int n, long seed) {
            return inner.sample(n, seed);
        }

        @Override
        public Map<String, org.nd4j.linalg.api.ndarray.INDArray> state() {
            Map<String, org.nd4j.linalg.api.ndarray.INDArray> m = new java.util.HashMap<>();
            m.put("memory", memory);
            return m;
        }

        @Override
        public void restoreState(Map<String, org.nd4j.linalg.api.ndarray.INDArray> stored) {
            memory = stored.get("memory");
        }
    }

    @Test
    void modelStateIsStoredWithAChecksumAndRestored() throws IOException {
        CheckpointStore store = new CheckpointStore(dir);
        StatefulModel model = new StatefulModel();
        Path empty = store.save(model, info(1), "{}", 5);
        assertEquals(List.of("a.zip", "b.zip", "config.resolved.json"),
                List.copyOf(CheckpointStore.read(empty).info().files().keySet()), "a null state is not written");
        model.memory = org.nd4j.linalg.factory.Nd4j.linspace(1, 24, 24, org.nd4j.linalg.api.buffer.DataType.FLOAT)
                .reshape(2, 3, 4);
        Path saved = store.save(model, info(2), "{}", 5);
        assertTrue(CheckpointStore.read(saved).info().files().containsKey("memory.state.bin"));

        StatefulModel fresh = new StatefulModel();
        fresh.memory = org.nd4j.linalg.factory.Nd4j.zeros(1);
        CheckpointStore.restore(CheckpointStore.read(saved), "tiny", fresh);
        assertEquals(model.memory, fresh.memory);
        CheckpointStore.restore(CheckpointStore.read(empty), "tiny", fresh);
        assertEquals(null, fresh.memory, "an empty state is restored as empty");

        // A model without state refuses a checkpoint that has some, naming it.
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> CheckpointStore.restore(CheckpointStore.read(saved), "tiny", new TinyModel(1)));
        assertTrue(e.getMessage().contains("state 'memory'"), e.getMessage());

        Path file = saved.resolve("memory.state.bin");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        CheckpointException t = assertThrows(CheckpointException.class, () -> CheckpointStore.read(saved));
        assertTrue(t.getMessage().contains("memory.state.bin") && t.getMessage().contains("truncated"), t.getMessage());
    }

    @Test
    void failedWriteLeavesThePreviousCheckpointIntact() throws IOException {
        CheckpointStore store = new CheckpointStore(dir);
        StatefulModel model = new StatefulModel();
        model.memory = org.nd4j.linalg.factory.Nd4j.ones(3);
        Path first = store.save(model, info(1), "{}", 5);
        // The disk fills up after the networks of the next checkpoint were written, while its state is saved.
        StatefulModel failing = new StatefulModel() {
            @Override
            public Map<String, org.nd4j.linalg.api.ndarray.INDArray> state() {
                throw new java.io.UncheckedIOException(new IOException("No space left on device"));
            }
        };
        assertThrows(java.io.UncheckedIOException.class, () -> store.save(failing, info(2), "{}", 5));
        assertEquals(first, store.latest().orElseThrow().dir(), "latest still names the previous checkpoint");
        assertEquals(List.of(first), store.list());
        try (var s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no half-written checkpoint left");
        }
        CheckpointStore.restore(CheckpointStore.read(first), "tiny", new StatefulModel());
    }

    @Test
    void aDamagedCheckpointAtTheSameStepIsSetAsideAndWrittenAgain() throws IOException {
        CheckpointStore store = new CheckpointStore(dir);
        TinyModel model = new TinyModel(1);
        Path saved = save(store, model, 2, 5);
        Files.writeString(saved.resolve("a.zip"), "damaged");
        Path again = save(store, model, 2, 5);
        assertEquals(saved, again);
        CheckpointStore.read(again);
        assertEquals(again, store.latest().orElseThrow().dir());
        try (var s = Files.list(dir)) {
            List<String> names = s.map(p -> p.getFileName().toString()).toList();
            assertTrue(names.stream().anyMatch(n -> n.startsWith("step-00000002.damaged-")), names.toString());
        }
        assertEquals(List.of(saved), store.list(), "the damaged copy is not a checkpoint");
    }

    @Test
    void restoreRefusesAnotherVariantsCheckpoint() throws IOException {
        Path saved = save(new CheckpointStore(dir), new TinyModel(1), 5, 2);
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> CheckpointStore.restore(CheckpointStore.read(saved), "vanilla", new TinyModel(1)));
        assertTrue(e.getMessage().contains("checkpoint of variant 'tiny', not 'vanilla'"), e.getMessage());
    }

    @Test
    void abandonedTemporaryDirectoriesAreRemovedAndIgnored() throws IOException {
        CheckpointStore store = new CheckpointStore(dir);
        Path leftover = Files.createDirectories(dir.resolve(".step-00000009.123"));
        Files.writeString(leftover.resolve("a.zip"), "half written");
        save(store, new TinyModel(1), 1, 2);
        assertFalse(Files.exists(leftover));
        assertEquals(1, store.list().size());
    }

    @Test
    void pointerToNothingIsAnError() throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("latest"), "garbage\n");
        CheckpointException e = assertThrows(CheckpointException.class, () -> new CheckpointStore(dir).latest());
        assertEquals(dir.resolve("latest") + ": does not name a checkpoint (found 'garbage')", e.getMessage());
    }
}
