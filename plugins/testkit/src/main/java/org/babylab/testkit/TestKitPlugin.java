package org.babylab.testkit;

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
import org.babylab.api.data.Dataset;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.spi.DatasetFactory;
import org.babylab.api.spi.ModelFactory;
import org.babylab.api.step.ComponentContext;
import org.babylab.api.step.LoadContext;
import org.babylab.api.step.StepContext;

/**
 * The components {@link TestStudy} adds to every study it runs, so a plugin's study tests need no
 * built-in plugin (no PyTorch, no downloads):
 *
 * <pre>{@code
 * datasets:
 *   corpus: {type: testkit-lines, path: corpus.txt}          # one text per line
 * models:
 *   tiny:   {type: testkit-char-bigram, train_on: corpus}    # a CharBigramModel
 * }</pre>
 *
 * Not listed in {@code META-INF/services}: it never appears in a real installation.
 */
public final class TestKitPlugin implements Plugin {
    /** The dataset type: the lines of one text file. */
    public static final String LINES = "testkit-lines";
    /** The model type: a {@link CharBigramModel} counted from a dataset. */
    public static final String CHAR_BIGRAM = "testkit-char-bigram";

    @Override
    public String name() {
        return "babylab-testkit";
    }

    @Override
    public String apiVersion() {
        return BabyLabApi.VERSION;
    }

    @Override
    public String version() {
        return BabyLabApi.VERSION;
    }

    @Override
    public List<DatasetFactory<?>> datasets() {
        return List.of(new LinesFactory());
    }

    @Override
    public List<ModelFactory<?>> models() {
        return List.of(new CharBigramFactory());
    }

    /** Config of {@value #LINES}. */
    @Doc("The lines of one UTF-8 text file, each a document.")
    public record LinesConfig(
            @Required @Doc("the text file, relative to the experiment")
            String path) {}

    /** Config of {@value #CHAR_BIGRAM}. */
    @Doc("A character bigram with add-one smoothing, for tests.")
    public record CharBigramConfig(
            @Required @Ref(ComponentKind.DATASET) @Doc("the dataset to count")
            String trainOn) {}

    static final class LinesFactory implements DatasetFactory<LinesConfig> {
        @Override
        public String type() {
            return LINES;
        }

        @Override
        public Class<LinesConfig> configType() {
            return LinesConfig.class;
        }

        @Override
        public List<Path> inputFiles(LinesConfig c, Path baseDir) {
            return List.of(baseDir.resolve(c.path()));
        }

        @Override
        public Dataset create(LinesConfig config, ComponentContext context) throws IOException {
            Path file = context.resolve(config.path());
            if (!Files.isRegularFile(file)) {
                throw new IOException("dataset file " + file + " does not exist");
            }
            return new Dataset() {
                @Override
                public List<Path> files() {
                    return List.of(file);
                }

                @Override
                public String fingerprint() throws IOException {
                    try {
                        return HexFormat.of()
                                .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
                    } catch (NoSuchAlgorithmException e) {
                        throw new IllegalStateException("the JDK has no SHA-256", e);
                    }
                }

                @Override
                public Stream<String> texts() {
                    try {
                        return Files.readAllLines(file).stream().filter(l -> !l.isBlank());
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
                    }
                }

                @Override
                public Stream<Map<String, Object>> records() {
                    return texts().map(t -> Map.of("text", t));
                }
            };
        }
    }

    static final class CharBigramFactory implements ModelFactory<CharBigramConfig> {
        @Override
        public String type() {
            return CHAR_BIGRAM;
        }

        @Override
        public Class<CharBigramConfig> configType() {
            return CharBigramConfig.class;
        }

        @Override
        public LanguageModel create(CharBigramConfig config, StepContext context) throws Exception {
            try (Stream<String> texts =
                    context.inputs().dataset(config.trainOn()).texts()) {
                return CharBigramModel.train(texts.toList());
            }
        }

        @Override
        public LanguageModel load(CharBigramConfig config, Path dir, LoadContext context) throws IOException {
            return CharBigramModel.load(dir);
        }
    }
}
