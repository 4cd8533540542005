package org.babylab.runtime.internal.slurm;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.babylab.runtime.internal.dsl.ByteSize;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads cluster settings from YAML: the {@code cluster:} section of an experiment file, or a lab's
 * profile file (its top level, or its own {@code cluster:} section). Every problem is reported as
 * {@code FILE:LINE:COLUMN: what is wrong (what would be valid)}. Stateless.
 *
 * <pre>
 * cluster:
 *   partition: cpu            # CPU-only steps
 *   gpu_partition: gpu        # steps that ask for a GPU
 *   account: mylab
 *   qos: normal
 *   retries: 1
 *   setup: ["module load java/17"]
 *   container: apptainer exec --nv /shared/babylab.sif
 *   sbatch: ["--constraint=a100"]
 *   launcher: /shared/babylab/babylab
 *   max_cpus: 16
 *   steps:
 *     training:   {time: "24:00:00", mem: 32G, cpus: 8}
 *     evaluation: {time: "2:00:00", mem: 16G}
 *     tokenizer:  {time: "1:00:00", mem: 8G}
 * </pre>
 */
public final class ClusterSettingsReader {
    /** The experiment file's top-level key that holds cluster settings. */
    public static final String SECTION = "cluster";

    static final List<String> KEYS = List.of(
            "partition",
            "gpu_partition",
            "account",
            "qos",
            "retries",
            "setup",
            "container",
            "sbatch",
            "launcher",
            "max_cpus",
            "steps");
    static final List<String> LIMIT_KEYS = List.of("time", "mem", "cpus");

    private ClusterSettingsReader() {}

    /** The {@code cluster:} section of an experiment file; {@link ClusterSettings#NONE} when it has none. */
    public static ClusterSettings fromExperiment(Path file) {
        Node root = parse(file);
        if (root instanceof MappingNode map) {
            Node section = value(map, SECTION);
            if (section != null && !isNull(section)) {
                return settings(file, section);
            }
        }
        return ClusterSettings.NONE;
    }

