package io.gan4j.experiments;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

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

    /** Raises gan4j's and the libraries' log level for {@code --verbose}. */
    static void verbose() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.getLogger("io.gan4j").setLevel(ch.qos.logback.classic.Level.DEBUG);
        ctx.getLogger("org.nd4j").setLevel(ch.qos.logback.classic.Level.INFO);
        ctx.getLogger("org.deeplearning4j").setLevel(ch.qos.logback.classic.Level.INFO);
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
