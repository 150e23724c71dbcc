package io.gan4j.serve;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;

import java.nio.charset.StandardCharsets;

/**
 * Numbers of a CSV log read straight from its bytes, to the same values as {@link Long#parseLong} and
 * {@link Double#parseDouble} give for the cell's text: a 100,000-row log is 700,000 numbers, and a server just
 * started parses it while the first page waits. Doubles go through FastDoubleParser (Java's number syntax, correctly
 * rounded, read from the bytes without making a String per cell).
 */
final class CsvNumbers {
    private CsvNumbers() {
    }

    /** The cell {@code b[from, to)} as {@link Double#parseDouble} reads it; NaN where that throws. */
    static double parseDouble(byte[] b, int from, int to) {
        if (from == to) {
            return Double.NaN;
        }
        try {
            return JavaDoubleParser.parseDouble(b, from, to - from);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The cell {@code b[from, to)} as {@link Long#parseLong} reads it. */
    static long parseLong(byte[] b, int from, int to) {
        int i = from < to && b[from] == '-' ? from + 1 : from;
        if (to - i < 1 || to - i > 18) {
            return Long.parseLong(text(b, from, to));
        }
        long v = 0;
        for (; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return Long.parseLong(text(b, from, to));
            }
            v = v * 10 + d;
        }
        return b[from] == '-' ? -v : v;
    }

    private static String text(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }
}
