package org.babylab.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.babylab.api.chat.ChatTemplate;
import org.babylab.api.curriculum.Curriculum;
import org.babylab.api.data.Dataset;
import org.babylab.api.eval.PredictionSink;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.model.Tokenizer;
import org.babylab.api.step.DeviceLease;
import org.babylab.api.step.Inputs;
import org.babylab.api.step.PhaseContext;
import org.babylab.api.step.ProgressReporter;
import org.babylab.api.step.StepContext;
import org.babylab.runtime.internal.exec.PredictionValues;

/**
 * A {@link StepContext} for plugin unit tests: real directories under a root you give (a JUnit
 * {@code @TempDir}), inputs you register by name, and predictions kept in memory for assertions.
 *
 * <pre>{@code
 * TestStepContext ctx = TestStepContext.builder(tempDir).dataset("corpus", ds).seed(7).build();
 * LanguageModel m = new NgramFactory().create(config, ctx);
 * }</pre>
 *
 * <p>Not thread-safe to build; the built context is safe to use from several threads.
 */
public final class TestStepContext implements StepContext {
    private final Path baseDir;
    private final Path outputDir;
    private final Path checkpointDir;
    private final long seed;
    private final DeviceLease lease;
    private final Map<String, Object> inputs;
    private final PhaseContext phase;
    private final org.babylab.api.eval.EvaluatedModel evaluated;
    private final List<Map<String, Object>> predictions = Collections.synchronizedList(new ArrayList<>());
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean cancelled;

    private TestStepContext(Builder b) {
        this.baseDir = b.baseDir;
        this.outputDir = b.root.resolve("output");
        this.checkpointDir = b.root.resolve("checkpoint");
        this.seed = b.seed;
        this.lease = b.lease;
        this.inputs = Collections.unmodifiableMap(new LinkedHashMap<>(b.inputs));
        this.phase = b.phase;
        this.evaluated = b.evaluated;
        try {
            Files.createDirectories(outputDir);
            Files.createDirectories(checkpointDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a builder whose directories live below {@code root}; relative paths resolve against {@code root} too. */
    public static Builder builder(Path root) {
        return new Builder(root);
    }

    /** Everything passed to {@link #predictions()} so far, in arrival order. */
    public List<Map<String, Object>> recordedPredictions() {
        synchronized (predictions) {
            return List.copyOf(predictions);
        }
    }

    /** Every line passed to {@link #log(String)} so far. */
    public List<String> logLines() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /** Makes {@link #cancelled()} return true, as the scheduler would on Ctrl-C. */
    public void cancel() {
        cancelled = true;
    }

    @Override
    public Path baseDir() {
        return baseDir;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public void log(String message) {
        log.add(message);
    }

    @Override
    public DeviceLease device() {
        return lease;
    }

    @Override
    public String stepName() {
        return "test-step";
    }

    @Override
    public String stepKey() {
        return "0".repeat(64);
    }

    @Override
    public Path outputDir() {
        return outputDir;
    }

    @Override
    public Path checkpointDir() {
        return checkpointDir;
    }

    @Override
    public ProgressReporter progress() {
        return ProgressReporter.none();
    }
    /** Checks each prediction as the runtime does (JSON values only, nulls kept; see {@code PredictionValues}) and keeps it. */
    @Override
    public PredictionSink predictions() {
        return p -> {
            PredictionValues.check(p);
            predictions.add(new LinkedHashMap<>(p));
        };
    }

    @Override
    public boolean cancelled() {
        return cancelled;
    }

    @Override
    public Optional<PhaseContext> phase() {
        return Optional.ofNullable(phase);
    }

    @Override
    public Optional<org.babylab.api.eval.EvaluatedModel> evaluatedModel() {
        return Optional.ofNullable(evaluated);
    }

    @Override
    public Inputs inputs() {
        return new Inputs() {
            @Override
            public Dataset dataset(String name) {
                return get(name, Dataset.class);
            }

            @Override
            public Tokenizer tokenizer(String name) {
                return get(name, Tokenizer.class);
            }

            @Override
            public LanguageModel model(String name) {
                return get(name, LanguageModel.class);
            }

            @Override
            public Curriculum curriculum(String name) {
                return get(name, Curriculum.class);
            }

            @Override
            public ChatTemplate chatTemplate(String name) {
                return get(name, ChatTemplate.class);
            }

            @Override
            public Set<String> names() {
                return inputs.keySet();
            }
        };
    }

    private <T> T get(String name, Class<T> type) {
        Object o = inputs.get(name);
        if (o == null) {
            throw new IllegalArgumentException("no input called '" + name + "'; registered: " + inputs.keySet());
        }
        if (!type.isInstance(o)) {
            throw new IllegalArgumentException(
                    "input '" + name + "' is a " + o.getClass().getSimpleName() + ", not a " + type.getSimpleName());
        }
        return type.cast(o);
    }

    /** Builds a {@link TestStepContext}. */
    public static final class Builder {
        private final Path root;
        private Path baseDir;
        private long seed = 42;
        private DeviceLease lease = DeviceLease.cpuOnly(1);
        private final Map<String, Object> inputs = new HashMap<>();
        private PhaseContext phase;
        private org.babylab.api.eval.EvaluatedModel evaluated;

        private Builder(Path root) {
            this.root = root;
            this.baseDir = root;
        }

        public Builder baseDir(Path dir) {
            this.baseDir = dir;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder device(DeviceLease lease) {
            this.lease = lease;
            return this;
        }

        public Builder dataset(String name, Dataset d) {
            inputs.put(name, d);
            return this;
        }

        public Builder tokenizer(String name, Tokenizer t) {
            inputs.put(name, t);
            return this;
        }

        public Builder model(String name, LanguageModel m) {
            inputs.put(name, m);
            return this;
        }

        public Builder curriculum(String name, Curriculum c) {
            inputs.put(name, c);
            return this;
        }

        public Builder chatTemplate(String name, ChatTemplate t) {
            inputs.put(name, t);
            return this;
        }
        /** Makes the context a step of one curriculum phase, as the planner does for a stage with a curriculum; null for none. */
        public Builder phase(PhaseContext p) {
            this.phase = p;
            return this;
        }
        /** Makes the context an evaluation step of the model {@code name} with store key {@code key}, as the runtime does. */
        public Builder evaluatedModel(String name, String key) {
            this.evaluated = new org.babylab.api.eval.EvaluatedModel(name, key);
            return this;
        }

        public TestStepContext build() {
            return new TestStepContext(this);
        }
    }
}
