package io.gan4j.core.run;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one-writer rule of a run directory: an operating-system lock ({@link FileChannel#tryLock()}) on
 * {@value #FILE} in the run directory, taken by {@code train} and {@code resume} before they write anything and held
 * until the session ends. Two processes writing the same run (two resumes, or a resume while training goes on) lost
 * metrics rows, manifest sessions and checkpoint files; with the lock the second one stops at once with
 * {@link RunInUseException}, naming the holder.
 *
 * <p>The lock belongs to the process, not to the file: the operating system drops it when the holder exits however
 * it exits (kill -9 included), so a lock file left behind never blocks anyone. The file's text only tells a second
 * writer who holds it ({@code pid host since}). Within one JVM, the held locks are also kept in a table: the JVM
 * cannot take an OS lock twice, and opening a second channel on a locked file and closing it would release the lock
 * (POSIX record locks), so this class never does that.
 */
public final class RunLock implements AutoCloseable {
    /** The lock file's name, in the run directory. */
    public static final String FILE = "writer.lock";

    private static final Map<Path, RunLock> HELD_HERE = new ConcurrentHashMap<>();

    private final Path runDir;
    private final FileChannel channel;
    private final FileLock lock;
    private final Holder holder;

    private RunLock(Path runDir, FileChannel channel, FileLock lock, Holder holder) {
        this.runDir = runDir;
        this.channel = channel;
        this.lock = lock;
        this.holder = holder;
    }

    /**
     * Who holds a run's lock.
     *
     * @param pid   the process id
     * @param host  the machine's name
     * @param since ISO-8601 time the lock was taken
     */
    public record Holder(long pid, String host, String since) {
        /** This process, now. */
        public static Holder current() {
            return new Holder(ProcessHandle.current().pid(), hostName(), Instant.now().toString());
        }

        String line() {
            return "pid=" + pid + " host=" + host + " since=" + since + "\n";
        }

        static Optional<Holder> parse(String text) {
            Map<String, String> fields = new java.util.HashMap<>();
            for (String part : text.trim().split("\\s+")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    fields.put(part.substring(0, eq), part.substring(eq + 1));
                }
            }
            try {
                return Optional.of(new Holder(Long.parseLong(fields.get("pid")), fields.getOrDefault("host", "?"),
                        fields.getOrDefault("since", "?")));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    /**
     * Takes the write lock of {@code runDir} for this process.
     *
     * @throws RunInUseException when another process, or another session in this JVM, holds it
     * @throws IOException       when the lock file cannot be created or written (read-only run directory)
     */
    public static RunLock acquire(Path runDir) throws IOException {
        Path key = runDir.toAbsolutePath().normalize();
        RunLock here = HELD_HERE.get(key);
        if (here != null) {
            throw new RunInUseException(runDir, Optional.of(here.holder));
        }
        Path file = key.resolve(FILE);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw cannotLock(file, e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw new RunInUseException(runDir, Optional.empty());
        } catch (IOException e) {
            channel.close();
            throw cannotLock(file, e);
        }
        if (lock == null) {
            channel.close();
            throw new RunInUseException(runDir, readHolder(file));
        }
        Holder holder = Holder.current();
        RunLock taken = new RunLock(key, channel, lock, holder);
        if (HELD_HERE.putIfAbsent(key, taken) != null) {
            // Another thread of this JVM took the table entry between our check and our OS lock.
            lock.release();
            channel.close();
            throw new RunInUseException(runDir, Optional.of(HELD_HERE.get(key).holder));
        }
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(holder.line().getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
        } catch (IOException e) {
            taken.close();
            throw cannotLock(file, e);
        }
        return taken;
    }

    private static IOException cannotLock(Path file, IOException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new IOException(file + ": cannot take the run's write lock: " + reason, e);
    }

    /**
     * The live holder of {@code runDir}'s lock, if any: this process when a session here holds it, another process
     * when the OS says the file is locked. Reading only: the lock file is not created, and a file this JVM has locked
     * is never opened a second time.
     */
    public static Optional<Holder> holder(Path runDir) {
        Path key = runDir.toAbsolutePath().normalize();
        RunLock here = HELD_HERE.get(key);
        if (here != null) {
            return Optional.of(here.holder);
        }
        Path file = key.resolve(FILE);
        // WRITE is needed for an exclusive lock; without CREATE a run that never had a writer stays untouched.
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock probe;
            try {
                probe = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                return Optional.of(new Holder(ProcessHandle.current().pid(), hostName(), "?"));
            }
            if (probe != null) {
                probe.release();
                return Optional.empty();
            }
            return Optional.of(readHolder(file).orElse(new Holder(-1, "?", "?")));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            // A lock file we cannot open for writing (read-only copy of a run): nobody can be writing through it.
            return Optional.empty();
        }
    }

    private static Optional<Holder> readHolder(Path file) {
        try {
            return Holder.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException | SecurityException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "unknown-host" : env;
        }
    }

    /** Who holds this lock (this process). */
    public Holder holder() {
        return holder;
    }

    /** Releases the lock; the file stays, as a record of the last writer. */
    @Override
    public void close() throws IOException {
        HELD_HERE.remove(runDir, this);
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } finally {
            channel.close();
        }
    }
}
