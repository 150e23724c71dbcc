package io.gan4j.serve;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

class CsvTableTest {
    @Test
    void readsOnlyCompleteRowsAndThenWhatWasAppended(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("metrics.csv");
        CsvTable table = new CsvTable(csv);
        assertEquals(0, table.since(Long.MIN_VALUE).rows(), "no file yet");
        Files.writeString(csv, "step,d_loss,g_loss\n100,0.5,1.5\n200,0.25,");
        CsvTable.Snapshot first = table.since(Long.MIN_VALUE);
        assertEquals(List.of("d_loss", "g_loss"), first.columns());
        assertArrayEquals(new long[]{100}, first.steps(), "the row without its newline is still being written");
        Files.writeString(csv, "1.75\n300,,nan\n", StandardOpenOption.APPEND);
        CsvTable.Snapshot all = table.since(Long.MIN_VALUE);
        assertArrayEquals(new long[]{100, 200, 300}, all.steps());
        assertArrayEquals(new double[]{0.5, 0.25, Double.NaN}, all.values()[0]);
        assertArrayEquals(new double[]{1.5, 1.75, Double.NaN}, all.values()[1]);
        CsvTable.Snapshot after = table.since(100);
        assertArrayEquals(new long[]{200, 300}, after.steps());
        assertArrayEquals(new double[]{0.25, Double.NaN}, after.values()[0]);
        assertEquals(300, table.lastStep());
        assertEquals(1.75, new CsvTable(csv).since(150).values()[1][0], "a fresh reader sees the same");
    }

    /**
     * The table reads its cells from bytes (see CsvNumbers): each must be the value the JDK's own parsers give for the
     * cell's text, bit for bit, over random values in the trainer's and other formats and the odd cells.
     */
    @Test
    void readsEveryCellAsTheJdkDoes(@TempDir Path dir) throws Exception {
        List<String> cells = new ArrayList<>(List.of("0", "-0", "+5", ".5", "1.", "-.25e-3", "1e5", "1E+05", "nan",
                "NaN", "inf", "Infinity", "-Infinity", "1.0d", "2f", " 3 ", "0x1p3", "1e", "e5", "-", ".", "", " ",
                "1e400", "1e-400", "2.5e-308", "123456789012345678", "999999999999999", "9999999999999999",
                "0.0000000000000000000000001", "1_000", "1e22", "1e23", "1e-22", "1e-23", "4.9e-324", "1.7976931348623157e308",
                "12345678901234.5", "0.1234567890123456", "00000000000000000001.5", "1..2", "1e+-3", "1e00001"));
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            double v = random.nextGaussian() * Math.pow(10, random.nextInt(50) - 25);
            String[] formats = {"%.6g", "%.15g", "%.17g", "%.3e", "%f", "%.10f"};
            cells.add(i % 7 == 6 ? Double.toString(v) : String.format(Locale.ROOT, formats[i % 7], v));
        }
        StringBuilder csv = new StringBuilder("step,v,w\n");
        for (int i = 0; i < cells.size(); i++) {
            csv.append(i).append(',').append(cells.get(i)).append(",1\n");
        }
        Files.writeString(dir.resolve("m.csv"), csv);
        CsvTable.Snapshot read = new CsvTable(dir.resolve("m.csv")).since(Long.MIN_VALUE);
        assertEquals(cells.size(), read.rows());
        for (int i = 0; i < cells.size(); i++) {
            double expected;
            try {
                expected = Double.parseDouble(cells.get(i));
            } catch (NumberFormatException e) {
                expected = Double.NaN;
            }
            if (Double.doubleToLongBits(expected) != Double.doubleToLongBits(read.values()[0][i])) {
                fail("cell '" + cells.get(i) + "': the JDK reads " + expected + ", the table " + read.values()[0][i]);
            }
            assertEquals(i, read.steps()[i]);
        }
    }

    /** Steps as Long.parseLong reads them; a row whose step is not a whole number is skipped. */
    @Test
    void readsStepsAsTheJdkDoesAndSkipsOtherRows(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("m.csv"), "step,v\n+7,1\n-3,2\nx,3\n1.5,4\n123456789012345678,5\n"
                + "9223372036854775807,6\n9223372036854775808,7\n,8\n 9 ,9\n10\n\r\n11,1,2,3\r\n");
        CsvTable.Snapshot read = new CsvTable(dir.resolve("m.csv")).since(Long.MIN_VALUE);
        // " 9 ,9": the line is stripped, the cell "9 " is not a number for Long.parseLong.
        assertArrayEquals(new long[]{7, -3, 123456789012345678L, Long.MAX_VALUE, 10, 11}, read.steps());
        assertArrayEquals(new double[]{1, 2, 5, 6, Double.NaN, 1}, read.values()[0]);
    }
}
