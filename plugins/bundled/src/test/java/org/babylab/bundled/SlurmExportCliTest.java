package org.babylab.bundled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code babylab run FILE --on slurm} writes the same plan as chained sbatch jobs, and each job's
 * command ({@code run FILE --only-step KEY} with the launch's store) computes exactly its step.
 */
class SlurmExportCliTest {
    private static final Pattern RUN_LINE =
            Pattern.compile("  babylab run '?([^' ]+)'? --only-step ([0-9a-f]{64}) (.*)");

    @Test
    void slurm_export_writes_one_chained_job_per_uncached_step_and_a_job_runs_only_its_step(@TempDir Path dir)
            throws Exception {
        Path yaml = Files.writeString(dir.resolve("study.yaml"), """
                experiment: cluster
                datasets:
                  corpus: {type: text, paths: [corpus.txt]}
                models:
                  bigram: {type: ngram, order: 2, train_on: corpus}
                  trigram: {type: ngram, order: 3, train_on: corpus}
                evaluate:
                  on: [bigram, trigram]
                  with:
                    pairs: {type: minimal-pairs, path: pairs.jsonl}
                """);
        Files.writeString(dir.resolve("corpus.txt"), "the dog runs .\nthe dogs run .\nthe cat sleeps .\n");
        Files.writeString(
                dir.resolve("pairs.jsonl"),
                "{\"sentence_good\": \"the dog runs .\", \"sentence_bad\": \"the dog run .\", \"UID\": \"agr\"}\n");
        Path store = dir.resolve("store");
        Path scripts = dir.resolve("slurm");

        CliRun export = CliRun.of(
                "run",
                yaml.toString(),
                "--store",
                store.toString(),
                "--on",
                "slurm",
                "--slurm-dir",
                scripts.toString(),
                "--no-submit",
                "--launcher",
                "babylab");
        assertEquals(0, export.exitCode(), export.transcript());

        List<Path> jobs;
        try (Stream<Path> list = Files.list(scripts)) {
            jobs = list.filter(p -> p.toString().endsWith(".sbatch")).sorted().toList();
        }
        assertEquals(4, jobs.size(), "two models and two evaluations: " + jobs);
        String submit = Files.readString(scripts.resolve("submit.sh"));
        assertTrue(
                submit.contains("--dependency=afterok:$job1 --kill-on-invalid-dep=yes"),
                "an evaluation waits for its model's job:\n" + submit);
        for (Path script : jobs) {
            assertTrue(
                    !Files.readString(script).contains("--gres"),
                    "nothing of an n-gram study asks for a GPU: " + script);
        }

        String firstJob = Files.readString(jobs.stream()
                .filter(p -> p.toString().contains("-model_bigram"))
                .findFirst()
                .orElseThrow());
        assertTrue(firstJob.contains("#SBATCH --cpus-per-task="), firstJob);
        Matcher m = RUN_LINE.matcher(firstJob);
        assertTrue(m.find(), firstJob);
        assertTrue(m.group(3).startsWith("--store " + store + " "), "the job uses the launch's store: " + firstJob);

        CliRun job =
                CliRun.of("run", m.group(1), "--only-step", m.group(2), "--store", store.toString(), "--no-progress");
        assertEquals(0, job.exitCode(), job.transcript());
        assertTrue(job.out().contains("1 ran, 0 reused"), "the job computes its one step: " + job.transcript());
        assertTrue(!Files.exists(dir.resolve("results")), "a one-step job does not write the study's results files");
        assertTrue(Files.isRegularFile(store.resolve("entries")
                .resolve(m.group(2).substring(0, 2))
                .resolve(m.group(2))
                .resolve("metadata.json")));
    }
}
