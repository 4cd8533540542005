package org.babylab.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.babylab.runtime.internal.report.TrainingSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingSummaryTest {
    @TempDir
    Path dir;

    @Test
    void each_column_shows_its_last_finite_value_even_when_later_rows_lack_it() throws Exception {
        Path table = dir.resolve("train-metrics.jsonl");
        Files.writeString(
                table,
                String.join(
                                "\n",
                                "{\"step\": 1, \"tokens\": 1024, \"words\": 700, \"loss\": 6.5, \"lr\": 0.001}",
                                "{\"step\": 2, \"tokens\": 2048, \"words\": 1400, \"loss\": 5.25, \"lr\": 0.002, \"eval_loss\": 5.5}",
                                "",
                                "{\"step\": 3, \"tokens\": 3072, \"words\": 2100, \"loss\": 4.75, \"lr\": 0.002, \"grad_norm\": \"NaN\"}")
                        + "\n");
        TrainingSummary s = TrainingSummary.read("stage:pretrain", table);
        assertEquals(3, s.rows());
        assertEquals(3.0, s.last().get("step"));
        assertEquals(4.75, s.last().get("loss"), "the last row's loss");
        assertEquals(5.5, s.last().get("eval_loss"), "the last row that has an eval loss");
        assertTrue(!s.last().containsKey("grad_norm"), "a non-numeric value is skipped");
        String text = TrainingSummary.render(List.of(s));
        assertTrue(
                text.contains("stage:pretrain")
                        && text.contains("4.7500")
                        && text.contains("5.5000")
                        && text.contains("3072"),
                text);
        assertTrue(text.contains(table.toString()), "the table's path, for the whole curve: " + text);
    }

    @Test
    void a_line_that_is_not_json_is_named_with_its_file_and_line() throws Exception {
        Path table = dir.resolve("train-metrics.jsonl");
        Files.writeString(table, "{\"step\": 1, \"loss\": 2.0}\n{\"step\": 2, \"loss\n");
        UncheckedIOException e = org.junit.jupiter.api.Assertions.assertThrows(
                UncheckedIOException.class, () -> TrainingSummary.read("stage:x", table));
        assertTrue(e.getMessage().contains(table + ":2"), e.getMessage());
    }

    @Test
    void without_any_table_it_says_so() {
        assertTrue(TrainingSummary.render(List.of()).startsWith("No training step"));
    }
}
