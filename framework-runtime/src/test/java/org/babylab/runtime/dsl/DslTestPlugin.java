package org.babylab.runtime.dsl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.babylab.api.BabyLabApi;
import org.babylab.api.ComponentKind;
import org.babylab.api.Plugin;
import org.babylab.api.config.Doc;
import org.babylab.api.config.Ref;
import org.babylab.api.config.Required;
import org.babylab.api.curriculum.Curriculum;
import org.babylab.api.curriculum.CurriculumPhase;
import org.babylab.api.curriculum.OrderManifest;
import org.babylab.api.data.Dataset;
import org.babylab.api.eval.Evaluator;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.spi.CurriculumFactory;
import org.babylab.api.spi.DatasetFactory;
import org.babylab.api.spi.EvaluatorFactory;
import org.babylab.api.spi.ModelFactory;
import org.babylab.api.spi.TrainingStageFactory;
import org.babylab.api.step.ComponentContext;
import org.babylab.api.step.LoadContext;
import org.babylab.api.step.StepContext;

/**
 * The components the DSL tests declare. Their configs exercise every binding rule (required keys,
 * defaults, validation naming the key, references of each kind, enums, nested records, paths).
 * The dataset and curriculum work for real; the model, stage and evaluator exist for their configs
 * only: the DSL never creates components, and they say so if called.
 */
public final class DslTestPlugin implements Plugin {

    public enum Format {
        TEXT,
        JSONL
    }

    public enum TiePolicy {
        WRONG,
        HALF
    }

    @Doc("a text dataset, one document per line")
    public record TextConfig(
            @Required @Doc("files to read, relative to the experiment file")
            List<String> paths,

            @Doc("how lines are read") Format format,
            @Doc("read at most this many lines") Integer limit) {
        public TextConfig {
            format = format == null ? Format.TEXT : format;
            if (limit != null && limit < 1) {
                throw new IllegalArgumentException("limit must be >= 1, got " + limit);
            }
        }
    }

    @Doc("an n-gram model")
    public record NgramConfig(
            @Doc("the n of the n-gram, 1 to 10") Integer order,

            @Required @Ref(ComponentKind.DATASET) @Doc("the dataset to count")
            String trainOn,

            @Doc("absolute discount in (0, 1)") Double discount) {
        public NgramConfig {
            order = order == null ? 3 : order;
            if (order < 1 || order > 10) {
                throw new IllegalArgumentException("order must be between 1 and 10, got " + order);
            }
            discount = discount == null ? 0.75 : discount;
        }
    }

    @Doc("a learning-rate schedule")
    public record Schedule(
            @Doc("warmup steps") Integer warmup,
            @Doc("the decay shape") Decay decay) {
        public enum Decay {
            LINEAR,
            COSINE
        }

        public Schedule {
            warmup = warmup == null ? 0 : warmup;
            decay = decay == null ? Decay.LINEAR : decay;
        }
    }

    @Doc("fine-tunes a model on a curriculum")
    public record FinetuneConfig(
            @Required @Ref(ComponentKind.MODEL) @Doc("the model to start from")
            String from,

            @Ref(ComponentKind.CURRICULUM) @Doc("what to train on")
            String curriculum,

            @Doc("learning rate") Double lr,
            @Doc("the schedule") Schedule schedule,
            @Doc("where to copy the final model, optional") Path exportTo) {
        public FinetuneConfig {
            lr = lr == null ? 1.0e-4 : lr;
            if (lr <= 0) {
                throw new IllegalArgumentException("lr must be > 0, got " + lr);
            }
            schedule = schedule == null ? new Schedule(null, null) : schedule;
        }
    }

    @Doc("phases over datasets")
    public record PhasesConfig(
            @Required @Ref(ComponentKind.DATASET) @Doc("one phase per dataset, in order")
            List<String> datasets) {}

    @Doc("minimal pairs")
    public record PairsConfig(
            @Required @Doc("the pairs file") String path,
            @Doc("how ties count") TiePolicy ties,
            @Doc("per-group labels") Map<String, String> labels) {
        public PairsConfig {
            ties = ties == null ? TiePolicy.WRONG : ties;
        }
    }

    static final class TextFactory implements DatasetFactory<TextConfig> {
        @Override
        public String type() {
            return "test-text";
        }

        @Override
        public Class<TextConfig> configType() {
            return TextConfig.class;
        }

        @Override
        public String description() {
            return "lines of text files";
        }

