package io.gan4j.experiments;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Copies everything gan4j logs during a run into the run directory's {@code train.log}. */
final class RunLog implements AutoCloseable {
    private final FileAppender<ILoggingEvent> appender;
    private final Logger root;

    private RunLog(FileAppender<ILoggingEvent> appender, Logger root) {
        this.appender = appender;
        this.root = root;
    }

    /** Starts appending to {@code file} (created if needed). */
    static RunLog attach(Path file) {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger{0} - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(ctx);
        appender.setName("run-log");
        appender.setFile(file.toString());
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        return new RunLog(appender, root);
    }

    /**
     * Raises gan4j's log level to DEBUG and the libraries' to INFO for {@code --verbose}, until the returned handle
     * is closed: the levels are the JVM's, and a test that runs the CLI in-process must not leave them raised.
     */
    static Restore verbose() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        Map<Logger, Level> before = new LinkedHashMap<>();
        raise(ctx.getLogger("io.gan4j"), Level.DEBUG, before);
        raise(ctx.getLogger("org.nd4j"), Level.INFO, before);
        raise(ctx.getLogger("org.deeplearning4j"), Level.INFO, before);
        return () -> before.forEach(Logger::setLevel);
    }

    /** Puts the log levels back as they were. */
    interface Restore extends AutoCloseable {
        @Override
        void close();
    }

    private static void raise(Logger logger, Level level, Map<Logger, Level> before) {
        before.put(logger, logger.getLevel());
        logger.setLevel(level);
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
