package org.babylab.plugins.llama.instruct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.babylab.plugins.llama.train.LearningRateSchedule.Kind;
import org.junit.jupiter.api.Test;

/** Cosine with restarts restarts at each epoch of the phase, after a warm-up at the start of the phase. */
class PhaseScheduleTest {

    @Test
    void cosine_with_restarts_restarts_at_every_epoch_end() {
        PhaseSchedule s = new PhaseSchedule(Kind.COSINE_WITH_RESTARTS, 2, new long[] {10, 20, 30});
        assertEquals(0.0, s.factor(0));
        assertEquals(0.5, s.factor(1));
        assertEquals(1.0, s.factor(2), "the first epoch decays over its steps after the warm-up");
        assertTrue(s.factor(9) < 0.1, "the first epoch ends near 0: " + s.factor(9));
        assertEquals(1.0, s.factor(10), "a restart at the second epoch's first step");
        assertEquals(0.5, s.factor(15), 1e-12);
        assertEquals(1.0, s.factor(20));
        assertTrue(s.factor(29) < 0.05);
    }

    @Test
    void a_warm_up_longer_than_an_epoch_covers_it_and_the_other_kinds_span_the_phase() {
        PhaseSchedule s = new PhaseSchedule(Kind.COSINE_WITH_RESTARTS, 15, new long[] {10, 20});
        assertEquals(12 / 15.0, s.factor(12), 1e-12);
        assertEquals(1.0, s.factor(15));
        PhaseSchedule linear = new PhaseSchedule(Kind.LINEAR, 0, new long[] {10, 20});
        assertEquals(0.5, linear.factor(10), 1e-12, "no restart for linear");
    }
}
