package dev.zdd.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The durations of zdd.timeout, zdd.lockLease, zdd.lockWait and the smoke settings, as users type them. */
class DurationTextTest {
    @Test
    void secondsMinutesAndHours() {
        assertEquals(Duration.ofSeconds(30), DurationText.parse("30s", "zdd.timeout"));
        assertEquals(Duration.ofMinutes(5), DurationText.parse("5m", "zdd.timeout"));
        assertEquals(Duration.ofHours(1), DurationText.parse("1h", "zdd.timeout"));
    }

    @Test
    void zeroIsAllowedBecauseLockWaitDefaultsToIt() {
        assertEquals(Duration.ZERO, DurationText.parse("0s", "zdd.lockWait"));
        assertEquals(Duration.ZERO, DurationText.parse("0", "zdd.lockWait"));
    }

    @Test
    void aBareNumberIsSecondsAndSpacesAroundAreForgiven() {
        assertEquals(Duration.ofSeconds(90), DurationText.parse("90", "zdd.timeout"));
        // A value split over lines in a pom keeps its indentation.
        assertEquals(Duration.ofMinutes(30), DurationText.parse(" 30 m\n", "zdd.lockLease"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "5x", "-1s", "1.5h", "5 minutes", "5ms", "5M", "1h30m", "PT5M"})
    void anythingElseNamesTheSettingAndTheValue(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DurationText.parse(text, "zdd.lockLease"));
        assertEquals("zdd.lockLease: '" + text + "' is not a duration like 90s, 30m or 2h", e.getMessage());
    }

    @Test
    void aMissingValueNamesTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DurationText.parse(null, "zdd.smokeTimeout"));
        assertTrue(e.getMessage().startsWith("zdd.smokeTimeout: "), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999999999999s", "9999999999999999h"})
    void aNumberTooLargeIsTheUsersToFixAndNamesTheSetting(String text) {
        // Both must be IllegalArgumentException, which the mojos map to a build failure, and name the setting: a
        // bare NumberFormatException ("For input string") or an ArithmeticException would not say where to look.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DurationText.parse(text, "zdd.timeout"));
        assertTrue(e.getMessage().startsWith("zdd.timeout: '" + text + "' "), e.getMessage());
    }
}
