package io.gan4j.core.checkpoint;

import io.gan4j.core.api.GanModel;
import io.gan4j.core.api.Network;
import io.gan4j.core.io.AtomicFiles;
import io.gan4j.core.io.Json;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A run's checkpoints: {@code <dir>/step-00005000/} directories, each holding every network of the model (with
 * its updater state), the resolved config and {@code checkpoint.json} with checksums; plus the pointer files
 * {@code latest} and {@code best}, each naming a checkpoint directory.
 *
 * <p>A checkpoint is written into a temporary directory, forced to disk, and renamed into place; only then does
 * {@code latest} move to it (also by rename), and only then are old checkpoints pruned. A crash at any moment
 * leaves the previous checkpoint and pointer intact.
 */
public final class CheckpointStore {
    /** Name of the metadata file inside a checkpoint directory. */
    public static final String INFO_FILE = "checkpoint.json";
    /** Name of the resolved config copied into each checkpoint, so a checkpoint is usable on its own. */
    public static final String CONFIG_FILE = "config.resolved.json";
    /** Suffix of a file holding one array of {@link GanModel#state()}. */
    static final String STATE_SUFFIX = ".state.bin";
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    private static final String LATEST = "latest";
    private static final String BEST = "best";
    private static final String PREFIX = "step-";

    private final Path dir;

    /** @param dir the run's {@code checkpoints} directory (created on first save) */
    public CheckpointStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** The directory name of the checkpoint at {@code step}. */
    public static String nameOf(long step) {
        return String.format("%s%08d", PREFIX, step);
    }

    /**
     * Saves every network of {@code model}, its {@link GanModel#state()} and the metadata as the checkpoint of {@code info.step()}, points
     * {@code latest} at it, and deletes all but the newest {@code keep} checkpoints (never the one {@code best}
     * names). {@code info.files()} is ignored and replaced by the checksums of what was written.
     *
     * @return the checkpoint directory
     */
    public Path save(GanModel model, CheckpointInfo info, String resolvedConfigJson, int keep) throws IOException {
        Files.createDirectories(dir);
        removeAbandonedTemporaries();
        Path target = dir.resolve(nameOf(info.step()));
        if (Files.exists(target) && keptIntact(target)) {
            return target;
        }
        Path tmp = Files.createTempDirectory(dir, "." + target.getFileName() + ".");
        try {
            AtomicFiles.makeShareable(tmp);
            Map<String, CheckpointInfo.FileEntry> files = writeFiles(model, tmp, resolvedConfigJson);
            CheckpointInfo complete = new CheckpointInfo(info.format(), info.step(), info.variant(), info.configSha256(),
                    info.data(), info.seeds(), info.elapsedSeconds(), info.bestMetric(), info.bestStep(),
                    info.createdAt(), info.gan4jVersion(), files);
            Json.write(tmp.resolve(INFO_FILE), complete);
            AtomicFiles.fsyncDirectory(tmp);
            AtomicFiles.move(tmp, target);
            AtomicFiles.fsyncDirectory(dir);
        } finally {
            if (Files.exists(tmp)) {
                deleteTree(tmp);
            }
        }
        pointTo(LATEST, target);
        prune(keep);
        return target;
    }

    /**
     * For an existing checkpoint at the step being saved: when it reads back whole, points {@code latest} at it and
     * returns true; when it is damaged, moves it aside and returns false, so a good one is written.
     */
    private boolean keptIntact(Path target) throws IOException {
        try {
            read(target);
            pointTo(LATEST, target);
            return true;
        } catch (CheckpointException damaged) {
            // A run resumed with --fallback reaches the step of a damaged checkpoint again: keep the damaged
            // one for inspection under another name (never delete what was written) and write a good one.
            Path aside = dir.resolve(target.getFileName() + ".damaged-" + System.currentTimeMillis());
            Files.move(target, aside);
            LOG.warn("{} was damaged ({}); moved to {} and written again", target, damaged.getMessage(), aside);
            return false;
        }
    }

    /** Writes the networks, the model's state and the config into {@code tmp}, each synced; returns their entries. */
    private static Map<String, CheckpointInfo.FileEntry> writeFiles(GanModel model, Path tmp, String resolvedConfigJson)
            throws IOException {
        Map<String, CheckpointInfo.FileEntry> files = new LinkedHashMap<>();
        for (Map.Entry<String, ? extends Network> e : model.networks().entrySet()) {
            String file = e.getKey() + ".zip";
            Path p = tmp.resolve(file);
            e.getValue().save(p);
            AtomicFiles.fsync(p);
            files.put(file, entryOf(p));
        }
        for (Map.Entry<String, INDArray> e : model.state().entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            String file = e.getKey() + STATE_SUFFIX;
            Path p = tmp.resolve(file);
            Nd4j.saveBinary(e.getValue(), p.toFile());
            AtomicFiles.fsync(p);
            files.put(file, entryOf(p));
        }
        Path cfg = tmp.resolve(CONFIG_FILE);
        Files.writeString(cfg, resolvedConfigJson, StandardCharsets.UTF_8);
        AtomicFiles.fsync(cfg);
        files.put(CONFIG_FILE, entryOf(cfg));
        return files;
    }

