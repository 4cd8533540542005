package org.babylab.runtime.internal.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The plain progress lines of a run without a terminal, on a fake clock: their cadence and content. */
class ProgressBoardTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    private List<String> progressLines() {
        return bytes.toString(StandardCharsets.UTF_8)
                .lines()
                .filter(l -> l.startsWith("[progress]"))
                .toList();
    }

    private ProgressBoard board(boolean interactive, Duration every) {
        return new ProgressBoard(out, interactive, every, nanos::get, false);
    }

    @Test
    void reports_each_running_step_once_per_interval_with_count_rate_eta_and_status() {
        try (ProgressBoard board = board(false, Duration.ofSeconds(30))) {
            StepProgress p = board.started("k1", "stage:pretrain", "[start] stage:pretrain");
            p.start("train", "steps", 500);
            advance(Duration.ofSeconds(29));
            p.advance(100);
            p.status("loss 3.210 lr 3.00e-03");
            board.tick();
            assertEquals(List.of(), progressLines(), "nothing before 30 s");

            advance(Duration.ofSeconds(1));
            board.tick();
            board.tick();
            assertEquals(
                    List.of("[progress] stage:pretrain  train 100/500 steps  3.3/s  ETA 2m00s  loss 3.210 lr 3.00e-03"),
                    progressLines(),
                    "one line at 30 s however often the board ticks: 100 steps in 30 s, 400 left at 3.33/s");

            advance(Duration.ofSeconds(29));
            board.tick();
            assertEquals(1, progressLines().size(), "the next report is due 30 s after the last");
            advance(Duration.ofSeconds(1));
            board.tick();
            assertEquals(2, progressLines().size());
        }
    }

    @Test
    void reports_every_running_step_and_none_when_idle() {
        try (ProgressBoard board = board(false, Duration.ofSeconds(10))) {
            board.started("a", "model:tiny", "[start] model:tiny");
            board.started("b", "tokenizer:bpe", "[start] tokenizer:bpe");
            advance(Duration.ofSeconds(10));
            board.tick();
            assertEquals(2, progressLines().size(), String.join("\n", progressLines()));
            board.finished("a");
            board.finished("b");
            advance(Duration.ofSeconds(100));
            board.tick();
            assertEquals(2, progressLines().size(), "no step running, nothing to report");

            board.started("c", "stage:pretrain", "[start] stage:pretrain");
            advance(Duration.ofSeconds(5));
            board.tick();
            assertEquals(
                    2,
                    progressLines().size(),
                    "idle time does not count: a step that just started is reported a full interval later");
            advance(Duration.ofSeconds(5));
            board.tick();
            assertEquals(3, progressLines().size());
            assertTrue(
                    progressLines().get(2).startsWith("[progress] stage:pretrain  starting"),
                    progressLines().get(2));
        }
    }

    @Test
    void an_interactive_board_prints_no_progress_lines() {
        try (ProgressBoard board = board(true, Duration.ofSeconds(1))) {
            board.started("a", "model:tiny", "[start] model:tiny");
            advance(Duration.ofMinutes(5));
            board.tick();
            assertEquals(List.of(), progressLines(), "a terminal has the live area instead");
        }
    }
}
