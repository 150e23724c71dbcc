package io.gan4j.spark.store;

import io.gan4j.core.checkpoint.CheckpointException;
import io.gan4j.core.checkpoint.CheckpointStore;
import io.gan4j.core.run.RunDirectory;
import io.gan4j.core.run.RunLock;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Run directories on shared storage: any Hadoop {@link FileSystem} URI ({@code file://}, {@code hdfs://},
 * {@code s3a://} with the connector on the class path). A run trains into a local directory and is published to
 * {@code <root>/<runName>/} with the same layout ({@link RunDirectory}); a retried run is restored from there and
 * resumed by gan-core's {@code resume}; {@code compare} and {@code resume} read downloaded copies.
 *
 * <h2>What a reader can trust: the {@value #MARKER} marker</h2>
 * A checkpoint {@code checkpoints/step-NNNNNNNN/} counts as published only when it holds the empty file
 * {@value #MARKER}, which {@link #publish} creates after every file of the checkpoint is complete on the store
 * (closed, {@code hsync}ed) and the checkpoint verified locally. Readers ({@link #restore}, {@link #download},
 * {@link #newestPublishedStep}) take the newest checkpoint with the marker and ignore the store's {@code latest}
 * pointer (they write their own local one). This one scheme is correct on both kinds of store:
 * <ul>
 *   <li>HDFS (and a local or network file system): the checkpoint's files are written into
 *   {@code checkpoints/.step-NNNNNNNN.publishing-<uuid>/} and the directory is renamed into place, which is one
 *   atomic NameNode operation (rename(2) locally); the marker follows. A half-written step is never under its final
 *   name, so even a tool that knows nothing of markers never sees one.</li>
 *   <li>s3a and other object stores: rename is a copy of each object followed by a delete, so a directory appears
 *   file by file and a reader listing it may see part of it. There the files are uploaded in place and the marker,
 *   one object that appears whole when its upload completes, is what makes the step visible. The staging rename
 *   would only double the copying, so it is skipped ({@link #ATOMIC_RENAME} false, the default for {@code s3a},
 *   {@code s3}, {@code gs}, {@code oss}, {@code cos}, {@code obs}).</li>
 * </ul>
 * A publish killed at any point leaves the previous marked checkpoint the newest one; its leftovers (a staging
 * directory, or an unmarked step directory) are deleted by the next publish of that run, which holds its lock.
 *
 * <h2>Order of a publish, and why a restored run resumes consistently</h2>
 * The run's other files (metrics, evaluation CSV, samples, configs, then the manifest) go first, then new checkpoints,
 * then the {@code latest}/{@code best} pointers, then checkpoints the run has pruned locally are removed (marker
 * first). The metrics on the store therefore always reach at least the step of the newest marked checkpoint (gan-core
 * writes a step's metrics row before its checkpoint), and may reach beyond it when the run died after logging later
 * steps. Resume from step k drops the rows after k before appending ({@code CsvLog.open}), for {@code metrics.csv} and
 * {@code eval.csv} alike; so a run restored here and resumed has every logged step exactly once. Each file other than a
 * checkpoint's replaces its previous version atomically (temporary name and rename on HDFS and local; a whole-object
 * upload on object stores).
 *
 * <p>Publishing is incremental: a checkpoint is copied once (it never changes after it is written), a sample image
 * once, and the other files when their size or modification time differ from what this store last published or
 * restored.
 *
 * <p>One writer per run: {@link #lock} (see {@link StoreLock}). This class does not check the lock by itself except
 * through {@link #publish(String, java.nio.file.Path, StoreLock)}.
 */
public final class SharedRunStore implements Closeable {
    /** The empty file that makes a checkpoint on the store count as published. */
    public static final String MARKER = "_PUBLISHED";
    /** Configuration key: whether the store's rename is atomic (default: false for object-store schemes). */
    public static final String ATOMIC_RENAME = "gan4j.store.atomic-rename";
    /** Configuration key: milliseconds after the last heartbeat when a run lock may be taken over (default 60000). */
    public static final String LEASE_TIMEOUT_MS = "gan4j.store.lease.timeout.ms";
    /** Configuration key: milliseconds between heartbeats of a held run lock (default: a sixth of the timeout). */
    public static final String LEASE_RENEW_MS = "gan4j.store.lease.renew.ms";

    private static final Logger LOG = LoggerFactory.getLogger(SharedRunStore.class);
    private static final Set<String> OBJECT_STORES = Set.of("s3a", "s3", "s3n", "gs", "oss", "cos", "cosn", "obs");
    private static final String CHECKPOINTS = "checkpoints/";
    private static final String MANIFEST = "manifest.json";
    private static final String LATEST = "latest";
    private static final String BEST = "best";

    private final Configuration conf;
    private final StoreFiles files;
    private final Path root;
    private final StoreLock.Terms leaseTerms;
    /** What this store last published or restored, per local file, to publish only what changed. */
    private final Map<java.nio.file.Path, Stamp> stamps = new ConcurrentHashMap<>();
    /** Test hook: called between copying a checkpoint and making it visible. */
    private volatile CommitFault commitFault = step -> {
    };

    /** A fault injected between a checkpoint's copy and its commit (tests only). */
    interface CommitFault {
        void beforeCommit(String stepName) throws IOException;
    }

    private record Stamp(long size, long modifiedMillis) {
        static Stamp of(java.nio.file.Path file) throws IOException {
            return new Stamp(Files.size(file), Files.getLastModifiedTime(file).toMillis());
        }
    }

    /**
     * What one publish copied.
     *
     * @param files      files copied to the store
     * @param bytes      their total size
     * @param newestStep the newest published checkpoint's step after this publish, if any
     */
    public record Published(int files, long bytes, OptionalLong newestStep) {
    }

    private SharedRunStore(Configuration conf, FileSystem fs, Path root, boolean atomicRename,
                           StoreLock.Terms leaseTerms) {
        this.conf = conf;
        this.files = new StoreFiles(fs, atomicRename);
        this.root = root;
        this.leaseTerms = leaseTerms;
    }

    /**
     * Opens the store at {@code root} (created when missing) with its own {@link FileSystem} instance, closed by
     * {@link #close()}.
     *
     * @throws IOException when the file system cannot be reached or the root cannot be created
     */
    public static SharedRunStore open(URI root, Configuration conf) throws IOException {
        long timeout = conf.getLong(LEASE_TIMEOUT_MS, 60_000);
        StoreLock.Terms leaseTerms = StoreLock.Terms.ofMillis(timeout,
                conf.getLong(LEASE_RENEW_MS, Math.max(1, timeout / 6)));
        FileSystem fs = FileSystem.newInstance(root, conf);
        // The local file system would write a .crc file beside every file; the checkpoint's own SHA-256 sums serve.
        fs.setWriteChecksum(false);
        fs.setVerifyChecksum(false);
        Path qualified = fs.makeQualified(new Path(root));
        String scheme = qualified.toUri().getScheme().toLowerCase(Locale.ROOT);
        boolean atomicRename = conf.getBoolean(ATOMIC_RENAME, !OBJECT_STORES.contains(scheme));
        SharedRunStore store = new SharedRunStore(conf, fs, qualified, atomicRename, leaseTerms);
        store.files.mkdirs(qualified);
        return store;
    }

    /** The store's root, fully qualified (scheme and authority). */
    public URI root() {
        return root.toUri();
    }

    /** How long after its last heartbeat a run lock may be taken over ({@value #LEASE_TIMEOUT_MS}). */
    public Duration leaseTimeout() {
        return leaseTerms.timeout();
    }

    /** Where run {@code runName} lives on the store. */
    public URI runUri(String runName) {
        return runPath(runName).toUri();
    }

    void failBeforeCommit(CommitFault fault) {
        this.commitFault = fault;
    }

    /**
     * Publishes the local run directory {@code localRunDir} to {@code <root>/<runName>}: new and changed files, and
     * each new checkpoint made visible atomically (see the class comment). Safe to call as often as wanted (after each
     * checkpoint, at the end of a session); only one process may publish a run at a time (hold its {@link #lock}).
     *
     * @param runName a relative name such as {@code sweep-7/vanilla-lr1e-3-seed2} (no {@code ..}, no segment starting
     *                with {@code .} or {@code _})
     * @throws IOException          when the store fails; what was published before stays valid
     * @throws CheckpointException  when a local checkpoint about to be published is damaged (it is not published)
     */
    public Published publish(String runName, java.nio.file.Path localRunDir) throws IOException {
        return publish(runName, localRunDir, null);
    }

    /**
     * {@link #publish(String, java.nio.file.Path)} by the holder of {@code lock}, checked before anything is copied
     * and again before each checkpoint is made visible.
     *
     * @throws StoreLock.LeaseLostException when the lock was taken over or could not be renewed in time
     */
    public Published publish(String runName, java.nio.file.Path localRunDir, StoreLock lock) throws IOException {
        if (!RunDirectory.isRunDirectory(localRunDir)) {
            throw new IOException(localRunDir + ": not a run directory (no config.resolved.json and manifest.json)");
        }
        checkHeld(lock);
        Path remote = runPath(runName);
        Map<String, FileStatus> onStore = files.listTree(remote);
        removeLeftovers(remote, onStore);
        int[] copied = {0};
        long[] bytes = {0};
        java.nio.file.Path manifest = localRunDir.resolve(MANIFEST);
        List<java.nio.file.Path> local = new ArrayList<>(localFiles(localRunDir));
        local.remove(manifest);
        putChanged(localRunDir, local, remote, onStore, copied, bytes);
        putChanged(localRunDir, List.of(manifest), remote, onStore, copied, bytes);
        Set<String> published = publishedSteps(onStore);
        CheckpointStore checkpoints = new CheckpointStore(localRunDir.resolve("checkpoints"));
        Set<String> localSteps = new TreeSet<>();
        for (java.nio.file.Path step : checkpoints.list()) {
            String name = step.getFileName().toString();
            localSteps.add(name);
            if (!published.contains(name)) {
                checkHeld(lock);
                bytes[0] += publishCheckpoint(step, new Path(remote, CHECKPOINTS + name));
                copied[0] += countFiles(step);
                published.add(name);
            }
        }
        publishPointers(checkpoints.dir(), new Path(remote, "checkpoints"), published);
        pruneRemoved(remote, published, localSteps);
        return new Published(copied[0], bytes[0], newest(published));
    }

    private void checkHeld(StoreLock lock) throws IOException {
        if (lock != null) {
            lock.checkHeld();
        }
    }

    /** The run's regular files outside {@code checkpoints/}, without the local lock file and temporaries. */
    private static List<java.nio.file.Path> localFiles(java.nio.file.Path runDir) throws IOException {
        java.nio.file.Path checkpoints = runDir.resolve("checkpoints");
        try (Stream<java.nio.file.Path> s = Files.walk(runDir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !p.startsWith(checkpoints))
                    .filter(p -> !p.getFileName().toString().equals(RunLock.FILE))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        }
    }

    /** Copies those of {@code candidates} that differ from what the store has, at the same time. */
    private void putChanged(java.nio.file.Path runDir, List<java.nio.file.Path> candidates, Path remote,
                            Map<String, FileStatus> onStore, int[] copied, long[] bytes) throws IOException {
        Map<java.nio.file.Path, Stamp> changed = new java.util.LinkedHashMap<>();
        for (java.nio.file.Path file : candidates) {
            String rel = relative(runDir, file);
            Stamp now = Stamp.of(file);
            boolean sameLength = StoreFiles.sameLength(onStore.get(rel), file);
            // Sample images of a step are written once; every other file may be rewritten with the same length.
            boolean immutable = rel.startsWith("samples/step-");
            if (!sameLength || !(now.equals(stamps.get(file)) || immutable)) {
                changed.put(file, now);
            }
        }
        files.inParallel(changed.keySet().stream().<StoreFiles.Transfer>map(f -> () ->
                files.put(f, new Path(remote, relative(runDir, f)))).toList());
        stamps.putAll(changed);
        copied[0] += changed.size();
        bytes[0] += changed.values().stream().mapToLong(Stamp::size).sum();
    }

    /**
     * Copies one verified checkpoint and makes it visible: staging directory, rename, marker (see the class comment).
     *
     * @return bytes copied
     */
    private long publishCheckpoint(java.nio.file.Path step, Path target) throws IOException {
        CheckpointStore.read(step);
        String name = step.getFileName().toString();
        // An unmarked directory of this step is what an interrupted publish left: it was never visible.
        files.delete(target, true);
        Path staging = files.atomicRename() ? StoreFiles.temporarySibling(target) : target;
        long bytes = 0;
        // On failure the staging directory stays, as it would after a kill: the next publish removes both alike.
        List<StoreFiles.Transfer> uploads = new ArrayList<>();
        try (Stream<java.nio.file.Path> s = Files.list(step)) {
            for (java.nio.file.Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                uploads.add(() -> files.upload(f, new Path(staging, f.getFileName().toString()), false));
                bytes += Files.size(f);
            }
        }
        files.inParallel(uploads);
        commitFault.beforeCommit(name);
        if (files.atomicRename() && !files.fs().rename(staging, target)) {
            throw new IOException("cannot rename " + staging + " to " + target);
        }
        // Empty: its existence is the commit, and an empty file needs no block on HDFS (its close waits for none).
        files.putText(new Path(target, MARKER), "");
        LOG.info("published {}", target);
        return bytes;
    }

    private static int countFiles(java.nio.file.Path dir) throws IOException {
        try (Stream<java.nio.file.Path> s = Files.list(dir)) {
            return (int) s.filter(Files::isRegularFile).count();
        }
    }

    /** The local {@code latest} and {@code best} pointers, where they name a published checkpoint (for people). */
    private void publishPointers(java.nio.file.Path localCheckpoints, Path remoteCheckpoints, Set<String> published)
            throws IOException {
        for (String pointer : List.of(LATEST, BEST)) {
            java.nio.file.Path file = localCheckpoints.resolve(pointer);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            String target = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (published.contains(target) && !Stamp.of(file).equals(stamps.get(file))) {
                files.putText(new Path(remoteCheckpoints, pointer), target + "\n");
                stamps.put(file, Stamp.of(file));
            }
        }
    }

    /** Removes checkpoints the run pruned locally, older than its newest: marker first, so none looks whole. */
    private void pruneRemoved(Path remote, Set<String> published, Set<String> localSteps) throws IOException {
        OptionalLong newest = newest(published);
        for (String step : new ArrayList<>(published)) {
            if (!localSteps.contains(step) && stepOf(step) < newest.orElse(Long.MIN_VALUE)) {
                Path dir = new Path(remote, CHECKPOINTS + step);
                files.delete(new Path(dir, MARKER), false);
                files.delete(dir, true);
                published.remove(step);
            }
        }
    }

    /** Deletes what interrupted publishes left: staging directories and temporaries (names starting with a dot). */
    private void removeLeftovers(Path remote, Map<String, FileStatus> onStore) throws IOException {
        Set<Path> leftovers = new TreeSet<>();
        for (String rel : onStore.keySet()) {
            String[] parts = rel.split("/");
            StringBuilder prefix = new StringBuilder();
            for (String part : parts) {
                prefix.append(prefix.length() == 0 ? "" : "/").append(part);
                if (part.startsWith(".")) {
                    leftovers.add(new Path(remote, prefix.toString()));
                    break;
                }
            }
        }
        for (Path p : leftovers) {
            files.delete(p, true);
        }
        onStore.keySet().removeIf(rel -> rel.startsWith(".") || rel.contains("/."));
    }

    /** The names of the checkpoints that carry the marker, among the files listed. */
    static Set<String> publishedSteps(Map<String, FileStatus> runFiles) {
        Set<String> steps = new TreeSet<>();
        for (String rel : runFiles.keySet()) {
            String[] parts = rel.split("/");
            if (parts.length == 3 && parts[0].equals("checkpoints") && parts[2].equals(MARKER)
                    && parts[1].matches("step-\\d{8}")) {
                steps.add(parts[1]);
            }
        }
        return steps;
    }

    private static OptionalLong newest(Set<String> steps) {
        return steps.stream().mapToLong(SharedRunStore::stepOf).max();
    }

    static long stepOf(String stepName) {
        return Long.parseLong(stepName.substring("step-".length()));
    }

    /** The step of the newest published checkpoint of {@code runName}; empty when none is published. */
    public OptionalLong newestPublishedStep(String runName) throws IOException {
        return newest(publishedSteps(files.listTree(runPath(runName))));
    }

    /**
     * Copies the published run {@code runName} into {@code scratch/<runName>} (replacing what is there) so that
     * gan-core's {@code resume} of that directory continues from the newest published checkpoint that verifies: every
     * file but the checkpoints, that checkpoint (and the {@code best} one when it is another published one), and local
     * {@code latest}/{@code best} pointers naming them. Metrics rows after that checkpoint's step are kept as published:
     * resume drops them before it appends (see the class comment).
     *
     * @return the local run directory; empty when the store has no run of that name, or it has no manifest, resolved
     *         config or published checkpoint yet (nothing to resume: start the run afresh)
     * @throws CheckpointException when every published checkpoint is damaged
     */
    public Optional<java.nio.file.Path> restore(String runName, java.nio.file.Path scratch) throws IOException {
        Path remote = runPath(runName);
        Map<String, FileStatus> onStore = files.listTree(remote);
        List<String> steps = new ArrayList<>(publishedSteps(onStore));
        if (!onStore.containsKey(MANIFEST) || !onStore.containsKey("config.resolved.json") || steps.isEmpty()) {
            return Optional.empty();
        }
        steps.sort(Comparator.reverseOrder());
        java.nio.file.Path local = scratch.resolve(runName);
        deleteLocalTree(local);
        Files.createDirectories(local.resolve("checkpoints"));
        for (Map.Entry<String, FileStatus> e : onStore.entrySet()) {
            if (!e.getKey().startsWith(CHECKPOINTS) && isPublishedFile(e.getKey())) {
                fetch(e.getValue(), local.resolve(e.getKey()));
            }
        }
        String chosen = restoreNewestValid(onStore, steps, local);
        java.nio.file.Path checkpoints = local.resolve("checkpoints");
        writePointer(checkpoints.resolve(LATEST), chosen);
        String best = remotePointer(remote, onStore, BEST);
        if (best != null && steps.contains(best) && stepOf(best) <= stepOf(chosen)) {
            if (!best.equals(chosen)) {
                copyCheckpoint(onStore, best, checkpoints.resolve(best));
            }
            writePointer(checkpoints.resolve(BEST), best);
        }
        return Optional.of(local);
    }

    private String restoreNewestValid(Map<String, FileStatus> onStore, List<String> newestFirst,
                                      java.nio.file.Path local) throws IOException {
        List<String> damaged = new ArrayList<>();
        for (String step : newestFirst) {
            java.nio.file.Path dir = local.resolve("checkpoints").resolve(step);
            copyCheckpoint(onStore, step, dir);
            try {
                CheckpointStore.read(dir);
                return step;
            } catch (CheckpointException e) {
                LOG.warn("published checkpoint damaged, trying an older one: {}", e.getMessage());
                damaged.add(e.getMessage());
                deleteLocalTree(dir);
            }
        }
        throw new CheckpointException(local + ": every published checkpoint is damaged: " + String.join("; ", damaged));
    }

    private void copyCheckpoint(Map<String, FileStatus> onStore, String step, java.nio.file.Path dir)
            throws IOException {
        String prefix = CHECKPOINTS + step + "/";
        for (Map.Entry<String, FileStatus> e : onStore.entrySet()) {
            String rel = e.getKey();
            if (rel.startsWith(prefix) && !rel.endsWith("/" + MARKER)) {
                fetch(e.getValue(), dir.resolve(rel.substring(prefix.length())));
            }
        }
    }

    /** Downloads one file and remembers it, so that the next publish does not copy it back unchanged. */
    private void fetch(FileStatus remote, java.nio.file.Path local) throws IOException {
        files.download(remote, local);
        stamps.put(local, Stamp.of(local));
    }

    private String remotePointer(Path remote, Map<String, FileStatus> onStore, String pointer) throws IOException {
        String rel = CHECKPOINTS + pointer;
        return onStore.containsKey(rel) ? files.readText(new Path(remote, rel)).trim() : null;
    }

    private static void writePointer(java.nio.file.Path file, String step) throws IOException {
        Files.writeString(file, step + "\n", StandardCharsets.UTF_8);
    }

    /**
     * Whether a file on the store belongs to the run as published: not the lock's lease and clock files, not a
     * temporary (a name starting with a dot), not a marker.
     */
    static boolean isPublishedFile(String rel) {
        for (String part : rel.split("/")) {
            if (part.startsWith(".")) {
                return false;
            }
        }
        String name = rel.substring(rel.lastIndexOf('/') + 1);
        return !name.equals(MARKER) && !StoreLock.isLockFile(name);
    }

    /**
     * Copies a run directory, or a folder of run directories (a sweep's output), from any Hadoop file system URI
     * into {@code localCache/<last segment of the URI>}, where {@code compare}, {@code resume}, {@code sample} and
     * {@code evaluate} read it as usual. Only published checkpoints come down; each copied run's {@code latest}
     * pointer names its newest one. Files already copied and unchanged on the store are not copied again.
     *
     * @return the local copy of {@code runOrRoot}
     */
    public java.nio.file.Path download(URI runOrRoot, java.nio.file.Path localCache) throws IOException {
        return StoreDownload.download(FileSystem.get(runOrRoot, conf), new Path(runOrRoot), localCache);
    }

    /**
     * Takes the one-writer lock of run {@code runName} on the store (see {@link StoreLock}), failing at once when
     * another live holder has it.
     *
     * @param holderDescription who is writing, shown to a second writer (e.g. "spark task 12.1 on host-3")
     * @throws StoreLock.StoreLockedException naming the holder and its last heartbeat
     */
    public StoreLock lock(String runName, String holderDescription) throws IOException {
        return lock(runName, holderDescription, Duration.ZERO);
    }

    /**
     * {@link #lock(String, String)}, waiting up to {@code maxWait} for a holder to release the lock or for its lease
     * to expire (a retried Spark task whose previous attempt was killed waits here for the dead lease).
     */
    public StoreLock lock(String runName, String holderDescription, Duration maxWait) throws IOException {
        return StoreLock.acquire(files.fs(), runPath(runName), holderDescription, leaseTerms, maxWait);
    }

    Path runPath(String runName) {
        if (runName == null || runName.isBlank() || runName.startsWith("/")) {
            throw new IllegalArgumentException("run name must be a relative path, got '" + runName + "'");
        }
        for (String part : runName.split("/")) {
            if (part.isEmpty() || part.equals("..") || part.startsWith(".") || part.startsWith("_")) {
                throw new IllegalArgumentException("run name '" + runName + "': segment '" + part + "' is not allowed"
                        + " (empty, '..', or starting with '.' or '_')");
            }
        }
        return new Path(root, runName);
    }

    private static String relative(java.nio.file.Path base, java.nio.file.Path file) {
        return base.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }

    static void deleteLocalTree(java.nio.file.Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<java.nio.file.Path> s = Files.walk(dir)) {
            for (java.nio.file.Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Closes this store's file system instance. */
    @Override
    public void close() throws IOException {
        files.close();
    }
}
