package org.babylab.runtime.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.babylab.runtime.internal.report.TrainingCurve;
import org.babylab.runtime.internal.report.TrainingMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingMetricsTest {
    @TempDir
    Path dir;

    @Test
    void a_stages_metrics_table_becomes_one_curve_per_drawn_metric_in_step_order() throws IOException {
        Path table = dir.resolve("train-metrics.jsonl");
        Files.writeString(table, """
                {"step": 1, "loss": 0.693, "rewards/margins": 0.0, "lr": 5e-5}
                {"step": 2, "loss": 0.650, "rewards/margins": 0.2, "lr": 5e-5}

                {"step": 2, "loss": 0.100}
                {"step": 3, "loss": "NaN", "rewards/margins": 0.5}
                {"loss": 0.3}
                """);
        List<TrainingCurve> curves = TrainingMetrics.read("stage:dpo", table);
        assertEquals(
                List.of("loss", "rewards/margins"),
                curves.stream().map(TrainingCurve::metric).toList(),
                "lr is not drawn");
        TrainingCurve loss = curves.get(0);
        assertEquals("stage:dpo", loss.step());
        assertArrayEquals(
                new double[] {1, 2}, loss.x(), "a repeated step, a non-number and a row without step are left out");
        assertArrayEquals(new double[] {0.693, 0.650}, loss.y());
        assertArrayEquals(new double[] {1, 2, 3}, curves.get(1).x());
        assertArrayEquals(new double[] {0.0, 0.2, 0.5}, curves.get(1).y());
    }

    @Test
    void a_table_without_drawn_metrics_gives_no_curve() throws IOException {
        Path table = dir.resolve("train-metrics.jsonl");
        Files.writeString(table, "{\"step\": 1, \"lr\": 0.1}\n");
        assertEquals(List.of(), TrainingMetrics.read("stage:x", table));
    }
}
