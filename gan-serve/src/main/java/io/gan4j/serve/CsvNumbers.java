package io.gan4j.serve;

import java.nio.charset.StandardCharsets;

/**
 * Numbers of a CSV log read straight from its bytes, to the same values as {@link Long#parseLong} and
 * {@link Double#parseDouble} give for the cell's text: a 100,000-row log is 700,000 numbers, and a server just
 * started parses it while the first page waits. The common cells (a sign, at most 15 significant digits, a point,
 * an exponent, as the trainer writes them) take the fast path; every other cell is handed to the JDK.
 */
final class CsvNumbers {
    /** Powers of ten exactly representable as doubles. */
    private static final double[] POW10 = new double[23];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private CsvNumbers() {
    }

    /** The cell {@code b[from, to)} as {@link Double#parseDouble} reads it; NaN where that throws. */
    static double parseDouble(byte[] b, int from, int to) {
        double fast = fastDouble(b, from, to);
        if (!Double.isNaN(fast)) {
            return fast;
        }
        try {
            return from == to ? Double.NaN : Double.parseDouble(text(b, from, to));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /**
     * Clinger's fast path: a mantissa below 2^53 and a power of ten up to 10^22 are both exact doubles, so one
     * multiplication or division, rounded once, gives the correctly rounded value. NaN: not such a cell.
     */
    private static double fastDouble(byte[] b, int from, int to) {
        int i = from;
        boolean negative = i < to && b[i] == '-';
        if (i < to && (b[i] == '-' || b[i] == '+')) {
            i++;
        }
        long mantissa = 0;
        int significant = 0;
        int scale = 0;
        int digits = 0;
        boolean point = false;
        for (; i < to; i++) {
            int d = b[i] - '0';
            if (d >= 0 && d <= 9) {
                digits++;
                if (mantissa > 0 || d > 0) {
                    mantissa = mantissa * 10 + d;
                    significant++;
                }
                scale -= point ? 1 : 0;
            } else if (b[i] == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (digits == 0 || significant > 15) {
            return Double.NaN;
        }
        return scaled(negative, mantissa, scale, b, i, to);
    }

    /** {@code ±mantissa * 10^(scale + the exponent in b[i, to))}; NaN when not exact or not an exponent. */
    private static double scaled(boolean negative, long mantissa, int scale, byte[] b, int i, int to) {
        int exponent = 0;
        if (i < to && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean minus = i < to && b[i] == '-';
            if (i < to && (b[i] == '-' || b[i] == '+')) {
                i++;
            }
            int start = i;
            for (; i < to && b[i] >= '0' && b[i] <= '9' && i - start < 4; i++) {
                exponent = exponent * 10 + (b[i] - '0');
            }
            if (i == start) {
                return Double.NaN;
            }
            exponent = minus ? -exponent : exponent;
        }
        int power = scale + exponent;
        if (i != to || Math.abs(power) >= POW10.length) {
            return Double.NaN;
        }
        double v = mantissa == 0 ? 0 : power < 0 ? mantissa / POW10[-power] : mantissa * POW10[power];
        return negative ? -v : v;
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
