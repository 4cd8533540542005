package org.babylab.plugins.llama.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.babylab.api.step.KeptCheckpoint;
import org.junit.jupiter.api.Test;

/** Which checkpoints a {@code keep:} names, what they are called, and when each is due. */
class KeepScheduleTest {
    private static KeepConfig words(String... w) {
        return new KeepConfig(List.of(w), null, null, null);
    }

    @Test
    void the_babylm_2025_preset_is_every_1M_to_10M_every_10M_to_100M_then_every_100M() {
        List<Long> points = KeepSchedule.babylm2025(300_000_000L);
        assertEquals(
                List.of(
                        1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 20L, 30L, 40L, 50L, 60L, 70L, 80L, 90L, 100L, 200L,
                        300L),
                points.stream().map(n -> n / 1_000_000).toList());
        assertEquals(
                List.of(1_000_000L, 2_000_000L), KeepSchedule.babylm2025(2_500_000L), "cut to the words the run sees");
    }

    @Test
    void word_checkpoints_are_named_by_their_count_and_keyed_by_their_position() {
        KeepSchedule s = KeepSchedule.of(words("babylm-2025"), 2, 6_000_000L);
        assertEquals(
                List.of("1M", "2M", "3M", "4M", "5M", "6M", "7M", "8M", "9M", "10M"),
                s.points().stream().map(KeptCheckpoint::name).toList(),
                "12M words in all: the preset's 1M..10M");
        assertEquals(Map.of("words", 10_000_000L), s.points().get(9).position());

        KeepSchedule explicit = KeepSchedule.of(
                new KeepConfig(List.of("1.5M", "500K", "1500000"), List.of("2M"), List.of(100L), List.of("all")),
                3,
                1_000_000L);
        assertEquals(
                List.of("500K", "1.5M", "tokens-2M", "step-100", "epoch-1", "epoch-2", "epoch-3"),
                explicit.points().stream().map(KeptCheckpoint::name).toList(),
                "sorted and deduplicated within each kind");
    }

    @Test
    void counts_and_epochs_beyond_the_run_are_left_for_a_longer_run() {
        KeepSchedule s =
                KeepSchedule.of(new KeepConfig(List.of("100K", "450K"), null, null, List.of("2", "3")), 2, 155_618L);
        assertEquals(
                List.of("100K", "epoch-2"),
                s.points().stream().map(KeptCheckpoint::name).toList());
        KeepSchedule longer =
                KeepSchedule.of(new KeepConfig(List.of("100K", "450K"), null, null, List.of("2", "3")), 3, 155_618L);
        assertEquals(
                List.of("100K", "450K", "epoch-2", "epoch-3"),
                longer.points().stream().map(KeptCheckpoint::name).toList());
    }

    @Test
    void bad_entries_say_what_would_be_valid() {
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> words("ten million"));
        assertTrue(
                size.getMessage().contains("keep.words 'ten million'")
                        && size.getMessage().contains("1.5M"),
                size.getMessage());
        IllegalArgumentException epoch =
                assertThrows(IllegalArgumentException.class, () -> new KeepConfig(null, null, null, List.of("last")));
        assertTrue(epoch.getMessage().contains("'all' or epoch numbers"), epoch.getMessage());
        IllegalArgumentException split =
                assertThrows(IllegalArgumentException.class, () -> KeepSchedule.of(words("1M"), 1, -1));
        assertTrue(split.getMessage().contains("eval_data"), split.getMessage());
    }

    @Test
    void a_checkpoint_is_due_after_the_first_step_that_reaches_it() {
        KeepSchedule s =
                KeepSchedule.of(new KeepConfig(List.of("100"), List.of("64"), List.of(3L), List.of("1")), 2, 150);
        KeepSchedule.Position p0 = new KeepSchedule.Position(1, 32, 60, 0);
        KeepSchedule.Position p1 = new KeepSchedule.Position(2, 64, 99, 0);
        KeepSchedule.Position p2 = new KeepSchedule.Position(3, 96, 130, 1);
        assertEquals(List.of("tokens-64"), s.due(p0, p1));
        assertEquals(List.of("100", "step-3", "epoch-1"), s.due(p1, p2));
        assertEquals(List.of(), s.due(p2, new KeepSchedule.Position(4, 128, 150, 1)));
    }

    @Test
    void sizes_parse_and_format_both_ways() {
        assertEquals(1_500_000L, KeepSchedule.parseSize("x", "1.5M"));
        assertEquals(2_000_000_000L, KeepSchedule.parseSize("x", "2b"));
        assertEquals(1_000_000L, KeepSchedule.parseSize("x", "1_000_000"));
        assertEquals("10M", KeepSchedule.format(10_000_000L));
        assertEquals("1.5M", KeepSchedule.format(1_500_000L));
        assertEquals("25K", KeepSchedule.format(25_000L));
        assertEquals("1234567", KeepSchedule.format(1_234_567L), "no rounding: a name is exact");
        assertEquals("999", KeepSchedule.format(999L));
    }
}
