package io.gan4j.serve;

/**
 * Shrinks a log to at most a given number of points on a shared step axis while keeping every column's extremes:
 * the rows are cut into {@code maxPoints / 2} buckets of consecutive steps, and each bucket becomes two points, at
 * its first and last step, carrying each column's minimum and maximum in the bucket in the order they occurred. So a
 * single-step spike of a loss (a GAN's instability) is still drawn at its height, which averaging or picking every
 * n-th row would hide, and the curve's envelope over any bucket is exact. NaN cells are skipped; a column all NaN in
 * a bucket gives NaN there.
 */
final class Downsample {
    private Downsample() {
    }

    /**
     * @param table     the rows, in step order
     * @param maxPoints the most points wanted (at least 2); tables that fit are returned as they are
     */
    static CsvTable.Snapshot minMax(CsvTable.Snapshot table, int maxPoints) {
        int n = table.rows();
        if (n <= maxPoints) {
            return table;
        }
        int buckets = Math.max(1, maxPoints / 2);
        long[] steps = new long[2 * buckets];
        double[][] out = new double[table.values().length][2 * buckets];
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * n / buckets);
            int to = (int) ((long) (b + 1) * n / buckets);
            steps[2 * b] = table.steps()[from];
            steps[2 * b + 1] = table.steps()[to - 1];
            for (int c = 0; c < out.length; c++) {
                extremes(table.values()[c], from, to, out[c], 2 * b);
            }
        }
        return new CsvTable.Snapshot(table.columns(), steps, out);
    }

    /** Writes the min and max of {@code column[from, to)} into {@code out[at]} and {@code out[at + 1]}, earlier first. */
    private static void extremes(double[] column, int from, int to, double[] out, int at) {
        int min = -1;
        int max = -1;
        for (int i = from; i < to; i++) {
            double v = column[i];
            if (Double.isNaN(v)) {
                continue;
            }
            if (min < 0 || v < column[min]) {
                min = i;
            }
            if (max < 0 || v > column[max]) {
                max = i;
            }
        }
        if (min < 0) {
            out[at] = Double.NaN;
            out[at + 1] = Double.NaN;
            return;
        }
        out[at] = column[Math.min(min, max)];
        out[at + 1] = column[Math.max(min, max)];
    }
}
