package io.gan4j.experiments;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import io.gan4j.core.train.ProgressListener;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressConsoleAppenderTest {
    private static final String BAR =
            "3/10 [======>             ]  30%  mean of 3 steps: d_loss 0.500 | 9.0 it/s, ETA 1s";
    private static final String LINE = "step 10/10 (100%)  mean of 10 steps: d_loss 0.5000 | 9.0 it/s, ETA 0s";

    /** What the console printed on stdout and stderr for a bar update, a progress line and a warning. */
    private record Printed(String out, String err, boolean barEnabled) {
    }

    private static Printed print(boolean interactive) {
        LoggerContext ctx = new LoggerContext();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern("%msg%n");
        encoder.start();
        ProgressConsoleAppender console = new ProgressConsoleAppender();
        console.setContext(ctx);
        console.setEncoder(encoder);
        console.setInteractive(interactive);
        console.start();
        Logger bar = ctx.getLogger(ProgressListener.BAR_LOGGER);
        bar.setAdditive(false);
        bar.addAppender(console);
        ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(console);
        Logger lines = ctx.getLogger(ProgressListener.LINES_LOGGER);

        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            bar.trace(BAR);
            lines.info(LINE);
            lines.warn("checkpoint damaged");
        } finally {
            System.setOut(realOut);
            System.setErr(realErr);
        }
        return new Printed(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                bar.isTraceEnabled());
    }

    @Test
    void withoutATerminalTheBarIsOffAndLinesArePlain() {
        Printed p = print(false);
        assertFalse(p.barEnabled(), "the bar's lines are not even made");
        assertEquals(LINE + System.lineSeparator(), p.out());
        assertFalse(p.out().contains("\r") || p.out().contains("\u001b"), p.out());
        assertEquals("checkpoint damaged" + System.lineSeparator(), p.err());
    }

    @Test
    void onATerminalTheBarIsRedrawnInPlaceAndClearedBeforeALine() {
        Printed p = print(true);
        assertTrue(p.barEnabled());
        assertEquals("\r\u001b[K\u001b[?7l" + BAR + "\u001b[?7h" + "\r\u001b[K" + LINE + System.lineSeparator(),
                p.out());
        assertEquals("checkpoint damaged" + System.lineSeparator(), p.err());
    }

    @Test
    void theBarNeedsAConsoleAndNoNoColorOrDumbTerminal() {
        assertTrue(ProgressConsoleAppender.drawsBar(true, Map.of("TERM", "xterm-256color")));
        assertFalse(ProgressConsoleAppender.drawsBar(false, Map.of()), "output redirected");
        assertFalse(ProgressConsoleAppender.drawsBar(true, Map.of("NO_COLOR", "1")));
        assertTrue(ProgressConsoleAppender.drawsBar(true, Map.of("NO_COLOR", "")), "no-color.org: empty means unset");
        assertFalse(ProgressConsoleAppender.drawsBar(true, Map.of("TERM", "dumb")));
    }

    @Test
    void verboseRaisesTheLevelsUntilClosed() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        // logback.xml's levels: gan4j at INFO, ND4J only when it warns.
        assertEquals(Level.INFO, ctx.getLogger("io.gan4j").getLevel());
        assertEquals(Level.WARN, ctx.getLogger("org.nd4j").getLevel());
        try (RunLog.Restore louder = RunLog.verbose()) {
            assertEquals(Level.DEBUG, ctx.getLogger("io.gan4j").getLevel());
            assertEquals(Level.INFO, ctx.getLogger("org.nd4j").getLevel());
        }
        assertEquals(Level.INFO, ctx.getLogger("io.gan4j").getLevel());
        assertEquals(Level.WARN, ctx.getLogger("org.nd4j").getLevel());
    }
}
