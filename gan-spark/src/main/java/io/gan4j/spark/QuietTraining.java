package io.gan4j.spark;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps the runs' own progress lines off the driver's console while the sweep runs: with a {@code local[*]} master
 * the tasks train in the driver's JVM, and each run's step lines would scroll the sweep's progress line away. Only
 * gan4j's INFO lines are muted (warnings still show); the levels are put back on close. Two start-up warnings that
 * ask nothing of the user go too: Hadoop's missing native library (Spark uses its Java code paths), and, for a local
 * master only, that the host name resolves to a loopback address (everything runs in this JVM).
 */
final class QuietTraining implements AutoCloseable {
    private static final String[] LOGGERS = {"io.gan4j.progress", "io.gan4j.core", "io.gan4j.spark.SweepTask",
                                                   "io.gan4j.spark.store"};
    private static final String NATIVE_HADOOP = "org.apache.hadoop.util.NativeCodeLoader";
    private static final String LOOPBACK = "org.apache.spark.util.Utils";
    private final Map<Logger, Level> before = new LinkedHashMap<>();

    private QuietTraining() {
    }

    /** @param localMaster whether the tasks run in this JVM */
    static QuietTraining inThisJvm(boolean localMaster) {
        QuietTraining q = new QuietTraining();
        for (String name : LOGGERS) {
            q.set(name, Level.WARN);
        }
        q.set(NATIVE_HADOOP, Level.ERROR);
        if (localMaster) {
            q.set(LOOPBACK, Level.ERROR);
        }
        return q;
    }

    private void set(String name, Level level) {
        if (LoggerFactory.getLogger(name) instanceof Logger l) {
            before.put(l, l.getLevel());
            l.setLevel(level);
        }
    }

    @Override
    public void close() {
        before.forEach(Logger::setLevel);
    }
}
