package org.babylab.api.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Turns text into token ids and back.
 *
 * <p>Implementations are immutable once built and safe for concurrent use.
 */
public interface Tokenizer {

    /**
     * Encodes {@code text} without adding any special token (no BOS or EOS): callers that want them
     * prepend {@link #bosId()} themselves, so scoring code decides exactly what is conditioned on.
     *
     * @param text non-null text, possibly empty
     * @return the ids with each token's character span in {@code text}
     */
    Encoding encode(String text);

    /** Decodes ids back to text. Special tokens are dropped. */
    String decode(int[] ids);

    /** The number of distinct ids; every id is in {@code [0, vocabSize())}. */
    int vocabSize();

    /** The beginning-of-sequence token, if the tokenizer has one. */
    OptionalInt bosId();

    /** The end-of-sequence token, if the tokenizer has one. */
    OptionalInt eosId();

    /** The padding token, if the tokenizer has one. */
    default OptionalInt padId() {
        return OptionalInt.empty();
    }

    /** Looks up a special or ordinary token by its string form, e.g. {@code "<|user|>"}. */
    default OptionalInt tokenId(String token) {
        return OptionalInt.empty();
    }

    /** Writes everything {@code load} needs into {@code dir} (which exists and is empty). */
    void save(Path dir) throws IOException;
}
