package io.gan4j.experiments;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import io.gan4j.core.train.ProgressListener;

import java.io.PrintStream;
import java.util.Map;

/**
 * gan4j's console, configured in {@code logback.xml}: information on stdout, warnings and errors on stderr, which
 * is thus empty unless something went wrong. On a terminal it draws the training progress bar
 * ({@link ProgressListener#BAR_LOGGER}) in place on the last line; any other line, such as the periodic progress
 * lines that keep the history of the losses, first clears the bar, which the next update redraws below it.
 * Elsewhere (redirected output, {@code NO_COLOR} set, {@code TERM=dumb}) the bar logger stays off and every line
 * is printed as it is, so the output holds no carriage returns or escape sequences.
 *
 * <p>The bar is written with auto-wrap switched off ({@code ESC[?7l} ... {@code ESC[?7h}): a line wider than the
 * terminal is cut at its edge instead of wrapping, which a carriage return could not redraw.
 */
public final class ProgressConsoleAppender extends AppenderBase<ILoggingEvent> {
    private static final String CLEAR_LINE = "\r\u001b[K";
    private static final String NO_WRAP = "\u001b[?7l";
    private static final String WRAP = "\u001b[?7h";

    private Encoder<ILoggingEvent> encoder;
    private Boolean interactive;
    private boolean live;
    private boolean barShown;

    /** The layout of ordinary lines (logback.xml's {@code <encoder>}). */
    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    /** Forces the terminal decision (tests); by default {@link #drawsBar(boolean, Map)} of this process. */
    public void setInteractive(boolean interactive) {
        this.interactive = interactive;
    }

    /**
     * Whether a progress bar may be redrawn in place: on a console, unless {@code NO_COLOR} is set to anything
     * (no-color.org) or the terminal is {@code dumb} (Emacs shells and similar, which show carriage returns).
     */
    static boolean drawsBar(boolean console, Map<String, String> env) {
        String noColor = env.get("NO_COLOR");
        return console && (noColor == null || noColor.isEmpty()) && !"dumb".equals(env.get("TERM"));
    }

    @Override
    public void start() {
        if (encoder == null) {
            addError("no encoder for appender " + getName());
            return;
        }
        live = interactive != null ? interactive : drawsBar(System.console() != null, System.getenv());
        // The bar's lines are made only while their logger traces, so without a terminal they cost nothing.
        if (getContext() instanceof LoggerContext ctx) {
            ctx.getLogger(ProgressListener.BAR_LOGGER).setLevel(live ? Level.TRACE : Level.OFF);
        }
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        // Looked up per event, as logback's own console appender does, so a replaced System.out is honoured.
        PrintStream out = System.out;
        if (ProgressListener.BAR_LOGGER.equals(event.getLoggerName())) {
            if (live) {
                out.print(CLEAR_LINE + NO_WRAP + event.getFormattedMessage() + WRAP);
                out.flush();
                barShown = true;
            }
            return;
        }
        if (barShown) {
            out.print(CLEAR_LINE);
            out.flush();
            barShown = false;
        }
        PrintStream target = event.getLevel().isGreaterOrEqual(Level.WARN) ? System.err : out;
        byte[] line = encoder.encode(event);
        target.write(line, 0, line.length);
        target.flush();
    }
}
