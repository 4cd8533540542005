package org.babylab.runtime.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.babylab.runtime.internal.slurm.ClusterSettings;
import org.babylab.runtime.internal.slurm.ClusterSettingsException;
import org.babylab.runtime.internal.slurm.ClusterSettingsReader;
import org.babylab.runtime.internal.slurm.JobClass;
import org.babylab.runtime.internal.slurm.StepLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterSettingsReaderTest {
    @TempDir
    Path dir;

    @Test
    void the_experiments_section_lies_over_the_lab_profile_key_by_key() throws Exception {
        Path profile = Files.writeString(dir.resolve("lab.yaml"), """
                partition: cpu
                gpu_partition: gpu
                account: lab
                setup: ["module load java/17"]
                steps:
                  training: {time: "24:00:00", mem: 32G}
                """);
        Path experiment = Files.writeString(dir.resolve("study.yaml"), """
                experiment: study
                cluster:
                  account: other
                  setup: "module load cuda"
                  retries: 2
                  steps:
                    training: {cpus: 16}
                    evaluation: {mem: 500}
                """);

        ClusterSettings s =
                ClusterSettingsReader.fromExperiment(experiment).over(ClusterSettingsReader.fromProfile(profile));

        assertEquals("other", s.account());
        assertEquals("gpu", s.partitionFor(true));
        assertEquals("cpu", s.partitionFor(false));
        assertEquals(List.of("module load java/17", "module load cuda"), s.setup());
        assertEquals(2, s.retriesOrDefault());
        assertEquals(new StepLimits("24:00:00", 32 * 1024L, 16), s.limitsFor(JobClass.TRAINING));
        assertEquals(
                new StepLimits("4:00:00", 500L, null),
                s.limitsFor(JobClass.EVALUATION),
                "a bare number is megabytes, as in Slurm");
        assertEquals(JobClass.TOKENIZER.defaults(), s.limitsFor(JobClass.TOKENIZER));
    }

    @Test
    void an_experiment_without_a_cluster_section_sets_nothing() throws Exception {
        Path experiment = Files.writeString(dir.resolve("study.yaml"), "experiment: study\n");
        assertEquals(ClusterSettings.NONE, ClusterSettingsReader.fromExperiment(experiment));
    }

    @Test
    void mistakes_name_the_file_line_column_and_what_is_valid() throws Exception {
        assertProblem(
                "partiton: cpu\n",
                "lab.yaml:1:1: unknown cluster setting 'partiton' (valid: partition, gpu_partition,");
        assertProblem(
                "steps:\n  training: {mem: 6X}\n", "lab.yaml:2:19: cluster.steps.training.mem: '6X' is not a size");
        assertProblem(
                "steps:\n  train: {mem: 6G}\n",
                "lab.yaml:2:3: unknown step type 'train' in cluster.steps (valid: tokenizer, training, evaluation)");
        assertProblem(
                "steps:\n  training: {time: soon}\n",
                "lab.yaml:2:13: cluster.steps.training: time 'soon' is not a Slurm time");
        assertProblem("retries: -1\n", "lab.yaml:1:10: retries must be a whole number from 0 to 100, not '-1'");
        assertProblem("setup: {a: b}\n", "lab.yaml:1:8: setup must be a list of lines");
        assertProblem("partition: [cpu\n", "lab.yaml:2:1: invalid YAML");
        ClusterSettingsException missing = assertThrows(
                ClusterSettingsException.class, () -> ClusterSettingsReader.fromProfile(dir.resolve("absent.yaml")));
        assertEquals(dir.resolve("absent.yaml") + ": cluster profile not found", missing.getMessage());
    }

    private void assertProblem(String yaml, String expectedStart) throws Exception {
        Path file = Files.writeString(dir.resolve("lab.yaml"), yaml);
        ClusterSettingsException e =
                assertThrows(ClusterSettingsException.class, () -> ClusterSettingsReader.fromProfile(file));
        String message = e.getMessage().replace(dir + "/", "");
        assertEquals(expectedStart, message.substring(0, Math.min(message.length(), expectedStart.length())), message);
    }
}
