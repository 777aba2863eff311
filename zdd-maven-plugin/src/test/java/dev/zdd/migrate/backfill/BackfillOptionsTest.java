package dev.zdd.migrate.backfill;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The backfill's parameters as people write them, and the progress figures the log shows. */
class BackfillOptionsTest {
    @Test
    void defaultsAreTheDocumentedOnes() {
        BackfillOptions o = BackfillOptions.parse("users", "a = 1", "a IS NULL", null, null, null, null, null, false);

        assertEquals(1000, o.batchSize());
        assertEquals(Pause.AUTO, o.pause());
        assertEquals(Duration.ofSeconds(2), o.lockTimeout());
        assertEquals(5, o.retries());
        assertEquals(Duration.ofSeconds(30), o.statementTimeout());
    }

    @Test
    void durationsTakeMillisecondsSecondsAndMinutesABareNumberIsMilliseconds() {
        assertEquals(Duration.ofMillis(50), Pause.parse("50ms").fixed());
        assertEquals(Duration.ofSeconds(2), Pause.parse(" 2s ").fixed());
        assertEquals(Duration.ofMinutes(1), Pause.parse("1m").fixed());
        assertEquals(Duration.ofMillis(250), Pause.parse("250").fixed());
        assertEquals(Pause.AUTO, Pause.parse("AUTO"));
    }

    @Test
    void autoPausesAsLongAsTheLastBatchTookAFixedPauseDoesNot() {
        assertEquals(Duration.ofMillis(37), Pause.AUTO.after(Duration.ofMillis(37)));
        assertEquals(Duration.ofMillis(50), Pause.parse("50ms").after(Duration.ofMillis(37)));
    }

    @Test
    void badValuesNameTheirProperty() {
        assertEquals("zdd.lockTimeout: '2 hours' is not a duration like 50ms, 2s or 1m",
                assertThrows(IllegalArgumentException.class, () -> BackfillOptions.parse("t", "a = 1", "a IS NULL",
                        null, null, "2 hours", null, null, false)).getMessage());
        assertEquals("zdd.batchSize: 0 must be at least 1", assertThrows(IllegalArgumentException.class,
                () -> BackfillOptions.parse("t", "a = 1", "a IS NULL", 0, null, null, null, null, false))
                .getMessage());
        assertEquals("zdd.retries: -1 must not be negative", assertThrows(IllegalArgumentException.class,
                () -> BackfillOptions.parse("t", "a = 1", "a IS NULL", null, null, null, -1, null, false))
                .getMessage());
        assertEquals("zdd.lockTimeout and zdd.statementTimeout must be more than 0", assertThrows(
                IllegalArgumentException.class, () -> BackfillOptions.parse("t", "a = 1", "a IS NULL", null, null,
                        "0ms", null, null, false)).getMessage());
        assertEquals("zdd.set is required: the SET list, such as email_lower = lower(email)", assertThrows(
                IllegalArgumentException.class, () -> BackfillOptions.parse("t", " ", "a IS NULL", null, null, null,
                        null, null, false)).getMessage());
        assertEquals("zdd.where is required: the rows that still need it, such as email_lower IS NULL",
                assertThrows(IllegalArgumentException.class, () -> BackfillOptions.parse("t", "a = 1", null, null,
                        null, null, null, null, false)).getMessage());
    }

    @Test
    void progressGivesTheRateAndTheTimeLeft() {
        BackfillListener.Progress p = new BackfillListener.Progress(500, 2000, 1, Duration.ofSeconds(2));

        assertEquals(250.0, p.rowsPerSecond(), 1e-9);
        assertEquals(Duration.ofSeconds(6), p.eta());
        assertNull(new BackfillListener.Progress(0, 2000, 0, Duration.ofSeconds(1)).eta());
    }
}