        @Override
        public Dataset create(TextConfig config, ComponentContext context) {
            List<Path> files = config.paths().stream().map(context::resolve).toList();
            return new Dataset() {
                @Override
                public List<Path> files() {
                    return files;
                }

                @Override
                public String fingerprint() throws IOException {
                    try {
                        MessageDigest md = MessageDigest.getInstance("SHA-256");
                        for (Path f : files) {
                            md.update(Files.readAllBytes(f));
                        }
                        return HexFormat.of().formatHex(md.digest());
                    } catch (NoSuchAlgorithmException e) {
                        throw new IllegalStateException(e);
                    }
                }

                @Override
                public Stream<String> texts() {
                    Stream<String> lines = files.stream().flatMap(f -> {
                        try {
                            return Files.lines(f);
                        } catch (IOException e) {
                            throw new UncheckedIOException("cannot read " + f, e);
                        }
                    });
                    return config.limit() == null ? lines : lines.limit(config.limit());
                }

                @Override
                public Stream<Map<String, Object>> records() {
                    return texts().map(t -> Map.of("text", t));
                }
            };
        }
    }

    static final class NgramFactory implements ModelFactory<NgramConfig> {
        @Override
        public String type() {
            return "test-ngram";
        }

        @Override
        public Class<NgramConfig> configType() {
            return NgramConfig.class;
        }

        @Override
        public LanguageModel create(NgramConfig config, StepContext context) {
            throw new UnsupportedOperationException(
                    "test-ngram only declares a config for the DSL tests; it does not train");
        }

        @Override
        public LanguageModel load(NgramConfig config, Path dir, LoadContext context) {
            throw new UnsupportedOperationException(
                    "test-ngram only declares a config for the DSL tests; it has nothing to load");
        }
    }

    static final class FinetuneFactory implements TrainingStageFactory<FinetuneConfig> {
        @Override
        public String type() {
            return "test-finetune";
        }

        @Override
        public Class<FinetuneConfig> configType() {
            return FinetuneConfig.class;
        }

        @Override
        public LanguageModel create(FinetuneConfig config, StepContext context) {
            throw new UnsupportedOperationException(
                    "test-finetune only declares a config for the DSL tests; it does not train");
        }
    }

    static final class PhasesFactory implements CurriculumFactory<PhasesConfig> {
        @Override
        public String type() {
            return "test-phases";
        }

        @Override
        public Class<PhasesConfig> configType() {
            return PhasesConfig.class;
        }

        @Override
        public Curriculum create(PhasesConfig config, ComponentContext context) {
            List<CurriculumPhase> phases = config.datasets().stream()
                    .map(d -> new CurriculumPhase(d, List.of(d), Map.of(), null))
                    .toList();
            return new Curriculum() {
                @Override
                public List<CurriculumPhase> phases() {
                    return phases;
                }

                /** Each phase is its one dataset in file order. */
                @Override
                public OrderManifest order(int phase, Map<String, Integer> sizes, long seed) {
                    String d = phases.get(phase).datasets().get(0);
                    int n = sizes.get(d);
                    return new OrderManifest(
                            List.of(d),
                            new int[n],
                            java.util.stream.IntStream.range(0, n).toArray(),
                            new int[] {n});
                }
            };
        }
    }

    static final class PairsFactory implements EvaluatorFactory<PairsConfig> {
        @Override
        public String type() {
            return "test-pairs";
        }

        @Override
        public Class<PairsConfig> configType() {
            return PairsConfig.class;
        }

        @Override
        public Evaluator create(PairsConfig config, ComponentContext context) {
            throw new UnsupportedOperationException(
                    "test-pairs only declares a config for the DSL tests; it does not score");
        }
    }

    @Override
    public String name() {
        return "dsl-test";
    }

    @Override
    public String apiVersion() {
        return BabyLabApi.VERSION;
    }

    @Override
    public List<DatasetFactory<?>> datasets() {
        return List.of(new TextFactory());
    }

    @Override
    public List<ModelFactory<?>> models() {
        return List.of(new NgramFactory());
    }

    @Override
    public List<TrainingStageFactory<?>> stages() {
        return List.of(new FinetuneFactory());
    }

    @Override
    public List<CurriculumFactory<?>> curricula() {
        return List.of(new PhasesFactory());
    }

    @Override
    public List<EvaluatorFactory<?>> evaluators() {
        return List.of(new PairsFactory());
    }
}
