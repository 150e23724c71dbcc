package io.gan4j.core.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsVersionTest {
    @Test
    void scoresOfDifferentVersionsAreNotCompared() {
        assertEquals(1, MetricsVersion.VERSION);
        assertDoesNotThrow(() -> MetricsVersion.requireSame(MetricsVersion.VERSION, MetricsVersion.VERSION));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> MetricsVersion.requireSame(1, 2));
        assertTrue(e.getMessage().contains("(1 and 2)"), e.getMessage());
    }
}
