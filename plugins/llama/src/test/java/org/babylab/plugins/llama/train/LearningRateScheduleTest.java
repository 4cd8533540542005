package org.babylab.plugins.llama.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void linear_warms_up_from_zero_then_decays_to_zero_at_the_end() {
        LearningRateSchedule s = new LearningRateSchedule(LearningRateSchedule.Kind.LINEAR, 10, 110, 1);
        assertEquals(0.0, s.factor(0));
        assertEquals(0.5, s.factor(5), 1e-12);
        assertEquals(1.0, s.factor(10), 1e-12);
        assertEquals(0.5, s.factor(60), 1e-12);
        assertEquals(0.0, s.factor(110), 1e-12);
    }

    @Test
    void cosine_is_half_way_at_the_middle_of_the_decay() {
        LearningRateSchedule s = new LearningRateSchedule(LearningRateSchedule.Kind.COSINE, 0, 100, 1);
        assertEquals(1.0, s.factor(0), 1e-12);
        assertEquals(0.5, s.factor(50), 1e-12);
        assertEquals(0.0, s.factor(100), 1e-12);
    }

    @Test
    void cosine_with_restarts_jumps_back_to_the_peak_at_each_cycle() {
        LearningRateSchedule s = new LearningRateSchedule(LearningRateSchedule.Kind.COSINE_WITH_RESTARTS, 0, 100, 2);
        assertTrue(s.factor(49) < 0.01);
        assertEquals(1.0, s.factor(50), 1e-12);
        assertEquals(0.5, s.factor(25), 1e-12);
    }

    @Test
    void an_unknown_schedule_lists_the_valid_ones() {
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> new OptimizerConfig(null, null, "step", null, null, null, null, null, null, null));
        assertTrue(e.getMessage().contains("cosine-with-restarts"), e.getMessage());
    }

    @Test
    void defaults_are_the_papers_pretraining_settings() {
        OptimizerConfig o = OptimizerConfig.defaults();
        assertEquals(2e-4, o.lr());
        assertEquals(8, o.batchSize());
        assertEquals("linear", o.schedule());
        assertEquals(5000, o.warmupSteps());
        CausalLmConfig c = new CausalLmConfig("m", "d", null, null, null, null, null, null, null, null);
        assertEquals(8, c.epochs());
    }
}
