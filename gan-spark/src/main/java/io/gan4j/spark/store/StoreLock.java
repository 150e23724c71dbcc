package io.gan4j.spark.store;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one-writer lock of a run on a shared store: a lease file, renewed by a heartbeat, that a dead holder's
 * successor may take over once the heartbeat is older than a timeout. gan-core's {@link io.gan4j.core.run.RunLock}
 * relies on the operating system dropping a dead process's lock; a Spark executor killed on another machine releases
 * nothing on HDFS, so the lease expires instead.
 *
 * <h2>Files (in the run's folder on the store)</h2>
 * <ul>
 *   <li>{@code writer.lease-NNNNNNNNNN}: one per holder, numbered (generation N); the newest is the lock. Created with
 *   {@code create(overwrite=false)}, which on HDFS is one NameNode operation that fails when the file exists
 *   ({@code open(O_CREAT|O_EXCL)} on a local file system): of two processes creating the same generation exactly one
 *   succeeds. Its text names the holder, its modification time is the last heartbeat.</li>
 *   <li>{@code writer.clock-<token>}: a scratch file each process writes to read the store's clock (its modification
 *   time as the store sets it).</li>
 * </ul>
 *
 * <h2>Protocol</h2>
 * To lock: list the leases; when the newest is younger than the timeout (measured on the store's clock), fail with
 * {@link StoreLockedException} naming the holder and its last heartbeat; otherwise create the next generation. Losing
 * that race to another taker (the file exists) means looking again, which then finds the winner's fresh lease. Older
 * generations are deleted by the winner. A holder renews every {@code renew} by setting its lease's modification time
 * to the store's current time, after checking that its lease is still the newest and still its own (a token in the
 * text); it releases by deleting its lease.
 *
 * <h2>Why it is sound, and what it assumes</h2>
 * <ul>
 *   <li>Every time compared is the store's: the heartbeat is a modification time set from the store's clock (read
 *   through the clock file), and a taker measures the lease's age on the store's clock too. No two machines' clocks
 *   are compared, so no clock synchronisation between executors is assumed; only that the store's clock (the NameNode's,
 *   or the file server's) does not jump, and runs at the same rate as each holder's monotonic clock to well within
 *   {@code renew/timeout}.</li>
 *   <li>A holder counts its lease as valid until {@code timeout - renew} after the last successful heartbeat, measured on
 *   its own monotonic clock from before it read the store's clock; a taker may take the lease only {@code timeout}
 *   after that heartbeat on the store's clock. So the holder stops trusting its lease (and {@link #checkHeld} fails)
 *   at least {@code renew} before anyone can take it; the gap covers one store operation after a check. The writer
 *   checks before each checkpoint commit ({@link SharedRunStore#publish(String, java.nio.file.Path, StoreLock)}).
 *   A holder paused longer than that gap between its check and its commit (a very long GC pause) can still write
 *   after a takeover: no lease without fencing tokens in the store excludes that; the timeout should be much longer
 *   than any pause expected (default 60 s).</li>
 *   <li>A holder killed without releasing blocks the run for at most {@code timeout}; a retry waits with
 *   {@link SharedRunStore#lock(String, String, Duration)}.</li>
 *   <li>The store must honour {@code setTimes} (HDFS and local file systems do; s3a ignores it, and its
 *   {@code create(overwrite=false)} is not atomic on every connector version). Taking a lock checks that the
 *   heartbeat can move the modification time and refuses the store otherwise, so a sweep on such a store relies on
 *   the driver running one attempt of a run at a time instead.</li>
 * </ul>
 */
public final class StoreLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreLock.class);
    static final String LEASE_PREFIX = "writer.lease-";
    static final String CLOCK_PREFIX = "writer.clock-";

    private final FileSystem fs;
    private final Path runDir;
    private final Path lease;
    private final String token;
    private final String holder;
    private final Terms terms;
    private final StoreClock clock;
    private final ScheduledExecutorService heartbeat;
    private volatile long confirmedNanos;
    private volatile String lost;
    private volatile boolean closed;
    private volatile boolean abandoned;

    /**
     * How long after its last heartbeat a lease may be taken over, and how often its holder renews it.
     *
     * @param timeout the lease's lifetime without a heartbeat
     * @param renew   the heartbeat period: positive and at most half of {@code timeout}
     */
    record Terms(Duration timeout, Duration renew) {
        Terms {
            if (renew.isNegative() || renew.isZero() || renew.multipliedBy(2).compareTo(timeout) > 0) {
                throw new IllegalArgumentException(SharedRunStore.LEASE_RENEW_MS + "=" + renew.toMillis()
                        + " must be positive and at most half of " + SharedRunStore.LEASE_TIMEOUT_MS + "="
                        + timeout.toMillis());
            }
        }

        static Terms ofMillis(long timeout, long renew) {
            return new Terms(Duration.ofMillis(timeout), Duration.ofMillis(renew));
        }
    }

    /** Another live process holds the run's lock. */
    public static final class StoreLockedException extends IOException {
        private final String holder;

        StoreLockedException(Path runDir, String holder, Instant heartbeat, Duration age, Duration timeout) {
            super("run " + runDir + " is being written by " + holder + " (last heartbeat " + heartbeat + ", "
                    + age.toMillis() / 1000.0 + " s ago on the store's clock; the lock may be taken over when no"
                    + " heartbeat came for " + timeout.toMillis() / 1000.0 + " s)");
            this.holder = holder;
        }

        /** The holder's description, as it gave it. */
        public String holder() {
            return holder;
        }
    }

    /** This process's lease was taken over, or could not be renewed in time: it must stop writing the run. */
    public static final class LeaseLostException extends IOException {
        LeaseLostException(String message) {
            super(message);
        }
    }

    private StoreLock(FileSystem fs, Path lease, String token, String holder, Terms terms, StoreClock clock,
                      long confirmedNanos) {
        this.fs = fs;
        this.runDir = lease.getParent();
        this.lease = lease;
        this.token = token;
        this.holder = holder;
        this.terms = terms;
        this.clock = clock;
        this.confirmedNanos = confirmedNanos;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gan4j-lease " + runDir.getName());
            t.setDaemon(true);
            return t;
        });
    }

    /** Whether a file name in a run's folder on the store belongs to the lock. */
    static boolean isLockFile(String name) {
        return name.startsWith(LEASE_PREFIX) || name.startsWith(CLOCK_PREFIX);
    }

    static StoreLock acquire(FileSystem fs, Path runDir, String holder, Terms terms, Duration maxWait)
            throws IOException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (true) {
            try {
                return tryAcquire(fs, runDir, holder, terms);
            } catch (StoreLockedException e) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw e;
                }
                LOG.info("{}; waiting", e.getMessage());
                sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, terms.renew().toMillis()));
            }
        }
    }

    private static StoreLock tryAcquire(FileSystem fs, Path runDir, String holder, Terms terms) throws IOException {
        fs.mkdirs(runDir);
        String token = UUID.randomUUID().toString();
        StoreClock clock = new StoreClock(fs, new Path(runDir, CLOCK_PREFIX + token));
        boolean taken = false;
        try {
            for (int attempt = 0; attempt < 5; attempt++) {
                List<FileStatus> leases = leases(fs, runDir);
                long generation = 1;
                if (!leases.isEmpty()) {
                    FileStatus newest = leases.get(leases.size() - 1);
                    long age = clock.now() - newest.getModificationTime();
                    if (age < terms.timeout().toMillis()) {
                        throw new StoreLockedException(runDir, holderOf(fs, newest.getPath()),
                                Instant.ofEpochMilli(newest.getModificationTime()), Duration.ofMillis(age),
                                terms.timeout());
                    }
                    generation = generationOf(newest.getPath()) + 1;
                    LOG.warn("{}: taking over the lock of {}: no heartbeat for {} s", runDir,
                            holderOf(fs, newest.getPath()), age / 1000.0);
                }
                long before = System.nanoTime();
                Path lease = new Path(runDir, String.format("%s%010d", LEASE_PREFIX, generation));
                if (!create(fs, lease, "holder=" + holder + "\ntoken=" + token + "\nacquired=" + Instant.now() + "\n")) {
                    continue; // another taker created this generation first: look again
                }
                StoreLock lock = new StoreLock(fs, lease, token, holder, terms, clock, before);
                lock.start(leases);
                taken = true;
                return lock;
            }
            throw new IOException(runDir + ": could not take the run's lock: other processes kept taking it");
        } finally {
            if (!taken) {
                clock.delete();
            }
        }
    }

    /** Checks that the store keeps heartbeats, removes older generations and dead clock files, starts beating. */
    private void start(List<FileStatus> older) throws IOException {
        try {
            long created = fs.getFileStatus(lease).getModificationTime();
            // Into the future, so that a taker looking meanwhile finds the lease fresh.
            long probe = created + 2000;
            fs.setTimes(lease, probe, -1);
            if (Math.abs(fs.getFileStatus(lease).getModificationTime() - probe) > 1000) {
                throw new IOException(fs.getUri() + ": this store ignores setTimes, so a run lock's heartbeat cannot be"
                        + " kept there (HDFS and local file systems keep it); run one attempt per run instead");
            }
            renewOnce();
            for (FileStatus s : older) {
                fs.delete(s.getPath(), false);
            }
            removeDeadClocks();
        } catch (IOException | RuntimeException e) {
            release();
            throw e;
        }
        long period = terms.renew().toMillis();
        heartbeat.scheduleWithFixedDelay(this::beat, period, period, TimeUnit.MILLISECONDS);
    }

    private void removeDeadClocks() throws IOException {
        long now = clock.now();
        for (FileStatus s : fs.listStatus(runDir)) {
            String name = s.getPath().getName();
            if (name.startsWith(CLOCK_PREFIX) && !s.getPath().getName().equals(clock.file().getName())
                    && now - s.getModificationTime() > terms.timeout().toMillis()) {
                fs.delete(s.getPath(), false);
            }
        }
    }

    private void beat() {
        try {
            renewOnce();
        } catch (LeaseLostException e) {
            LOG.error("{}", e.getMessage());
            heartbeat.shutdown();
        } catch (IOException | RuntimeException e) {
            // The store may come back before the lease runs out; checkHeld fails meanwhile once it has.
            LOG.warn("{}: cannot renew the run lock: {}", runDir, e.getMessage());
        }
    }

    /** One heartbeat: ownership checked, then the lease's time set to the store's now. */
    synchronized void renewOnce() throws IOException {
        if (closed || lost != null) {
            return;
        }
        long before = System.nanoTime();
        List<FileStatus> leases = leases(fs, runDir);
        String newest = leases.isEmpty() ? null : leases.get(leases.size() - 1).getPath().getName();
        if (!lease.getName().equals(newest) || !readToken().equals(token)) {
            lost = runDir + ": this process's lock (" + lease.getName() + ") was taken over by "
                    + (newest == null ? "nobody (its lease is gone)" : holderOf(fs, new Path(runDir, newest)));
            throw new LeaseLostException(lost);
        }
        fs.setTimes(lease, clock.now(), -1);
        confirmedNanos = before;
    }

    private String readToken() throws IOException {
        try {
            return field(read(fs, lease), "token");
        } catch (FileNotFoundException e) {
            return "";
        }
    }

    /**
     * Fails when this lock can no longer be trusted: taken over, released, or not renewed within
     * {@code timeout - renew} (the store unreachable); see the class comment.
     *
     * @throws LeaseLostException saying which
     */
    public void checkHeld() throws LeaseLostException {
        if (closed) {
            throw new LeaseLostException(runDir + ": the run lock was released");
        }
        if (lost != null) {
            throw new LeaseLostException(lost);
        }
        long since = System.nanoTime() - confirmedNanos;
        if (since >= terms.timeout().minus(terms.renew()).toNanos()) {
            throw new LeaseLostException(runDir + ": the run lock was not renewed for " + since / 1e9
                    + " s; another process may take it over " + terms.timeout().toMillis() / 1000.0
                    + " s after the last heartbeat, so this one stops writing");
        }
    }

    /** Who holds the lock (this process), as it described itself. */
    public String holder() {
        return holder;
    }

    /** The lease file on the store. */
    public java.net.URI leaseUri() {
        return lease.toUri();
    }

    /**
     * Stops the heartbeat and deletes the lease (when it is still this process's and was not {@link #abandon}ed), so
     * the next writer need not wait.
     */
    @Override
    public void close() throws IOException {
        heartbeat.shutdownNow();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (!abandoned) {
            release();
        }
    }

    private void release() throws IOException {
        try {
            if (lost == null && readToken().equals(token)) {
                fs.delete(lease, false);
            }
        } finally {
            clock.delete();
        }
    }

    /** Stops heartbeats and leaves the lease behind, even when closed later, as a killed process would (tests). */
    void abandon() {
        abandoned = true;
        heartbeat.shutdownNow();
    }

    /**
     * Creates {@code file} unless it exists, atomically: HDFS's create without overwrite is one NameNode operation;
     * the local file system's is a check then a create, so there the file is created with O_EXCL instead.
     *
     * @return false when the file exists
     */
    private static boolean create(FileSystem fs, Path file, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (fs instanceof LocalFileSystem local) {
            try (FileChannel out = FileChannel.open(local.pathToFile(file).toPath(), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                out.write(ByteBuffer.wrap(bytes));
                out.force(true);
                return true;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                return false;
            }
        }
        try (FSDataOutputStream out = fs.create(file, false)) {
            out.write(bytes);
            out.hsync();
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            // HDFS answers a create racing another client's (still open) create of the same file with
            // AlreadyBeingCreatedException, wrapped: the other one won all the same.
            if (fs.exists(file)) {
                return false;
            }
            throw e;
        }
    }

    static List<FileStatus> leases(FileSystem fs, Path runDir) throws IOException {
        List<FileStatus> leases = new ArrayList<>();
        try {
            for (FileStatus s : fs.listStatus(runDir)) {
                if (s.getPath().getName().matches(LEASE_PREFIX + "\\d{10}")) {
                    leases.add(s);
                }
            }
        } catch (FileNotFoundException e) {
            return leases;
        }
        leases.sort(Comparator.comparing(s -> s.getPath().getName()));
        return leases;
    }

    private static long generationOf(Path lease) {
        return Long.parseLong(lease.getName().substring(LEASE_PREFIX.length()));
    }

    private static String holderOf(FileSystem fs, Path lease) {
        try {
            String h = field(read(fs, lease), "holder");
            return h.isEmpty() ? "a process whose lease is still being written" : h;
        } catch (IOException e) {
            return "a process (its lease " + lease.getName() + " is unreadable: " + e.getMessage() + ")";
        }
    }

    private static String read(FileSystem fs, Path file) throws IOException {
        return new StoreFiles(fs, true).readText(file);
    }

    private static String field(String text, String key) {
        for (String line : text.split("\n")) {
            if (line.startsWith(key + "=")) {
                return line.substring(key.length() + 1);
            }
        }
        return "";
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for a run lock");
        }
    }

    /**
     * The store's clock: the modification time the store gives a file written now. On HDFS that is the NameNode's
     * clock, on a local or network file system the file server's.
     */
    static final class StoreClock {
        private final FileSystem fs;
        private final Path file;

        StoreClock(FileSystem fs, Path file) {
            this.fs = fs;
            this.file = file;
        }

        Path file() {
            return file;
        }

        long now() throws IOException {
            // Empty: HDFS then allocates no block, and closing the file does not wait for one to be reported.
            fs.create(file, true).close();
            return fs.getFileStatus(file).getModificationTime();
        }

        void delete() {
            try {
                fs.delete(file, false);
            } catch (IOException e) {
                LOG.debug("cannot delete {}: {}", file, e.getMessage());
            }
        }
    }
}
