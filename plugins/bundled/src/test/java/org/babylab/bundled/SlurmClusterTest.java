package org.babylab.bundled;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code babylab run --on slurm}, {@code status} and {@code cancel} against a real one-node Slurm
 * 22.05 on localhost (see {@link SlurmTestCluster}); skipped when Slurm cannot be brought up. The
 * CLI runs as its own process from the repository root with a relative experiment path, as a
 * user on a login node would. The quickstart runs with a shorter pretraining (max_steps) so that
 * the suite stays within a few minutes on two cores.
 */
@Tag("slurm")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlurmClusterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUICKSTART = "experiments/quickstart.yaml";
    private static final String[] SHORT_PRETRAIN = {
        "--set", "stages.pretrain.max_steps=40", "--set", "stages.pretrain.checkpoint_every=2"
    };

    @TempDir
    static Path dir;

    static SlurmTestCluster cluster;
    static Path profile;
    static Path clusterStore;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = SlurmTestCluster.start(dir);
        // What a lab writes once: partitions for CPU and GPU steps, and limits this small node can give.
        profile = Files.writeString(dir.resolve("lab-cluster.yaml"), """
                partition: cpu
                gpu_partition: gpu
                steps:
                  tokenizer:  {mem: 1G, time: "15:00"}
                  training:   {mem: 2G, time: "30:00"}
                  evaluation: {mem: 1G, time: "15:00"}
                """);
        clusterStore = dir.resolve("cluster-run").resolve("store");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void quickstart_on_slurm_gives_the_local_results_and_hashes_and_a_requeued_training_resumes() throws Exception {
        Path project = CliRun.projectDir();
        long t0 = System.nanoTime();
        Path localStore = dir.resolve("local-run").resolve("store");
        CliRun local = CliRun.of(concat(
                new String[] {
                    "run", project.resolve(QUICKSTART).toString(), "--store", localStore.toString(), "--no-progress"
                },
                SHORT_PRETRAIN));
        assertEquals(0, local.exitCode(), local.transcript());

        long t1 = System.nanoTime();
        Path log = dir.resolve("quickstart-slurm.log");
        Process run = cluster.startCli(
                project,
                log,
                concat(
                        new String[] {
                            "run",
                            QUICKSTART,
                            "--on",
                            "slurm",
                            "--store",
                            clusterStore.toString(),
                            "--cluster",
                            profile.toString(),
                            "--launcher",
                            cluster.launcher().toString(),
                            "--poll",
                            "1"
                        },
                        SHORT_PRETRAIN));
        try {
            // Requeue the training job once it has written a checkpoint, as a preempted node would.
            await().atMost(Duration.ofMinutes(4))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> !run.isAlive() || hasCheckpoint(clusterStore));
            assertTrue(run.isAlive(), "training was still running when requeued:\n" + Files.readString(log));
            String job = jobNamed("quickstart:stage:pretrain");
            cluster.slurm("scontrol", "requeue", job);
            // Slurm holds a requeued job back for a while; let it start again at once.
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(300))
                    .until(() ->
                            cluster.jobs().stream().anyMatch(l -> l.startsWith(job + "|") && l.contains("|PENDING|")));
            cluster.slurm("scontrol", "update", "JobId=" + job, "StartTime=now");
            assertTrue(
                    run.waitFor(6, TimeUnit.MINUTES), "the follower ends when the jobs do:\n" + Files.readString(log));
        } finally {
            run.destroyForcibly();
        }
        System.out.printf(
                "quickstart (max_steps=40): local run %.1fs, Slurm run with a requeue %.1fs%n",
                (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
        String out = Files.readString(log);
        assertEquals(0, run.exitValue(), out);
        assertTrue(out.contains("10 done on Slurm, 0 reused, 0 failed, 0 skipped"), out);

        // Same table, same bytes: every entry's output files hash alike in both stores.
        // Runs with --set overrides keep their results apart from the plain file's (results/quickstart+set-<hash>).
        java.util.List<String> overrides =
                java.util.List.of("stages.pretrain.max_steps=40", "stages.pretrain.checkpoint_every=2");
        assertEquals(
                Files.readString(org.babylab.runtime.internal.report.ResultsFiles.dir(
                                localStore.resolveSibling("results"), "quickstart", overrides)
                        .resolve("results.csv")),
                Files.readString(org.babylab.runtime.internal.report.ResultsFiles.dir(
                                clusterStore.resolveSibling("results"), "quickstart", overrides)
                        .resolve("results.csv")),
                "the results file holds the whole table");
        assertTrue(
                out.contains(local.out()
                        .substring(local.out().indexOf("trial  model"))
                        .split("\n\n")[0]),
                "the follower prints the local run's table:\n" + out + "\nlocal:\n" + local.out());
        Map<String, JsonNode> localHashes = manifests(localStore);
        assertEquals(10, localHashes.size());
        assertEquals(
                localHashes, manifests(clusterStore), "every step's output files are bit-identical to the local run's");

        // The requeued training job ran again in the same job and resumed from its checkpoint.
        String stageLog = Files.readString(stepLog(clusterStore, "stage:pretrain"));
        assertTrue(stageLog.contains("resumed from step"), stageLog);
        String jobLog = Files.readString(slurmLog(clusterStore.resolveSibling("slurm/quickstart"), "stage:pretrain"));
        assertTrue(jobLog.contains("(restart 1)"), "one Slurm log per job, appended to on requeue:\n" + jobLog);

        // Resources come from each step: no n-gram job asks for a GPU, the LLaMA ones do, on the GPU partition.
        assertTrue(
                Pattern.compile("eval:minimal-pairs on bigram: job \\d+ after \\d+, 1 CPU, 1024M, 15:00, partition cpu")
                        .matcher(out)
                        .find(),
                out);
        assertTrue(
                Pattern.compile("stage:pretrain: job \\d+ after \\d+, \\d CPUs?, 1 GPU, 2048M, 30:00, partition gpu")
                        .matcher(out)
                        .find(),
                out);
        assertTrue(
                cluster.jobs().stream()
                        .anyMatch(l -> l.contains("|quickstart:eval:minimal-pairs_on_pretrain|COMPLETED")),
                cluster.jobs().toString());
    }

    @Test
    @Order(2)
    void a_killed_step_fails_its_dependents_visibly_and_a_rerun_computes_only_what_is_missing() throws Exception {
        Path project = CliRun.projectDir();
        String[] longer = {"--set", "stages.pretrain.max_steps=50", "--set", "stages.pretrain.checkpoint_every=2"};
        String[] run = concat(
                new String[] {
                    "run",
                    QUICKSTART,
                    "--on",
                    "slurm",
                    "--store",
                    clusterStore.toString(),
                    "--cluster",
                    profile.toString(),
                    "--launcher",
                    cluster.launcher().toString(),
                    "--poll",
                    "1"
                },
                longer);
        Path log = dir.resolve("killed.log");
        Process first = cluster.startCli(project, log, run);
        try {
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> !first.isAlive() || hasCheckpoint(clusterStore));
            assertTrue(first.isAlive(), Files.readString(log));
            // kill -9 the training JVM, as the kernel's OOM killer would.
            killJvmRunning("--only-step " + checkpointedKey(clusterStore));
            assertTrue(first.waitFor(3, TimeUnit.MINUTES), Files.readString(log));
        } finally {
            first.destroyForcibly();
        }
        String out = Files.readString(log);
        assertEquals(1, first.exitValue(), out);
        assertTrue(out.contains("[FAIL] stage:pretrain"), out);
        assertTrue(
                out.contains("[skip] eval:minimal-pairs on pretrain"),
                "the dependent is cancelled, not left pending:\n" + out);
        assertTrue(out.contains("0 done on Slurm, 8 reused, 1 failed, 1 skipped"), out);
        assertEquals(List.of(), cluster.liveJobs(), "nothing is left pending");

        CliRun status = cluster.cli(
                project, concat(new String[] {"status", QUICKSTART, "--store", clusterStore.toString()}, longer));
        assertEquals(1, status.exitCode(), status.transcript());
        assertTrue(status.out().contains("[FAIL] stage:pretrain"), status.out());
        assertTrue(status.out().contains("log: " + dir.resolve("cluster-run/slurm/quickstart/logs")), status.out());
        assertTrue(status.out().contains("8 done, 1 failed, 1 skipped"), status.out());

        CliRun again = cluster.cli(project, run);
        assertEquals(0, again.exitCode(), again.transcript());
        assertTrue(
                again.out().contains("2 done on Slurm, 8 reused, 0 failed, 0 skipped"),
                "only the missing steps run:\n" + again.out());
        assertTrue(
                Files.readString(stepLog(clusterStore, "stage:pretrain")).contains("resumed from step"),
                "training resumed");
    }

    @Test
    @Order(3)
    void two_submissions_at_once_compute_each_step_once() throws Exception {
        Path study = ngramStudy(dir.resolve("twice"));
        Path store = study.resolveSibling("store");
        Process[] runs = new Process[2];
        for (int i = 0; i < 2; i++) {
            // Separate Slurm folders, so each queues a full set of jobs and only the store's locks keep the work
            // single.
            runs[i] = cluster.startCli(
                    study.getParent(),
                    study.resolveSibling("submit" + i + ".log"),
                    "run",
                    study.getFileName().toString(),
                    "--on",
                    "slurm",
                    "--detach",
                    "--store",
                    store.toString(),
                    "--slurm-dir",
                    study.resolveSibling("slurm" + i).toString(),
                    "--cluster",
                    profile.toString(),
                    "--launcher",
                    cluster.launcher().toString());
        }
        for (int i = 0; i < 2; i++) {
            assertTrue(runs[i].waitFor(3, TimeUnit.MINUTES));
            assertEquals(0, runs[i].exitValue(), Files.readString(study.resolveSibling("submit" + i + ".log")));
        }
        awaitNoLiveJobs(Duration.ofMinutes(3));

        Map<String, Integer> computed = new TreeMap<>();
        for (int i = 0; i < 2; i++) {
            try (Stream<Path> logs =
                    Files.list(study.resolveSibling("slurm" + i).resolve("logs"))) {
                for (Path l : logs.toList()) {
                    Matcher m =
                            Pattern.compile("\\[run\\] (\\S+(?: on \\S+)?) \\(").matcher(Files.readString(l));
                    while (m.find()) {
                        computed.merge(m.group(1), 1, Integer::sum);
                    }
                }
            }
        }
        assertEquals(
                Map.of("model:bigram", 1, "model:trigram", 1, "eval:pairs on bigram", 1, "eval:pairs on trigram", 1),
                computed,
                "8 jobs, 4 steps, each computed once");
        CliRun status = cluster.cli(
                study.getParent(),
                "status",
                study.getFileName().toString(),
                "--store",
                store.toString(),
                "--slurm-dir",
                study.resolveSibling("slurm1").toString());
        assertEquals(0, status.exitCode(), status.transcript());
        assertTrue(status.out().contains("4 done"), status.out());
    }

    @Test
    @Order(4)
    void status_maps_jobs_to_steps_and_cancel_stops_them() throws Exception {
        Path study = ngramStudy(dir.resolve("cancelled"));
        Path store = study.resolveSibling("store");
        // Jobs that take long to start: their setup line sleeps.
        Path slowProfile = Files.writeString(
                study.resolveSibling("slow.yaml"), Files.readString(profile) + "setup: [\"sleep 300\"]\n");
        String[] common = {"--store", store.toString(), "--cluster", slowProfile.toString()};
        CliRun submit = cluster.cli(
                study.getParent(),
                concat(
                        new String[] {
                            "run",
                            study.getFileName().toString(),
                            "--on",
                            "slurm",
                            "--detach",
                            "--launcher",
                            cluster.launcher().toString()
                        },
                        common));
        assertEquals(0, submit.exitCode(), submit.transcript());
        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> cluster.jobs().stream().anyMatch(l -> l.contains("|cancelled:model:bigram|RUNNING")));

        CliRun status = cluster.cli(
                study.getParent(),
                concat(new String[] {"status", study.getFileName().toString()}, common));
        assertEquals(0, status.exitCode(), status.transcript());
        assertTrue(
                Pattern.compile("\\[running\\] model:bigram \\(\\w{12}\\) job \\d+: RUNNING\n    log: "
                                + Pattern.quote(study.resolveSibling("slurm").toString())
                                + "/cancelled/logs/\\w{12}-\\d+\\.out")
                        .matcher(status.out())
                        .find(),
                status.out());
        assertTrue(
                Pattern.compile("\\[queued\\] eval:pairs on bigram \\(\\w{12}\\) job \\d+: PENDING \\(Dependency\\)")
                        .matcher(status.out())
                        .find(),
                status.out());

        CliRun cancel = cluster.cli(
                study.getParent(),
                concat(new String[] {"cancel", study.getFileName().toString()}, common));
        assertEquals(0, cancel.exitCode(), cancel.transcript());
        assertEquals(
                4,
                cancel.out().lines().filter(l -> l.startsWith("cancelled job ")).count(),
                cancel.out());
        awaitNoLiveJobs(Duration.ofMinutes(1));
        CliRun after = cluster.cli(
                study.getParent(),
                concat(new String[] {"status", study.getFileName().toString()}, common));
        assertFalse(after.out().contains("[running]") || after.out().contains("[queued]"), after.out());
        assertTrue(after.out().contains("CANCELLED"), after.out());
    }

    @Test
    @Order(5)
    void a_failed_attempt_is_retried_inside_its_job_through_the_container_prefix() throws Exception {
        Path study = ngramStudy(dir.resolve("retried"));
        // A container prefix that fails the first time each job calls it, like a flaky node.
        Path flaky = Files.writeString(study.resolveSibling("flaky"), """
                #!/bin/bash
                mark="$(dirname "$0")/tried-$SLURM_JOB_ID"
                if [ ! -e "$mark" ]; then touch "$mark"; echo "flaky: first call fails"; exit 7; fi
                exec "$@"
                """);
        flaky.toFile().setExecutable(true);
        Path retrying = Files.writeString(
                study.resolveSibling("retry.yaml"),
                Files.readString(profile) + "retries: 1\ncontainer: " + flaky + "\n");
        CliRun run = cluster.cli(
                study.getParent(),
                "run",
                study.getFileName().toString(),
                "--on",
                "slurm",
                "--store",
                study.resolveSibling("store").toString(),
                "--cluster",
                retrying.toString(),
                "--launcher",
                cluster.launcher().toString(),
                "--poll",
                "1");
        assertEquals(0, run.exitCode(), run.transcript());
        assertTrue(run.out().contains("4 done on Slurm, 0 reused, 0 failed"), run.out());
        String jobLog = Files.readString(slurmLog(study.resolveSibling("slurm/retried"), "model:bigram"));
        assertTrue(
                jobLog.contains("attempt 1 of 2 failed with exit status 7") && jobLog.contains("attempt 2 of 2"),
                jobLog);
    }

    /** A four-step n-gram study (two models, each evaluated) in {@code dir}. */
    private static Path ngramStudy(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve("corpus.txt"), "the dog runs .\nthe dogs run .\nthe cat sleeps .\nthe cats sleep .\n");
        Files.writeString(
                dir.resolve("pairs.jsonl"),
                "{\"sentence_good\": \"the dog runs .\", \"sentence_bad\": \"the dog run .\", \"UID\": \"agr\"}\n");
        return Files.writeString(dir.resolve("study.yaml"), """
                experiment: %s
                datasets:
                  corpus: {type: text, paths: [corpus.txt]}
                models:
                  bigram: {type: ngram, order: 2, train_on: corpus}
                  trigram: {type: ngram, order: 3, train_on: corpus}
                evaluate:
                  on: [bigram, trigram]
                  with:
                    pairs: {type: minimal-pairs, path: pairs.jsonl}
                """.formatted(dir.getFileName()));
    }

    private static String jobNamed(String name) throws Exception {
        List<String> jobs = cluster.jobs();
        return jobs.stream()
                .filter(l -> l.contains("|" + name + "|RUNNING"))
                .map(l -> l.split("\\|")[0])
                .findFirst()
                .orElseThrow(() -> new AssertionError("no running job " + name + ": " + jobs));
    }

    /** The Slurm log of the latest job of {@code step}, from the study's jobs.json in {@code slurmDir}. */
    private static Path slurmLog(Path slurmDir, String step) throws IOException {
        String log = null;
        for (JsonNode job : JSON.readTree(slurmDir.resolve("jobs.json").toFile())) {
            if (job.get("step").asText().equals(step)) {
                log = job.get("log").asText();
            }
        }
        assertTrue(log != null, "no job of " + step + " in " + slurmDir.resolve("jobs.json"));
        return Path.of(log);
    }

    /**
     * Output hashes (the metadata's manifest) of every entry of a store, by key, without
     * {@code train-metrics.jsonl}: it records each step's throughput and wall time, the one output
     * that is not a function of the inputs (its losses are checked by the training tests).
     */
    private static Map<String, JsonNode> manifests(Path store) throws IOException {
        Map<String, JsonNode> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(store.resolve("entries"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().equals("metadata.json"))
                    .toList()) {
                JsonNode manifest = JSON.readTree(f.toFile()).get("manifest");
                if (manifest instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
                    o.remove("train-metrics.jsonl");
                }
                out.put(f.getParent().getFileName().toString(), manifest);
            }
        }
        return out;
    }

    /** kill -9 of the java process whose command line contains {@code text} (read from /proc: Linux, as Slurm is). */
    private static void killJvmRunning(String text) throws IOException {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .toList()) {
                String cmdline;
                try {
                    cmdline = Files.readString(p.resolve("cmdline")).replace('\0', ' ');
                } catch (IOException e) {
                    continue; // ended meanwhile
                }
                if (cmdline.contains(text) && cmdline.contains("java")) {
                    ProcessHandle.of(Long.parseLong(p.getFileName().toString()))
                            .ifPresent(ProcessHandle::destroyForcibly);
                    return;
                }
            }
        }
        throw new AssertionError("no process runs " + text);
    }

    /** Waits until Slurm has no queued or running job, failing with what it still has. */
    private static void awaitNoLiveJobs(Duration atMost) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!cluster.liveJobs().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("jobs still live after " + atMost + ": " + cluster.jobs());
            }
            Thread.sleep(500);
        }
    }

    /** The key of the step that has a checkpoint (the one training now). */
    private static String checkpointedKey(Path store) throws IOException {
        try (Stream<Path> files = Files.list(store.resolve("checkpoints"))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(k -> k.matches("[0-9a-f]{64}"))
                    .findFirst()
                    .orElseThrow();
        }
    }

    private static Path stepLog(Path store, String stepName) throws IOException {
        try (Stream<Path> logs = Files.list(store.resolve("logs"))) {
            return logs.filter(p -> {
                        try {
                            return Files.readString(p).contains(stepName);
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .max(java.util.Comparator.comparing(p -> p.toFile().lastModified()))
                    .orElseThrow();
        }
    }

    private static boolean hasCheckpoint(Path store) throws IOException {
        Path checkpoints = store.resolve("checkpoints");
        if (!Files.isDirectory(checkpoints)) {
            return false;
        }
        try (Stream<Path> walk = Files.walk(checkpoints)) {
            // A weights checkpoint, not the per-step metrics causal-lm also keeps there from step 1 on.
            return walk.anyMatch(p -> Files.isRegularFile(p)
                    && !p.getFileName().toString().startsWith(".")
                    && p.getFileName().toString().endsWith(".safetensors"));
        }
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