    /** A profile file: its top level, or its {@code cluster:} section when that is all it holds. */
    public static ClusterSettings fromProfile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ClusterSettingsException(file + ": cluster profile not found");
        }
        Node root = parse(file);
        if (root == null || isNull(root)) {
            return ClusterSettings.NONE;
        }
        if (root instanceof MappingNode map && map.getValue().size() == 1 && value(map, SECTION) != null) {
            return settings(file, value(map, SECTION));
        }
        return settings(file, root);
    }

    private static Node parse(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ClusterSettingsException(file + ": cannot read: " + e.getMessage());
        }
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(4 * 1024 * 1024);
        try {
            return new Composer(
                            new ParserImpl(new StreamReader(new StringReader(text)), options), new Resolver(), options)
                    .getSingleNode();
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new ClusterSettingsException(at(file, m) + "invalid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new ClusterSettingsException(file + ": YAML refused: " + e.getMessage());
        }
    }

    private static ClusterSettings settings(Path file, Node node) {
        MappingNode map = mapping(file, node, "cluster settings", "e.g. cluster: {partition: cpu, gpu_partition: gpu}");
        for (NodeTuple t : map.getValue()) {
            String key = key(file, t);
            if (!KEYS.contains(key)) {
                throw new ClusterSettingsException(at(file, t.getKeyNode().getStartMark()) + "unknown cluster setting '"
                        + key + "' (valid: " + String.join(", ", KEYS) + ")");
            }
        }
        Map<JobClass, StepLimits> steps = new EnumMap<>(JobClass.class);
        Node stepsNode = value(map, "steps");
        if (stepsNode != null && !isNull(stepsNode)) {
            MappingNode sm =
                    mapping(file, stepsNode, "cluster.steps", "e.g. steps: {training: {time: \"24:00:00\", mem: 32G}}");
            for (NodeTuple t : sm.getValue()) {
                String key = key(file, t);
                JobClass type = JobClass.named(key);
                if (type == null) {
                    throw new ClusterSettingsException(at(file, t.getKeyNode().getStartMark()) + "unknown step type '"
                            + key + "' in cluster.steps (valid: tokenizer, training, evaluation)");
                }
                steps.put(type, limits(file, t.getValueNode(), "cluster.steps." + key));
            }
        }
        try {
            return new ClusterSettings(
                    string(file, map, "partition"),
                    string(file, map, "gpu_partition"),
                    string(file, map, "account"),
                    string(file, map, "qos"),
                    integer(file, map, "retries", 0, 100),
                    strings(file, map, "setup"),
                    string(file, map, "container"),
                    strings(file, map, "sbatch"),
                    string(file, map, "launcher"),
                    integer(file, map, "max_cpus", 1, 100_000),
                    steps);
        } catch (IllegalArgumentException e) {
            throw new ClusterSettingsException(at(file, map.getStartMark()) + e.getMessage());
        }
    }

    private static StepLimits limits(Path file, Node node, String where) {
        MappingNode map = mapping(file, node, where, "e.g. {time: \"4:00:00\", mem: 16G, cpus: 4}");
        for (NodeTuple t : map.getValue()) {
            String key = key(file, t);
            if (!LIMIT_KEYS.contains(key)) {
                throw new ClusterSettingsException(at(file, t.getKeyNode().getStartMark()) + "unknown key '" + key
                        + "' in " + where + " (valid: time, mem, cpus)");
            }
        }
        Long mem = null;
        Node m = value(map, "mem");
        if (m != null && !isNull(m)) {
            String text = scalar(file, m, where + ".mem", "a size such as 16G or 16000M");
            try {
                mem = megabytes(text);
            } catch (IllegalArgumentException e) {
                throw new ClusterSettingsException(at(file, m.getStartMark()) + where + ".mem: '" + text
                        + "' is not a size (valid: e.g. 16G or 16000M as Slurm writes them, or 16GiB)");
            }
        }
        String time = string(file, map, "time");
        try {
            return new StepLimits(time, mem, integer(file, map, "cpus", 1, 100_000));
        } catch (IllegalArgumentException e) {
            throw new ClusterSettingsException(at(file, map.getStartMark()) + where + ": " + e.getMessage());
        }
    }

    /**
     * A memory size in MiB: Slurm's own forms (a bare number is megabytes; K, M, G, T are powers of
     * 1024, as in {@code --mem=16G}) or BabyLab's ({@code 16GB}, {@code 16GiB}).
     */
    static long megabytes(String text) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("(\\d+)\\s*([KkMmGgTt]?)").matcher(text.trim());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            long mb = switch (m.group(2).toUpperCase(java.util.Locale.ROOT)) {
                case "K" -> Math.max(1, n / 1024);
                case "G" -> Math.multiplyExact(n, 1024L);
                case "T" -> Math.multiplyExact(n, 1024L * 1024);
                default -> n;
            };
            return mb;
        }
        return Math.max(1, ByteSize.parse(text) / (1024 * 1024));
    }

    private static MappingNode mapping(Path file, Node node, String what, String example) {
        if (node instanceof MappingNode m) {
            return m;
        }
        throw new ClusterSettingsException(
                at(file, node.getStartMark()) + what + " must be a mapping (" + example + ")");
    }

    private static String key(Path file, NodeTuple t) {
        if (t.getKeyNode() instanceof ScalarNode s) {
            return s.getValue();
        }
        throw new ClusterSettingsException(at(file, t.getKeyNode().getStartMark()) + "keys must be plain words");
    }

    private static Node value(MappingNode map, String key) {
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key)) {
                return t.getValueNode();
            }
        }
        return null;
    }

    private static boolean isNull(Node n) {
        return n instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    private static String scalar(Path file, Node node, String where, String valid) {
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        throw new ClusterSettingsException(at(file, node.getStartMark()) + where + " must be " + valid);
    }

    private static String string(Path file, MappingNode map, String key) {
        Node n = value(map, key);
        if (n == null || isNull(n)) {
            return null;
        }
        String s = scalar(file, n, key, "a single value");
        if (s.isBlank() || s.contains("\n")) {
            throw new ClusterSettingsException(at(file, n.getStartMark()) + key + " must be one non-empty line");
        }
        return s;
    }

    private static Integer integer(Path file, MappingNode map, String key, int min, int max) {
        Node n = value(map, key);
        if (n == null || isNull(n)) {
            return null;
        }
        String s = scalar(file, n, key, "a whole number");
        try {
            int v = Integer.parseInt(s.trim());
            if (v < min || v > max) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ClusterSettingsException(at(file, n.getStartMark()) + key + " must be a whole number from " + min
                    + " to " + max + ", not '" + s + "'");
        }
    }

    private static List<String> strings(Path file, MappingNode map, String key) {
        Node n = value(map, key);
        if (n == null || isNull(n)) {
            return List.of();
        }
        if (n instanceof ScalarNode) {
            return List.of(string(file, map, key));
        }
        if (!(n instanceof SequenceNode seq)) {
            throw new ClusterSettingsException(
                    at(file, n.getStartMark()) + key + " must be a list of lines (e.g. [\"module load java/17\"])");
        }
        List<String> out = new ArrayList<>();
        for (Node item : seq.getValue()) {
            String s = scalar(file, item, key + " items", "one line each");
            if (s.contains("\n")) {
                throw new ClusterSettingsException(
                        at(file, item.getStartMark()) + key + ": each item must be one line");
            }
            out.add(s);
        }
        return out;
    }

    private static String at(Path file, Mark m) {
        return m == null ? file + ": " : file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1) + ": ";
    }
}
