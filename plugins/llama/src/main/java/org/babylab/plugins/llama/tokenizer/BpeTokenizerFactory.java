package org.babylab.plugins.llama.tokenizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.babylab.api.model.Tokenizer;
import org.babylab.api.spi.TokenizerFactory;
import org.babylab.api.step.LoadContext;
import org.babylab.api.step.StepContext;

/**
 * The {@code bpe} tokenizer type: trains a byte-level BPE tokenizer on a dataset with
 * {@link ByteLevelBpeTrainer}, or loads an existing {@code tokenizer.json}. Stateless, thread-safe.
 */
public final class BpeTokenizerFactory implements TokenizerFactory<BpeConfig> {

    @Override
    public String type() {
        return "bpe";
    }

    @Override
    public Class<BpeConfig> configType() {
        return BpeConfig.class;
    }

    /** BPE merges are learnt deterministically: every seed of a seed sweep shares one tokenizer. */
    @Override
    public boolean usesSeed() {
        return false;
    }

    @Override
    public String description() {
        return "Byte-level BPE tokenizer trained in Java, saved as a Hugging Face tokenizer.json";
    }

    @Override
    public List<Path> inputFiles(BpeConfig config, Path baseDir) {
        if (config.path() == null) {
            return List.of();
        }
        Path p = baseDir.resolve(config.path()).normalize();
        return List.of(Files.isDirectory(p) ? p.resolve(BpeTokenizer.FILE_NAME) : p);
    }

    @Override
    public Tokenizer create(BpeConfig config, StepContext context) throws IOException {
        if (config.path() != null) {
            Path file = context.resolve(config.path());
            BpeTokenizer t = BpeTokenizer.load(file);
            if (t.vocabSize() != config.vocabSize()) {
                throw new IllegalArgumentException("vocab_size " + config.vocabSize() + " does not match the "
                        + t.vocabSize() + " tokens of " + file + "; set vocab_size: " + t.vocabSize());
            }
            return t;
        }
        ByteLevelBpeTrainer trainer =
                new ByteLevelBpeTrainer(config.vocabSize(), config.minFrequency(), SpecialTokens.ALL);
        context.progress().start("count words", "docs", 0);
        long[] nonBlank = {0};
        try (Stream<String> texts = context.inputs().dataset(config.trainOn()).texts()) {
            texts.forEach(doc -> {
                trainer.addDocument(doc);
                if (!doc.isBlank()) {
                    nonBlank[0]++;
                }
                context.progress().advance(1);
            });
        }
        if (nonBlank[0] == 0) {
            // A tokenizer of bytes only would be trained silently and every model after it would be useless.
            throw new IllegalArgumentException("bpe: dataset '" + config.trainOn()
                    + "' has no text to train on (it is empty or" + " all blank); check its paths and files");
        }
        long t0 = System.nanoTime();
        BpeVocabulary vocab = trainer.train();
        context.log(String.format(
                "bpe: %d tokens (%d merges) trained in %.1f s",
                vocab.vocab().size(), vocab.merges().size(), (System.nanoTime() - t0) / 1e9));
        if (vocab.vocab().size() < config.vocabSize()) {
            context.log("bpe: the data supports only " + vocab.vocab().size() + " tokens at min_frequency "
                    + config.minFrequency() + "; vocab_size " + config.vocabSize() + " was not reached");
        }
        return BpeTokenizer.of(vocab);
    }

    @Override
    public Tokenizer load(BpeConfig config, Path dir, LoadContext context) throws IOException {
        return BpeTokenizer.load(dir);
    }
}
