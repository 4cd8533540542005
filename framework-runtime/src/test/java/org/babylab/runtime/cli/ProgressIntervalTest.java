package org.babylab.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressIntervalTest {
    @Test
    void reads_seconds_minutes_and_hours() {
        assertEquals(Duration.ofSeconds(30), ProgressInterval.parse("30s", "x"));
        assertEquals(Duration.ofSeconds(45), ProgressInterval.parse("45", "x"));
        assertEquals(Duration.ofSeconds(90), ProgressInterval.parse("1.5m", "x"));
        assertEquals(Duration.ofHours(1), ProgressInterval.parse("1h", "x"));
    }

    @Test
    void the_option_wins_over_the_environment_which_wins_over_the_default() {
        Map<String, String> env = Map.of(ProgressInterval.ENV, "2m");
        assertEquals(Duration.ofSeconds(10), ProgressInterval.resolve("10s", env));
        assertEquals(Duration.ofMinutes(2), ProgressInterval.resolve(null, env));
        assertEquals(Duration.ofSeconds(30), ProgressInterval.resolve(null, Map.of()));
    }

    @Test
    void a_bad_value_names_its_source_and_the_valid_forms() {
        UserError e = assertThrows(
                UserError.class, () -> ProgressInterval.resolve(null, Map.of(ProgressInterval.ENV, "soon")));
        assertTrue(
                e.getMessage().contains("BABYLAB_PROGRESS_EVERY")
                        && e.getMessage().contains("30s, 2m"),
                e.getMessage());
        assertThrows(UserError.class, () -> ProgressInterval.parse("0s", "--progress-every"));
        assertThrows(UserError.class, () -> ProgressInterval.parse("2d", "--progress-every"));
    }
}
