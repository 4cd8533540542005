package org.babylab.api.eval;

import java.util.List;

/**
 * Says that an evaluator's result is one task of a benchmark whose published score is the macro
 * average of its tasks' primary metrics (the BabyLM (Super)GLUE score is the mean over its seven
 * tasks). Results tables and reports then show, per model, that average with the number of tasks
 * it covers, and mark it partial when a task of {@code tasks} is not evaluated or failed: an average
 * over fewer tasks is not the published number. Added in API 0.5.
 *
 * @param benchmark the benchmark's name, e.g. {@code glue}: letters, digits, '_', '.' and '-'
 * @param task this evaluator's task, one of {@code tasks}
 * @param tasks every task of the benchmark, in the order the benchmark lists them; no duplicates
 */
public record BenchmarkTask(String benchmark, String task, List<String> tasks) {
    public BenchmarkTask {
        if (benchmark == null || !benchmark.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw new IllegalArgumentException(
                    "benchmark must be letters, digits, '_', '.' and '-', got '" + benchmark + "'");
        }
        if (tasks == null
                || tasks.isEmpty()
                || tasks.stream().anyMatch(java.util.Objects::isNull)
                || tasks.stream().distinct().count() != tasks.size()) {
            throw new IllegalArgumentException(
                    "tasks of " + benchmark + " must be a non-empty list without duplicates, got " + tasks);
        }
        tasks = List.copyOf(tasks);
        if (task == null || !tasks.contains(task)) {
            throw new IllegalArgumentException("task '" + task + "' is not one of " + benchmark + "'s tasks " + tasks);
        }
    }
}