    /** Points {@code latest} at the checkpoint {@code checkpointDir} (inside this store), e.g. after a fallback. */
    public void markLatest(Path checkpointDir) throws IOException {
        pointTo(LATEST, checkpointDir);
    }

    /** Points {@code best} at the checkpoint {@code checkpointDir} (inside this store). */
    public void markBest(Path checkpointDir) throws IOException {
        pointTo(BEST, checkpointDir);
    }

    /** The checkpoint {@code latest} names, verified; empty when nothing was saved yet. */
    public Optional<Checkpoint> latest() {
        return pointed(LATEST);
    }

    /** The checkpoint {@code best} names, verified; empty when none was marked. */
    public Optional<Checkpoint> best() {
        return pointed(BEST);
    }

    /** The newest checkpoint that verifies, skipping damaged ones (used only when the user asks to fall back). */
    public Optional<Checkpoint> newestValid(List<String> skipped) {
        List<Path> newestFirst = new ArrayList<>(list());
        java.util.Collections.reverse(newestFirst);
        for (Path p : newestFirst) {
            try {
                return Optional.of(read(p));
            } catch (CheckpointException e) {
                skipped.add(e.getMessage());
            }
        }
        return Optional.empty();
    }

    /**
     * Deletes what interrupted writes left behind: the temporary {@code .step-NNNNNNNN.*} folders of a checkpoint
     * being written when its process was killed, and temporary pointer files. Only the run's writer (the holder of
     * its {@link io.gan4j.core.run.RunLock}) may call this: another live writer's temporaries look the same.
     *
     * @return how many were removed
     * @throws IOException when one cannot be deleted
     */
    public int removeAbandoned() throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        List<Path> leftovers;
        try (Stream<Path> s = Files.list(dir)) {
            leftovers = s.filter(p -> p.getFileName().toString().startsWith(".")).toList();
        }
        for (Path p : leftovers) {
            deleteTree(p);
        }
        return leftovers.size();
    }

    /** Checkpoint directories, oldest first. */
    public List<Path> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches(PREFIX + "\\d{8}") && Files.isDirectory(p))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new CheckpointException(dir + ": cannot list checkpoints: " + e.getMessage(), e);
        }
    }

    private Optional<Checkpoint> pointed(String pointer) {
        Path file = dir.resolve(pointer);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String name;
        try {
            name = Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new CheckpointException(file + ": unreadable: " + e.getMessage(), e);
        }
        if (!name.matches(PREFIX + "\\d{8}")) {
            throw new CheckpointException(file + ": does not name a checkpoint (found '" + name + "')");
        }
        return Optional.of(read(dir.resolve(name)));
    }

    /**
     * Reads and verifies a checkpoint directory: metadata present and parseable, every listed file present with
     * the recorded size and SHA-256.
     *
     * @throws CheckpointException naming the file and what is wrong
     */
    public static Checkpoint read(Path checkpointDir) {
        Path infoFile = checkpointDir.resolve(INFO_FILE);
        if (!Files.isDirectory(checkpointDir)) {
            throw new CheckpointException(checkpointDir + ": no such checkpoint directory");
        }
        CheckpointInfo info;
        try {
            info = Json.read(infoFile, CheckpointInfo.class);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(infoFile + ": missing (incomplete checkpoint)");
        } catch (IOException e) {
            throw new CheckpointException(e.getMessage(), e);
        }
        if (info.format() != CheckpointInfo.FORMAT) {
            throw new CheckpointException(infoFile + ": checkpoint format " + info.format() + " is not supported (expected "
                    + CheckpointInfo.FORMAT + ")");
        }
        if (info.files() == null || info.files().isEmpty()) {
            throw new CheckpointException(infoFile + ": lists no files");
        }
        for (Map.Entry<String, CheckpointInfo.FileEntry> e : info.files().entrySet()) {
            Path f = checkpointDir.resolve(e.getKey());
            if (!Files.isRegularFile(f)) {
                throw new CheckpointException(f + ": missing from the checkpoint");
            }
            CheckpointInfo.FileEntry actual;
            try {
                actual = entryOf(f);
            } catch (IOException ex) {
                throw new CheckpointException(f + ": unreadable: " + ex.getMessage(), ex);
            }
            if (actual.bytes() != e.getValue().bytes()) {
                throw new CheckpointException(f + ": damaged: " + actual.bytes() + " bytes, checkpoint.json records "
                        + e.getValue().bytes() + (actual.bytes() < e.getValue().bytes() ? " (truncated)" : ""));
            }
            if (!actual.sha256().equals(e.getValue().sha256())) {
                throw new CheckpointException(f + ": damaged: SHA-256 " + actual.sha256() + " does not match "
                        + e.getValue().sha256() + " recorded in checkpoint.json");
            }
        }
        return new Checkpoint(checkpointDir, info);
    }

    /**
     * Loads every network (and the stored {@link GanModel#state()}) of a verified checkpoint into {@code model}, which must have been built from the same
     * variant and config.
     *
     * @throws CheckpointException when the variant or the networks do not match
     */
    public static void restore(Checkpoint checkpoint, String variant, GanModel model) {
        CheckpointInfo info = checkpoint.info();
        Path infoFile = checkpoint.dir().resolve(INFO_FILE);
        if (!info.variant().equals(variant)) {
            throw new CheckpointException(infoFile + ": checkpoint of variant '" + info.variant() + "', not '" + variant + "'");
        }
        List<String> expected = new ArrayList<>();
        for (String n : model.networks().keySet()) {
            expected.add(n + ".zip");
        }
        List<String> stored = info.files().keySet().stream().filter(f -> f.endsWith(".zip")).toList();
        if (!stored.equals(expected)) {
            throw new CheckpointException(infoFile + ": holds networks " + stored + ", the model has " + expected);
        }
        for (Map.Entry<String, ? extends Network> e : model.networks().entrySet()) {
            Path f = checkpoint.dir().resolve(e.getKey() + ".zip");
            try {
                e.getValue().load(f);
            } catch (IOException | RuntimeException ex) {
                throw new CheckpointException(f + ": cannot load network '" + e.getKey() + "': " + ex.getMessage(), ex);
            }
        }
        Map<String, INDArray> state = new LinkedHashMap<>();
        for (String file : info.files().keySet()) {
            if (!file.endsWith(STATE_SUFFIX)) {
                continue;
            }
            String name = file.substring(0, file.length() - STATE_SUFFIX.length());
            if (!model.state().containsKey(name)) {
                throw new CheckpointException(infoFile + ": holds state '" + name + "' that the model does not keep"
                        + " (it keeps " + model.state().keySet() + ")");
            }
            Path f = checkpoint.dir().resolve(file);
            try {
                state.put(name, Nd4j.readBinary(f.toFile()));
            } catch (IOException | RuntimeException ex) {
                throw new CheckpointException(f + ": cannot read state '" + name + "': " + ex.getMessage(), ex);
            }
        }
        try {
            model.restoreState(state);
        } catch (IllegalArgumentException ex) {
            throw new CheckpointException(infoFile + ": " + ex.getMessage(), ex);
        }
    }

    /** Temporary directories left by a process killed while writing a checkpoint. */
    private void removeAbandonedTemporaries() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("." + PREFIX)).toList()) {
                deleteTree(p);
            }
        }
    }

    private void pointTo(String pointer, Path checkpointDir) throws IOException {
        AtomicFiles.writeString(dir.resolve(pointer), checkpointDir.getFileName().toString() + "\n");
    }

    private String pointerTarget(String pointer) {
        try {
            Path p = dir.resolve(pointer);
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8).trim() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private void prune(int keep) throws IOException {
        List<Path> all = list();
        String best = pointerTarget(BEST);
        String latest = pointerTarget(LATEST);
        int excess = all.size() - keep;
        for (int i = 0; i < all.size() && excess > 0; i++) {
            String name = all.get(i).getFileName().toString();
            if (name.equals(best) || name.equals(latest)) {
                continue;
            }
            deleteTree(all.get(i));
            excess--;
        }
    }

    private static CheckpointInfo.FileEntry entryOf(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long bytes = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
                bytes += n;
            }
        }
        return new CheckpointInfo.FileEntry(bytes, HexFormat.of().formatHex(md.digest()));
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * A verified checkpoint.
     *
     * @param dir  its directory
     * @param info its metadata
     */
    public record Checkpoint(Path dir, CheckpointInfo info) {
        /** The resolved config stored in the checkpoint. */
        public Path configFile() {
            return dir.resolve(CONFIG_FILE);
        }
    }
}
