package io.gan4j.spark.store;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.hdfs.DistributedFileSystem;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * File operations on a shared store (any Hadoop {@link FileSystem}) with the atomicity rules of
 * {@link SharedRunStore}: a file is written under a temporary name and renamed over its target where the store's
 * rename is atomic, and written in place where the store is an object store (whose objects appear whole when the
 * upload completes, and whose rename is a copy).
 */
final class StoreFiles implements java.io.Closeable {
    /** Files copied at once: closing an HDFS file waits for the NameNode to hear of its block, so copies overlap. */
    private static final int PARALLEL = 8;
    private final FileSystem fs;
    private final boolean atomicRename;
    private java.util.concurrent.ExecutorService pool;

    /** One copy. */
    @FunctionalInterface
    interface Transfer {
        void run() throws IOException;
    }

    StoreFiles(FileSystem fs, boolean atomicRename) {
        this.fs = fs;
        this.atomicRename = atomicRename;
    }

    FileSystem fs() {
        return fs;
    }

    /** Runs the copies at the same time and waits for all; the first failure is thrown once all have ended. */
    void inParallel(java.util.List<Transfer> transfers) throws IOException {
        if (transfers.size() <= 1) {
            for (Transfer t : transfers) {
                t.run();
            }
            return;
        }
        java.util.List<java.util.concurrent.Future<Void>> running = new java.util.ArrayList<>();
        for (Transfer t : transfers) {
            running.add(pool().submit(() -> {
                t.run();
                return null;
            }));
        }
        IOException failure = null;
        for (java.util.concurrent.Future<Void> f : running) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                IOException io = e.getCause() instanceof IOException x ? x : new IOException(e.getCause());
                if (failure == null) {
                    failure = io;
                } else {
                    failure.addSuppressed(io);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while copying files");
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private synchronized java.util.concurrent.ExecutorService pool() {
        if (pool == null) {
            pool = java.util.concurrent.Executors.newFixedThreadPool(PARALLEL, r -> {
                Thread t = new Thread(r, "gan4j-store-copy");
                t.setDaemon(true);
                return t;
            });
        }
        return pool;
    }

    /** Stops the copying threads and closes the file system. */
    @Override
    public synchronized void close() throws IOException {
        if (pool != null) {
            pool.shutdownNow();
        }
        fs.close();
    }

    boolean atomicRename() {
        return atomicRename;
    }

    /**
     * Every file under {@code dir}, by its path relative to {@code dir} ({@code /}-separated); empty when {@code dir}
     * does not exist.
     */
    Map<String, FileStatus> listTree(Path dir) throws IOException {
        Map<String, FileStatus> files = new TreeMap<>();
        String base = fs.makeQualified(dir).toUri().getPath();
        base = base.endsWith("/") ? base : base + "/";
        try {
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
            while (it.hasNext()) {
                LocatedFileStatus s = it.next();
                String path = s.getPath().toUri().getPath();
                if (path.startsWith(base)) {
                    files.put(path.substring(base.length()), s);
                }
            }
        } catch (FileNotFoundException e) {
            return files;
        }
        return files;
    }

    /** Copies a local file to {@code target}, replacing it so that a reader sees the old content or the new. */
    void put(java.nio.file.Path local, Path target) throws IOException {
        if (!atomicRename) {
            // An object store's upload becomes visible whole when the stream closes, replacing the old object.
            upload(local, target, true);
            return;
        }
        Path tmp = temporarySibling(target);
        try {
            upload(local, tmp, false);
            replace(tmp, target);
        } finally {
            fs.delete(tmp, false);
        }
    }

    /** Writes {@code text} to {@code target} as {@link #put} does. */
    void putText(Path target, String text) throws IOException {
        Path tmp = atomicRename ? temporarySibling(target) : target;
        try {
            try (FSDataOutputStream out = fs.create(tmp, !atomicRename)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            if (atomicRename) {
                replace(tmp, target);
            }
        } finally {
            if (atomicRename) {
                fs.delete(tmp, false);
            }
        }
    }

    /**
     * Copies a local file to {@code target}. Not forced to disk ({@code hsync}): a closed HDFS file is on every
     * DataNode of its pipeline, which is the durability HDFS's own commit protocols rely on, and forcing each file
     * cost about as much as the copy. A checkpoint damaged all the same (a machine's power lost before its disks
     * wrote the data) is caught by its SHA-256 sums when restored, and the next older one is used.
     */
    void upload(java.nio.file.Path local, Path target, boolean overwrite) throws IOException {
        try (InputStream in = Files.newInputStream(local); FSDataOutputStream out = fs.create(target, overwrite)) {
            in.transferTo(out);
        }
    }

    /**
     * Copies {@code remote} to {@code local} (through a temporary sibling, so a reader of the local copy never sees a
     * part) and gives the copy the remote file's modification time, by which {@link #sameAs} knows it next time.
     */
    void download(FileStatus remote, java.nio.file.Path local) throws IOException {
        Files.createDirectories(local.toAbsolutePath().getParent());
        java.nio.file.Path tmp = local.resolveSibling("." + local.getFileName() + ".download-" + UUID.randomUUID());
        try {
            try (InputStream in = fs.open(remote.getPath()); OutputStream out = Files.newOutputStream(tmp)) {
                in.transferTo(out);
            }
            Files.setLastModifiedTime(tmp, FileTime.fromMillis(remote.getModificationTime()));
            Files.move(tmp, local, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Whether {@code local} is a copy of {@code remote} made by {@link #download}: same length and time. */
    static boolean sameAs(FileStatus remote, java.nio.file.Path local) throws IOException {
        return Files.isRegularFile(local) && Files.size(local) == remote.getLen()
                && Files.getLastModifiedTime(local).toMillis() == remote.getModificationTime();
    }

    /** Reads a small remote file as UTF-8 text. */
    String readText(Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Renames {@code tmp} over {@code target}. HDFS replaces the target atomically (rename with OVERWRITE is one
     * NameNode operation); the local file system's rename is POSIX rename(2), which replaces atomically too. A store
     * whose rename refuses an existing target gets delete-then-rename, which leaves a moment without the file: such
     * stores should be opened with atomic rename off (see {@link SharedRunStore#ATOMIC_RENAME}).
     */
    void replace(Path tmp, Path target) throws IOException {
        if (fs instanceof DistributedFileSystem dfs) {
            dfs.rename(tmp, target, Options.Rename.OVERWRITE);
            return;
        }
        if (fs.rename(tmp, target)) {
            return;
        }
        if (!fs.exists(target) || !fs.delete(target, false) || !fs.rename(tmp, target)) {
            throw new IOException("cannot rename " + tmp + " to " + target);
        }
    }

    /** A name next to {@code target} that no reader takes for a published file (it starts with a dot). */
    static Path temporarySibling(Path target) {
        return new Path(target.getParent(), "." + target.getName() + ".publishing-" + UUID.randomUUID());
    }

    /** Whether the remote file's length equals the local one's. */
    static boolean sameLength(FileStatus remote, java.nio.file.Path local) throws IOException {
        return remote != null && remote.getLen() == Files.size(local);
    }

    /** Creates an empty directory tree on the store. */
    void mkdirs(Path dir) throws IOException {
        if (!fs.mkdirs(dir)) {
            throw new IOException(dir + ": cannot create the directory");
        }
    }

    /** Deletes a remote file or tree; absent is fine. */
    void delete(Path path, boolean recursive) throws IOException {
        fs.delete(path, recursive);
    }

    /** Status of {@code path}, or null when it does not exist. */
    FileStatus statusOrNull(Path path) throws IOException {
        try {
            return fs.getFileStatus(path);
        } catch (FileNotFoundException e) {
            return null;
        }
    }
}
