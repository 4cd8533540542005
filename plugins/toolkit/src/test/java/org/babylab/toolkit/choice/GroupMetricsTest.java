package org.babylab.toolkit.choice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupMetricsTest {

    @Test
    void rates_are_averaged_with_equal_weight_per_group_and_counts_are_summed() {
        Map<String, Double> big = Map.of("accuracy", 0.9, "ties", 2.0, "items", 1000.0);
        Map<String, Double> small = Map.of("accuracy", 0.1, "ties", 1.0, "items", 10.0);
        Map<String, Double> m =
                GroupMetrics.macro(List.of(new java.util.LinkedHashMap<>(big), new java.util.LinkedHashMap<>(small)));
        assertEquals(0.5, m.get("accuracy"), 1e-12);
        assertEquals(3.0, m.get("ties"));
        assertEquals(1010.0, m.get("items"));
    }
}
