package io.gan4j.serve;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
