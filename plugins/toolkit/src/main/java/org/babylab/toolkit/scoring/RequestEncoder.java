package org.babylab.toolkit.scoring;

import java.util.Arrays;
import java.util.OptionalInt;
import org.babylab.api.model.Encoding;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.model.Tokenizer;

/**
 * Turns a {@link ContinuationRequest} into token ids and the positions whose log-probs make its score.
 *
 * <p>The rule, shared by every scorer so they agree by construction:
 * <ol>
 *   <li>The sequence is {@code [BOS] + encode(context + continuation)}; BOS only when the tokenizer
 *       has one ({@link Tokenizer#encode} adds no special token itself).</li>
 *   <li>The continuation's tokens are those whose character span overlaps the continuation's
 *       characters, i.e. ends after the context ends (the BabyLM pipeline's {@code end > start}
 *       test), plus zero-width tokens placed inside the continuation. A token straddling the
 *       boundary, such as {@code " the"} after a context ending in a space, counts as continuation.</li>
 *   <li>Without BOS the first token of the sequence has no log-prob ({@code lp[0]} is NaN) and is
 *       left out of the sum; the score records that it was.</li>
 *   <li>Longer than {@link LanguageModel#maxSequenceLength()}: the oldest context tokens are dropped
 *       (BOS is kept) until it fits. If the scored tokens plus one conditioning token still do not
 *       fit, the request is rejected: a truncated continuation would not be comparable with its
 *       alternatives.</li>
 * </ol>
 * Under {@link ScoringRules#PIPELINE} the rules are the BabyLM pipeline's instead: BOS only when
 * asked for ({@code bos: true}), the strict {@code end > start} boundary (a zero-width token exactly
 * at the boundary is not scored), the start shifted by the first token's start offset when there is
 * no BOS (the pipeline's {@code offset_mapping[0][0]}), and no truncation (an over-long request is an
 * error, since the pipeline reads the whole text).
 * Immutable and thread-safe.
 */
public final class RequestEncoder {
    private final Tokenizer tokenizer;
    private final int maxLength;
    private final OptionalInt bos;
    private final ScoringRules rules;

    /** BabyLab's rules: BOS whenever the tokenizer has one. */
    public RequestEncoder(LanguageModel model) {
        this(model, ScoringRules.BABYLAB, null);
    }

    /**
     * An encoder for {@code rules}.
     *
     * @param useBos whether to prepend the tokenizer's BOS token; null for the rule set's default
     *     (BabyLab: when the tokenizer has one; pipeline: never, as the exported Hugging Face
     *     tokenizer adds none)
     * @throws IllegalArgumentException if BOS is asked for and the tokenizer has none
     */
    public RequestEncoder(LanguageModel model, ScoringRules rules, Boolean useBos) {
        this.tokenizer = model.tokenizer();
        this.maxLength = model.maxSequenceLength();
        this.rules = java.util.Objects.requireNonNull(rules, "rules");
        boolean wanted = useBos != null ? useBos : rules == ScoringRules.BABYLAB;
        if (Boolean.TRUE.equals(useBos) && tokenizer.bosId().isEmpty()) {
            throw new IllegalArgumentException(
                    "bos: true, but the model's tokenizer has no BOS token; remove the key or set bos: false");
        }
        this.bos = wanted ? tokenizer.bosId() : OptionalInt.empty();
        if (maxLength < 2) {
            throw new IllegalArgumentException(
                    "the model's maxSequenceLength must be >= 2 to score anything, got " + maxLength);
        }
    }

    /** True when a BOS token is prepended, so it conditions the first real token. */
    public boolean hasBos() {
        return bos.isPresent();
    }

    /** The rule set this encoder follows. */
    public ScoringRules rules() {
        return rules;
    }

    /** The BOS id prepended to every sequence, if any. */
    public OptionalInt bosId() {
        return bos;
    }

    /**
     * The token sequence the model reads for {@code request} and the positions whose log-probs make
     * its score, under this encoder's rules (see the class comment).
     *
     * @throws IllegalArgumentException if the request cannot be scored within the model's maximum length
     */
    public EncodedRequest encode(ContinuationRequest request) {
        String text = request.fullText();
        int spanStart = request.context().length();
        Encoding enc = tokenizer.encode(text);
        int n = enc.length();
        boolean pipeline = rules == ScoringRules.PIPELINE;
        if (pipeline && bos.isEmpty() && n > 0) {
            // The pipeline adds offset_mapping[0][0] to the start: non-zero when a tokenizer's first
            // token does not start at 0 (leading whitespace it trims) and no BOS stands in front.
            spanStart += enc.starts()[0];
        }
        int firstScored = n; // index into enc of the first continuation token
        for (int i = 0; i < n; i++) {
            boolean overlaps = enc.ends()[i] > spanStart;
            // BabyLab scores a zero-width token placed at or after the boundary; the pipeline's
            // strict end > start test leaves one exactly at the boundary out.
            boolean zeroWidthInside = !pipeline && enc.starts()[i] == enc.ends()[i] && enc.starts()[i] >= spanStart;
            if (overlaps || zeroWidthInside) {
                firstScored = i;
                break;
            }
        }
        int offset = bos.isPresent() ? 1 : 0;
        int[] seq = new int[n + offset];
        if (offset == 1) {
            seq[0] = bos.getAsInt();
        }
        System.arraycopy(enc.ids(), 0, seq, offset, n);
        int from = firstScored + offset;
        int to = n + offset;
        boolean firstDropped = false;
        if (from == 0) { // no BOS and the continuation starts the sequence: nothing conditions token 0
            from = 1;
            firstDropped = true;
        }
        if (from >= to) {
            // No token overlaps the continuation (it is whitespace the tokenizer drops, or the lone
            // first token of a BOS-less sequence): nothing to score, and no need to call the model.
            return new EncodedRequest(new int[0], 0, 0, firstDropped);
        }
        if (seq.length > maxLength) {
            if (pipeline) {
                throw new IllegalArgumentException(
                        "cannot score \"" + abbreviate(request.fullText()) + "\" under rules: pipeline: its "
                                + seq.length + " tokens exceed the model's maxSequenceLength " + maxLength
                                + "; the pipeline never truncates (use the default rules, which drop the oldest context tokens)");
            }
            return truncate(request, seq, from, to, firstDropped);
        }
        return new EncodedRequest(seq, from, to, firstDropped);
    }

    private EncodedRequest truncate(ContinuationRequest request, int[] seq, int from, int to, boolean firstDropped) {
        int keepHead = bos.isPresent() ? 1 : 0;
        int excess = seq.length - maxLength;
        // Dropping context tokens after the head shifts everything; at least one token must still
        // precede the first scored one.
        int droppable = from - keepHead - 1;
        if (excess > droppable) {
            throw new IllegalArgumentException("cannot score continuation \"" + abbreviate(request.continuation())
                    + "\": its " + (to - from) + " tokens plus context do not fit the model's maxSequenceLength "
                    + maxLength + " even after dropping the context");
        }
        int[] cut = new int[maxLength];
        System.arraycopy(seq, 0, cut, 0, keepHead);
        System.arraycopy(seq, keepHead + excess, cut, keepHead, seq.length - keepHead - excess);
        return new EncodedRequest(cut, from - excess, to - excess, firstDropped);
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    static boolean startsWith(int[] longer, int[] prefix) {
        return longer.length >= prefix.length && Arrays.equals(longer, 0, prefix.length, prefix, 0, prefix.length);
    }
}
