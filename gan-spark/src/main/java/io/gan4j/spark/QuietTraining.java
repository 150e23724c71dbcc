package io.gan4j.spark;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps the runs' own progress lines off the driver's console while the sweep runs: with a {@code local[*]} master
 * the tasks train in the driver's JVM, and each run's step lines would scroll the sweep's progress line away. Only
 * gan4j's INFO lines are muted (warnings still show); the levels are put back on close.
 */
final class QuietTraining implements AutoCloseable {
    private static final String[] LOGGERS = {"io.gan4j.progress", "io.gan4j.core", "io.gan4j.spark.SweepTask"};
    private final Map<Logger, Level> before = new LinkedHashMap<>();

    private QuietTraining() {
    }

    static QuietTraining inThisJvm() {
        QuietTraining q = new QuietTraining();
        for (String name : LOGGERS) {
            if (LoggerFactory.getLogger(name) instanceof Logger l) {
                q.before.put(l, l.getLevel());
                l.setLevel(Level.WARN);
            }
        }
        return q;
    }

    @Override
    public void close() {
        before.forEach(Logger::setLevel);
    }
}
