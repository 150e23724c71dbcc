package io.gan4j.serve;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class DownsampleTest {
    private static CsvTable.Snapshot table(long[] steps, double[]... columns) {
        List<String> names = new java.util.ArrayList<>();
        for (int c = 0; c < columns.length; c++) {
            names.add("c" + c);
        }
        return new CsvTable.Snapshot(names, steps, columns);
    }

    @Test
    void eightRowsIntoFourPointsKeepEachHalfsExtremesInTheirOrder() {
        // Buckets rows 0-3 and 4-7. Column a: min 1 (row 2) before max 9 (row 3); then max 8 (row 4) before min 0
        // (row 6). Column b has a NaN, skipped; its second bucket is all NaN.
        long[] steps = {10, 20, 30, 40, 50, 60, 70, 80};
        double[] a = {5, 6, 1, 9, 8, 3, 0, 2};
        double[] b = {Double.NaN, 4, 4, 7, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        CsvTable.Snapshot out = Downsample.minMax(table(steps, a, b), 4);
        assertArrayEquals(new long[]{10, 40, 50, 80}, out.steps());
        assertArrayEquals(new double[]{1, 9, 8, 0}, out.values()[0]);
        assertArrayEquals(new double[]{4, 7, Double.NaN, Double.NaN}, out.values()[1]);
    }

    @Test
    void aOneStepSpikeInALongLogSurvives() {
        int n = 100_000;
        long[] steps = new long[n];
        double[] loss = new double[n];
        for (int i = 0; i < n; i++) {
            steps[i] = i + 1;
            loss[i] = 0.7 + 0.01 * Math.sin(i / 50.0);
        }
        loss[61_234] = 42;
        loss[77_777] = -3;
        CsvTable.Snapshot out = Downsample.minMax(table(steps, loss), 2000);
        assertEquals(2000, out.rows());
        assertEquals(1, out.steps()[0]);
        assertEquals(n, out.steps()[out.rows() - 1]);
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < out.rows(); i++) {
            max = Math.max(max, out.values()[0][i]);
            min = Math.min(min, out.values()[0][i]);
            if (i > 0) {
                assertEquals(true, out.steps()[i] >= out.steps()[i - 1], "steps ascend");
            }
        }
        assertEquals(42, max);
        assertEquals(-3, min);
    }

    @Test
    void aLogThatFitsIsReturnedAsItIs() {
        CsvTable.Snapshot t = table(new long[]{1, 2, 3}, new double[]{1, 2, 3});
        assertSame(t, Downsample.minMax(t, 3));
    }
}
